"""`mfc workshop exercise` and the exercise section of `mfc check`: output, JSON contract, and
one-line errors for bad choices."""

from __future__ import annotations

import json
import subprocess
import sys

from exercises.library import EXERCISES_DIR
from mfc.cli import main

KIM_FILE = str(EXERCISES_DIR / "kim-who-knows-what.yaml")
ROOM = {"exercise": "kim-who-knows-what", "shares": [
    {"round": "first-hour", "from": "foster-carer", "card": "car-plate", "to": "police"},
    {"round": "first-day", "from": "foster-carer", "card": "mobile-phone", "to": "social-worker"},
    {"round": "second-day", "from": "social-worker", "card": "mobile-phone", "to": "police"},
]}


def _choices(tmp_path, data) -> str:
    path = tmp_path / "choices.json"
    path.write_text(json.dumps(data) if not isinstance(data, str) else data)
    return str(path)


def test_json_debrief_from_recorded_choices(tmp_path, capsys):
    plot = tmp_path / "curves.png"
    assert main(["workshop", "exercise", KIM_FILE, "--choices", _choices(tmp_path, ROOM), "--reps", "40",
                 "--json", "--plot", str(plot)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"exercise", "reps", "seed", "runs", "curves", "leads", "cards", "words"}
    assert data["reps"] == 40 and data["leads"]["phone"] == 48 and data["leads"]["contacts"] == 1
    phone = next(c for c in data["cards"] if c["id"] == "mobile-phone")
    assert [step["role"] for step in phone["trail"]] == ["foster-carer", "social-worker", "police"]
    assert phone["left_holder_hours"] == 24 and phone["late"]
    assert plot.stat().st_size > 10_000


def test_words_by_default(tmp_path, capsys):
    assert main(["workshop", "exercise", KIM_FILE, "--choices", _choices(tmp_path, ROOM), "--reps", "20"]) == 0
    captured = capsys.readouterr()
    assert "teaching model" in captured.out
    assert "it reached the police coordinator by the end of the second day" in captured.out
    assert "simulating: 60 of 60 runs" in captured.err


def test_a_forbidden_share_is_one_line_exit_2(tmp_path):
    bad = {"exercise": "kim-who-knows-what",
           "shares": [{"round": "first-hour", "from": "police", "card": "uncle", "to": "social-worker"}]}
    result = subprocess.run([sys.executable, "-m", "mfc.cli", "workshop", "exercise", KIM_FILE, "--choices",
                             _choices(tmp_path, bad)], capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0 and "does not know 'uncle'" in result.stderr


def test_broken_json_and_wrong_exercise(tmp_path, capsys):
    assert main(["workshop", "exercise", KIM_FILE, "--choices", _choices(tmp_path, "{not json")]) == 2
    assert "not valid JSON (line 1" in capsys.readouterr().err
    assert main(["workshop", "exercise", KIM_FILE, "--choices",
                 _choices(tmp_path, {"exercise": "bao", "shares": []})]) == 2
    assert "records exercise 'bao'" in capsys.readouterr().err


def test_check_lists_exercises_in_its_table_and_json(capsys):
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "library OK" in out and "kim-who-knows-what" in out and "exercises: 1 OK" in out
    assert main(["check", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "scenarios" in data and "actions" in data  # the existing keys stay
    kim = next(e for e in data["exercises"] if e["id"] == "kim-who-knows-what")
    assert len(kim["rounds"]) == 6 and "police" in kim["roles"]
    assert {"id", "held_by", "lead", "must_reach", "citations"} <= set(kim["cards"][0])


def test_check_refuses_a_broken_exercise(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text((EXERCISES_DIR / "kim-who-knows-what.yaml").read_text().replace("lead: phone", "lead: phne", 1))
    assert main(["check", "--exercises", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bad.yaml" in err and "cards.1.lead" in err
