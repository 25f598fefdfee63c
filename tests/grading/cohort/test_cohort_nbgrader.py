"""The nbgrader marks CSV: read with every row checked, and laid over the answer files' marks."""

from __future__ import annotations

import pandas as pd
import pytest

from grading.answer_key import AnswerKey
from grading.answers import AnswerStore
from grading.cohort.nbgrader_marks import NbgraderMarksError, overlay_nbgrader, read_nbgrader_marks
from grading.cohort.table import COLUMNS, find_answer_files, load_cohort
from scenarios.library import shipped_library
from scenarios.models import RiskQuestion

LIBRARY = shipped_library()
KEY = AnswerKey(LIBRARY)
RISK = next(q for q in LIBRARY.scenario("turning-18").questions() if isinstance(q, RiskQuestion))
ACTIONS = next(q for q in LIBRARY.scenario("turning-18").questions() if q.kind == "actions")
HEADER = "trainee,scenario,question,points,max"


def marks_file(tmp_path, *lines: str, name="marks.csv"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_columns_in_any_order_with_extra_ones_ignored(tmp_path):
    path = marks_file(tmp_path, "max,points,question,comment,scenario,trainee",
                      f"2,1.5,{RISK.id},late,turning-18,alice", f"4,4,{ACTIONS.id},,turning-18,alice")
    marks = read_nbgrader_marks(path, KEY)
    assert marks.to_dict("records") == [
        {"trainee": "alice", "scenario": "turning-18", "question": RISK.id, "kind": "risk", "points": 1.5, "max": 2.0},
        {"trainee": "alice", "scenario": "turning-18", "question": ACTIONS.id, "kind": "actions", "points": 4.0,
         "max": 4.0},
    ]


BAD_ROWS = {
    "points not a number": (f"alice,turning-18,{RISK.id},two,2", "line 2: points: a number is required; got 'two'"),
    "negative": (f"alice,turning-18,{RISK.id},-1,2", "line 2: points: a number of 0 or more"),
    "not finite": (f"alice,turning-18,{RISK.id},nan,2", "line 2: points: a number of 0 or more"),
    "more than max": (f"alice,turning-18,{RISK.id},3,2", "line 2: points: 3 is more than max 2"),
    "unknown scenario": (f"alice,no-such,{RISK.id},1,2", "line 2: unknown scenario 'no-such'"),
    "question of another scenario": (f"alice,kim,{RISK.id},1,2", f"line 2: unknown question '{RISK.id}' in scenario"),
    "no trainee": (f",turning-18,{RISK.id},1,2", "line 2: trainee: an id is required"),
    "short row": (f"alice,turning-18,{RISK.id}", "line 2: fewer fields than the header names"),
}


@pytest.mark.parametrize("case", BAD_ROWS, ids=list(BAD_ROWS))
def test_a_bad_row_is_an_error_naming_file_and_line(tmp_path, case):
    row, message = BAD_ROWS[case]
    path = marks_file(tmp_path, HEADER, row)
    with pytest.raises(NbgraderMarksError) as raised:
        read_nbgrader_marks(path, KEY)
    assert str(raised.value).startswith(f"{path} ") and message in str(raised.value)


def test_a_second_mark_for_the_same_question_is_an_error(tmp_path):
    path = marks_file(tmp_path, HEADER, f"alice,turning-18,{RISK.id},1,2", f"bob,turning-18,{RISK.id},1,2",
                      f"alice,turning-18,{RISK.id},2,2")
    with pytest.raises(NbgraderMarksError, match=f"line 4: a second mark for 'alice' on '{RISK.id}' .first on line 2"):
        read_nbgrader_marks(path, KEY)


def test_wrong_header_missing_file_and_binary_file_are_errors(tmp_path):
    with pytest.raises(NbgraderMarksError, match="not an nbgrader marks CSV: the header lacks question, max"):
        read_nbgrader_marks(marks_file(tmp_path, "trainee,scenario,points"), KEY)
    with pytest.raises(NbgraderMarksError, match="no such file"):
        read_nbgrader_marks(tmp_path / "missing.csv", KEY)
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(NbgraderMarksError, match="cannot be read as CSV"):
        read_nbgrader_marks(binary, KEY)
    with pytest.raises(NbgraderMarksError, match="the header lacks"):
        read_nbgrader_marks(marks_file(tmp_path, "", name="empty.csv"), KEY)


def test_nbgrader_marks_replace_points_and_add_rows_no_answers_file_matched(tmp_path):
    AnswerStore(tmp_path / "alice", "alice").record("turning-18", RISK.id, RISK.key)
    answers = load_cohort(find_answer_files(tmp_path), KEY).answers
    path = marks_file(tmp_path, HEADER, f"alice,turning-18,{RISK.id},1.5,2", f"bob,turning-18,{ACTIONS.id},3,4")
    merged = overlay_nbgrader(answers, read_nbgrader_marks(path, KEY))
    assert list(merged.columns) == COLUMNS and len(merged) == len(answers) + 1
    rows = merged.set_index(["trainee", "question"])

    adjusted = rows.loc[("alice", RISK.id)]
    assert adjusted["points"] == 1.5 and adjusted["source"] == "nbgrader"
    assert adjusted["answer"] == RISK.key and adjusted["answered"]  # what was chosen still comes from the file

    untouched = rows.loc[("alice", ACTIONS.id)]
    assert untouched["source"] == "answers" and not untouched["answered"] and untouched["points"] == 0

    only_nbgrader = rows.loc[("bob", ACTIONS.id)]
    assert only_nbgrader["kind"] == "actions" and only_nbgrader["points"] == 3 and only_nbgrader["max"] == 4
    assert only_nbgrader["answer"] is None
    assert pd.isna(only_nbgrader["answered"]) and pd.isna(only_nbgrader["under_graded"])
    assert pd.isna(only_nbgrader["harmful_chosen"])
