"""Closing a room writes its answers as answer files, and ``mfc report`` reads them like a
course's: the cohort report works on a workshop."""

from __future__ import annotations

import csv
from pathlib import Path

from helpers.workshop_requests import join

from grading.answers import read_answer_file
from mfc.cli import main


def test_close_writes_answer_files_that_mfc_report_reads(room, tmp_path, capsys):
    sam, ali = join(room, "Sam"), join(room, "Ali")
    sam.send("kim-detention-actions", ["nrm-referral", "treat-as-child-pending-age-assessment"], reason="age unclear")
    ali.send("kim-detention-actions", ["detain-as-adult"])
    ali.send("kim-detention-actions", ["arrange-interpreter"])  # a changed mind: the latest counts
    closed = room.close()
    paths = sorted(Path(p) for p in closed["exported"])
    assert closed["room"]["status"] == "closed" and len(paths) == 2
    files = {read_answer_file(p).trainee: read_answer_file(p) for p in paths}
    first, second = (files[f"{room.code.lower()}-trainee-{n}"] for n in (1, 2))
    assert first.reasons == {"kim-detention-actions": "age unclear"}
    assert second.answers == {"kim-detention-actions": ["arrange-interpreter"]}
    assert "Sam" not in paths[0].read_text() and "Ali" not in paths[1].read_text()

    out = tmp_path / "gradebook.csv"
    assert main(["report", str(paths[0].parents[1]), "--csv", str(out)]) == 0
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == 2
