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


def _error_fields(text: str) -> list[str]:
    """The fields the one ScenarioError names for malformed ``text`` (which must be refused)."""
    try:
        parse(text, Scenario, FILE)
    except ScenarioError as err:
        assert err.file == FILE and FILE in str(err) and err.problems
        return err.fields
    raise AssertionError(f"accepted malformed text {text!r}")


def _check(doc, expected_field: str):
    fields = _error_fields(yaml.dump(doc, Dumper=_DUMPER, allow_unicode=True))
    assert any(f == expected_field or f.startswith(expected_field + ".") for f in fields), (expected_field, fields)


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
    # A flow list that is never closed: nothing in the rest can close it without a "]".
    st.text(min_size=1).filter(lambda t: "]" not in t).map(lambda t: "id: kim\nstages: [" + t),
    # A tab where YAML allows none: before the first key.
    st.text(min_size=1).map(lambda t: "\t" + t + ": :\n  - ]"),
))
def test_bad_yaml_is_one_yaml_problem(text):
    assert _error_fields(text) == ["<yaml>"]


@MANY
@given(st.one_of(
    st.integers().map(str),
    st.lists(st.integers(), min_size=1).map(yaml.safe_dump),
    st.from_regex(r"[a-z][a-z ]{0,20}", fullmatch=True),  # a plain sentence: one string
))
def test_a_document_that_is_not_a_mapping_is_one_problem_with_the_whole_file(text):
    assert _error_fields(text) == [""]
