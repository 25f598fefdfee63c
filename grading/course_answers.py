"""Where the course is, and where the course pages keep a trainee's answers.

A case met in a module must show the same answers on its own page, and the closing page must see
them all, so every page agrees on one folder (``course_answers()``), whichever folder its kernel
started in. That folder is outside the course by default (a per-user data folder), so answering
never adds a file beside the modules and a checkout stays clean.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

from course_files import shipped_course
from grading.answers import AnswerStore

START_PAGE = "00_start_here.ipynb"
APP_NAME = "missing-from-care"


def course_dir(start: Path | None = None) -> Path:
    """The course folder: the nearest folder, from ``start`` (default: the working directory) up,
    that holds the start page. A case page runs in ``course/cases``; its answers belong with the
    modules' answers, so every page must agree on one folder. Falls back to the installed course."""
    start = Path(start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / START_PAGE).is_file():
            return folder
    return shipped_course()


def answers_dir() -> Path:
    """``$MFC_ANSWERS_DIR`` if set (tests, hubs, a shared drive), else this user's data folder
    (on Linux ``~/.local/share/missing-from-care/answers``): never beside the modules."""
    return Path(os.environ.get("MFC_ANSWERS_DIR") or user_data_path(APP_NAME, appauthor=False) / "answers")


def course_answers() -> AnswerStore:
    """The answer store every course page shares (see :func:`answers_dir`)."""
    return AnswerStore(answers_dir())
