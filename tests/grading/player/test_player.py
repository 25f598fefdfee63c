"""The scenario player driven through its widgets' Python objects, as a trainee's clicks would.

No browser: values are set on the real ipywidgets objects, buttons are clicked with
``button.click()`` and what the trainee would read is the HTML the widgets hold.
"""

from __future__ import annotations

from html import unescape

import ipywidgets as widgets
import pytest
from helpers.player_driver import answer, play_through, reference_answer

from grading.answers import AnswerStore
from grading.player import ScenarioPlayer, render
from grading.player.choices import ActionChoice, RiskChoice
from grading.player.panels import NO_REASON
from grading.player.timeline import stage_times
from grading.rubric import score_answer
from scenarios.library import shipped_library
from scenarios.models import Rating


@pytest.fixture
def store(tmp_path):
    return AnswerStore(tmp_path, trainee="trainee-a")


@pytest.fixture
def kim(store):
    return ScenarioPlayer("kim", store=store)


def text_of(widget) -> str:
    """Every piece of HTML and every label in a widget tree, as a trainee would meet them."""
    parts = []
    if isinstance(widget, widgets.HTML):
        parts.append(unescape(widget.value))
    if isinstance(widget, widgets.RadioButtons):
        parts.extend(label for label, _ in widget.options)
    if isinstance(widget, widgets.Checkbox | widgets.Button):
        parts.append(widget.description)
    for child in getattr(widget, "children", ()):
        if getattr(child.layout, "display", None) != "none":
            parts.append(text_of(child))
    return "\n".join(parts)


def risk_panel(player: ScenarioPlayer):
    """Reveal stages up to the first risk question and return its panel."""
    player.start_button.click()
    for stage in player.stages:
        for panel in stage.questions:
            if isinstance(panel.choice, RiskChoice):
                return panel
            answer(panel, reference_answer(panel))
        stage.next_button.click()
    raise AssertionError("no risk question")


# ----------------------------------------------------------------------------- what is shown


def test_the_content_note_comes_first_and_the_story_waits_for_start(kim):
    shown = text_of(kim)
    assert "Content note." in shown
    assert kim.scenario.stages[0].title not in shown
    assert kim.shown_stages == []
    kim.start_button.click()
    assert kim.shown_stages == [kim.stages[0]]
    assert kim.scenario.stages[0].title in text_of(kim)


def test_a_stage_shows_its_time_title_narrative_and_decision(kim):
    kim.start_button.click()
    stage = kim.scenario.stages[0]
    shown = text_of(kim)
    assert stage_times([s.at_hours for s in kim.scenario.stages], "Kim")[0] in shown  # "Two months before Kim arrived"
    assert stage.title in shown
    assert stage.narrative.split(".")[0] in shown
    assert "Check my answer" in shown
    for option in stage.questions[0].options:
        assert kim.library.action(option.action).label in shown


def test_risk_levels_are_radio_buttons_with_the_police_scale_definitions(kim):
    panel = risk_panel(kim)
    radios = panel.choice.radios
    assert radios.value is None  # nothing chosen for the trainee
    assert radios.description == "Risk level"
    for label, level_id in radios.options:
        level = kim.library.level(level_id)
        assert label == f"{level.label}: {level.definition}"
    assert {level_id for _, level_id in radios.options} == set(panel.question.levels)


def test_risk_options_do_not_give_the_answer_away(kim):
    """The options say what each level means on the police scale; the rules for children (the
    report's call for high, 'absent' never to be used) are taught and fed back, never shown as
    part of an option."""
    for label, _ in risk_panel(kim).choice.radios.options:
        lowered = label.lower()
        for giveaway in ("child", "traffick", "not to be used", "report asks", "no longer in use"):
            assert giveaway not in lowered, (giveaway, label)


def test_absent_is_shown_as_retired_but_can_still_be_chosen(kim):
    panel = risk_panel(kim)
    assert "absent" in panel.question.levels
    assert "retired police category" in text_of(panel.choice.widget)
    answer(panel, "absent")
    assert panel.answered
    assert "Under-graded</span>" in panel.result.value
    assert "Rule for children</span>" in panel.result.value


def test_action_checkboxes_are_labelled_with_the_actions_labels(kim):
    kim.start_button.click()
    panel = kim.stages[0].questions[0]
    assert isinstance(panel.choice, ActionChoice)
    for option in panel.question.options:
        assert panel.choice.boxes[option.action].description == kim.library.action(option.action).label


def test_every_control_has_a_label(kim):
    play_through(kim)
    for stage in kim.stages:
        for panel in stage.questions:
            assert panel.reason.description
            assert panel.button.description
            if isinstance(panel.choice, RiskChoice):
                assert panel.choice.radios.description
            else:
                assert all(box.description for box in panel.choice.boxes.values())


# ----------------------------------------------------------------------------- checking answers


def test_check_my_answer_shows_the_mark_with_citations(kim):
    kim.start_button.click()
    panel = kim.stages[0].questions[0]
    harmful = next(o.action for o in panel.question.options if o.rating == Rating.HARMFUL)
    essential = next(o.action for o in panel.question.options if o.rating == Rating.ESSENTIAL)
    answer(panel, [harmful, essential])
    expected = score_answer(kim.library, "kim", panel.question.id, [harmful, essential])
    html = panel.result.value
    assert f"Your score: {expected.points:g} out of {expected.maximum:g}." in html
    for kind in ("Harmful", "Right", "Missed"):
        assert f"{kind}</span>" in html
    for item in expected.feedback:
        for citation in item.citations:
            assert f"<cite>{citation}</cite>" in html


def test_an_empty_answer_gets_a_prompt_and_is_not_saved(kim, store):
    kim.start_button.click()
    panel = kim.stages[0].questions[0]
    panel.button.click()
    assert "Tick at least one action first." in panel.result.value
    assert not panel.answered
    assert store.load("kim").answers == {}


def test_a_checked_answer_is_locked_so_the_feedback_stays_true(kim):
    kim.start_button.click()
    panel = kim.stages[0].questions[0]
    answer(panel, reference_answer(panel))
    assert panel.button.disabled and panel.reason.disabled
    assert all(box.disabled for box in panel.choice.boxes.values())


def test_a_locked_box_with_no_reason_says_so_and_a_given_reason_stays_as_typed(kim):
    """A locked, empty reason box kept its prompt ("What in the story led you...?"), and a typed
    reason turned grey like that prompt: the prompt now says no reason was given, and the player's
    style keeps a locked reason dark."""
    kim.start_button.click()
    empty, typed = kim.stages[0].questions[0], kim.stages[1].questions[0]
    answer(empty, reference_answer(empty))
    assert empty.reason.placeholder == NO_REASON
    answer(typed, reference_answer(typed), reason="She is frightened of the people who brought her.")
    assert typed.reason.disabled and typed.reason.placeholder != NO_REASON
    assert "textarea:disabled { color: #222;" in render.STYLE


def test_next_waits_for_every_question_of_the_stage(kim):
    panel = risk_panel(kim)  # the first stage with two questions
    stage = next(s for s in kim.stages if panel in s.questions)
    assert len(stage.questions) == 2
    assert stage.next_button.disabled and "each question" in stage.hint.value
    answer(panel, "high")
    assert stage.next_button.disabled
    answer(stage.questions[1], reference_answer(stage.questions[1]))
    assert not stage.next_button.disabled and stage.hint.value == ""
    shown = len(kim.shown_stages)
    stage.next_button.click()
    assert len(kim.shown_stages) == shown + 1
    stage.next_button.click()  # a second click does not reveal a stage twice
    assert len(kim.shown_stages) == shown + 1


def test_the_debrief_comes_at_the_end(kim):
    assert kim.scenario.debrief.what_happened.split(".")[0] not in text_of(kim)
    play_through(kim)
    shown = text_of(kim)
    assert "Debrief" in shown
    assert kim.scenario.debrief.what_happened.split(".")[0] in shown
    assert "<cite>HBTH2016 §Case study: Kim</cite>" in kim.ending.value


@pytest.mark.parametrize("scenario_id", sorted(shipped_library().scenarios))
def test_every_shipped_scenario_plays_through_all_its_stages(scenario_id, store):
    player = ScenarioPlayer(scenario_id, store=store)
    play_through(player)
    assert player.shown_stages == player.stages
    scenario = player.scenario
    shown = text_of(player)
    for stage in scenario.stages:
        assert stage.title in shown
    # The reference answers earn full marks on every question.
    for panel in (p for stage in player.stages for p in stage.questions):
        mark = score_answer(player.library, scenario_id, panel.question.id, reference_answer(panel))
        assert f"Your score: {mark.maximum:g} out of {mark.maximum:g}." in panel.result.value
    assert "Debrief" in player.ending.value


def test_an_unknown_scenario_is_named_in_one_line():
    with pytest.raises(ValueError, match=r"unknown scenario 'nobody'; the library has: .*kim"):
        ScenarioPlayer("nobody")


# ----------------------------------------------------------------------------- saving and restoring


def test_every_check_saves_the_answer_and_reason(kim, store):
    kim.start_button.click()
    panel = kim.stages[0].questions[0]
    answer(panel, ["nrm-referral"], reason="She told staff she was afraid.")
    saved = store.load("kim")
    assert saved.answers == {panel.question.id: ["nrm-referral"]}
    assert saved.reasons == {panel.question.id: "She told staff she was afraid."}
    assert "variant" not in saved.extra


def test_a_new_player_on_the_same_store_restores_answers_and_feedback(kim, store):
    kim.start_button.click()
    first, second = kim.stages[0], kim.stages[1]
    answer(first.questions[0], ["nrm-referral", "detain-as-adult"], reason="afraid")
    first.next_button.click()
    answer(second.questions[0], reference_answer(second.questions[0]))
    second.next_button.click()  # the third stage is on screen, unanswered

    again = ScenarioPlayer("kim", store=store)
    assert again.started
    assert again.shown_stages == again.stages[:3]
    restored = again.stages[0].questions[0]
    assert restored.answered and restored.button.disabled
    assert restored.result.value == first.questions[0].result.value
    assert "Harmful</span>" in restored.result.value
    assert restored.reason.value == "afraid"
    assert {a for a, box in restored.choice.boxes.items() if box.value} == {"nrm-referral", "detain-as-adult"}
    assert not again.stages[2].questions[0].answered


def test_a_fully_answered_case_is_restored_with_its_debrief(kim, store):
    play_through(kim)
    again = ScenarioPlayer("kim", store=store)
    assert again.shown_stages == again.stages
    assert again.ending.value == kim.ending.value


def test_an_answer_that_no_longer_fits_the_question_is_asked_again(store):
    store.record("kim", "kim-detention-actions", ["report-missing-to-police-now"])
    player = ScenarioPlayer("kim", store=store)
    panel = player.stages[0].questions[0]
    assert not panel.answered
    assert "no longer fits" in panel.result.value and "report-missing-to-police-now" in panel.result.value


def test_a_file_that_cannot_be_written_is_reported_on_the_page(tmp_path):
    AnswerStore(tmp_path, trainee="someone-else").record("kim", "kim-detention-actions", ["nrm-referral"])
    player = ScenarioPlayer("kim", store=AnswerStore(tmp_path, trainee="trainee-a"))
    assert player.shown_stages == player.stages[:2]  # loading another trainee's file is allowed
    panel = player.stages[1].questions[0]
    answer(panel, reference_answer(panel))
    assert "could not be saved" in panel.result.value and "someone-else" in panel.result.value
    assert not panel.answered


# ----------------------------------------------------------------------------- the assessment's modes


def test_without_feedback_answers_are_saved_not_marked(store):
    player = ScenarioPlayer("kim", store=store, feedback=False)
    player.start_button.click()
    panel = player.stages[0].questions[0]
    assert panel.button.description == "Save my answer"
    answer(panel, ["detain-as-adult"])
    assert "Saved." in panel.result.value
    assert "score" not in panel.result.value.lower() and "Harmful" not in panel.result.value
    # Until hand-in the trainee may change their mind and save again.
    assert not panel.button.disabled
    answer(panel, ["nrm-referral"])
    assert store.load("kim").answers[panel.question.id] == ["nrm-referral"]
    again = ScenarioPlayer("kim", store=store, feedback=False)
    assert "Saved." in again.stages[0].questions[0].result.value


def test_show_debrief_false_ends_without_the_debrief(store):
    player = ScenarioPlayer("kim", store=store, feedback=False, show_debrief=False)
    play_through(player)
    assert player.stages[-1].next_button.layout.display == "none"
    assert "answered every stage" in player.ending.value
    assert "Debrief" not in text_of(player)
    assert player.scenario.debrief.what_happened.split(".")[0] not in text_of(player)
