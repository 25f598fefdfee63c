"""The course's pages as the checks on their text read them: every notebook the package ships
(modules, cases, carers' and workshop pages), and the prose of one (its markdown cells)."""

from __future__ import annotations

from pathlib import Path

import nbformat

from course_files import shipped_course

COURSE_PAGES = sorted(shipped_course().rglob("*.ipynb"))


def page_id(page: Path) -> str:
    """A page's name in test ids: its path inside the course."""
    return str(page.relative_to(shipped_course()))


def markdown_cells(page: Path) -> list[str]:
    return [cell.source for cell in nbformat.read(page, as_version=4).cells if cell.cell_type == "markdown"]


def prose(page: Path) -> str:
    """Everything a reader of the page reads that the page's author wrote (not the widgets)."""
    return "\n".join(markdown_cells(page))
