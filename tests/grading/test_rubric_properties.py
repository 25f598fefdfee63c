"""Property-based: the rubric's promises hold for every question of the shipped library and for
generated questions (random options, ratings, levels, keys and indicators). Each property runs
1,000 cases drawn half from the shipped questions and half from generated ones; the shipped
questions are also checked exhaustively (every level, every subset of options)."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from grading.rubric import MISSED_ESSENTIAL, broken_rules, score_actions, score_risk
from scenarios.library import shipped_library
from scenarios.models import ActionOption, ActionQuestion, Indicator, Rating, RiskQuestion

LIBRARY = shipped_library()
MANY = settings(max_examples=1000, deadline=None)
BY_STEP = [lv.id for lv in sorted(LIBRARY.risk_scale.levels, key=lambda lv: lv.rank)]
STEP = {level: step for step, level in enumerate(BY_STEP)}
SHIPPED = [q for s in LIBRARY.scenarios.values() for q in s.questions()]
SHIPPED_RISK = [q for q in SHIPPED if isinstance(q, RiskQuestion)]
SHIPPED_ACTIONS = [q for q in SHIPPED if isinstance(q, ActionQuestion)]
CITATION = st.sampled_from(["WF2026 §Risk Assessment", "GP2024 §Background", "HO2025 §Risk in the first 48 hours"])
question_ids = st.sampled_from(["generated", "generated-2", "q-1"])


def rule_floor(indicators) -> int:
    """The lowest step a grading may take under the scale's rules, for these indicators."""
    floors = [STEP[r.minimum_level] for r in LIBRARY.risk_scale.rules if set(indicators) & set(r.when_any)]
    return max(floors, default=0)


@st.composite
def generated_risk_questions(draw) -> RiskQuestion:
    indicators = draw(st.lists(st.sampled_from(list(Indicator)), unique=True, max_size=4))
    levels = draw(st.lists(st.sampled_from(BY_STEP), unique=True, min_size=2))
    floor = rule_floor(indicators)
    if all(STEP[level] < floor for level in levels):
        levels.append(BY_STEP[-1])  # a coherent question offers at least one level its rules allow
    key = draw(st.sampled_from([level for level in levels if STEP[level] >= floor]))
    return RiskQuestion(kind="risk", id=draw(question_ids), prompt="Generated.", levels=levels, key=key,
                        indicators=indicators, rationale="A generated question.", citations=[draw(CITATION)])


@st.composite
def generated_action_questions(draw) -> ActionQuestion:
    actions = draw(st.lists(st.sampled_from(sorted(LIBRARY.actions)), unique=True, min_size=2, max_size=12))
    ratings = draw(st.lists(st.sampled_from(list(Rating)), min_size=len(actions), max_size=len(actions)))
    ratings[draw(st.integers(0, len(actions) - 1))] = Rating.ESSENTIAL  # every question has something to do
    options = [
        ActionOption(action=a, rating=r, why=f"Generated reason for {a}.",
                     citations=draw(st.lists(CITATION, max_size=2, unique=True)))
        for a, r in zip(actions, ratings, strict=True)
    ]
    return ActionQuestion(kind="actions", id=draw(question_ids), prompt="Generated.", options=options,
                          rationale="A generated question.", citations=[draw(CITATION)])


risk_questions = st.one_of(st.sampled_from(SHIPPED_RISK), generated_risk_questions())
action_questions = st.one_of(st.sampled_from(SHIPPED_ACTIONS), generated_action_questions())


def ids_rated(question: ActionQuestion, rating: Rating) -> set[str]:
    return {o.action for o in question.options if o.rating == rating}


@st.composite
def question_and_level(draw):
    question = draw(risk_questions)
    return question, draw(st.sampled_from(question.levels))


@st.composite
def question_and_choice(draw):
    question = draw(action_questions)
    chosen = draw(st.sets(st.sampled_from([o.action for o in question.options])))
    return question, chosen


# ----------------------------------------------------------------------------- risk grading


@MANY
@given(question_and_level())
def test_risk_points_stay_in_bounds_and_every_item_cites(case):
    question, level = case
    mark = score_risk(question, level, LIBRARY)
    assert 0 <= mark.points <= mark.maximum
    assert mark.feedback and all(item.citations for item in mark.feedback)
    assert mark == score_risk(question, level, LIBRARY)  # deterministic


@MANY
@given(risk_questions)
def test_reference_grading_earns_full_marks(question):
    mark = score_risk(question, question.key, LIBRARY)
    assert mark.points == mark.maximum
    assert [item.kind for item in mark.feedback if item.kind != "rule"] == ["right"]


@MANY
@given(st.data())
def test_under_grading_by_one_never_earns_more_than_over_grading_by_one(data):
    # Offer the whole scale and let the key move, so the key has neighbours on both sides.
    question = data.draw(risk_questions)
    floor = rule_floor(question.indicators)
    key = data.draw(st.sampled_from(BY_STEP[floor:]))
    question = question.model_copy(update={"levels": BY_STEP, "key": key, "accepts": [], "tension": None})
    step = STEP[key]
    under = score_risk(question, BY_STEP[step - 1], LIBRARY) if step > 0 else None
    over = score_risk(question, BY_STEP[step + 1], LIBRARY) if step + 1 < len(BY_STEP) else None
    if under is not None:
        assert under.points == 0 and under.items("under-graded")
    if under is not None and over is not None:
        assert under.points <= over.points
    if over is not None:
        assert 0 < over.points < over.maximum and over.items("over-cautious")


@MANY
@given(question_and_level())
def test_grading_below_a_rule_earns_nothing_and_states_the_rule(case):
    question, level = case
    broken = broken_rules(question, level, LIBRARY)
    mark = score_risk(question, level, LIBRARY)
    named = " ".join(item.text for item in mark.items("rule"))
    for rule in broken:
        assert rule.statement in named
    if broken:
        assert mark.points == 0


# ----------------------------------------------------------------------------- action choice


@MANY
@given(question_and_choice())
def test_action_points_stay_in_bounds_and_feedback_is_complete(case):
    question, chosen = case
    mark = score_actions(question, chosen, LIBRARY)
    assert 0 <= mark.points <= mark.maximum
    assert all(item.citations for item in mark.feedback)
    harmful = ids_rated(question, Rating.HARMFUL) & chosen
    assert len(mark.items("harmful")) == len(harmful)
    missed_essential = ids_rated(question, Rating.ESSENTIAL) - chosen
    assert sum(item.text.startswith(f"{MISSED_ESSENTIAL}:") for item in mark.items("missed")) == len(missed_essential)


@MANY
@given(question_and_choice(), st.data())
def test_adding_an_essential_action_never_lowers_the_score(case, data):
    question, chosen = case
    essential = sorted(ids_rated(question, Rating.ESSENTIAL))
    extra = data.draw(st.sampled_from(essential))
    before = score_actions(question, chosen - {extra}, LIBRARY).points
    assert score_actions(question, chosen | {extra}, LIBRARY).points >= before


@MANY
@given(question_and_choice(), st.data())
def test_adding_a_harmful_action_always_lowers_the_score_unless_it_is_zero(case, data):
    question, chosen = case
    harmful = sorted(ids_rated(question, Rating.HARMFUL))
    assume(harmful)  # a generated question may have none; the shipped ones always do
    extra = data.draw(st.sampled_from(harmful))
    before = score_actions(question, chosen - {extra}, LIBRARY).points
    after = score_actions(question, chosen | {extra}, LIBRARY).points
    assert after < before or before == 0


@MANY
@given(action_questions, st.data())
def test_reference_choice_earns_full_marks_whatever_neutral_options_are_added(question, data):
    reference = ids_rated(question, Rating.ESSENTIAL) | ids_rated(question, Rating.HELPFUL)
    neutral = sorted(ids_rated(question, Rating.NEUTRAL))
    added = data.draw(st.sets(st.sampled_from(neutral)) if neutral else st.just(set()))
    mark = score_actions(question, reference | added, LIBRARY)
    assert mark.points == mark.maximum
    assert not mark.items("missed") and not mark.items("harmful")


@MANY
@given(action_questions)
def test_choosing_every_option_never_scores_more_than_half(question):
    mark = score_actions(question, [o.action for o in question.options], LIBRARY)
    if ids_rated(question, Rating.HARMFUL):
        assert mark.points <= mark.maximum / 2
    else:
        assert mark.points == mark.maximum


# ----------------------------------------------------------------------------- shipped, exhaustively


@pytest.mark.parametrize("question", SHIPPED_RISK, ids=lambda q: q.id)
def test_every_shipped_risk_level_scores_as_the_formula_says(question):
    accepted = [STEP[level] for level in question.accepted]
    for level in question.levels:
        mark = score_risk(question, level, LIBRARY)
        # Steps from the accepted range: none inside it, counted from its nearer end outside it.
        distance = max(0, STEP[level] - max(accepted)) or min(0, STEP[level] - min(accepted))
        expected = {0: mark.maximum, 1: mark.maximum / 2}.get(distance, 0.0)
        assert mark.points == expected, (level, mark)


@pytest.mark.parametrize("question", SHIPPED_ACTIONS, ids=lambda q: q.id)
def test_every_subset_of_a_shipped_action_question_keeps_the_promises(question):
    options = [o.action for o in question.options]
    assert len(options) <= 12, "too many options to check every subset; sample instead"
    essential, harmful = ids_rated(question, Rating.ESSENTIAL), ids_rated(question, Rating.HARMFUL)
    scores = {
        frozenset(chosen): score_actions(question, chosen, LIBRARY).points
        for size in range(len(options) + 1) for chosen in combinations(options, size)
    }
    for chosen, points in scores.items():
        assert 0 <= points <= 4
        for action in set(options) - chosen:
            added = scores[chosen | {action}]
            if action in essential:
                assert added >= points
            if action in harmful:
                assert added < points or points == 0
    assert scores[frozenset(options)] <= 2
