"""The graded assessment end to end with real nbgrader, driven by ``mfc assess`` as a course lead
would: release, three trainees fetch, answer and submit through the exchange, collect, autograde,
feedback, export. One trainee also edits a read-only cell, which nbgrader must notice and undo;
a course lead's manual marks, set in the gradebook as formgrader sets them, must win in the export
and on the feedback page.

The course runs once for the module (about a minute); each test checks one promise.
"""

from __future__ import annotations

import csv
import html
import io
import shutil
import stat
import subprocess
import sys
import tempfile
from contextlib import redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers.trainees import (
    answer_all,
    chooses_harm,
    edit_cell,
    fetch,
    follows_the_key,
    submit,
    under_grades_every_risk,
)

from grading.assessment.course import Course
from grading.assessment.spec import ASSIGNMENT_ID, COURSE_ID, SCENARIOS
from grading.rubric import score_answer
from mfc.cli import main

from .conftest import key_leaks, leaks_in, text_of

pytestmark = pytest.mark.slow

TRAINEES = {"ana": follows_the_key, "ben": under_grades_every_risk, "cat": chooses_harm}
EDITOR = "cat"  # cat also rewrites a graded cell to claim full marks


@dataclass
class Run:
    course: Course
    parallel_course: Course
    outputs: dict[str, str]
    wide_csv: Path
    long_csv: Path


def mfc(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(list(args))
    return code, out.getvalue()


@pytest.fixture(scope="module")
def run(tmp_path_factory, library, assessed) -> Run:
    base = tmp_path_factory.mktemp("assessment")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("MFC_EXCHANGE", str(base / "exchange"))
        outputs = {}
        for step in (("init", str(base / "course")), ("release", "--course", str(base / "course"))):
            code, outputs[step[0]] = mfc("assess", *step)
            assert code == 0, outputs[step[0]]
        course = Course.open(base / "course")
        graded_cell = assessed[0][1].id
        for student, pick in TRAINEES.items():
            home = base / "home" / student
            folder = fetch(course, home, student)
            answer_all(folder, student, assessed, library, pick)
            if student == EDITOR:
                edit_cell(folder, graded_cell, "4.0  # full marks, please")
            submit(course, home, student)
        code, outputs["collect"] = mfc("assess", "collect", "--course", str(course.root))
        assert code == 0, outputs["collect"]
        # The same collected submissions, graded in parallel in a copy of the course (below).
        shutil.copytree(course.root, base / "parallel")
        parallel = Course.open(base / "parallel", base / "exchange")
        wide, long = base / "marks.csv", base / "marks-long.csv"
        for name, step in {"autograde": ("autograde",), "feedback": ("feedback",), "export": ("export", str(wide)),
                           "export-long": ("export", "--long", str(long))}.items():
            code, outputs[name] = mfc("assess", *step, "--course", str(course.root))
            assert code == 0, outputs[name]
        outputs["edited"] = graded_cell
    return Run(course, parallel, outputs, wide, long)


def _expected(library, assessed, student) -> dict[str, float]:
    pick = TRAINEES[student]
    return {q.id: score_answer(library, sid, q.id, pick(q, library)).points for sid, q in assessed}


def _maxima(library, assessed) -> dict[str, float]:
    return {q.id: score_answer(library, sid, q.id, follows_the_key(q, library)).maximum for sid, q in assessed}


def _scores(course: Course, assessed, student) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(course.db_url) as gradebook:
        return {q.id: gradebook.find_grade(q.id, ASSIGNMENT_ID, ASSIGNMENT_ID, student).score for _, q in assessed}


def test_every_trainees_marks_are_the_rubrics(run, library, assessed):
    assert "autograded 3 of 3" in run.outputs["autograde"]
    for student in TRAINEES:
        assert _scores(run.course, assessed, student) == _expected(library, assessed, student), student
    totals = {s: sum(_expected(library, assessed, s).values()) for s in TRAINEES}
    maximum = sum(_maxima(library, assessed).values())
    assert totals["ana"] == maximum and totals["ben"] < maximum and totals["cat"] < totals["ben"]


def test_an_edited_read_only_cell_is_detected_and_undone(run, library, assessed):
    cell = run.outputs["edited"]
    assert f"cat: read-only cell '{cell}' was changed" in run.outputs["autograde"]
    assert "ana:" not in run.outputs["autograde"] and "ben:" not in run.outputs["autograde"]
    # The claimed 4.0 did not stick: the restored cell scored cat's actual (harmful) answer.
    assert _scores(run.course, assessed, "cat")[cell] == _expected(library, assessed, "cat")[cell] < 4.0


def test_the_release_holds_no_answer_key(run, library, assessed):
    leaks = key_leaks(library, assessed)
    released = [p for p in run.course.folder("release").rglob("*") if p.is_file()]
    released += [p for p in (run.course.exchange / COURSE_ID / "outbound").rglob("*") if p.is_file()]
    assert released
    for path in released:
        assert not leaks_in(html.unescape(text_of(path)), leaks), path


def _page(course: Course, student: str) -> Path:
    return course.folder("feedback", student) / f"{ASSIGNMENT_ID}.html"


def _items(page: Path) -> list[tuple[str, str]]:
    """Each marked item on a feedback page: its heading (the words naming it) and its points."""
    soup = BeautifulSoup(text_of(page), "html.parser")
    return [(item.h3.get_text(" ", strip=True), item.select_one(".points").get_text(strip=True))
            for item in soup.select("li.item")]


def _points(points: float, maximum: float) -> str:
    return f"{points:g} of {maximum:g} points"


def test_feedback_gives_every_items_points_and_reasons_and_no_key(run, library, assessed):
    leaks = key_leaks(library, assessed)
    reasons = {"ana": "matches what the guidance supports", "ben": "lower than the guidance supports",
               "cat": "could harm the child"}
    maxima = _maxima(library, assessed)
    for student, reason in reasons.items():
        page = _page(run.course, student)
        text = html.unescape(text_of(page))
        expected = _expected(library, assessed, student)
        assert [points for _, points in _items(page)] == [_points(expected[q.id], maxima[q.id]) for _, q in assessed]
        total = _points(sum(expected.values()), sum(maxima.values()))
        assert BeautifulSoup(text, "html.parser").select_one(".total").get_text(" ", strip=True) == \
            f"Your total: {total}", student
        assert text.count("Guidance to read:") >= len(assessed), student
        assert reason in text, student
        assert not leaks_in(text, leaks), (student, leaks_in(text, leaks))
    released = list((run.course.exchange / COURSE_ID / "feedback").rglob("*.html"))
    assert len(released) == len(TRAINEES), "feedback is released to the exchange for trainees to fetch"


def test_feedback_names_each_item_in_words_and_shows_no_code_or_ids(run, library, assessed):
    for student in TRAINEES:
        page = _page(run.course, student)
        headings = [heading for heading, _ in _items(page)]
        for (_, question), heading in zip(assessed, headings, strict=True):
            assert heading.startswith("Part ") and heading.endswith(question.prompt), heading
        text = text_of(page)
        assert all(library.scenario(sid).title in html.unescape(text) for sid in SCENARIOS)
        for code in ("grade(", "player(", "import ", "In&nbsp;[", "In [", "Out[", "Grade cell", "<code", "<pre"):
            assert code not in text, (student, code)
        for sid, question in assessed:
            assert sid not in text and question.id not in text, (student, question.id)


def test_nbgrader_on_the_command_line_writes_the_same_page(run, tmp_path):
    """The course's settings choose the page, so a course lead who runs ``nbgrader generate_feedback``
    (or formgrader's button) gives trainees the page ``mfc assess feedback`` writes."""
    course = Course.open(shutil.copytree(run.course.root, tmp_path / "course"), run.course.exchange)
    nbgrader = Path(sys.executable).parent / "nbgrader"
    result = subprocess.run([str(nbgrader), "generate_feedback", ASSIGNMENT_ID, "--force"], cwd=course.root,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    for student in TRAINEES:
        assert _page(course, student).read_bytes() == _page(run.course, student).read_bytes(), student


def _wide_marks(path: Path, assessed) -> dict[str, dict[str, float]]:
    """The wide CSV's points by trainee and question, after checking its columns and totals."""
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert list(rows[0]) == ["trainee", *(q.id for _, q in assessed), "total", "out_of"]
    marks = {row["trainee"]: {q.id: float(row[q.id]) for _, q in assessed} for row in rows}
    for row in rows:
        assert float(row["total"]) == pytest.approx(sum(marks[row["trainee"]].values())), row["trainee"]
        assert float(row["out_of"]) == 64, "the rubric's maxima over the 19 items"
    assert len(marks) == len(rows), "one row per trainee"
    return marks


def _long_marks(path: Path, assessed) -> dict[str, dict[str, float]]:
    """The long CSV's points by trainee and question, after checking its columns and each row's
    scenario and kind."""
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert list(rows[0]) == ["trainee", "scenario", "question", "kind", "points", "max"]
    kinds = {q.id: (sid, q.kind) for sid, q in assessed}
    marks: dict[str, dict[str, float]] = {}
    for row in rows:
        assert (row["scenario"], row["kind"]) == kinds[row["question"]]
        assert row["question"] not in marks.get(row["trainee"], {}), "one row per trainee and question"
        marks.setdefault(row["trainee"], {})[row["question"]] = float(row["points"])
    return marks


def test_the_marks_csv_has_a_row_per_trainee_and_a_column_per_question(run, library, assessed):
    marks = _wide_marks(run.wide_csv, assessed)
    assert list(marks) == sorted(TRAINEES)
    assert marks == {student: _expected(library, assessed, student) for student in TRAINEES}


def test_the_long_csv_has_a_row_per_trainee_and_question(run, library, assessed):
    marks = _long_marks(run.long_csv, assessed)
    assert marks == {student: _expected(library, assessed, student) for student in TRAINEES}


def _override(course: Course, student: str, question: str, points: float) -> None:
    """A course lead's mark for one answer, stored as formgrader stores it: the grade's
    ``manual_score`` in nbgrader's gradebook, through nbgrader's own API."""
    from nbgrader.api import Gradebook

    with Gradebook(course.db_url) as gradebook:
        grade = gradebook.find_grade(question, ASSIGNMENT_ID, ASSIGNMENT_ID, student)
        grade.manual_score = points
        grade.needs_manual_grade = False
        gradebook.db.commit()


def test_a_manual_override_in_formgrader_wins_over_the_autograde_score(run, library, assessed, tmp_path):
    # A copy of the graded course, so the other tests keep seeing the autograde marks.
    course = Course.open(shutil.copytree(run.course.root, tmp_path / "course"), run.course.exchange)
    expected = {student: _expected(library, assessed, student) for student in TRAINEES}
    maximum = _maxima(library, assessed)
    # ben's under-graded risk is raised to full marks; one of ana's full marks is taken down to 0,
    # which is a mark in its own right, not "no override".
    raised = next(q.id for _, q in assessed if expected["ben"][q.id] < maximum[q.id])
    lowered = next(q.id for _, q in assessed if expected["ana"][q.id] > 0)
    for student, question, points in (("ben", raised, maximum[raised]), ("ana", lowered, 0.0)):
        _override(course, student, question, points)
        expected[student][question] = points
    wide, long = tmp_path / "marks.csv", tmp_path / "marks-long.csv"
    for args in ((str(wide),), ("--long", str(long))):
        code, out = mfc("assess", "export", *args, "--course", str(course.root))
        assert code == 0, out
    assert _wide_marks(wide, assessed) == expected
    assert _long_marks(long, assessed) == expected
    # The feedback page shows the changed marks too: nbgrader's score, not the graded cell's own.
    code, out = mfc("assess", "feedback", "--course", str(course.root), "--exchange", str(tmp_path / "exchange"))
    assert code == 0, out
    for student, question in (("ben", raised), ("ana", lowered)):
        shown = dict(zip((q.id for _, q in assessed), (points for _, points in _items(_page(course, student))),
                         strict=True))
        assert shown[question] == _points(expected[student][question], maximum[question]), (student, question)


def test_parallel_grading_gives_the_same_marks_as_serial(run, tmp_path, monkeypatch):
    sockets_parent = Path(tempfile.mkdtemp(prefix="t-"))  # short, as a socket's path must be
    monkeypatch.setattr(tempfile, "tempdir", str(sockets_parent))  # where the workers' kernel sockets go
    code, out = mfc("assess", "autograde", "--workers", "2", "--course", str(run.parallel_course.root))
    assert code == 0 and "with 2 worker(s)" in out, out
    assert "cat: read-only cell" in out
    code, _ = mfc("assess", "export", str(tmp_path / "parallel.csv"), "--course", str(run.parallel_course.root))
    assert code == 0
    assert (tmp_path / "parallel.csv").read_text() == run.wide_csv.read_text()
    assert not list(run.parallel_course.root.glob(".autograde-workers-*")), "worker gradebooks are cleaned up"
    assert not list(sockets_parent.iterdir()), "the kernels' socket folder is cleaned up"
    sockets_parent.rmdir()


def test_the_exchange_lets_every_trainee_submit(run):
    def mode(path: Path) -> int:
        return stat.S_IMODE(path.stat().st_mode)

    exchange = run.course.exchange
    assert mode(exchange) == 0o777
    assert mode(exchange / COURSE_ID / "inbound") & 0o733 == 0o733
    assert mode(exchange / COURSE_ID / "outbound") == 0o755
