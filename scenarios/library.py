"""The whole case library, loaded and cross-checked.

A file can be valid on its own and still wrong in the library: a citation to a section the
register does not list, an action id nobody defined, an action question with nothing harmful
to avoid. Those checks need every file at once, so they live here.

:func:`shipped_library` is what notebooks, graders and commands use: checked once, then kept by
:mod:`scenarios.library_cache` until a file changes. The YAML loader and the ledger checks are
imported only when the library is really loaded from YAML, so a process served from the cache
(an autograded notebook's kernel) does not pay for them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pydantic

from scenarios.errors import Problem, ScenarioError, UnknownIdError
from scenarios.library_cache import cache_key, cached
from scenarios.library_files import CASES_DIR, LIBRARY_DIR, library_inputs
from scenarios.models import (
    Action,
    ActionCatalogue,
    ActionQuestion,
    GuidanceRegister,
    Rating,
    RiskLevel,
    RiskQuestion,
    RiskRule,
    RiskScale,
    Scenario,
)


@dataclass(frozen=True)
class Library:
    """Scenarios, actions, the risk scale and the guidance register, all checked together."""

    guidance: GuidanceRegister
    risk_scale: RiskScale
    actions: dict[str, Action]
    scenarios: dict[str, Scenario]
    files: dict[str, str] = field(default_factory=dict, compare=False)  # scenario id -> file

    # -- look-ups that name what is missing, for the CLI and the rubric
    def scenario(self, scenario_id: str) -> Scenario:
        try:
            return self.scenarios[scenario_id]
        except KeyError:
            raise UnknownIdError(f"unknown scenario {scenario_id!r}; known: {', '.join(self.scenarios)}") from None

    def action(self, action_id: str) -> Action:
        try:
            return self.actions[action_id]
        except KeyError:
            raise UnknownIdError(f"unknown action {action_id!r}") from None

    def level(self, level_id: str) -> RiskLevel:
        for level in self.risk_scale.levels:
            if level.id == level_id:
                return level
        raise UnknownIdError(f"unknown risk level {level_id!r}")

    def rules_broken(self, question: RiskQuestion, level_id: str) -> list[RiskRule]:
        """The scale's rules that apply to this child (by the question's indicators) and that a
        grading of ``level_id`` falls below. The rubric marks such a grading down; the loader
        refuses a reference level that would break one."""
        rank = self.level(level_id).rank
        indicators = set(question.indicators)
        return [rule for rule in self.risk_scale.rules
                if indicators & set(rule.when_any) and rank < self.level(rule.minimum_level).rank]

    def citation_count(self) -> int:
        return len(list(_all_citations(self)))


def _all_citations(library: Library) -> Iterable[tuple[str, str, str]]:
    """Every citation in the library as (file, field path, citation)."""
    scale_file = str(LIBRARY_DIR / "risk_scale.yaml")
    for c in library.risk_scale.citations:
        yield scale_file, "citations", c
    for i, level in enumerate(library.risk_scale.levels):
        for c in level.citations:
            yield scale_file, f"levels.{i}.citations", c
        for j, old in enumerate(level.history):
            for c in old.citations:
                yield scale_file, f"levels.{i}.history.{j}.citations", c
    for i, rule in enumerate(library.risk_scale.rules):
        for c in rule.citations:
            yield scale_file, f"rules.{i}.citations", c
    actions_file = str(LIBRARY_DIR / "actions.yaml")
    for i, action in enumerate(library.actions.values()):
        for c in action.citations:
            yield actions_file, f"actions.{i}.citations", c
    for sid, scenario in library.scenarios.items():
        file = library.files.get(sid, sid)
        yield file, "source.citation", scenario.source.citation
        for c in scenario.debrief.citations:
            yield file, "debrief.citations", c
        for si, stage in enumerate(scenario.stages):
            for qi, q in enumerate(stage.questions):
                where = f"stages.{si}.questions.{qi}"
                for c in q.citations:
                    yield file, f"{where}.citations", c
                if isinstance(q, ActionQuestion):
                    for oi, option in enumerate(q.options):
                        for c in option.citations:
                            yield file, f"{where}.options.{oi}.citations", c


def _check_citations(library: Library) -> dict[str, list[Problem]]:
    sections = {d.key: set(d.section_names) for d in library.guidance.documents}
    problems: dict[str, list[Problem]] = {}
    for file, where, citation in _all_citations(library):
        key, _, section = citation.partition(" §")
        if key not in sections:
            expected = f"a guidance key ({', '.join(sorted(sections))}); got {key!r}"
        elif section not in sections[key]:
            expected = f"a section of {key} listed in guidance.yaml; got {section!r}"
        else:
            continue
        problems.setdefault(file, []).append(Problem(where, expected))
    return problems


def _check_scenario(scenario: Scenario, library: Library, question_owner: dict[str, str]) -> list[Problem]:
    problems = []
    level_ids = {level.id for level in library.risk_scale.levels}
    last_time = float("-inf")
    for si, stage in enumerate(scenario.stages):
        if stage.at_hours < last_time:
            problems.append(Problem(f"stages.{si}.at_hours", "stages in time order (not earlier than the last)"))
        last_time = stage.at_hours
        for qi, q in enumerate(stage.questions):
            where = f"stages.{si}.questions.{qi}"
            if q.id in question_owner:
                problems.append(Problem(f"{where}.id", f"an id unique in the library; {q.id!r} is also in "
                                                       f"{question_owner[q.id]}"))
            question_owner[q.id] = scenario.id
            if isinstance(q, RiskQuestion):
                for li, level in enumerate(q.levels):
                    if level not in level_ids:
                        problems.append(Problem(f"{where}.levels.{li}", f"a level of the risk scale; got {level!r}"))
                if q.key not in q.levels:
                    problems.append(Problem(f"{where}.key", f"one of the levels offered; got {q.key!r}"))
                problems += _check_accepted(q, library, where, level_ids)
            else:
                ratings = {o.rating for o in q.options}
                for oi, option in enumerate(q.options):
                    if option.action not in library.actions:
                        problems.append(Problem(f"{where}.options.{oi}.action",
                                                f"an action id from actions.yaml; got {option.action!r}"))
                seen = [o.action for o in q.options]
                if len(set(seen)) != len(seen):
                    problems.append(Problem(f"{where}.options", "each action offered once"))
                for needed in (Rating.ESSENTIAL, Rating.HARMFUL):
                    if needed not in ratings:
                        problems.append(Problem(f"{where}.options", f"at least one {needed.value} option"))
    return problems


def _check_accepted(q: RiskQuestion, library: Library, where: str, level_ids: set[str]) -> list[Problem]:
    """Every level a risk question gives full marks for is offered, keeps the scale's rules for
    this child, and (for a range) the levels sit next to each other on the scale."""
    problems = []
    field = "accepts" if q.accepts else "key"
    for level in q.accepted:
        if level not in q.levels or level not in level_ids:
            problems.append(Problem(f"{where}.{field}", f"levels the question offers; got {level!r}"))
            continue
        problems += [Problem(f"{where}.{field}", f"at least {rule.minimum_level!r}, as rule {rule.id!r} "
                                                 f"demands for indicators {sorted(rule.when_any)}; got {level!r}")
                     for rule in library.rules_broken(q, level)]
    if q.accepts and not problems:
        ranks = sorted(library.level(level).rank for level in q.accepts)
        steps = sorted(level.rank for level in library.risk_scale.levels)
        if steps[steps.index(ranks[0]):steps.index(ranks[0]) + len(ranks)] != ranks:
            problems.append(Problem(f"{where}.accepts", "neighbouring levels of the scale (a range, no gaps)"))
    return problems


def _check_scale(scale: RiskScale) -> list[Problem]:
    problems = []
    ids = [level.id for level in scale.levels]
    ranks = [level.rank for level in scale.levels]
    if len(set(ids)) != len(ids):
        problems.append(Problem("levels", "unique level ids"))
    if len(set(ranks)) != len(ranks):
        problems.append(Problem("levels", "unique ranks (rank rises with risk)"))
    for i, rule in enumerate(scale.rules):
        if rule.minimum_level not in ids:
            problems.append(Problem(f"rules.{i}.minimum_level", f"a level id; got {rule.minimum_level!r}"))
    return problems


def assemble(
    guidance: GuidanceRegister,
    risk_scale: RiskScale,
    catalogue: ActionCatalogue,
    scenarios: dict[str, tuple[str, Scenario]],
) -> Library:
    """Build a Library from loaded parts and run every cross-file check.

    ``scenarios`` maps each scenario id to (file, scenario). Raises ScenarioError for the
    first file with problems, listing all of that file's problems.
    """
    scale_problems = _check_scale(risk_scale)
    if scale_problems:
        raise ScenarioError(str(LIBRARY_DIR / "risk_scale.yaml"), scale_problems)
    action_ids = [a.id for a in catalogue.actions]
    repeated = sorted({a for a in action_ids if action_ids.count(a) > 1})
    if repeated:
        raise ScenarioError(str(LIBRARY_DIR / "actions.yaml"),
                            [Problem("actions", f"unique ids; repeated: {', '.join(repeated)}")])
    library = Library(
        guidance=guidance,
        risk_scale=risk_scale,
        actions={a.id: a for a in catalogue.actions},
        scenarios={sid: s for sid, (_, s) in scenarios.items()},
        files={sid: f for sid, (f, _) in scenarios.items()},
    )
    question_owner: dict[str, str] = {}
    for file, scenario in scenarios.values():
        problems = _check_scenario(scenario, library, question_owner)
        if problems:
            raise ScenarioError(file, problems)
    for file, problems in _check_citations(library).items():
        raise ScenarioError(file, problems)
    return library


def _check_ledger(case_file: Path, sections: dict[str, set[str]]) -> None:
    """A retold case with a fact ledger must tie every sentence of its story to it."""
    from scenarios.ledger import Ledger, ledger_file, ledger_problems
    from scenarios.loader import load, parse_yaml

    ledger_path = ledger_file(case_file)
    if not ledger_path.exists():
        return
    ledger = load(ledger_path, Ledger)
    raw = parse_yaml(case_file.read_text(encoding="utf-8"), str(case_file))
    problems = ledger_problems(raw, ledger, sections)
    if problems:
        raise ScenarioError(str(case_file), problems)


def load_library(scenario_files: Iterable[Path] | None = None) -> Library:
    """Load the shipped library; with ``scenario_files``, check those scenarios against the
    shipped register, scale and catalogue instead of the shipped cases."""
    from scenarios.loader import load

    guidance = load(LIBRARY_DIR / "guidance.yaml", GuidanceRegister)
    risk_scale = load(LIBRARY_DIR / "risk_scale.yaml", RiskScale)
    catalogue = load(LIBRARY_DIR / "actions.yaml", ActionCatalogue)
    files = sorted(CASES_DIR.glob("*.yaml")) if scenario_files is None else [Path(f) for f in scenario_files]
    scenarios: dict[str, tuple[str, Scenario]] = {}
    sections = {d.key: set(d.section_names) for d in guidance.documents}
    for path in files:
        scenario = load(path, Scenario)
        _check_ledger(path, sections)
        if scenario.id in scenarios:
            raise ScenarioError(str(path), [Problem("id", f"a unique scenario id; {scenario.id!r} is also in "
                                                          f"{scenarios[scenario.id][0]}")])
        scenarios[scenario.id] = (str(path), scenario)
    return assemble(guidance, risk_scale, catalogue, scenarios)


@cache
def shipped_library() -> Library:
    """The library as shipped, loaded once per process (notebooks and graders call this often)
    and checked once per change of its files or of the code that checks them."""
    return cached(shipped_library_key(), load_library)


def shipped_library_key(package: Path = LIBRARY_DIR.parent) -> str:
    """What the shipped library's cache entry depends on: the package's YAML files and its code, and
    the pydantic version that pickled its models."""
    return cache_key(library_inputs(package), package, versions=(pydantic.VERSION,))
