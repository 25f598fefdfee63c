"""The rubric, case by case: the formula's numbers, the feedback each answer gets, and the
errors for answers that cannot be scored. Written over every shipped question where it can be."""

from __future__ import annotations

import pytest

from grading.marks import Feedback, Mark, ScenarioMark
from grading.rubric import (
    ACTIONS_MAXIMUM,
    MISSED_ESSENTIAL,
    RISK_MAXIMUM,
    AnswerError,
    broken_rules,
    score_actions,
    score_answer,
    score_answers,
    score_risk,
    score_scenario,
)
from scenarios.library import shipped_library
from scenarios.models import ActionOption, ActionQuestion, Rating, RiskQuestion

LIBRARY = shipped_library()
QUESTIONS = [(s.id, q) for s in LIBRARY.scenarios.values() for q in s.questions()]
RISK = [(sid, q) for sid, q in QUESTIONS if isinstance(q, RiskQuestion)]
ACTIONS = [(sid, q) for sid, q in QUESTIONS if isinstance(q, ActionQuestion)]
EXPLOITED = [(sid, q) for sid, q in RISK if {"trafficking", "exploitation"} & set(q.indicators)]


def ids(case):
    return case[1].id if isinstance(case, tuple) else None


def rated(question: ActionQuestion, rating: Rating) -> list[str]:
    return [o.action for o in question.options if o.rating == rating]


def test_the_shipped_library_has_both_kinds_of_question():
    assert RISK and ACTIONS and EXPLOITED


# ----------------------------------------------------------------------------- risk


@pytest.mark.parametrize("case", RISK, ids=ids)
def test_shipped_keys_keep_the_scale_rules(case):
    # The reference grading must itself obey the rules, or the right answer would be marked down.
    _, question = case
    assert not broken_rules(question, question.key, LIBRARY)


@pytest.mark.parametrize("case", RISK, ids=ids)
def test_grading_too_low_earns_nothing_and_says_why(case):
    _, question = case
    key_rank = LIBRARY.level(question.key).rank
    for level in (lv for lv in question.levels if LIBRARY.level(lv).rank < key_rank):
        mark = score_risk(question, level, LIBRARY)
        assert mark.points == 0
        (item,) = mark.items("under-graded")
        assert "costs children" in item.text and item.citations == tuple(question.citations)


@pytest.mark.parametrize("case", EXPLOITED, ids=ids)
def test_lowest_level_or_absent_for_an_exploited_child_states_the_rule_in_words(case):
    _, question = case
    lowest_in_use = min((lv for lv in LIBRARY.risk_scale.levels if lv.in_use), key=lambda lv: lv.rank).id
    exploitation = next(rule for rule in LIBRARY.risk_scale.rules if rule.id == "exploitation-means-high")
    for level in {lowest_in_use, "absent"} & set(question.levels):
        mark = score_risk(question, level, LIBRARY)
        assert mark.points == 0
        rules = " ".join(item.text for item in mark.items("rule"))
        assert exploitation.statement in rules
        # The rule's id is the library's, not the trainee's: it is never shown.
        assert not any(rule.id in rules for rule in LIBRARY.risk_scale.rules)
        assert any("WF2026 §High Risk" in item.citations for item in mark.items("rule"))


def test_absent_is_explained_as_retired():
    _, question = RISK[0]
    mark = score_risk(question.model_copy(update={"levels": [*question.levels, "absent"]}), "absent", LIBRARY)
    assert any("retired category" in item.text for item in mark.items("rule"))


def medium_key_question() -> RiskQuestion:
    return RiskQuestion(kind="risk", id="q", prompt="p", levels=["high", "medium", "low", "absent"], key="medium",
                        indicators=["unaccompanied"], rationale="Why medium.", citations=["WF2026 §Medium Risk"])


def test_risk_points_follow_the_formula():
    question = medium_key_question()
    points = {lv: score_risk(question, lv, LIBRARY).points for lv in question.levels}
    assert points == {"high": RISK_MAXIMUM / 2, "medium": RISK_MAXIMUM, "low": 0.0, "absent": 0.0}
    assert score_risk(question, "high", LIBRARY).items("over-cautious")
    low = score_risk(question, "low", LIBRARY)
    assert "never graded low" in low.items("rule")[0].text


def test_two_levels_too_high_earns_nothing():
    question = medium_key_question().model_copy(update={"key": "low", "indicators": []})
    mark = score_risk(question, "high", LIBRARY)
    assert mark.points == 0 and mark.items("over-cautious")


@pytest.mark.parametrize("answer", [3, ["high"], None])
def test_risk_answer_of_the_wrong_type_is_refused(answer):
    with pytest.raises(AnswerError, match="q: a risk grading is one level id"):
        score_risk(medium_key_question(), answer, LIBRARY)


def test_unknown_level_is_named():
    with pytest.raises(AnswerError, match="'extreme'"):
        score_risk(medium_key_question(), "extreme", LIBRARY)


# ----------------------------------------------------------------------------- actions


@pytest.mark.parametrize("case", ACTIONS, ids=ids)
def test_harmful_choice_costs_marks_and_explains_the_harm(case):
    _, question = case
    reference = rated(question, Rating.ESSENTIAL) + rated(question, Rating.HELPFUL)
    for harmful in question.options:
        if harmful.rating != Rating.HARMFUL:
            continue
        mark = score_actions(question, [*reference, harmful.action], LIBRARY)
        assert mark.points < ACTIONS_MAXIMUM
        (item,) = mark.items("harmful")
        assert harmful.why in item.text and LIBRARY.action(harmful.action).label in item.text
        assert item.citations == tuple(harmful.citations or LIBRARY.action(harmful.action).citations)


@pytest.mark.parametrize("case", ACTIONS, ids=ids)
def test_each_missed_essential_action_gets_an_item(case):
    _, question = case
    mark = score_actions(question, [], LIBRARY)
    assert mark.points == 0
    missed = [item.text for item in mark.items("missed") if item.text.startswith(f"{MISSED_ESSENTIAL}:")]
    assert len(missed) == len(rated(question, Rating.ESSENTIAL))


def small_question(**ratings: Rating) -> ActionQuestion:
    actions = sorted(LIBRARY.actions)
    options = [ActionOption(action=actions[i], rating=r, why=f"Because {name}.",
                            citations=["GP2024 §Background"] if name == "cited" else [])
               for i, (name, r) in enumerate(ratings.items())]
    return ActionQuestion(kind="actions", id="small", prompt="p", options=options, rationale="r",
                          citations=["WF2026 §Risk Assessment"])


def test_action_points_follow_the_formula():
    q = small_question(e1=Rating.ESSENTIAL, e2=Rating.ESSENTIAL, h1=Rating.HELPFUL, n1=Rating.NEUTRAL,
                       x1=Rating.HARMFUL, x2=Rating.HARMFUL)
    e1, e2, h1, n1, x1, x2 = (o.action for o in q.options)

    def points(*chosen):
        return score_actions(q, chosen, LIBRARY).points

    assert points(e1, e2, h1) == 4.0
    assert points(e1) == 1.5  # 4 * 3/4 * 1/2
    assert points(h1) == 1.0  # 4 * 1/4
    assert points(e1, e2) == 3.0
    assert points(e1, e2, h1, n1) == 4.0  # neutral neither adds nor costs
    assert points(e1, e2, h1, x1) == 2.0  # each harmful costs 2
    assert points(e1, e2, h1, x1, x2) == 0.0
    assert points(e1, x1) == 0.0  # never below zero


def test_option_citations_are_used_when_given():
    q = small_question(e1=Rating.ESSENTIAL, cited=Rating.HARMFUL)
    (item,) = score_actions(q, [q.options[1].action], LIBRARY).items("harmful")
    assert item.citations == ("GP2024 §Background",)


def test_without_helpful_options_essential_ones_carry_all_the_marks():
    q = small_question(e1=Rating.ESSENTIAL, e2=Rating.ESSENTIAL, x1=Rating.HARMFUL)
    assert score_actions(q, [q.options[0].action], LIBRARY).points == 2.0


def test_choosing_an_action_twice_counts_once():
    q = small_question(e1=Rating.ESSENTIAL, x1=Rating.HARMFUL)
    harm = q.options[1].action
    assert score_actions(q, [harm, harm], LIBRARY) == score_actions(q, [harm], LIBRARY)


@pytest.mark.parametrize("answer", ["report-missing-to-police-now", 5, None, [1, 2]])
def test_action_answer_of_the_wrong_type_is_refused(answer):
    with pytest.raises(AnswerError, match="small:"):
        score_actions(small_question(e1=Rating.ESSENTIAL, x1=Rating.HARMFUL), answer, LIBRARY)


def test_unknown_action_and_unoffered_action_are_named():
    q = small_question(e1=Rating.ESSENTIAL, x1=Rating.HARMFUL)
    with pytest.raises(AnswerError, match="'fly-to-the-moon' is not a known action"):
        score_actions(q, ["fly-to-the-moon"], LIBRARY)
    unoffered = next(a for a in LIBRARY.actions if a not in {o.action for o in q.options})
    with pytest.raises(AnswerError, match=f"'{unoffered}' is not an option of this question"):
        score_actions(q, [unoffered], LIBRARY)


# ----------------------------------------------------------------------------- whole scenarios


def reference_answers(scenario_id: str) -> dict:
    answers = {}
    for q in LIBRARY.scenario(scenario_id).questions():
        if isinstance(q, RiskQuestion):
            answers[q.id] = q.key
        else:
            answers[q.id] = rated(q, Rating.ESSENTIAL) + rated(q, Rating.HELPFUL)
    return answers


@pytest.mark.parametrize("scenario_id", sorted(LIBRARY.scenarios))
def test_reference_answers_earn_every_mark_and_nothing_earns_none(scenario_id):
    full = score_scenario(LIBRARY, scenario_id, reference_answers(scenario_id))
    assert full.points == full.maximum > 0
    empty = score_answers(LIBRARY, scenario_id, {})
    assert [m.question_id for m in empty] == [q.id for q in LIBRARY.scenario(scenario_id).questions()]
    for mark in empty:
        assert mark.points == 0
        (item,) = mark.feedback
        assert item.kind == "missed" and item.text.startswith("Not answered") and item.citations


def test_score_answer_dispatches_on_the_question_kind():
    sid, risk = RISK[0]
    assert score_answer(LIBRARY, sid, risk.id, risk.key).kind == "risk"
    sid, actions = ACTIONS[0]
    assert score_answer(LIBRARY, sid, actions.id, []).kind == "actions"


def test_unknown_scenario_and_question_are_named():
    with pytest.raises(AnswerError, match="unknown scenario 'nobody'"):
        score_answers(LIBRARY, "nobody", {})
    sid, _ = QUESTIONS[0]
    with pytest.raises(AnswerError, match=f"unknown question 'made-up' in scenario '{sid}'"):
        score_answers(LIBRARY, sid, {"made-up": "high"})
    with pytest.raises(AnswerError, match="answers must map"):
        score_answers(LIBRARY, sid, ["high"])


def test_marks_serialise_to_the_cli_shape():
    sid = next(iter(LIBRARY.scenarios))
    data = score_scenario(LIBRARY, sid, {}).to_dict()
    assert set(data) == {"scenario", "points", "max", "items"}
    item = data["items"][0]
    assert set(item) == {"question", "kind", "points", "max", "feedback"}
    assert set(item["feedback"][0]) == {"kind", "text", "citations"}


def test_mark_refuses_impossible_values():
    with pytest.raises(ValueError, match="outside"):
        Mark("q", "risk", 3.0, 2.0, ())
    with pytest.raises(ValueError, match="feedback kind"):
        Feedback("great", "text", ())
    with pytest.raises(ValueError, match="question kind"):
        Mark("q", "essay", 0.0, 2.0, ())


def test_scenario_mark_sums_and_fractions():
    marks = (Mark("a", "risk", 1.0, 2.0, ()), Mark("b", "actions", 1.5, 4.0, ()))
    total = ScenarioMark.of("s", marks)
    assert (total.points, total.maximum, total.fraction) == (2.5, 6.0, 2.5 / 6.0)
    assert marks[1].fraction == 0.375
