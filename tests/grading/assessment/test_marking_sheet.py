"""The marking sheet a graded cell marks from: the rubric's marks, plain data, and refreshed when
anything it was worked out from changes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers.cache_keys import assert_key_follows_the_file

from grading.answers import AnswerFile
from grading.assessment import cells
from grading.assessment.marking_sheet import mark_answer, sheet_key, shipped_sheet
from grading.assessment.sealed_feedback import build_sheet, mark_item, sealed_citations
from grading.rubric import score_answer
from scenarios.errors import UnknownIdError
from scenarios.models import Rating, RiskQuestion

ROOT = Path(__file__).parents[3]


def test_the_shipped_sheet_is_the_libraries_and_covers_every_assessed_question(library, assessed):
    sheet = shipped_sheet()
    assert sheet == build_sheet(library)
    assert [(sid, qid) for sid, questions in sheet.items() for qid in questions] == [(s, q.id) for s, q in assessed]


def test_the_sheet_is_plain_data(library):
    sheet = build_sheet(library)
    assert json.loads(json.dumps(sheet)) == sheet


def _answers(question):
    if isinstance(question, RiskQuestion):
        return list(question.levels)
    ids = [o.action for o in question.options]
    harmful = [o.action for o in question.options if o.rating == Rating.HARMFUL]
    return [ids, ids[::2], ids[1::2], harmful + ids[:1], *([a] for a in ids)]


def test_a_mark_from_the_sheet_cites_what_the_rubrics_feedback_cites_sealed(library, assessed):
    for sid, question in assessed:
        for answer in _answers(question):
            item = mark_item(library, sid, question.id, AnswerFile(sid, "t", {question.id: answer}))
            rubric = score_answer(library, sid, question.id, answer)
            cited = [c for feedback in rubric.feedback for c in feedback.citations]
            assert item.citations == sealed_citations(cited, library), (question.id, answer)


@pytest.mark.parametrize("answer", ["high", 3, {"level": "high"}, [1], "nrm-referral", b"x"])
def test_answers_of_the_wrong_shape_earn_nothing_and_do_not_raise(library, assessed, answer):
    sheet = build_sheet(library)
    for sid, question in assessed:
        entry = sheet[sid][question.id]
        if isinstance(question, RiskQuestion) and answer == "high" and "high" in question.levels:
            continue
        item = mark_answer(question.id, entry, answer)
        assert item.points == 0 and item.citations, (question.id, answer)


def test_a_graded_cell_for_a_question_the_assessment_does_not_have_names_it():
    with pytest.raises(UnknownIdError, match="no-such-question"):
        cells._marked("turning-18", "no-such-question", None)


@pytest.fixture
def code_copy(tmp_path) -> Path:
    """The two packages the sheet is worked out from, copied where a test may edit them."""
    for package in ("scenarios", "grading"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


@pytest.mark.parametrize("edit", ["scenarios/library/cases/turning-18.yaml", "scenarios/library/risk_scale.yaml",
                                  "scenarios/models.py", "grading/rubric.py", "grading/points.py",
                                  "grading/assessment/sealed_feedback.py"])
def test_the_key_changes_with_the_library_and_the_code_that_marks(code_copy, edit):
    assert_key_follows_the_file(lambda: sheet_key(code_copy), code_copy / edit)
