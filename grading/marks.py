"""What scoring returns: a Mark per question, made of Feedback items that cite the guidance.

These are plain frozen values with no behaviour beyond arithmetic and a JSON shape, so the
player, the cohort reports, the nbgrader cells and ``mfc score`` can all pass them around and
compare them without knowing how they were worked out (that is :mod:`grading.rubric`'s job).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# Every kind of feedback item. The player and cohort reports switch on these, so they are a
# contract: add a kind only together with the code that shows it.
FEEDBACK_KINDS = ("right", "missed", "harmful", "over-cautious", "under-graded", "rule")
QUESTION_KINDS = ("risk", "actions")


def _check_kind(what: str, kind: str, allowed: tuple[str, ...]) -> None:
    if kind not in allowed:
        raise ValueError(f"{what} kind must be one of {', '.join(allowed)}; got {kind!r}")


@dataclass(frozen=True)
class Feedback:
    """One thing a trainee should hear about an answer, with the guidance it rests on."""

    kind: str
    text: str
    citations: tuple[str, ...]

    def __post_init__(self):
        _check_kind("feedback", self.kind, FEEDBACK_KINDS)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "text": self.text, "citations": list(self.citations)}


@dataclass(frozen=True)
class Mark:
    """The score of one answer to one question: points out of a maximum, and why."""

    question_id: str
    kind: str
    points: float
    maximum: float
    feedback: tuple[Feedback, ...]

    def __post_init__(self):
        _check_kind("question", self.kind, QUESTION_KINDS)
        if not 0 <= self.points <= self.maximum:
            raise ValueError(f"{self.question_id}: points {self.points} outside 0..{self.maximum}")

    @property
    def fraction(self) -> float:
        """Points as a share of the maximum (0..1): what nbgrader's partial credit scales."""
        return self.points / self.maximum if self.maximum else 0.0

    def items(self, kind: str) -> tuple[Feedback, ...]:
        """The feedback items of one kind, e.g. every harmful choice."""
        return tuple(f for f in self.feedback if f.kind == kind)

    def to_dict(self) -> dict:
        """The per-question shape of ``mfc score --json`` (see README, "mfc score")."""
        return {
            "question": self.question_id,
            "kind": self.kind,
            "points": self.points,
            "max": self.maximum,
            "feedback": [f.to_dict() for f in self.feedback],
        }


@dataclass(frozen=True)
class ScenarioMark:
    """The marks for every question of one scenario, and their sum."""

    scenario_id: str
    marks: tuple[Mark, ...]

    @classmethod
    def of(cls, scenario_id: str, marks: Iterable[Mark]) -> ScenarioMark:
        return cls(scenario_id, tuple(marks))

    @property
    def points(self) -> float:
        # Rounded so a sum of two-decimal points prints as it would on paper.
        return round(sum(m.points for m in self.marks), 2)

    @property
    def maximum(self) -> float:
        return round(sum(m.maximum for m in self.marks), 2)

    @property
    def fraction(self) -> float:
        return self.points / self.maximum if self.maximum else 0.0

    def to_dict(self) -> dict:
        """The shape of ``mfc score --json`` (see README, "mfc score")."""
        return {
            "scenario": self.scenario_id,
            "points": self.points,
            "max": self.maximum,
            "items": [m.to_dict() for m in self.marks],
        }
