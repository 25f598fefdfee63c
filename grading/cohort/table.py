"""A cohort's answers as one tidy table: a row per trainee, scenario and question.

A cohort folder is whatever a course lead collects: one sub-folder per trainee, or files side by
side; any file whose name ends ``.answers.json``, at any depth, is an answers file (see README,
"Answer files"). The trainee is read from each file, never from its name or folder.

Bad files are skipped, not fatal. A trainer with a workshop in an hour needs the report for the
other 499 trainees more than a stop on the first corrupt file; so :func:`load_cohort` scores every
good file and returns the bad ones, each with a one-line reason, for the caller to report (``mfc
report`` prints them and exits 1, so a script notices). A file is bad when it cannot be read, is
not an answers file (foreign or corrupt), names an unknown scenario, question, level or action,
or repeats a trainee's answers to a scenario already read from another file.

The table (:data:`COLUMNS`; the README's "Cohort reports" section documents it):

- ``trainee``, ``scenario``, ``question``: ids; ``kind``: ``risk`` or ``actions``;
- ``answered``: whether the trainee answered (unanswered questions score 0 but are not counted as
  gradings); ``answer``: the level id, or the chosen action ids as a sorted tuple, or None;
- ``points``, ``max``: the rubric's mark;
- ``under_graded``: the risk grading is below the reference level (False for action questions);
- ``harmful_chosen``: how many harmful options were chosen (0 for risk questions);
- ``source``: ``answers`` (scored here) or ``nbgrader`` (points from nbgrader's export, see
  :mod:`grading.cohort.nbgrader_marks`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from grading.answer_key import AnswerKey
from grading.answers import SUFFIX, AnswerFile, AnswerFileError, read_answer_file
from grading.rubric import AnswerError

COLUMNS = ["trainee", "scenario", "question", "kind", "answered", "answer", "points", "max",
           "under_graded", "harmful_chosen", "source"]
DTYPES = {"answered": "boolean", "under_graded": "boolean", "harmful_chosen": "Int64",
          "points": "float64", "max": "float64"}


@dataclass(frozen=True)
class SkippedFile:
    """An answers file left out of the report, and why (one line)."""

    path: Path
    reason: str


@dataclass(frozen=True)
class Cohort:
    """The tidy table of every good file's answers, and the files left out."""

    answers: pd.DataFrame
    files_read: int
    skipped: tuple[SkippedFile, ...]

    @property
    def trainees(self) -> int:
        return self.answers["trainee"].nunique()


def find_answer_files(folder: Path) -> list[Path]:
    """Every ``*.answers.json`` below ``folder``, in a stable order. Hidden files and folders
    (an editor's backups, ``.ipynb_checkpoints``) are not a trainee's submission."""
    folder = Path(folder)
    return sorted(
        path for path in folder.rglob(f"*{SUFFIX}")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


def empty_frame() -> pd.DataFrame:
    return pd.DataFrame({column: [] for column in COLUMNS}).astype({**DTYPES, "answer": object})


def frame_of(rows: Iterable[tuple]) -> pd.DataFrame:
    """Rows in :data:`COLUMNS` order as the tidy table, with its column types."""
    frame = pd.DataFrame.from_records(list(rows), columns=COLUMNS)
    return frame.astype(DTYPES) if len(frame) else empty_frame()


def _stored(answer: object) -> object:
    """An answer as the table holds it: a level id, or the chosen action ids once each, sorted."""
    return answer if isinstance(answer, str) else tuple(sorted(set(answer)))


def answer_rows(file: AnswerFile, key: AnswerKey) -> list[tuple]:
    """One row per question of the file's scenario; an AnswerError if any answer is not valid.
    Every answer is scored before any row is kept, so a bad file contributes nothing."""
    questions = key.questions(file.scenario)
    known = {q.id for q in questions}
    for question_id in file.answers:
        if question_id not in known:
            raise AnswerError(f"unknown question {question_id!r} in scenario {file.scenario!r}")
    rows = []
    for question in questions:
        answered = question.id in file.answers
        if answered:
            answer = file.answers[question.id]
            mark = key.score(file.scenario, question.id, answer)
        else:
            answer, mark = None, key.unanswered(question)
        rows.append((
            file.trainee, file.scenario, question.id, question.kind, answered,
            None if answer is None else _stored(answer), mark.points, mark.maximum,
            answered and bool(mark.items("under-graded")), len(mark.items("harmful")) if answered else 0,
            "answers",
        ))
    return rows


def load_cohort(files: Iterable[Path], key: AnswerKey, progress: bool | None = False) -> Cohort:
    """Read and score answer files (e.g. :func:`find_answer_files`) into a :class:`Cohort`.

    ``progress``: True shows a progress bar on stderr, None shows one only if stderr is a
    terminal (tqdm's choice), False never.
    """
    files = list(files)
    rows: list[tuple] = []
    skipped: list[SkippedFile] = []
    first_file: dict[tuple[str, str], Path] = {}
    bar = tqdm(files, desc="answer files", unit="file", disable=None if progress is None else not progress)
    for path in bar:
        try:
            file = read_answer_file(path)
            earlier = first_file.get((file.trainee, file.scenario))
            if earlier is not None:
                raise AnswerFileError(f"a second answers file for trainee {file.trainee!r} and scenario "
                                      f"{file.scenario!r} (kept {earlier})")
            rows += answer_rows(file, key)
            first_file[file.trainee, file.scenario] = path
        except AnswerFileError as exc:
            message = str(exc)
            skipped.append(SkippedFile(path, message.removeprefix(f"{path}: ")))
        except AnswerError as exc:
            skipped.append(SkippedFile(path, str(exc)))
    return Cohort(frame_of(rows), len(files), tuple(skipped))
