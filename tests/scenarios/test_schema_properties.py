"""Property-based: every malformed scenario document gives the one error type, naming the file
and the field that is wrong. Each property runs 1,000 generated documents."""

from __future__ import annotations

import copy

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from scenarios.errors import ScenarioError
from scenarios.library import CASES_DIR
from scenarios.loader import parse
from scenarios.models import Scenario

VALID = yaml.safe_load((CASES_DIR / "kim.yaml").read_text())
FILE = "cases/generated.yaml"
# Keys that have no default in the schema: deleting one must be reported.
OPTIONAL = {"illustrative", "indicators", "assessment_only", "history"}
MANY = settings(max_examples=1000, deadline=None)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _paths(node, prefix=()):
    """Every (path, value) in a nested document."""
    yield prefix, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*prefix, i))


ALL_PATHS = [p for p, _ in _paths(VALID) if p]
DELETABLE = [
    p for p in ALL_PATHS
    if isinstance(p[-1], str) and p[-1] not in OPTIONAL and not (p[-1] == "citations" and "options" in p)
]
MAPPINGS = [p for p, v in _paths(VALID) if isinstance(v, dict)]


def _set(doc, path, value):
    target = doc
    for part in path[:-1]:
        target = target[part]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value


_DELETE = object()


def _dotted(path) -> str:
    return ".".join(map(str, path))


def _check(doc, expected_field: str):
    text = yaml.dump(doc, Dumper=_DUMPER, allow_unicode=True)
    try:
        parse(text, Scenario, FILE)
    except ScenarioError as err:
        assert err.file == FILE and FILE in str(err)
        assert any(f == expected_field or f.startswith(expected_field + ".") for f in err.fields), (
            expected_field, err.fields)
    else:
        raise AssertionError(f"accepted a document with {expected_field} broken")


@MANY
@given(st.sampled_from(DELETABLE))
def test_missing_required_field_is_named(path):
    doc = copy.deepcopy(VALID)
    _set(doc, path, _DELETE)
    # Deleting a list element's only required key reports that key; deleting a whole list
    # reports the list.
    _check(doc, _dotted(path))


@MANY
@given(st.sampled_from(ALL_PATHS), st.sampled_from([{"nested": [1]}, [[]], {"a": {"b": None}}]))
def test_wrong_type_is_named(path, wrong):
    doc = copy.deepcopy(VALID)
    original = doc
    for part in path:
        original = original[part]
    if isinstance(original, list) and isinstance(wrong, list):
        wrong = {"nested": [1]}  # a list of lists could be read as a list of wrong items; keep it a type error
    _set(doc, path, wrong)
    _check(doc, _dotted(path))


@MANY
@given(st.sampled_from(MAPPINGS), st.from_regex(r"[a-z_]{3,12}", fullmatch=True))
def test_unknown_key_is_named(path, key):
    doc = copy.deepcopy(VALID)
    target = doc
    for part in path:
        target = target[part]
    if key in target:
        key = key + "_x"
    target[key] = "surprise"
    _check(doc, _dotted((*path, key)))


@MANY
@given(st.one_of(
    st.text(min_size=1).map(lambda t: "id: kim\nstages: [" + t),
    st.text(min_size=1).map(lambda t: "\t" + t + ": :\n  - ]"),
    st.integers().map(str),
    st.lists(st.integers(), min_size=1).map(yaml.safe_dump),
))
def test_bad_yaml_or_not_a_mapping_gives_one_error_type(text):
    try:
        parse(text, Scenario, FILE)
    except ScenarioError as err:
        assert err.file == FILE and err.problems
        assert err.fields[0] in {"<yaml>", ""} or err.fields  # a YAML problem, or the fields that are wrong
    else:
        raise AssertionError("accepted malformed text")
