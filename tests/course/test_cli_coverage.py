"""`mfc coverage`: the report, the JSON contract, the exit status on gaps, and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import yaml

from mfc.cli import main
from scenarios.coverage import MATRIX_FILE

SECTION = "WF2026 §Return Home Interviews"


def matrix_with_a_gap(tmp_path):
    data = yaml.safe_load(MATRIX_FILE.read_text(encoding="utf-8"))
    data["sections"][SECTION]["questions"] = []
    path = tmp_path / "coverage.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_the_shipped_course_is_fully_covered(library, capsys):
    assert main(["coverage"]) == 0
    out = capsys.readouterr().out
    total = sum(len(d.sections) for d in library.guidance.documents)
    assert f"coverage: {total} of {total} sections covered" in out
    assert "GAP" not in out and "Gaps:" not in out
    for document in library.guidance.documents:
        assert f"{document.key}: {len(document.sections)} of {len(document.sections)} sections covered" in out


def test_json_contract(library, capsys):
    assert main(["coverage", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"sections", "summary"}
    assert data["summary"]["covered"] == data["summary"]["sections"] == len(data["sections"])
    for row in data["sections"]:
        assert set(row) == {"citation", "document", "section", "background", "modules", "questions", "covered",
                            "problems"}
        assert row["citation"] == f"{row['document']} §{row['section']}"
        assert row["covered"] and row["problems"] == [] and row["modules"]
        assert row["questions"] or row["background"]
    assert set(data["summary"]["documents"]) == {d.key for d in library.guidance.documents}


def test_a_gap_is_shown_and_exits_1(tmp_path, capsys):
    assert main(["coverage", "--matrix", str(matrix_with_a_gap(tmp_path))]) == 1
    out = capsys.readouterr().out
    assert f"  {SECTION}: no decision point assesses it" in out
    assert "GAP Return Home Interviews" in out


def test_a_gap_in_json(tmp_path, capsys):
    assert main(["coverage", "--json", "--matrix", str(matrix_with_a_gap(tmp_path))]) == 1
    data = json.loads(capsys.readouterr().out)
    row = next(r for r in data["sections"] if r["citation"] == SECTION)
    assert not row["covered"] and row["problems"][0].startswith("no decision point assesses it")
    assert data["summary"]["covered"] == data["summary"]["sections"] - 1


def test_missing_matrix_or_course_folder_is_one_line_exit_2(tmp_path, capsys):
    assert main(["coverage", "--matrix", str(tmp_path / "nope.yaml")]) == 2
    assert capsys.readouterr().err.strip() == f"mfc coverage: {tmp_path / 'nope.yaml'}: no such file"
    assert main(["coverage", "--course", str(tmp_path / "nowhere")]) == 2
    assert capsys.readouterr().err.strip() == f"mfc coverage: {tmp_path / 'nowhere'}: no such folder"


def test_a_malformed_matrix_names_the_file_and_field_without_a_traceback(tmp_path):
    bad = tmp_path / "coverage.yaml"
    bad.write_text('sections:\n  "WF2026 §High Risk":\n    modules: [04_reporting_and_risk]\n    pages: []\n')
    result = subprocess.run([sys.executable, "-m", "mfc.cli", "coverage", "--matrix", str(bad)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert str(bad) in result.stderr and "pages" in result.stderr and "unknown field" in result.stderr
    assert "Traceback" not in result.stderr
