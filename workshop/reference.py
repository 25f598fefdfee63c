"""What the room is told when the trainer reveals a stage, and how a room's answers compare.

The reference of a risk question is its key level; of an action question, the options the
scenario marks essential. ``under_graded`` is the share graded below the key, the error the
course treats as the dangerous one.
"""

from __future__ import annotations

from scenarios.library import Library
from scenarios.models import RiskQuestion, Scenario


def stage_of(scenario: Scenario) -> dict[str, int]:
    """Question id -> index of the stage that asks it."""
    return {q.id: index for index, stage in enumerate(scenario.stages) for q in stage.questions}


def reference(question) -> str | list[str]:
    if isinstance(question, RiskQuestion):
        return question.key
    return [option.action for option in question.options if option.rating == "essential"]


def is_under_graded(library: Library, question: RiskQuestion, level_id: str) -> bool:
    return library.level(level_id).rank < library.level(question.key).rank
