"""A graded cell's feedback: the rubric's score, a reason for every item, and no key."""

from __future__ import annotations

import pytest

from grading.answers import AnswerFile
from grading.assessment.marking_sheet import NOT_ANSWERED, UNREADABLE
from grading.assessment.sealed_feedback import mark_item, sealed_citations
from grading.rubric import score_answer
from scenarios.models import Rating, RiskQuestion

from .conftest import key_leaks, leaks_in


def _answers_to_try(question, library):
    """The reference answer, every level or every single option, all options, and nothing."""
    if isinstance(question, RiskQuestion):
        return list(question.levels)
    ids = [o.action for o in question.options]
    good = [o.action for o in question.options if o.rating in (Rating.ESSENTIAL, Rating.HELPFUL)]
    return [good, ids, [], *([a] for a in ids)]


def _saved(sid, qid, answer) -> AnswerFile:
    return AnswerFile(sid, "trainee", {qid: answer} if answer is not None else {})


def test_points_are_the_rubrics(library, assessed):
    for sid, question in assessed:
        for answer in _answers_to_try(question, library):
            item = mark_item(library, sid, question.id, _saved(sid, question.id, answer))
            expected = score_answer(library, sid, question.id, answer)
            assert (item.points, item.maximum) == (expected.points, expected.maximum)


def test_every_item_has_a_score_a_reason_and_guidance_to_read(library, assessed):
    for sid, question in assessed:
        for answer in [*_answers_to_try(question, library), None]:
            text = mark_item(library, sid, question.id, _saved(sid, question.id, answer)).text()
            lines = text.splitlines()
            assert lines[0].startswith("Score: ") and len(lines) >= 3, text
            assert lines[-1].startswith("Guidance to read: ") and "§" in lines[-1], text


def test_the_leak_detector_finds_every_key_value_in_the_library_files(library, assessed):
    # The control for every "no key" test: the files that hold the key must trip every pattern.
    from scenarios.library import CASES_DIR, LIBRARY_DIR

    files = [CASES_DIR / f"{sid}.yaml" for sid in {sid for sid, _ in assessed}]
    files += [LIBRARY_DIR / "actions.yaml", LIBRARY_DIR / "risk_scale.yaml"]
    text = "\n".join(p.read_text(encoding="utf-8") for p in files)
    leaks = key_leaks(library, assessed)
    assert len(leaks) > 100
    assert set(leaks_in(text, leaks)) == {leak.what for leak in leaks}


def test_the_feedback_never_names_the_key(library, assessed):
    leaks = key_leaks(library, assessed)
    for sid, question in assessed:
        for answer in [*_answers_to_try(question, library), None]:
            text = mark_item(library, sid, question.id, _saved(sid, question.id, answer)).text()
            assert not leaks_in(text, leaks), (question.id, answer, leaks_in(text, leaks))


def test_an_under_grading_says_why_it_earns_nothing(library, assessed):
    sid, question = next((s, q) for s, q in assessed if isinstance(q, RiskQuestion) and q.key == "high")
    item = mark_item(library, sid, question.id, _saved(sid, question.id, "low"))
    assert item.points == 0
    assert "lower than the guidance supports" in item.text()
    assert "minimum the guidance sets" in item.text()  # the trafficking rule is broken too


def test_harmful_choices_are_counted_not_named(library, assessed):
    sid, question = next((s, q) for s, q in assessed if not isinstance(q, RiskQuestion))
    harmful = [o.action for o in question.options if o.rating == Rating.HARMFUL]
    text = mark_item(library, sid, question.id, _saved(sid, question.id, harmful)).text()
    assert "could harm the child" in text
    assert all(action not in text for action in harmful)


def test_unanswered_and_unreadable_answers_earn_nothing_and_say_so(library, assessed):
    sid, question = assessed[0]
    assert NOT_ANSWERED in mark_item(library, sid, question.id, _saved(sid, question.id, None)).text()
    tampered = mark_item(library, sid, question.id, _saved(sid, question.id, ["no-such-action"]))
    assert tampered.points == 0 and UNREADABLE in tampered.text()


def test_unknown_question_is_an_error_naming_it(library):
    with pytest.raises(KeyError, match="no-such-question"):
        mark_item(library, "kim", "no-such-question", _saved("kim", "x", None))


def test_sections_named_after_a_risk_level_give_way_to_the_scales_general_sections(library):
    sealed = sealed_citations(["WF2026 §High Risk", "HO2025 §Risk in the first 48 hours", "WF2026 §Low Risk"], library)
    assert "WF2026 §High Risk" not in sealed and "WF2026 §Low Risk" not in sealed
    assert sealed == (*library.risk_scale.citations, "HO2025 §Risk in the first 48 hours")
