"""``mfc assess`` refuses bad input with one clear line and a non-zero exit, never a traceback."""

from __future__ import annotations

import pytest

from grading.assessment.course import edited_cells, failure_reason
from mfc.cli import main


def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert "Traceback" not in err
    return err.splitlines()[-1]


def test_a_folder_that_is_not_a_course_root_is_named(tmp_path, capsys):
    assert main(["assess", "collect", "--course", str(tmp_path)]) == 1
    line = _one_line_error(capsys)
    assert str(tmp_path) in line and "not an nbgrader course root" in line


def test_init_creates_a_course_root_once(tmp_path, capsys):
    target = tmp_path / "course"
    assert main(["assess", "init", str(target)]) == 0
    assert (target / "nbgrader_config.py").is_file()
    assert list((target / "source").rglob("*.ipynb"))
    assert main(["assess", "init", str(target)]) == 1
    assert "already a course root" in _one_line_error(capsys)


@pytest.mark.parametrize("step", [["autograde"], ["feedback"]])
def test_grading_before_anything_was_collected_says_what_to_run(course, step, capsys):
    assert main(["assess", *step, "--course", str(course.root)]) == 1
    assert "mfc assess" in _one_line_error(capsys)


def test_autograding_a_trainee_without_a_submission_names_them(course, capsys):
    (course.root / "gradebook.db").touch()
    (course.root / "submitted" / "ana" / "summative").mkdir(parents=True)
    assert main(["assess", "autograde", "--student", "zed", "--course", str(course.root)]) == 1
    assert "zed" in _one_line_error(capsys)


def test_export_before_release_is_a_clear_error(course, tmp_path, capsys):
    assert main(["assess", "export", str(tmp_path / "marks.csv"), "--course", str(course.root)]) == 1
    assert "release the assignment first" in _one_line_error(capsys)
    assert not (course.root / "gradebook.db").exists(), "no empty gradebook is left behind"


@pytest.mark.parametrize("workers", ["0", "-2", "two"])
def test_workers_must_be_a_positive_whole_number(workers, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["assess", "autograde", "--workers", workers])
    assert exit_info.value.code == 2
    assert "--workers" in _one_line_error(capsys)


def test_a_failed_step_reports_the_exception_not_nbgraders_generic_line():
    log = ("[ERROR] boom\n    Traceback (most recent call last):\n"
           "    RuntimeError: Kernel didn't respond in 60 seconds\n"
           "[ERROR] Please see the the above traceback for details on the specific errors on the above failures.")
    assert failure_reason({"success": False, "log": log}) == "RuntimeError: Kernel didn't respond in 60 seconds"
    assert failure_reason({"success": False, "log": "[ERROR] No notebooks found"}) == "No notebooks found"
    # nbgrader re-raises its own "see the above traceback" exception last: the cause comes first.
    wrapped = {"success": False, "log": "[ERROR] Traceback (most recent call last):\n"
               "    ModuleNotFoundError: No module named 'psycopg'\n[ERROR] Please see the above traceback",
               "error": "nbgrader.converters.base.NbGraderException: Please see the the above traceback for details"}
    assert failure_reason(wrapped) == "ModuleNotFoundError: No module named 'psycopg'"


def test_edited_cells_are_read_from_nbgraders_warnings():
    log = ("[WARNING] Attribute 'checksum' for cell q-risk has changed! (should be: a, got: b)\n"
           "[WARNING] Attribute 'locked' for cell intro has changed! (should be: True, got: False)\n")
    assert edited_cells(log) == [("intro", "locked"), ("q-risk", "checksum")]
