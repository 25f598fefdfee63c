"""The guidance register: a reader outside the repository can find every document and every part
cited, and the course says when it was last checked and when it must be checked again."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from mfc.cli import main
from scenarios.currency import currency_warnings
from scenarios.library import LIBRARY_DIR, Library
from scenarios.models import GuidanceRegister, GuidanceSection

# The copies of the documents the course was written from. They live beside the repository for
# authors and are never read at run time; the checks that need them skip where they are absent.
SEEDS_DIR = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason="the guidance copies (../shared/seeds) are not here")


def test_every_document_says_where_to_get_it_and_which_version_is_taught(library):
    for doc in library.guidance.documents:
        assert doc.where and doc.version and doc.publisher and doc.published
        assert doc.checked <= library.guidance.content_checked < doc.review_by


@pytest.mark.parametrize("section, problem", [
    ({"heading": "Risk", "topic": "Risk"}, "either a heading or a topic"),
    ({}, "either a heading or a topic"),
    ({"topic": "Phones"}, "needs `starts`"),
    ({"heading": "Risk", "starts": "The police"}, "`starts` is for topics"),
    ({"topic": "Phones", "starts": " ".join(["word"] * 11)}, "at most 10 words"),
])
def test_a_section_is_a_heading_or_a_topic_with_its_opening_words(section, problem):
    with pytest.raises(ValidationError, match=re.escape(problem)):
        GuidanceSection.model_validate(section)


def _paragraph_starts(text: str) -> list[str]:
    """Each line of a document as a reader sees it: no markdown marks, bullets or list numbers."""
    lines = []
    for line in text.splitlines():
        line = re.sub(r"</?b>", "", line.strip())
        line = re.sub(r"^(?:[#*\s]|[-•✓]\s)+", "", line)
        line = re.sub(r"\*+", "", line)
        lines.append(re.sub(r"\t\d+$", "", line).strip())
    return lines


@needs_seeds
def test_every_heading_is_verbatim_and_every_topic_opens_a_paragraph(library):
    for doc in library.guidance.documents:
        lines = _paragraph_starts((SEEDS_DIR / doc.file).read_text(encoding="utf-8"))
        for section in doc.sections:
            if section.heading is not None:
                shortened = section.heading.removesuffix("…").rstrip()
                assert any(line == section.heading or (shortened != section.heading and line.startswith(shortened))
                           for line in lines), f"{doc.key}: no heading {section.heading!r}"
            for words in [section.starts, *section.resumes] if section.topic else []:
                assert any(line.startswith(words) for line in lines), f"{doc.key}: no paragraph opens {words!r}"


def test_the_start_page_shows_when_the_content_was_last_checked(library):
    page = json.loads((LIBRARY_DIR.parents[1] / "course" / "00_start_here.ipynb").read_text(encoding="utf-8"))
    text = "".join("".join(cell["source"]) for cell in page["cells"] if cell["cell_type"] == "markdown")
    checked = library.guidance.content_checked
    assert f"last checked against these documents on **{checked.day} {checked:%B %Y}**" in text
    for doc in library.guidance.documents:
        assert doc.key in text


# ----------------------------------------------------------------------------- currency


def _with_register(library: Library, **changes) -> Library:
    data = yaml.safe_load((LIBRARY_DIR / "guidance.yaml").read_text(encoding="utf-8"))
    for doc in data["documents"]:
        doc.update(changes.get(doc["key"], {}))
    return Library(GuidanceRegister.model_validate(data), library.risk_scale, library.actions, library.scenarios)


def test_the_shipped_course_is_current_on_the_day_it_was_checked(library):
    assert currency_warnings(library, library.guidance.content_checked) == []


def test_a_document_past_its_review_date_is_named_in_one_line(library):
    wf = next(d for d in library.guidance.documents if d.key == "WF2026")
    warnings = currency_warnings(library, wf.review_by + timedelta(days=1))
    assert any(w.startswith("WF2026 ") and wf.review_by.isoformat() in w for w in warnings)
    assert all("\n" not in w for w in warnings)


def test_a_rule_older_than_a_recheck_of_its_sources_is_flagged(library):
    later = library.guidance.content_checked + timedelta(days=30)
    rechecked = _with_register(library, WF2026={"checked": later, "review_by": later + timedelta(days=180)})
    warnings = currency_warnings(rechecked, later)
    flagged = {rule.id for rule in library.risk_scale.rules if any(c.startswith("WF2026 ") for c in rule.citations)}
    assert flagged
    for rule_id in flagged:
        assert any(f"risk rule {rule_id!r}" in w and "WF2026" in w for w in warnings)


def test_check_warns_but_passes_and_strict_fails(library, capsys):
    far = (max(d.review_by for d in library.guidance.documents) + timedelta(days=1)).isoformat()
    assert main(["check", "--on", far]) == 0
    err = capsys.readouterr().err
    assert err.count("warning: ") == len(library.guidance.documents)
    assert main(["check", "--on", far, "--strict"]) == 1
    assert "--strict" in capsys.readouterr().err
    assert main(["check", "--on", library.guidance.content_checked.isoformat(), "--strict"]) == 0


def test_check_json_adds_the_register_and_warnings(library, capsys):
    on = date(2100, 1, 1)
    assert main(["check", "--json", "--on", on.isoformat()]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"scenarios", "actions", "risk_levels"} <= set(data)  # the keys that were there before stay
    assert data["content_checked"] == library.guidance.content_checked.isoformat()
    assert [g["key"] for g in data["guidance"]] == [d.key for d in library.guidance.documents]
    assert all(g["overdue"] for g in data["guidance"])
    assert len(data["warnings"]) >= len(library.guidance.documents)
