"""Who in a cohort has completed the course: one row per trainee, for the employer.

A cohort folder holds each trainee's answer folder (as copied from a hub's per-user data folders,
or collected by hand): the ``*.answers.json`` files and the ``visits.json`` the course server
keeps beside them. Each folder is one trainee, named by the ``trainee`` field of its answer files.

The CSV follows the gradebook CSV's conventions (:mod:`grading.cohort.lms_csv`): UTF-8, one header
row, numbers with a decimal point, and a blank where there is nothing to report (no completion
date), so a learning system's import leaves that field alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from grading.answers import AnswerFileError, AnswerStore, read_answer_file
from grading.cohort.table import find_answer_files
from grading.completion import completion
from grading.progress import VisitLog, progress
from scenarios.library import Library

COLUMNS = ["trainee", "completed", "completed_on", "hours", "modules_done", "modules"]


@dataclass(frozen=True)
class TraineeCompletion:
    trainee: str
    folder: Path
    completed_on: str | None  # ISO date
    hours: float
    modules_done: tuple[str, ...]
    modules: int

    def to_dict(self) -> dict:
        return {"trainee": self.trainee, "folder": str(self.folder), "completed": self.completed_on is not None,
                "completed_on": self.completed_on, "hours": self.hours, "modules_done": list(self.modules_done),
                "modules": self.modules}


def trainee_folders(cohort: Path) -> dict[Path, str]:
    """Each folder below ``cohort`` holding answer files, with the trainee they belong to (the
    first readable file's ``trainee``; a folder of unreadable files is left out)."""
    folders: dict[Path, str] = {}
    for path in find_answer_files(cohort):
        if path.parent in folders:
            continue
        try:
            folders[path.parent] = read_answer_file(path).trainee
        except AnswerFileError:
            continue
    return folders


def cohort_completion(cohort: Path, course: Path, library: Library) -> list[TraineeCompletion]:
    """One entry per trainee folder, sorted by trainee."""
    rows = []
    for folder, trainee in trainee_folders(cohort).items():
        found = progress(AnswerStore(folder, trainee=trainee), course, library)
        done = completion(found, VisitLog(folder))
        rows.append(TraineeCompletion(
            trainee=trainee, folder=folder,
            completed_on=done.completed_at.date().isoformat() if done.completed else None,
            hours=done.hours, modules_done=done.modules_done, modules=len(found.modules)))
    return sorted(rows, key=lambda row: (row.trainee, str(row.folder)))


def completion_frame(rows: list[TraineeCompletion]) -> pd.DataFrame:
    """The CSV's table: ``completed`` is 1 or 0, ``modules_done`` and ``modules`` are counts."""
    return pd.DataFrame(
        [[r.trainee, int(r.completed_on is not None), r.completed_on, r.hours, len(r.modules_done), r.modules]
         for r in rows], columns=COLUMNS)


def write_completion_csv(rows: list[TraineeCompletion], path: Path) -> None:
    completion_frame(rows).to_csv(path, index=False, encoding="utf-8")
