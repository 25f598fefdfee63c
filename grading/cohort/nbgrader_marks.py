"""Marks exported from nbgrader, laid over the marks scored from answer files.

Why nbgrader's marks win: in the graded assessment nbgrader is the record. A course lead may
have adjusted a mark by hand in formgrader, and that adjusted mark is the one the trainee was
given. The answer files still tell the report what was chosen (gradings, harmful choices), so
only ``points`` and ``max`` are replaced.

The CSV (README, "nbgrader marks CSV"; ``mfc assess export`` writes it): UTF-8, comma-separated,
a header row naming at least the columns ``trainee, scenario, question, points, max`` in any
order (other columns are ignored), then one row per trainee per question::

    trainee,scenario,question,points,max
    alice,turning-18,turning-18-gone-risk,2,2

Every problem is an error naming the file and line: a marks file is one export, so a wrong row
means a wrong export, which must be fixed rather than half-used.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pandas as pd

from grading.answer_key import AnswerKey
from grading.cohort.table import COLUMNS, DTYPES
from grading.rubric import AnswerError

REQUIRED = ("trainee", "scenario", "question", "points", "max")
KEYS = ["trainee", "scenario", "question"]


class NbgraderMarksError(ValueError):
    """The marks CSV cannot be used; the message names the file, the line and the field."""


def _number(text: str, name: str) -> float:
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise ValueError(f"{name}: a number is required; got {text!r}") from None
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{name}: a number of 0 or more is required; got {text!r}")
    return value


def _row(record: dict[str, str], key: AnswerKey) -> tuple:
    trainee, scenario, question = (record[name] for name in KEYS)
    if not trainee:
        raise ValueError("trainee: an id is required")
    ids = {q.id: q.kind for q in key.questions(scenario)}
    if question not in ids:
        raise AnswerError(f"unknown question {question!r} in scenario {scenario!r}")
    points, maximum = _number(record["points"], "points"), _number(record["max"], "max")
    if points > maximum:
        raise ValueError(f"points: {points:g} is more than max {maximum:g}")
    return trainee, scenario, question, ids[question], points, maximum


def read_nbgrader_marks(path: Path, key: AnswerKey) -> pd.DataFrame:
    """The export as a table (trainee, scenario, question, kind, points, max), every row checked."""
    path = Path(path)
    rows, seen = [], {}
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [name for name in REQUIRED if name not in (reader.fieldnames or [])]
            if missing:
                raise NbgraderMarksError(f"{path}: not an nbgrader marks CSV: the header lacks {', '.join(missing)} "
                                         f"(needs {', '.join(REQUIRED)})")
            for record in reader:
                where = f"{path} line {reader.line_num}"
                if None in record.values():
                    raise NbgraderMarksError(f"{where}: fewer fields than the header names")
                try:
                    row = _row(record, key)
                except (ValueError, AnswerError) as exc:
                    raise NbgraderMarksError(f"{where}: {exc}") from None
                if row[:3] in seen:
                    raise NbgraderMarksError(f"{where}: a second mark for {row[0]!r} on {row[2]!r} "
                                             f"(first on line {seen[row[:3]]})")
                seen[row[:3]] = reader.line_num
                rows.append(row)
    except FileNotFoundError:
        raise NbgraderMarksError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise NbgraderMarksError(f"{path}: cannot be read as CSV ({exc})") from None
    return pd.DataFrame.from_records(rows, columns=[*KEYS, "kind", "points", "max"])


def overlay_nbgrader(answers: pd.DataFrame, marks: pd.DataFrame) -> pd.DataFrame:
    """The cohort table with nbgrader's points and max wherever nbgrader has a mark, and a row
    (with what was answered unknown) for each mark no answers file matched."""
    merged = answers.merge(marks, on=KEYS, how="outer", suffixes=("", "_nbgrader"), indicator=True)
    from_nbgrader = (merged["_merge"] != "left_only").to_numpy()
    for name in ("kind", "points", "max"):
        merged[name] = merged[name].where(~from_nbgrader, merged[f"{name}_nbgrader"])
    merged["source"] = merged["source"].where(~from_nbgrader, "nbgrader")
    merged["answer"] = merged["answer"].astype(object).where(merged["answer"].notna(), None)
    return merged[COLUMNS].astype(DTYPES).reset_index(drop=True)
