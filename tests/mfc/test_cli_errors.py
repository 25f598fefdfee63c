"""How `mfc` ends on an error: a user's mistake is one line and exit 2, a bug is a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mfc import cli
from mfc.errors import UsageError
from scenarios.errors import UnknownIdError


def _run_raising(monkeypatch, exc: Exception) -> int:
    parser = cli.build_parser()
    args = parser.parse_args(["check"])
    monkeypatch.setattr(cli, "build_parser", lambda: _Fixed(args))

    def explode(_args):
        raise exc

    args.run = explode
    return cli.main(["check"])


class _Fixed:
    def __init__(self, args):
        self.args = args

    def parse_args(self, _argv):
        return self.args


@pytest.mark.parametrize("exc", [UsageError("no such file: x.json"), UnknownIdError("unknown scenario 'x'")])
def test_a_users_mistake_is_one_line_and_exit_2(monkeypatch, capsys, exc):
    assert _run_raising(monkeypatch, exc) == 2
    err = capsys.readouterr().err
    assert err.strip().count("\n") == 0
    assert err.startswith("mfc check: ") and '"' not in err  # a sentence, not a quoted KeyError


def test_a_plain_key_error_is_a_bug_and_is_not_swallowed(monkeypatch):
    with pytest.raises(KeyError):
        _run_raising(monkeypatch, KeyError("internal"))


def test_an_unknown_scenario_on_the_command_line(tmp_path):
    answers = tmp_path / "nobody.json"
    answers.write_text('{"scenario": "no-such-case", "trainee": "alice", "answers": {}}')
    done = subprocess.run([sys.executable, "-m", "mfc.cli", "score", str(answers)], capture_output=True, text=True)
    assert done.returncode == 2, done.stderr
    assert "no-such-case" in done.stderr and "Traceback" not in done.stderr


def test_a_reader_that_stops_early_gets_no_traceback():
    """`bin/mfc check --json | head`: the reader has gone before mfc writes, so every write fails."""
    process = subprocess.Popen([sys.executable, "-m", "mfc.cli", "check", "--json"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    process.stdout.close()
    _, err = process.communicate(timeout=120)
    assert process.returncode == 1, err
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
