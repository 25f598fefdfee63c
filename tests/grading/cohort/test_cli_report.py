"""`mfc report`: the files it writes, pseudonyms by default, and one line per problem, never a
traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from grading.cohort.pseudonyms import KEY_ENV, KEY_FILE_NAME
from grading.cohort.synthetic import trainee_ids, write_made_up_cohort
from mfc.cli import main
from scenarios.library import shipped_library

LIBRARY = shipped_library()
SCENARIOS = ["kim", "turning-18"]


@pytest.fixture(autouse=True)
def no_key_in_environment(monkeypatch):
    monkeypatch.delenv(KEY_ENV, raising=False)


@pytest.fixture
def cohort(tmp_path):
    folder = tmp_path / "week-1"
    write_made_up_cohort(folder, LIBRARY, trainees=4, scenarios=SCENARIOS, seed=8)
    return folder


def gradebook_ids(path) -> list[str]:
    return list(pd.read_csv(path)["trainee"])


def test_html_and_csv_are_written_with_pseudonyms_by_default(cohort, tmp_path, capsys):
    html, csv = tmp_path / "out" / "report.html", tmp_path / "out" / "grades.csv"
    html.parent.mkdir()
    assert main(["report", str(cohort), "--html", str(html), "--csv", str(csv)]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == f"4 trainees, 8 answer files (0 skipped): wrote {html} and {csv}"
    assert f"made a new pseudonym key in {tmp_path / KEY_FILE_NAME}" in captured.err
    assert "never commit it" in captured.err
    ids = gradebook_ids(csv)
    assert len(ids) == 4 and all(i.startswith("trainee-") for i in ids)
    text = html.read_text(encoding="utf-8") + csv.read_text(encoding="utf-8")
    assert not any(real in text for real in trainee_ids(4))
    assert "Trainee ids are pseudonymised." in html.read_text(encoding="utf-8")


def test_the_same_key_gives_the_same_pseudonyms_next_week(cohort, tmp_path, capsys):
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    assert main(["report", str(cohort), "--csv", str(first)]) == 0
    assert "made a new pseudonym key" in capsys.readouterr().err
    assert main(["report", str(cohort), "--csv", str(second)]) == 0
    assert capsys.readouterr().err == ""  # the key made last time is used, not replaced
    assert gradebook_ids(first) == gradebook_ids(second)


def test_reveal_names_keeps_real_ids_and_makes_no_key(cohort, tmp_path):
    csv = tmp_path / "grades.csv"
    assert main(["report", str(cohort), "--csv", str(csv), "--reveal-names"]) == 0
    assert gradebook_ids(csv) == trainee_ids(4)
    assert not (tmp_path / KEY_FILE_NAME).exists()


def test_key_from_the_environment_or_a_named_file(cohort, tmp_path, monkeypatch):
    monkeypatch.setenv(KEY_ENV, "e" * 40)
    env_csv, file_csv, again_csv = tmp_path / "env.csv", tmp_path / "file.csv", tmp_path / "again.csv"
    assert main(["report", str(cohort), "--csv", str(env_csv)]) == 0
    key_file = tmp_path / "keys.txt"
    assert main(["report", str(cohort), "--csv", str(file_csv), "--key-file", str(key_file)]) == 0
    assert key_file.exists() and not (tmp_path / KEY_FILE_NAME).exists()
    assert gradebook_ids(env_csv) != gradebook_ids(file_csv)
    assert main(["report", str(cohort), "--csv", str(again_csv), "--key-file", str(key_file)]) == 0
    assert gradebook_ids(again_csv) == gradebook_ids(file_csv)


def test_bad_files_are_skipped_and_named_the_report_is_still_written_and_the_exit_is_1(cohort, tmp_path, capsys):
    (cohort / "made-up-0001" / "notes.answers.json").write_text("{oops")
    (cohort / "odd.answers.json").write_text('{"scenario": "kim", "trainee": "x", "answers": {"kim-night-risk": 5}}')
    csv = tmp_path / "grades.csv"
    assert main(["report", str(cohort), "--csv", str(csv), "--reveal-names"]) == 1
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert lines == [
        f"mfc report: skipped {cohort / 'made-up-0001' / 'notes.answers.json'}: not valid JSON "
        "(Expecting property name enclosed in double quotes at line 1, column 2)",
        f"mfc report: skipped {cohort / 'odd.answers.json'}: kim-night-risk: an answer is a level id or a list of "
        "action ids; got 5",
    ]
    assert "4 trainees, 10 answer files (2 skipped)" in captured.out
    assert gradebook_ids(csv) == trainee_ids(4)


def test_nbgrader_marks_reach_the_gradebook(cohort, tmp_path):
    question = LIBRARY.scenario("turning-18").questions()[0]
    marks = tmp_path / "marks.csv"
    marks.write_text(f"trainee,scenario,question,points,max\nmade-up-0001,turning-18,{question.id},0,4\n"
                     f"late-joiner,turning-18,{question.id},3,4\n")
    csv = tmp_path / "grades.csv"
    assert main(["report", str(cohort), "--csv", str(csv), "--nbgrader", str(marks), "--reveal-names"]) == 0
    table = pd.read_csv(csv).set_index("trainee")
    assert table.loc["late-joiner", "turning-18"] == 3 and pd.isna(table.loc["late-joiner", "kim"])
    assert table.loc["made-up-0001", "turning-18"] <= table.loc["made-up-0001", "max"]


def test_nbgrader_marks_alone_make_a_gradebook(tmp_path, capsys):
    question = LIBRARY.scenario("turning-18").questions()[0]
    marks = tmp_path / "marks.csv"
    marks.write_text(f"trainee,scenario,question,points,max\nalice,turning-18,{question.id},1,2\n")
    (tmp_path / "no-answers").mkdir()
    csv = tmp_path / "grades.csv"
    assert main(["report", str(tmp_path / "no-answers"), "--csv", str(csv), "--nbgrader", str(marks),
                 "--reveal-names"]) == 0
    assert pd.read_csv(csv).to_dict("records") == [
        {"trainee": "alice", "turning-18": 1.0, "total": 1.0, "max": 2.0, "percent": 50.0}]
    assert "1 trainee, 0 answer files (0 skipped)" in capsys.readouterr().out


@pytest.mark.parametrize("case", ["missing folder", "empty folder", "nothing to write", "all files bad",
                                  "bad nbgrader CSV", "unwritable output", "weak key"])
def test_bad_input_is_one_line_and_exit_2(cohort, tmp_path, monkeypatch, capsys, case):
    csv = str(tmp_path / "grades.csv")
    args, expected = {
        "missing folder": (["report", str(tmp_path / "nope"), "--csv", csv], f"{tmp_path / 'nope'}: no such folder"),
        "empty folder": (["report", str(tmp_path / "empty"), "--csv", csv],
                         f"{tmp_path / 'empty'}: no answer files (*.answers.json) in it or below it"),
        "nothing to write": (["report", str(cohort)], "nothing to write: give --html OUT.html and/or --csv OUT.csv"),
        "all files bad": (["report", str(tmp_path / "bad"), "--csv", csv],
                          f"{tmp_path / 'bad'}: no usable answers: every answer file was skipped (1)"),
        "bad nbgrader CSV": (["report", str(cohort), "--csv", csv, "--nbgrader", str(tmp_path / "marks.csv")],
                             f"{tmp_path / 'marks.csv'}: not an nbgrader marks CSV"),
        "unwritable output": (["report", str(cohort), "--csv", str(tmp_path / "no-such-dir" / "g.csv")],
                              f"g.csv: cannot write: there is no folder {tmp_path / 'no-such-dir'}"),
        "weak key": (["report", str(cohort), "--csv", csv], f"${KEY_ENV}: a pseudonym key needs at least 32"),
    }[case]
    (tmp_path / "empty").mkdir()
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "x.answers.json").write_text("[]")
    (tmp_path / "marks.csv").write_text("name,score\nalice,3\n")
    if case == "weak key":
        monkeypatch.setenv(KEY_ENV, "too-short")
    assert main(args) == 2
    err = capsys.readouterr().err
    final = err.strip().splitlines()[-1]
    assert final.startswith("mfc report: ") and expected in final


@pytest.mark.parametrize("command", [[str(Path(sys.executable).parent / "mfc")], [sys.executable, "-m", "mfc.cli"]],
                         ids=["console script", "python -m"])
def test_a_real_run_prints_no_traceback(tmp_path, command):
    result = subprocess.run([*command, "report", str(tmp_path / "nope"), "--csv", "x.csv"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert result.stderr.strip() == f"mfc report: {tmp_path / 'nope'}: no such folder"
