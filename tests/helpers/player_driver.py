"""Helpers that drive a ScenarioPlayer the way a trainee would, through its widgets' Python
objects (set values, ``button.click()``), for the player's tests. Not a test module itself."""

from __future__ import annotations

from grading.player import ScenarioPlayer
from grading.player.choices import ActionChoice, RiskChoice
from grading.player.panels import QuestionPanel
from scenarios.models import Rating

GOOD = {Rating.ESSENTIAL, Rating.HELPFUL}


def answer(panel: QuestionPanel, choice, reason: str = "") -> None:
    """Give an answer (a level id, or action ids) with the panel's own controls and click."""
    if isinstance(panel.choice, RiskChoice):
        panel.choice.radios.value = choice
    else:
        for action_id, box in panel.choice.boxes.items():
            box.value = action_id in choice
    panel.reason.value = reason
    panel.button.click()


def reference_answer(panel: QuestionPanel):
    """The answer the library's key rewards in full."""
    if isinstance(panel.choice, ActionChoice):
        return [o.action for o in panel.question.options if o.rating in GOOD]
    return panel.question.key


def play_through(player: ScenarioPlayer, pick=reference_answer) -> None:
    """Start the case and answer every stage, clicking Next after each."""
    player.start_button.click()
    for stage in player.stages:
        assert stage in player.shown_stages, f"stage {stage.index} was never shown"
        for panel in stage.questions:
            answer(panel, pick(panel))
        stage.next_button.click()
