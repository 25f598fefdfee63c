"""What the course's notebooks cite and which cases they play, read straight from the .ipynb files.

The coverage matrix claims "this module teaches that section" and "this decision point, played in
the course, assesses it". Such claims are only worth something if they are checked against the
pages trainees actually read, so this module reads those pages: citations from markdown cells,
played scenarios from the player calls in code cells. It parses the notebook JSON itself, so
``mfc coverage`` needs neither a kernel nor Jupyter.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from scenarios.errors import Problem, ScenarioError

# A citation in course prose is written in square brackets (the modules) or round ones (the
# carers' pages), several separated by ';': "[WF2026 §Risk Assessment; HBTH2016 §Robust risk
# assessment]". Links and asides are bracketed too, so only parts shaped like "KEY §Section" count.
_BRACKETED = re.compile(r"\[([^\[\]]+)\](?!\()|\(([^()]+)\)")
_CITATION = re.compile(r"^[A-Z][A-Z0-9-]+ §\S.*$")
# A page asks decision points through the player: ScenarioPlayer("kim", ...) on the course pages,
# carers.pages.play("carer-kim-night") on the carers' pages.
_PLAYED = re.compile(r"\b(?:ScenarioPlayer|play)\(\s*[\"']([a-z0-9-]+)[\"']")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class CoursePage:
    """One notebook as the coverage check sees it.

    ``name`` is its path under the course folder without ``.ipynb`` (``04_reporting_and_risk``,
    ``cases/kim``): the name the coverage matrix uses.
    """

    name: str
    path: Path
    citations: tuple[str, ...]
    played: tuple[str, ...]
    headings: tuple[str, ...]

    def cites(self, citation: str) -> bool:
        return citation in self.citations


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def citations_in(markdown: str) -> list[str]:
    """Every "KEY §Section" citation in bracketed groups of ``markdown``, in order of appearance."""
    found = []
    for square, round_ in _BRACKETED.findall(markdown):
        for part in (square or round_).split(";"):
            part = " ".join(part.split())  # a citation may wrap across lines
            if _CITATION.match(part):
                found.append(part)
    return found


def read_page(path: Path, course_dir: Path) -> CoursePage:
    """Read one notebook; an unreadable one is a ScenarioError naming the file."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        if not isinstance(cells, list) or not all(isinstance(c, dict) for c in cells):
            raise TypeError("cells is not a list of cells")
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise ScenarioError(str(path), [Problem("cells", f"a readable Jupyter notebook ({exc})")]) from None
    markdown = "\n".join(_source(c) for c in cells if c.get("cell_type") == "markdown")
    code = "\n".join(_source(c) for c in cells if c.get("cell_type") == "code")
    return CoursePage(
        name=path.relative_to(course_dir).with_suffix("").as_posix(),
        path=path,
        citations=tuple(dict.fromkeys(citations_in(markdown))),
        played=tuple(dict.fromkeys(_PLAYED.findall(code))),
        headings=tuple(_HEADING.findall(markdown)),
    )


def course_pages(course_dir: Path) -> dict[str, CoursePage]:
    """Every notebook under ``course_dir`` (checkpoints aside), by name, in path order."""
    paths = sorted(p for p in Path(course_dir).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    pages = (read_page(p, Path(course_dir)) for p in paths)
    return {page.name: page for page in pages}
