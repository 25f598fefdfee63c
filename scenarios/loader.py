"""Reading one YAML file into one model, turning every failure into a ScenarioError.

Kept apart from the models so that the same translation serves scenarios, the action
catalogue, the risk scale and the guidance register.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from scenarios.errors import Problem, ScenarioError

M = TypeVar("M", bound=BaseModel)
# libyaml's C parser is several times faster; notebooks and graders load the library often.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _field_path(location: tuple) -> str:
    # pydantic puts a tagged union's tag (a question's kind) into the location right after the
    # list position; a course lead thinks in fields, so keep only names and list positions.
    parts = [
        str(part) for i, part in enumerate(location)
        if not (i >= 2 and location[i - 2] == "questions" and isinstance(location[i - 1], int))
    ]
    return ".".join(parts)


def _location(error: dict) -> str:
    path = _field_path(error["loc"])
    # A missing or unknown question kind is reported by pydantic at the question; the field at
    # fault is its `kind`.
    if error["type"] in ("union_tag_not_found", "union_tag_invalid"):
        path = f"{path}.kind"
    return path


def _describe(error: dict) -> str:
    if error["type"] == "union_tag_not_found":
        return "required field is missing ('risk' or 'actions')"
    if error["type"] == "extra_forbidden":
        return "unknown field (not part of the schema)"
    if error["type"] == "missing":
        return "required field is missing"
    given = error.get("input")
    shown = repr(given) if not isinstance(given, dict | list) else type(given).__name__
    return f"{error['msg']} (got {shown[:60]})"


def parse_yaml(text: str, file: str) -> object:
    """The data in YAML ``text``, or a ScenarioError naming ``file`` and the line at fault."""
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(exc, "problem", None) or "unreadable"
        raise ScenarioError(file, [Problem("<yaml>", f"valid YAML; {reason}{where}")]) from None


def parse(text: str, model: type[M], file: str) -> M:
    """Validate YAML ``text`` as ``model``; ``file`` names it in any error."""
    data = parse_yaml(text, file)
    if not isinstance(data, dict):
        raise ScenarioError(file, [Problem("", f"a mapping of fields (got {type(data).__name__})")])
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = [Problem(_location(e), _describe(e)) for e in exc.errors()]
        raise ScenarioError(file, problems) from None


def load(path: Path, model: type[M]) -> M:
    """Read and validate one file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError(str(path), [Problem("", f"a readable UTF-8 file ({exc})")]) from None
    return parse(text, model, str(path))
