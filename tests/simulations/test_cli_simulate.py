"""`mfc simulate`: the JSON contracts, the CSV, and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from mfc.cli import main
from simulations.parameters import PARAMETER_NAMES
from simulations.presets import PRESET_NAMES

MFC = [str(Path(sys.executable).with_name("mfc"))]


def run_json(capsys, *args) -> dict:
    assert main(["simulate", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_summary_contract(capsys):
    data = run_json(capsys, "--preset", "kim", "--reps", "60", "--seed", "4")
    assert (data["preset"], data["reps"], data["seed"]) == ("kim", 60, 4)
    assert set(data["summary"]) == {"located_24h", "located_7d", "located_28d", "never_located", "over_7_days",
                                    "rhi_within_72h", "median_hours_to_locate"}
    shares = [data["summary"][k] for k in ("located_24h", "located_7d", "located_28d")]
    assert shares == sorted(shares) and all(0 <= s <= 1 for s in shares)
    assert data["summary"]["never_located"] <= 1 - data["summary"]["located_28d"] + 1e-12


def test_set_changes_the_run_and_is_echoed(capsys):
    base = run_json(capsys, "--reps", "200", "--seed", "4")
    changed = run_json(capsys, "--reps", "200", "--seed", "4", "--set", "carer_checks_h=0",
                       "--set", "phone_delay_h=never")
    assert changed["set"] == {"carer_checks_h": 0.0, "phone_delay_h": None}
    assert changed["summary"] != base["summary"]


def test_list_json_contract(capsys):
    assert main(["simulate", "--list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [p["name"] for p in data["presets"]] == list(PRESET_NAMES)
    assert all(p["description"] for p in data["presets"])
    assert [p["name"] for p in data["parameters"]] == list(PARAMETER_NAMES)
    for p in data["parameters"]:
        assert set(p) >= {"name", "unit", "default", "source"}
        assert p["source"].startswith("assumption") == p["assumed"]
    never = {p["name"]: p["default"] for p in data["parameters"]}["family_ask_delay_h"]
    assert never is None  # JSON has no infinity


def test_list_text_marks_assumptions(capsys):
    assert main(["simulate", "--list"]) == 0
    out = capsys.readouterr().out
    assert "good-practice" in out and "* marks an assumed value" in out and " *search_rate_high_per_h" in out


def test_text_summary_says_it_is_a_teaching_model(capsys):
    assert main(["simulate", "--reps", "50"]) == 0
    out = capsys.readouterr().out
    assert "teaching model" in out and "located within 7 days" in out


def test_csv_has_one_row_per_replication(tmp_path, capsys):
    path = tmp_path / "runs.csv"
    assert main(["simulate", "--preset", "bao", "--reps", "40", "--csv", str(path)]) == 0
    frame = pd.read_csv(path)
    assert len(frame) == 40 and {"rep", "located", "hours_to_locate", "rhi_within_72h"} <= set(frame.columns)


@pytest.mark.parametrize(("args", "message"), [
    (["--set", "carer_check_h=2"], "unknown parameter 'carer_check_h' (did you mean 'carer_checks_h'?)"),
    (["--set", "p_graded_high=1.5"], "parameter 'p_graded_high' must be 0 to 1 probability, got 1.5"),
    (["--set", "carer_checks_h"], "--set needs NAME=VALUE"),
    (["--preset", "kimm"], "unknown preset 'kimm'"),
    (["--reps", "0"], "reps must be a whole number of at least 1"),
    (["--seed", "-3"], "seed must be a whole number of at least 0"),
    (["--workers", "-1"], "workers must be a whole number of at least 1"),
])
def test_bad_input_is_one_line_and_exit_2(args, message, capsys):
    assert main(["simulate", *args]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"mfc simulate: {message}" or (err.startswith("mfc simulate: ") and message in err)
    assert len(err.splitlines()) == 1


def test_an_unwritable_csv_is_one_line(tmp_path, capsys):
    assert main(["simulate", "--reps", "5", "--csv", str(tmp_path / "missing" / "x.csv")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mfc simulate: cannot write ") and len(err.strip().splitlines()) == 1


def test_console_script_errors_without_traceback():
    result = subprocess.run([*MFC, "simulate", "--set", "nonsense=1"], capture_output=True, text=True)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == "mfc simulate: unknown parameter 'nonsense' (mfc simulate --list shows them all)"
