"""`mfc check`: the table, the JSON contract, and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

from mfc.cli import main


def test_table_lists_every_scenario_and_says_ok(library, capsys):
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "library OK" in out
    for sid in library.scenarios:
        assert sid in out


def test_json_contract(library, capsys):
    assert main(["check", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {s["id"] for s in data["scenarios"]} == set(library.scenarios)
    ranks = {lv["id"]: lv["rank"] for lv in data["risk_levels"]}
    assert ranks["high"] > ranks["medium"] > ranks["low"]
    assert {a["id"] for a in data["actions"]} == set(library.actions)
    for action in data["actions"]:
        assert set(action) >= {"id", "label", "who", "citations"}
    for scenario in data["scenarios"]:
        assert set(scenario) >= {"id", "title", "source", "questions"}
        for q in scenario["questions"]:
            if q["kind"] == "risk":
                assert q["key"] in q["levels"]
            else:
                assert q["kind"] == "actions"
                assert q["essential"] and q["harmful"]
                assert set(q["essential"] + q["helpful"] + q["neutral"] + q["harmful"]) == set(q["options"])


def test_broken_file_exits_1_with_readable_error_and_no_traceback(tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text("id: [unclosed\n")
    result = subprocess.run([sys.executable, "-m", "mfc.cli", "check", str(bad)], capture_output=True, text=True)
    assert result.returncode == 1
    assert str(bad) in result.stderr and "valid YAML" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_file_is_one_line(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nope.yaml")]) == 2  # as every command's missing input (tests/mfc)
    assert capsys.readouterr().err.strip() == f"mfc check: {tmp_path / 'nope.yaml'}: no such file"
