"""The shipped exercises, loaded and cross-checked.

A file can match the schema and still be wrong: a card held by a role nobody plays, two rounds
at the same moment, a citation to a section the guidance register does not list, a case setting
the simulation does not know. Those checks need the whole file (and the register, and the
model's parameter list), so they live here; each failure names the file and the field.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from exercises.models import Exercise
from scenarios.errors import Problem, ScenarioError, UnknownIdError
from scenarios.library import LIBRARY_DIR as CASE_LIBRARY_DIR
from scenarios.loader import load
from scenarios.models import GuidanceRegister
from simulations.errors import ParameterError
from simulations.presets import preset_params

EXERCISES_DIR = Path(__file__).parent / "library"


def _repeated(ids: list[str]) -> list[str]:
    return sorted({i for i in ids if ids.count(i) > 1})


def _citations(exercise: Exercise) -> Iterable[tuple[str, str]]:
    yield "source.citation", exercise.source.citation
    for i, setting in enumerate(exercise.case_settings):
        for c in setting.citations:
            yield f"case_settings.{i}.citations", c
    for i, card in enumerate(exercise.cards):
        for c in card.citations:
            yield f"cards.{i}.citations", c
    for c in exercise.debrief.citations:
        yield "debrief.citations", c


def _check_ids(exercise: Exercise) -> list[Problem]:
    problems = []
    for group in ("rounds", "roles", "cards"):
        repeated = _repeated([item.id for item in getattr(exercise, group)])
        if repeated:
            problems.append(Problem(group, f"unique ids; repeated: {', '.join(repeated)}"))
    roles = {role.id for role in exercise.roles}
    for i, card in enumerate(exercise.cards):
        for field in ("held_by", "must_reach"):
            if getattr(card, field) not in roles:
                problems.append(Problem(f"cards.{i}.{field}", f"a role of this exercise ({', '.join(sorted(roles))}); "
                                                             f"got {getattr(card, field)!r}"))
    last = 0.0
    for i, round_ in enumerate(exercise.rounds):
        if round_.at_hours <= last:
            problems.append(Problem(f"rounds.{i}.at_hours", "rounds in time order, each later than the last"))
        last = round_.at_hours
    return problems


def _check_citations(exercise: Exercise, register: GuidanceRegister) -> list[Problem]:
    sections = {d.key: set(d.section_names) for d in register.documents}
    problems = []
    for where, citation in _citations(exercise):
        key, _, section = citation.partition(" §")
        if key not in sections:
            problems.append(Problem(where, f"a guidance key ({', '.join(sorted(sections))}); got {key!r}"))
        elif section not in sections[key]:
            problems.append(Problem(where, f"a section of {key} listed in guidance.yaml; got {section!r}"))
    return problems


def _check_settings(exercise: Exercise) -> list[Problem]:
    problems = []
    for i, setting in enumerate(exercise.case_settings):
        try:
            preset_params("practice-2016", **{setting.parameter: setting.value})
        except ParameterError as exc:
            problems.append(Problem(f"case_settings.{i}", f"a setting the simulation accepts ({exc})"))
    if not problems:  # each value alone may pass and the pair still clash (e.g. ages the wrong way round)
        try:
            case_params("practice-2016", exercise)
        except ParameterError as exc:
            problems.append(Problem("case_settings", f"settings the simulation accepts together ({exc})"))
    return problems


def case_params(preset: str, exercise: Exercise, **changes: float):
    """A preset's parameters with the case's own facts, then ``changes``, applied."""
    settings = {s.parameter: s.value for s in exercise.case_settings}
    return preset_params(preset, **(settings | changes))


def check_exercise(exercise: Exercise, file: str, register: GuidanceRegister) -> Exercise:
    problems = _check_ids(exercise) + _check_citations(exercise, register) + _check_settings(exercise)
    if problems:
        raise ScenarioError(file, problems)
    return exercise


def load_exercise(path: Path) -> Exercise:
    """Read, validate and cross-check one exercise file."""
    register = load(CASE_LIBRARY_DIR / "guidance.yaml", GuidanceRegister)
    return check_exercise(load(Path(path), Exercise), str(path), register)


def load_exercises(files: Iterable[Path] | None = None) -> dict[str, Exercise]:
    """Every shipped exercise (or the given files), by id."""
    paths = sorted(EXERCISES_DIR.glob("*.yaml")) if files is None else [Path(f) for f in files]
    exercises: dict[str, Exercise] = {}
    for path in paths:
        exercise = load_exercise(path)
        if exercise.id in exercises:
            raise ScenarioError(str(path), [Problem("id", f"a unique exercise id; {exercise.id!r} is used twice")])
        exercises[exercise.id] = exercise
    return exercises


@cache
def shipped_exercises() -> dict[str, Exercise]:
    return load_exercises()


def shipped_exercise(exercise_id: str) -> Exercise:
    try:
        return shipped_exercises()[exercise_id]
    except KeyError:
        raise UnknownIdError(f"unknown exercise {exercise_id!r}; known: {', '.join(shipped_exercises())}") from None
