"""The gradebook CSV: one row per trainee, one column per scenario, for a learning system.

Why this shape: learning management systems import grades as an identifier column plus one
column per grade item (Moodle's CSV grade import maps each column to a grade item). So the file
holds numbers only, one header row, and a blank (not 0) where a trainee has no answers to a
scenario, so the import leaves that grade alone instead of recording a fail.

Columns (README, "Gradebook CSV"): ``trainee``, then one column per scenario in the cohort (its
id; the trainee's points), then ``total``, ``max`` (the sum of the maxima of the scenarios the
trainee answered) and ``percent`` (``total`` / ``max`` x 100, one decimal).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from scenarios.library import Library


def gradebook(answers: pd.DataFrame, library: Library) -> pd.DataFrame:
    """The gradebook table from the cohort's tidy table, rows sorted by trainee."""
    per_scenario = answers.groupby(["trainee", "scenario"])[["points", "max"]].sum()
    scenarios = [sid for sid in library.scenarios if sid in set(answers["scenario"])]
    points = per_scenario["points"].unstack("scenario").reindex(columns=scenarios)
    totals = per_scenario.groupby(level="trainee").sum()
    table = points.round(2)
    table["total"] = totals["points"].round(2)
    table["max"] = totals["max"].round(2)
    table["percent"] = (100 * totals["points"] / totals["max"].where(totals["max"] > 0)).round(1)
    table.columns.name = None
    return table.sort_index().rename_axis("trainee").reset_index()


def write_gradebook(table: pd.DataFrame, path: Path) -> None:
    """Write the gradebook as UTF-8 CSV, numbers with a decimal point, blanks for no grade."""
    table.to_csv(path, index=False, encoding="utf-8")
