"""``mfc course init``: a fresh, output-free course in a person's folder, never over their work."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from course_files import shipped_course
from course_files.personal_copy import MANIFEST, copy_course, trainee_files
from mfc.cli import main

START = "00_start_here.ipynb"


def _notebook(source: str, output: str | None = None) -> str:
    cell = {"cell_type": "code", "metadata": {}, "source": source, "execution_count": 3 if output else None,
            "outputs": [{"output_type": "stream", "name": "stdout", "text": output}] if output else []}
    return json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


@pytest.fixture
def source(tmp_path) -> Path:
    """A small course with the same shape as the shipped one, and one page saved after a run."""
    course = tmp_path / "source"
    (course / "cases").mkdir(parents=True)
    (course / "carers").mkdir()
    (course / START).write_text(_notebook("player('kim')", output="ran"))
    (course / "cases" / "kim.ipynb").write_text(_notebook("player('kim')"))
    (course / "carers" / "index.ipynb").write_text(_notebook("play('carer-kim-night')"))
    (course / "coverage.yaml").write_text("sections: {}\n")
    (course / "kim.answers.json").write_text("{}")  # a developer's own answers, never shipped
    return course


def _outputs(path: Path) -> list:
    return [cell["outputs"] for cell in json.loads(path.read_text())["cells"]]


def test_the_shipped_course_is_the_checkouts_course_folder():
    assert shipped_course() == (Path(__file__).resolve().parents[2] / "course")
    assert (shipped_course() / START).is_file()


def test_a_first_copy_holds_the_trainees_pages_without_outputs(source, tmp_path):
    report = copy_course(tmp_path / "home" / "course", source)
    home = tmp_path / "home" / "course"
    assert sorted(report.copied) == [START, "cases/kim.ipynb"]
    assert sorted(p.relative_to(home).as_posix() for p in home.rglob("*") if p.is_file()) == \
        sorted([MANIFEST, START, "cases/kim.ipynb"]), "no carers' pages, matrix or answers"
    assert _outputs(home / START) == [[]]
    assert json.loads((home / START).read_text())["cells"][0]["execution_count"] is None


def test_a_second_run_updates_untouched_pages_and_keeps_changed_ones_and_answers(source, tmp_path):
    home = tmp_path / "course"
    copy_course(home, source)
    (home / "cases" / "kim.ipynb").write_text(_notebook("player('kim')", output="my run"))  # the trainee's
    (home / "kim.answers.json").write_text('{"mine": true}')
    (source / START).write_text(_notebook("player('kim')  # newer course"))
    (source / "cases" / "kim.ipynb").write_text(_notebook("player('kim')  # newer course"))
    (source / "cases" / "bao.ipynb").write_text(_notebook("player('bao')"))

    report = copy_course(home, source)
    assert (report.copied, report.updated, report.kept) == (["cases/bao.ipynb"], [START], ["cases/kim.ipynb"])
    assert "newer course" in (home / START).read_text()
    assert _outputs(home / "cases" / "kim.ipynb") != [[]], "the trainee's page is as they left it"
    assert (home / "kim.answers.json").read_text() == '{"mine": true}'

    (home / "cases" / "kim.ipynb").unlink()
    assert copy_course(home, source).copied == ["cases/kim.ipynb"], "deleting a kept page brings the new one"
    assert copy_course(home, source).unchanged == [p.as_posix() for p in trainee_files(source)]


def test_a_page_the_person_made_themselves_is_never_overwritten(source, tmp_path):
    home = tmp_path / "course"
    home.mkdir()
    (home / START).write_text("my own notes")
    assert copy_course(home, source).kept == [START]
    assert (home / START).read_text() == "my own notes"


def test_mfc_course_init_copies_the_installed_course(tmp_path, capsys):
    assert main(["course", "init", str(tmp_path / "course")]) == 0
    out = capsys.readouterr().out
    copied = [p.relative_to(tmp_path / "course") for p in (tmp_path / "course").rglob("*.ipynb")]
    assert Path(START) in copied and not any(p.parts[0] == "carers" for p in copied)
    assert f"{len(copied)} page(s) copied" in out
    assert main(["course", "init", str(tmp_path / "course")]) == 0
    assert f"{len(copied)} already up to date" in capsys.readouterr().out


def test_mfc_course_init_into_a_file_is_one_clear_line(tmp_path):
    target = tmp_path / "taken"
    target.write_text("")
    result = subprocess.run([sys.executable, "-m", "mfc.cli", "course", "init", str(target)],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip() == f"mfc course: {target} is a file, not a folder"



def test_the_closing_page_works_in_a_copy_made_by_mfc_course_init(tmp_path, monkeypatch):
    """The copy has no coverage matrix (trainees do not open it); the closing page must still give
    the trainee their summary, with the modules to revisit, from the installed course's matrix."""
    from grading.answers import AnswerStore
    from scenarios.library import shipped_library
    from scenarios.models import RiskQuestion

    copy = tmp_path / "course"
    assert main(["course", "init", str(copy)]) == 0
    assert not (copy / "coverage.yaml").exists()
    monkeypatch.setenv("MFC_ANSWERS_DIR", str(tmp_path / "answers"))
    library = shipped_library()
    kim_risk = next(q for q in library.scenario("kim").questions() if isinstance(q, RiskQuestion))
    lowest = min(kim_risk.levels, key=lambda level: library.level(level).rank)
    AnswerStore(tmp_path / "answers").record("kim", kim_risk.id, lowest)

    notebook = nbformat.read(copy / "08_closing.ipynb", as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(copy)}}).execute()
    html = "".join(output.get("data", {}).get("text/html", "") for cell in notebook.cells
                   if cell.cell_type == "code" for output in cell.outputs)
    assert "You graded the risk lower than the guidance does." in html
    assert "Modules to revisit" in html and "Module 4: Reporting and risk" in html
