"""Reading a carers' page the way a reader meets it, for the plain-language checks.

Readability formulas count words per sentence and syllables per word, so the text is first
turned into what a reader sees: markdown markup and HTML tags removed, and the small citation
labels ("(WF2026 §Reporting to the Police)") dropped, since they are references, not prose.
List items and headings end a sentence on the page even without a full stop, so they get one.
"""

from __future__ import annotations

import re
from pathlib import Path

from helpers.course_pages import markdown_cells

CITATION = re.compile(r"<small>\(([^)]*)\)</small>")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
TAG = re.compile(r"<[^>]+>")
MARKUP = re.compile(r"[*_`>#]+")
LIST_MARK = re.compile(r"^\s*(?:[-*]|\d+\.)\s+")
SENTENCE_END = re.compile(r"[.!?:;]$")
HEADING = re.compile(r"^#+\s")


def citations(markdown: str) -> list[str]:
    """Every "KEY §Section" cited in the text (a label may hold several, split by ';')."""
    return [c.strip() for label in CITATION.findall(markdown) for c in label.split(";")]


def narrative(markdown: str, headings: bool = True) -> str:
    """The prose a reader reads, one sentence-ending per line, without citations or markup."""
    lines = []
    for line in CITATION.sub("", markdown).splitlines():
        if not headings and HEADING.match(line):
            continue
        line = MARKUP.sub("", TAG.sub(" ", LINK.sub(r"\1", LIST_MARK.sub("", line)))).strip()
        line = re.sub(r"\s+([.,;:!?])", r"\1", re.sub(r"\s+", " ", line)).rstrip(" ·")
        if line:
            lines.append(line if SENTENCE_END.search(line) else line + ".")
    return "\n".join(lines)


def page_narrative(path: Path) -> str:
    return "\n".join(narrative(cell) for cell in markdown_cells(path))


def paragraphs(path: Path, headings: bool = True) -> list[str]:
    """The page's paragraphs and list items (and headings, unless told not to), in reading order."""
    return [p for cell in markdown_cells(path) for p in narrative(cell, headings).splitlines()]

