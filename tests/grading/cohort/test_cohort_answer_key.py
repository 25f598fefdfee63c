"""The AnswerKey gives exactly the rubric's Mark (or the rubric's error) for every answer, however
often it is asked and in whatever order the chosen actions come."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grading.answer_key import AnswerKey
from grading.rubric import AnswerError, score_answer, unanswered
from scenarios.library import shipped_library
from scenarios.models import ActionQuestion, RiskQuestion

LIBRARY = shipped_library()
QUESTIONS = [(s.id, q) for s in LIBRARY.scenarios.values() for q in s.questions()]
RISK = [(sid, q) for sid, q in QUESTIONS if isinstance(q, RiskQuestion)]
ACTIONS = [(sid, q) for sid, q in QUESTIONS if isinstance(q, ActionQuestion)]


def rubric_outcome(scenario_id, question_id, answer):
    try:
        return score_answer(LIBRARY, scenario_id, question_id, answer)
    except AnswerError as exc:
        return f"AnswerError: {exc}"


def key_outcome(key, scenario_id, question_id, answer):
    try:
        return key.score(scenario_id, question_id, answer)
    except AnswerError as exc:
        return f"AnswerError: {exc}"


def test_every_level_of_every_risk_question_scores_as_the_rubric_does_twice_over():
    key = AnswerKey(LIBRARY)
    for _ in range(2):  # the second pass is served from memory
        for sid, question in RISK:
            for level in question.levels:
                assert key.score(sid, question.id, level) == score_answer(LIBRARY, sid, question.id, level)


def test_every_subset_of_options_scores_as_the_rubric_does():
    key = AnswerKey(LIBRARY)
    for sid, question in ACTIONS:
        options = [o.action for o in question.options]
        for size in range(min(len(options), 4) + 1):
            for chosen in combinations(options, size):
                expected = score_answer(LIBRARY, sid, question.id, list(chosen))
                assert key.score(sid, question.id, list(chosen)) == expected
                # the same set again, reversed and with a repeat, comes from memory and is the same Mark
                assert key.score(sid, question.id, [*reversed(chosen), *chosen[:1]]) == expected


def test_it_remembers_each_distinct_answer_once():
    key = AnswerKey(LIBRARY)
    sid, question = ACTIONS[0]
    first, second = question.options[0].action, question.options[1].action
    for answer in ([first, second], [second, first], (first, second, first), {first, second}):
        key.score(sid, question.id, answer)
    assert key.distinct_answers() == 1


@pytest.mark.parametrize("answer", [
    "not-a-level", ["not-an-action"], [7], 7, None, {"a": 1}, [["nested"]], "",
])
def test_bad_answers_raise_the_rubrics_error_and_are_not_remembered(answer):
    key = AnswerKey(LIBRARY)
    for sid, question in (RISK[0], ACTIONS[0]):
        expected = rubric_outcome(sid, question.id, answer)
        assert isinstance(expected, str), "the rubric must refuse this answer"
        assert key_outcome(key, sid, question.id, answer) == expected
    assert key.distinct_answers() == 0


def test_unknown_scenario_or_question_is_the_rubrics_error():
    key = AnswerKey(LIBRARY)
    sid, question = RISK[0]
    other_sid = next(s for s, _ in QUESTIONS if s != sid)
    for scenario_id, question_id in (("no-such-scenario", question.id), (other_sid, question.id), (sid, "nope")):
        expected = rubric_outcome(scenario_id, question_id, question.key)
        assert expected.startswith("AnswerError")
        assert key_outcome(key, scenario_id, question_id, question.key) == expected
    with pytest.raises(AnswerError, match="unknown scenario 'no-such-scenario'"):
        key.questions("no-such-scenario")


def test_questions_ratings_and_unanswered_come_from_the_library():
    key = AnswerKey(LIBRARY)
    for sid, scenario in LIBRARY.scenarios.items():
        assert key.questions(sid) == tuple(scenario.questions())
    for _, question in ACTIONS:
        assert key.ratings(question.id) == {o.action: o.rating for o in question.options}
    options = key.options_table()
    assert len(options) == sum(len(q.options) for _, q in ACTIONS)
    assert set(options.itertuples(index=False, name=None)) == {
        (q.id, o.action, o.rating.value) for _, q in ACTIONS for o in q.options}
    for _, question in QUESTIONS:
        assert key.unanswered(question) == unanswered(question, LIBRARY)


ANY_TEXT = st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", max_size=12)


@st.composite
def answers_good_and_bad(draw):
    sid, question = draw(st.sampled_from(QUESTIONS))
    offered = question.levels if isinstance(question, RiskQuestion) else [o.action for o in question.options]
    pool = st.sampled_from(offered) | ANY_TEXT
    answer = draw(st.one_of(pool, st.lists(pool, max_size=6), st.lists(st.integers(), min_size=1, max_size=2)))
    question_id = draw(st.sampled_from([question.id, question.id, "unknown-question"]))
    return draw(st.sampled_from([sid, sid, "unknown-scenario"])), question_id, answer


@settings(max_examples=200, deadline=None)
@given(st.lists(answers_good_and_bad(), min_size=1, max_size=8))
def test_any_sequence_of_answers_gets_the_rubrics_outcome(sequence):
    key = AnswerKey(LIBRARY)
    for scenario_id, question_id, answer in sequence:
        assert key_outcome(key, scenario_id, question_id, answer) == rubric_outcome(scenario_id, question_id, answer)
