"""Every ``mfc`` command given a file or folder that is not there: exit 2 and one line naming it.

The same fault used to end differently by command (``mfc check missing.yaml`` exited 1 with a
validation report, ``mfc score missing.json`` 2 with one line). Each case runs the real command
line; no command starts a server or reads anything before refusing.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mfc.cli import main

MISSING = "no-such-thing"

ROOT = Path(__file__).resolve().parents[2]

# Each command line with MISSING where a file or folder it reads should be, and which of the two.
CASES = {
    "check FILE": (["check", MISSING], "file"),
    "check --exercises FILE": (["check", "--exercises", MISSING], "file"),
    "score ANSWERS": (["score", MISSING], "file"),
    "report COHORT_DIR": (["report", MISSING, "--html", "out.html"], "folder"),
    "report --nbgrader CSV": (["report", ".", "--nbgrader", MISSING, "--html", "out.html"], "file"),
    "coverage --matrix FILE": (["coverage", "--matrix", MISSING], "file"),
    "coverage --course DIR": (["coverage", "--course", MISSING], "folder"),
    "carers --pages DIR": (["carers", "--pages", MISSING], "folder"),
    "course --course DIR": (["course", "--course", MISSING], "folder"),
    "completion COHORT_DIR": (["completion", MISSING], "folder"),
    "assess --course DIR": (["assess", "release", "--course", MISSING], "folder"),
    "workshop exercise FILE": (["workshop", "exercise", MISSING, "--choices", "choices.json"], "file"),
    "workshop exercise --choices FILE": (["workshop", "exercise", "exercises/library/kim-who-knows-what.yaml",
                                          "--choices", MISSING], "file"),
}


@pytest.mark.parametrize(("argv", "kind"), CASES.values(), ids=CASES.keys())
def test_a_missing_input_is_one_line_and_exit_2(capsys, monkeypatch, tmp_path, argv, kind):
    monkeypatch.chdir(ROOT)  # the exercise file above is named relative to the checkout
    missing = tmp_path / MISSING
    assert main([str(missing) if word == MISSING else word for word in argv]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == f"mfc {argv[0]}: {missing}: no such {kind}"


def test_a_folder_where_a_file_belongs_is_named_as_such(capsys, tmp_path):
    assert main(["check", str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip() == f"mfc check: {tmp_path} is a folder, not a file"


def test_the_installed_command_exits_2_too(tmp_path):
    done = subprocess.run([sys.executable, "-m", "mfc.cli", "check", str(tmp_path / "missing.yaml")],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.strip() == f"mfc check: {tmp_path / 'missing.yaml'}: no such file"
