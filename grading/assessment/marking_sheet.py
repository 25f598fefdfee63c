"""The assessment's marking worked out ahead, as plain data, so that a graded cell need not load the case library.

Why: nbgrader autogrades every submission in a fresh kernel, and loading the validated library
(its pydantic models, even from the pickle cache) cost a graded notebook more CPU time than all
its cells' own work (tests/benchmarks/test_autograde_bench.py). Yet everything a sealed mark
depends on, apart from the trainee's answer, is fixed by the library:

- for a risk question, the points, reasons and guidance for each level it offers (a handful);
- for an action question, each option's rating and the guidance its feedback cites; the points
  come from :func:`grading.points.action_points` and the reasons from the counts;
- for both, the guidance cited when the answer is missing or unreadable.

:mod:`grading.assessment.sealed_feedback` builds this sheet from the library with the rubric
itself, and marks every answer through :func:`mark_answer` below, in the course and in the
kernel alike, so there is one way a mark is given. The sheet is kept in the same private cache
as the library (:mod:`scenarios.library_cache`), under a key made from the library's files and
the code that turns them into marks; this module imports nothing that loads the library.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path

from grading.points import HARM_COST, action_points
from scenarios.library_cache import cache_key, cached
from scenarios.library_files import library_inputs

NOT_ANSWERED = "No answer was saved for this item, so it earns no marks."
UNREADABLE = "The saved answer does not fit this question (it may have been edited by hand), so it earns no marks."
GUIDANCE = "Guidance to read:"
SHEET_PREFIX = "marking-sheet-"

# A sheet maps scenario id -> question id -> entry; an entry is a dict of plain values:
#   {"kind": "risk", "maximum": 2.0, "unanswered": [citation, ...],
#    "levels": {level id: {"points": 1.0, "reasons": [...], "citations": [...]}, ...}}
#   {"kind": "actions", "maximum": 4.0, "unanswered": [citation, ...],
#    "options": {action id: {"rating": "essential", "citations": [...]}, ...}}   (in offered order)
Sheet = dict[str, dict[str, dict]]


@dataclass(frozen=True)
class MarkedItem:
    """One assessed item: the points for nbgrader and the sealed explanation for the trainee."""

    question_id: str
    points: float
    maximum: float
    reasons: tuple[str, ...]
    citations: tuple[str, ...]

    def text(self) -> str:
        """The explanation as plain lines: the score, each reason, the guidance to read."""
        return "\n".join([self._score(), *self.reasons, *self._guidance()])

    def markdown(self) -> str:
        """The explanation for a rendered page: the reasons as a list, then the guidance to read as
        a list (a dozen sections run together in one sentence are hard to read on a phone).

        Without the score: the feedback page shows nbgrader's score beside it, which is the
        gradebook's and so may be a course lead's changed mark; a second score here could
        contradict it."""
        guidance = [GUIDANCE, _bullets(self.citations)] if self.citations else []
        return "\n\n".join([_bullets(self.reasons), *guidance])

    def _score(self) -> str:
        return f"Score: {self.points:g} of {self.maximum:g} points."

    def _guidance(self) -> list[str]:
        return [f"{GUIDANCE} " + "; ".join(self.citations) + "."] if self.citations else []


def _bullets(lines: tuple[str, ...]) -> str:
    """Plain lines as a markdown list; markdown passes HTML through, so the text's own ``<`` and ``&``
    are escaped to be shown as written (a citation is library text)."""
    return "\n".join(f"- {escape(line, quote=False)}" for line in lines)


def mark_answer(question_id: str, entry: Mapping, answer: object) -> MarkedItem:
    """Mark one saved answer (``None`` if there is none) from its question's sheet entry."""
    if answer is None:
        return _nothing(question_id, entry, NOT_ANSWERED)
    if entry["kind"] == "risk":
        level = entry["levels"].get(answer) if isinstance(answer, str) else None
        if level is None:
            return _nothing(question_id, entry, UNREADABLE)
        return MarkedItem(question_id, level["points"], entry["maximum"], tuple(level["reasons"]),
                          tuple(level["citations"]))
    options = entry["options"]
    if (isinstance(answer, str | bytes) or not isinstance(answer, Collection)
            or not all(isinstance(a, str) and a in options for a in answer)):
        return _nothing(question_id, entry, UNREADABLE)
    return _mark_actions(question_id, entry, set(answer))


def _nothing(question_id: str, entry: Mapping, reason: str) -> MarkedItem:
    return MarkedItem(question_id, 0.0, entry["maximum"], (reason,), tuple(entry["unanswered"]))


def _mark_actions(question_id: str, entry: Mapping, picked: set[str]) -> MarkedItem:
    options = entry["options"]

    def rated(rating: str) -> list[str]:
        return [action for action, option in options.items() if option["rating"] == rating]

    def chosen_of(offered: list[str]) -> tuple[int, int]:
        return sum(a in picked for a in offered), len(offered)

    essential, helpful, harmful = rated("essential"), rated("helpful"), rated("harmful")
    harms = [a for a in harmful if a in picked]
    points = action_points(chosen_of(essential), chosen_of(helpful), len(harms))
    # The guidance in the order the rubric's feedback gives it: harms, essential (missed, then
    # chosen), helpful (chosen, then missed).
    order = [*harms, *(a for a in essential if a not in picked), *(a for a in essential if a in picked),
             *(a for a in helpful if a in picked), *(a for a in helpful if a not in picked)]
    citations = tuple(dict.fromkeys(c for action in order for c in options[action]["citations"]))
    reasons = action_reasons(chosen_of(essential), chosen_of(helpful), len(harms))
    return MarkedItem(question_id, points, entry["maximum"], reasons, citations)


def action_reasons(essential: tuple[int, int], helpful: tuple[int, int], harms: int) -> tuple[str, ...]:
    """Why an action choice earned its points, in counts: how many essential and helpful actions
    were chosen out of how many, and how many harmful ones, never which."""
    reasons = [f"You chose {essential[0]} of the {_actions(essential[1])} the guidance treats as essential "
               f"at this point."]
    if helpful[1]:
        reasons.append(f"You chose {helpful[0]} of the {_actions(helpful[1])} that would also help.")
    if harms:
        reasons.append(f"{'One' if harms == 1 else harms} of your choices could harm the child at this point; "
                       f"each costs {HARM_COST:g} points.")
    else:
        reasons.append("None of your choices would harm the child at this point.")
    return tuple(reasons)


def _actions(n: int) -> str:
    return "1 action" if n == 1 else f"{n} actions"


@cache
def shipped_sheet() -> Sheet:
    """The marking sheet of the shipped library's assessed cases, from the cache when it is current."""
    return cached(sheet_key(), _build_shipped_sheet, prefix=SHEET_PREFIX)


def sheet_key(root: Path = Path(__file__).parents[2]) -> str:
    """What the sheet depends on: the library's files and code, and the grading code that marks.
    (Not the pydantic version, which the library's own key holds: the sheet is plain values.)"""
    grading = root / "grading"
    inputs = [*library_inputs(root / "scenarios"), *grading.glob("*.py"), *(grading / "assessment").glob("*.py")]
    return cache_key(inputs, root)


def _build_shipped_sheet() -> Sheet:
    # Only on a cache miss: the library and the rubric are loaded to work the sheet out.
    from grading.assessment.sealed_feedback import build_sheet
    from scenarios.library import shipped_library

    return build_sheet(shipped_library())
