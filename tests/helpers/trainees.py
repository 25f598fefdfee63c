"""Trainees for the end-to-end tests: fetch the released assignment from the exchange, answer
through the answer store (the file the scenario player writes), and submit, each with nbgrader's
own exchange classes and their own student id, as the JupyterLab assignment list would."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import nbformat

from grading.answers import AnswerStore
from grading.assessment.course import Course
from grading.assessment.spec import ASSIGNMENT_ID, variant_seed
from scenarios.library import Library
from scenarios.models import Rating, RiskQuestion

Answer = Callable[[object, Library], object]


def _exchange_step(step, course: Course, home: Path, student: str) -> None:
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory

    config = course.config()
    config.Exchange.assignment_dir = str(home)
    coursedir = CourseDirectory(config=config)
    coursedir.assignment_id = ASSIGNMENT_ID
    coursedir.student_id = student
    step(coursedir=coursedir, authenticator=Authenticator(config=config), config=config).start()


def fetch(course: Course, home: Path, student: str) -> Path:
    from nbgrader.exchange.default import ExchangeFetchAssignment

    home.mkdir(parents=True, exist_ok=True)
    _exchange_step(ExchangeFetchAssignment, course, home, student)
    return home / ASSIGNMENT_ID


def submit(course: Course, home: Path, student: str) -> None:
    from nbgrader.exchange.default import ExchangeSubmit

    _exchange_step(ExchangeSubmit, course, home, student)


def place_submission(course: Course, student: str) -> Path:
    """A submission as ``collect`` leaves it, without going through the exchange: the released
    notebook and a timestamp in ``submitted/<student>/<assignment>``. Returns that folder, where
    the trainee's answers go (e.g. :func:`answer_all`)."""
    folder = course.folder("submitted", student)
    folder.mkdir(parents=True)
    shutil.copy(course.folder("release") / f"{ASSIGNMENT_ID}.ipynb", folder)
    (folder / "timestamp.txt").write_text("2026-03-02 09:00:00.000000 UTC")
    return folder


def answer_all(folder: Path, student: str, questions, library: Library, pick: Answer) -> None:
    """Record ``pick(question, library)`` for every assessed question, with the learner's
    variant seed, as the player does."""
    store = AnswerStore(folder, student)
    for sid, question in questions:
        store.record(sid, question.id, pick(question, library))
    for sid in {sid for sid, _ in questions}:
        store.annotate(sid, variant={"seed": variant_seed(student)})


def edit_cell(folder: Path, grade_id: str, source: str) -> None:
    """Change a read-only cell of the fetched notebook, as a trainee with a text editor could."""
    path = folder / f"{ASSIGNMENT_ID}.ipynb"
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            cell.source = source
    nbformat.write(notebook, path)


# -- the trainees' ways of answering


def _steps_below(question: RiskQuestion, library: Library) -> str:
    """The level just under the reference: an under-grading."""
    key_rank = library.level(question.key).rank
    lower = [lv for lv in question.levels if library.level(lv).rank < key_rank]
    return max(lower, key=lambda lv: library.level(lv).rank)


def follows_the_key(question, library: Library):
    if isinstance(question, RiskQuestion):
        return question.key
    return [o.action for o in question.options if o.rating in (Rating.ESSENTIAL, Rating.HELPFUL)]


def under_grades_every_risk(question, library: Library):
    if isinstance(question, RiskQuestion):
        return _steps_below(question, library)
    return follows_the_key(question, library)


def chooses_harm(question, library: Library):
    if isinstance(question, RiskQuestion):
        return question.key
    return [o.action for o in question.options if o.rating == Rating.HARMFUL]
