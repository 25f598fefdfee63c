"""``mfc assess`` reads the course's nbgrader settings the way nbgrader does, so what a hub
configures there holds: an exchange plugin (as ngshare is on Zero to JupyterHub) and a gradebook
on a real PostgreSQL server (``db_url``), graded by two workers at once."""

from __future__ import annotations

import csv
import io
import stat
from contextlib import redirect_stdout

import pytest
from helpers.postgres import scratch_postgres
from helpers.recording_exchange import NOTE
from helpers.trainees import answer_all, fetch, follows_the_key, submit, under_grades_every_risk

from grading.assessment.course import Course
from grading.assessment.spec import ASSIGNMENT_ID
from grading.rubric import score_answer
from mfc.cli import main


def mfc(*args: str) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(list(args))
    assert code == 0, out.getvalue()
    return out.getvalue()


def add_settings(course: Course, *lines: str) -> None:
    """What a course lead adds below the ``configure(...)`` line of the course's config."""
    with (course.root / "nbgrader_config.py").open("a") as config:
        config.write("\n" + "\n".join(lines) + "\n")


def test_init_closes_a_new_course_root_to_everyone_but_its_owner(tmp_path):
    mfc("assess", "init", str(tmp_path / "new" / "course"))
    assert stat.S_IMODE((tmp_path / "new" / "course").stat().st_mode) == 0o700


def test_init_keeps_the_mode_of_a_folder_made_for_several_course_leads(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o2770)
    mfc("assess", "init", str(shared))
    assert stat.S_IMODE(shared.stat().st_mode) == 0o2770


def test_release_goes_through_the_exchange_class_the_course_configures(course):
    add_settings(course, "c.ExchangeFactory.release_assignment = "
                         "'helpers.recording_exchange.RecordingReleaseAssignment'")
    mfc("assess", "release", "--course", str(course.root))
    assert (course.root / NOTE).read_text() == ASSIGNMENT_ID


def test_the_exchange_folder_comes_from_the_course_config_unless_given(course, tmp_path, monkeypatch):
    monkeypatch.delenv("MFC_EXCHANGE")
    add_settings(course, f"c.Exchange.root = {str(tmp_path / 'configured')!r}")
    assert Course.open(course.root).exchange == tmp_path / "configured"
    assert Course.open(course.root, tmp_path / "given").exchange == tmp_path / "given"


def test_a_broken_config_is_one_clear_error(course, capsys):
    add_settings(course, "c.CourseDirectory.db_url = undefined_name")
    assert main(["assess", "release", "--course", str(course.root)]) == 1
    err = capsys.readouterr().err.strip()
    assert "Traceback" not in err and err.count("\n") == 0
    assert "NameError" in err and str(course.root) in err


@pytest.mark.slow
def test_the_whole_round_uses_a_postgresql_gradebook_from_the_course_config(course, tmp_path, library, assessed):
    picks = {"ana": follows_the_key, "ben": under_grades_every_risk}
    with scratch_postgres() as server:
        add_settings(course, f"c.CourseDirectory.db_url = {server.create_database('gradebook')!r}")
        mfc("assess", "release", "--course", str(course.root))
        for student, pick in picks.items():
            home = tmp_path / "home" / student
            answer_all(fetch(course, home, student), student, assessed, library, pick)
            submit(course, home, student)
        mfc("assess", "collect", "--course", str(course.root))
        assert "autograded 2 of 2" in mfc("assess", "autograde", "--workers", "2", "--course", str(course.root))
        mfc("assess", "export", str(tmp_path / "marks.csv"), "--course", str(course.root))

        in_postgres = server.psql("SELECT s.student_id, round(sum(g.auto_score)::numeric, 2) FROM grade g "
                                  "JOIN submitted_notebook n ON g.notebook_id = n.id "
                                  "JOIN submitted_assignment s ON n.assignment_id = s.id "
                                  "GROUP BY s.student_id ORDER BY s.student_id", database="gradebook")
    assert not (course.root / "gradebook.db").exists(), "nothing went to a SQLite file"
    expected = {student: sum(score_answer(library, sid, q.id, pick(q, library)).points for sid, q in assessed)
                for student, pick in picks.items()}
    rows = {row["trainee"]: float(row["total"]) for row in csv.DictReader((tmp_path / "marks.csv").open())}
    assert rows == pytest.approx(expected)
    assert in_postgres.splitlines() == [f"{s}|{expected[s]:.2f}" for s in sorted(picks)]
