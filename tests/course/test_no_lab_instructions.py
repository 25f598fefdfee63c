"""The course is served as pages with no code, so no page tells its reader to work JupyterLab:
no "Run > Run All Cells", no Shift + Enter, no cells, kernels or notebooks in the prose."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers.course_pages import COURSE_PAGES, page_id, prose

LAB_WORDS = re.compile(r"Run All|Shift\s*\+\s*Enter|\bRun\s*>|\brun (?:the|this) (?:page|cell)|\bcells?\b|"
                       r"\bkernel\b|JupyterLab|\bnotebook\b", re.IGNORECASE)


def test_the_check_catches_what_trainees_were_told():
    told = "1. Run the page: choose **Run > Run All Cells** from the menu (or press **Shift + Enter**)"
    assert LAB_WORDS.findall(told) == ["Run the page", "Run >", "Run All", "Cells", "Shift + Enter"]


@pytest.mark.parametrize("page", COURSE_PAGES, ids=page_id)
def test_no_page_tells_its_reader_to_work_jupyterlab(page: Path):
    assert not LAB_WORDS.findall(prose(page))
