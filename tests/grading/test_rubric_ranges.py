"""Risk questions that accept a range: where the guidance allows two levels, either earns full
marks, the feedback teaches why the documents leave room for both, and `mfc check --json` and the
player carry the range."""

from __future__ import annotations

import json
from html import unescape

import pytest
from helpers.player_driver import answer, reference_answer

from grading.answers import AnswerStore
from grading.player import ScenarioPlayer
from grading.player.choices import RiskChoice
from grading.rubric import RISK_MAXIMUM, score_answer, unanswered
from mfc.cli import main
from scenarios.errors import ScenarioError
from scenarios.library import CASES_DIR, load_library

CASE, QUESTION = "curfew-16", "curfew-16-call-risk"


@pytest.fixture(scope="module")
def ranged(library):
    return next(q for q in library.scenario(CASE).questions() if q.id == QUESTION)


def test_the_curfew_call_accepts_low_or_medium(ranged):
    assert ranged.accepted == ["low", "medium"] and ranged.key == "low" and ranged.tension


@pytest.mark.parametrize("level", ["low", "medium"])
def test_every_level_in_the_range_earns_full_marks_and_teaches_the_tension(library, ranged, level):
    mark = score_answer(library, CASE, QUESTION, level)
    assert mark.points == RISK_MAXIMUM
    assert mark.feedback[0].kind == "right"
    assert ranged.tension in mark.feedback[0].text
    assert "WF2026 §Risk Assessment" in mark.feedback[0].citations and "WF2026 §Low Risk" in mark.feedback[0].citations


def test_distance_is_measured_from_the_nearest_end_of_the_range(library):
    high = score_answer(library, CASE, QUESTION, "high")
    assert high.points == RISK_MAXIMUM / 2 and high.feedback[0].kind == "over-cautious"
    assert "Low risk or Medium risk" in high.feedback[0].text
    absent = score_answer(library, CASE, QUESTION, "absent")
    assert absent.points == 0 and absent.feedback[0].kind == "under-graded"


def test_an_unanswered_range_names_both_levels(library, ranged):
    assert "Low risk or Medium risk" in unanswered(ranged, library).feedback[0].text


def test_check_json_adds_accepts_to_every_risk_question(library, capsys):
    assert main(["check", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    risk = [q for s in data["scenarios"] for q in s["questions"] if q["kind"] == "risk"]
    assert all(q["key"] in q["accepts"] and set(q["accepts"]) <= set(q["levels"]) for q in risk)
    assert next(q for q in risk if q["id"] == QUESTION)["accepts"] == ["low", "medium"]


def _curfew_with(tmp_path, old: str, new: str):
    text = (CASES_DIR / "curfew-16.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "curfew-16.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("old, new, problem", [
    ("accepts: [low, medium]", "accepts: [low, high]", "neighbouring levels"),
    ("accepts: [low, medium]", "accepts: [medium, high]", "the key among them"),
    ("accepts: [low, medium]", "accepts: [low, medium, nowhere]", "levels the question offers"),
    ("        accepts: [low, medium]\n", "", "only then"),
])
def test_a_badly_formed_range_is_refused(tmp_path, old, new, problem):
    with pytest.raises(ScenarioError, match=problem):
        load_library([_curfew_with(tmp_path, old, new)])


def test_a_range_below_a_rule_for_this_child_is_refused(tmp_path):
    path = _curfew_with(tmp_path, "indicators: []\n        rationale: >-\n          A child may be graded low",
                        "indicators: [unaccompanied]\n        rationale: >-\n          A child may be graded low")
    with pytest.raises(ScenarioError, match="missing-child-not-low"):
        load_library([path])


def test_the_player_gives_full_marks_and_the_tension_for_the_other_end_of_the_range(tmp_path, ranged):
    player = ScenarioPlayer(CASE, store=AnswerStore(tmp_path, trainee="trainee-a"))
    player.start_button.click()
    for stage in player.stages:
        for panel in stage.questions:
            if isinstance(panel.choice, RiskChoice) and panel.question.id == QUESTION:
                answer(panel, "medium")
                shown = unescape(panel.result.value)
                assert ranged.tension.split(".")[0] in shown
                assert "Low risk or Medium risk" not in shown  # nothing says they were wrong
                return
            answer(panel, reference_answer(panel))
        stage.next_button.click()
    raise AssertionError(f"{QUESTION} never shown")
