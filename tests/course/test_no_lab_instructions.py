"""The course is served as pages with no code, so no page tells its reader to work JupyterLab:
no "Run > Run All Cells", no Shift + Enter, no cells, kernels or notebooks in the prose."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from course_files import shipped_course

LAB_WORDS = re.compile(r"Run All|Shift\s*\+\s*Enter|\bRun\s*>|\brun (?:the|this) (?:page|cell)|\bcells?\b|"
                       r"\bkernel\b|JupyterLab|\bnotebook\b", re.IGNORECASE)
PAGES = sorted(shipped_course().rglob("*.ipynb"))


def test_the_check_catches_what_trainees_were_told():
    told = "1. Run the page: choose **Run > Run All Cells** from the menu (or press **Shift + Enter**)"
    assert LAB_WORDS.findall(told) == ["Run the page", "Run >", "Run All", "Cells", "Shift + Enter"]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(shipped_course())))
def test_no_page_tells_its_reader_to_work_jupyterlab(page: Path):
    prose = "\n".join(cell.source for cell in nbformat.read(page, as_version=4).cells if cell.cell_type == "markdown")
    assert not LAB_WORDS.findall(prose)
