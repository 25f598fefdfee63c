"""The case player in assessment mode, clicked through as a trainee would (through the widgets'
Python objects): answers saved with the learner's variant, no marks, no debrief."""

from __future__ import annotations

import html

from grading.answers import AnswerStore
from grading.assessment import player
from grading.assessment.spec import variant_seed
from grading.assessment.variants import chosen_details
from grading.player.choices import RiskChoice
from grading.player.option_order import variant_order

CASE = "turning-18"


def _click_an_answer(panel) -> None:
    """Choose the first option on screen (a level, or one action) and press the button."""
    if isinstance(panel.choice, RiskChoice):
        panel.choice.radios.value = panel.choice.radios.options[0][1]
    else:
        next(iter(panel.choice.boxes.values())).value = True
    panel.button.click()


def test_clicks_are_saved_with_the_learners_variant_and_no_marks_or_debrief(tmp_path, library):
    store = AnswerStore(tmp_path, "dana")
    seed = variant_seed("dana")
    scenario = library.scenario(CASE)
    widget = player(CASE, store)
    widget.start_button.click()
    for stage in widget.stages:
        for panel in stage.questions:
            _click_an_answer(panel)
            shown = html.unescape(panel.result.value)
            assert "saved" in shown.lower() and "points" not in shown.lower(), shown
        detail = chosen_details(seed, scenario).get(scenario.stages[stage.index].id)
        if detail:
            assert detail in html.unescape(stage.text.value)
        stage.next_button.click()

    saved = store.load(CASE)
    assert saved.extra["variant"] == {"seed": seed}
    assert set(saved.answers) == {q.id for q in scenario.questions()}
    assert scenario.debrief.what_happened not in html.unescape(widget.ending.value)


def test_the_option_order_is_the_learners_own(tmp_path, library):
    orders = {}
    for learner in ("dana", "eli"):
        widget = player(CASE, AnswerStore(tmp_path / learner, learner))
        panel = next(p for stage in widget.stages for p in stage.questions if not isinstance(p.choice, RiskChoice))
        orders[learner] = list(panel.choice.boxes)
        expected = variant_order(panel.question.options, variant_seed(learner), panel.question.id)
        assert orders[learner] == [o.action for o in expected]
    assert sorted(orders["dana"]) == sorted(orders["eli"])
