"""Care with the subject: every page that discusses trafficking, exploitation or abuse opens with a
content note, before anything distressing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

COURSE_DIR = Path(__file__).resolve().parents[2] / "course"
PAGES = sorted(COURSE_DIR.glob("*.ipynb")) + sorted(COURSE_DIR.glob("cases/*.ipynb")) + sorted(
    COURSE_DIR.glob("carers/*.ipynb"))
DISTRESSING = re.compile(r"exploit|abuse|traffick|brothel|sexual", re.IGNORECASE)
# A note "opens" the page when it comes within its first two markdown cells.
OPENING_CELLS = 2
# A passing word (the closing page naming "a trafficked child" once in its scoring notes) is not a
# discussion; two or more mentions are.
MENTIONS_THAT_DISCUSS = 2


def _markdown(page: Path) -> list[str]:
    cells = json.loads(page.read_text(encoding="utf-8"))["cells"]
    return ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown"]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(COURSE_DIR)))
def test_a_page_about_exploitation_opens_with_a_content_note(page):
    markdown = _markdown(page)
    if sum(len(DISTRESSING.findall(text)) for text in markdown) < MENTIONS_THAT_DISCUSS:
        pytest.skip("the page does not discuss trafficking, exploitation or abuse")
    opening = "\n".join(markdown[:OPENING_CELLS])
    assert re.search(r"content note", opening, re.IGNORECASE), f"{page.name}: no content note at the top"
