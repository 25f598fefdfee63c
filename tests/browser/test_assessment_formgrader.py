"""Formgrader, nbgrader's page for course leads, in a JupyterLab started on the assessment's course
root: it lists the released assessment and each trainee's autograded submission.

JupyterLab runs from the course root (so formgrader reads its ``nbgrader_config.py``) with the
course root as its root folder (formgrader refuses a course outside the server's root).
"""

from __future__ import annotations

from helpers.trainees import place_submission
from playwright.sync_api import expect

from grading.answers import AnswerStore
from grading.assessment.course import init_course
from grading.assessment.spec import ASSIGNMENT_ID, SCENARIOS, assessed_questions
from grading.assessment.steps import autograde_serial, release
from grading.rubric import score_answer

TRAINEES = ("ana", "ben")


def _answer(question):
    """What each trainee answers in the first scenario: its first risk level, no actions."""
    return question.levels[0] if question.kind == "risk" else []


def _submit(course, student: str, library) -> None:
    """A submission as ``collect`` leaves it: the released notebook and the trainee's answers."""
    store = AnswerStore(place_submission(course, student), student)
    for question in library.scenario(SCENARIOS[0]).questions():
        store.record(SCENARIOS[0], question.id, _answer(question))


def _score_text(library) -> str:
    """Formgrader's "score / maximum" for that submission, from the rubric: the first scenario's
    answers scored, the other scenarios' questions unanswered (0), out of every assessed question's
    maximum."""
    marks = {q.id: score_answer(library, sid, q.id, _answer(q)) for sid, q in assessed_questions(library)}
    answered = {q.id for q in library.scenario(SCENARIOS[0]).questions()}
    score = sum(mark.points for qid, mark in marks.items() if qid in answered)
    maximum = sum(mark.maximum for mark in marks.values())
    return f"{round(score, 2):g} / {round(maximum, 2):g}"


def test_formgrader_lists_the_assessment_and_its_submissions(page, page_log, jupyter_lab, tmp_path, monkeypatch,
                                                            screenshot, library):
    exchange = str(tmp_path / "exchange")
    monkeypatch.setenv("MFC_EXCHANGE", exchange)
    course = init_course(tmp_path / "course")
    release(course)
    for student in TRAINEES:
        _submit(course, student, library)
    assert all(result.ok for result in autograde_serial(course, TRAINEES))

    lab = jupyter_lab(course.root, env={"MFC_EXCHANGE": exchange})
    page.goto(lab.url("formgrader"))
    assignments = page.locator("#main-table")
    expect(assignments).to_contain_text(ASSIGNMENT_ID, timeout=30_000)
    screenshot(page, "formgrader-assignments")

    page.goto(lab.url(f"formgrader/manage_submissions/{ASSIGNMENT_ID}"))
    submissions = page.locator("#main-table")
    for student in TRAINEES:
        score = submissions.locator("tr", has_text=student).locator(".score")
        expect(score).to_have_text(_score_text(library), timeout=30_000)
    screenshot(page, "formgrader-submissions")
    assert "not a subdirectory" not in lab.log_tail(200)
    assert not page_log.unexpected_errors()
