"""Where the course pages keep a trainee's answers: one folder that every page shares.

A case met in a module must show the same answers on its own page, and the closing page must see
them all, so every page agrees on one folder (``course_answers()``), whichever folder its kernel
started in.
"""

from __future__ import annotations

import os
from pathlib import Path

from course_files import shipped_course
from grading.answers import AnswerStore

START_PAGE = "00_start_here.ipynb"


def course_dir(start: Path | None = None) -> Path:
    """The course folder: the nearest folder, from ``start`` (default: the working directory) up,
    that holds the start page. A case page runs in ``course/cases``; its answers belong with the
    modules' answers, so every page must agree on one folder. Falls back to the installed course."""
    start = Path(start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / START_PAGE).is_file():
            return folder
    return shipped_course()


def course_answers() -> AnswerStore:
    """The answer store every course page shares: ``$MFC_ANSWERS_DIR`` if set (tests, hubs),
    else the course folder."""
    return AnswerStore(os.environ.get("MFC_ANSWERS_DIR") or course_dir())
