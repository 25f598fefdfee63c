"""The carers' pages read as plain English, cite the guidance, explain their jargon, and link up.

These read the notebooks as text; the browser tests (tests/browser/test_carers_*.py) check the
same pages as Voila serves them.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from carers_text import citations, markdown_cells, page_narrative, paragraphs

from carers.server import LANDING_PAGE, PAGES_DIR

PAGES = sorted(PAGES_DIR.glob("*.ipynb"))
CONTENT_PAGES = [p for p in PAGES if p.name != LANDING_PAGE]
MIN_READING_EASE = 60
MAX_SENTENCE_WORDS = 30
# Each term a carer may not know, and words that must stand in the same paragraph as its first
# use on a page (its explanation). Written once here so every page explains it the same way.
JARGON = {
    r"\btraffick": r"mov(e|ed)\b.*\b(control|use)",
    r"\bexploit": r"\buses?\b.*\bsex, crime or work|for sex, crime or work",
    r"Philomena Protocol": r"police scheme",
    r"Independent Reviewing Officer|\bIRO\b": r"checks that the council's plan",
    r"return home interview": r"private talk",
    r"prevention interview": r"This visit is called",
    r"National Referral Mechanism|\bNRM\b": r"system for deciding who is a victim",
    r"SIM card": r"gives? a phone its number",
    r"\bDBS\b": r"check of criminal records",
    r"\bCCTV\b": r"security camera",
    r"\bgroomed\b": r"won their trust",
    r"\basylum\b": r"stay in the UK to be safe",
    r"parental responsibility": r"legal right to make decisions",
    r"Home Office": r"government department",
}
LINK = re.compile(r"\]\(([^)#\s]+)(#[^)]*)?\)")
PAGE_IDS = [p.name for p in PAGES]


def test_the_landing_page_and_three_pages_exist():
    assert {p.name for p in PAGES} == {LANDING_PAGE, "not-where-they-should-be.ipynb", "first-days.ipynb",
                                       "coming-back.ipynb"}


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_reads_as_plain_english(page, flesch):
    score = flesch(page_narrative(page))
    assert score >= MIN_READING_EASE, f"{page.name}: Flesch reading ease {score:.1f} < {MIN_READING_EASE}"


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_sentences_are_short(page):
    sentences = [s for p in paragraphs(page) for s in re.split(r"(?<=[.!?])\s+", p)]
    too_long = [s for s in sentences if len(s.split()) > MAX_SENTENCE_WORDS]
    assert not too_long, f"{page.name}: sentences over {MAX_SENTENCE_WORDS} words: {too_long}"


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_jargon_is_explained_where_it_first_appears(page):
    text = paragraphs(page, headings=False)  # a heading names a topic; the text under it explains
    for term, explanation in JARGON.items():
        first = next((p for p in text if re.search(term, p, re.IGNORECASE)), None)
        if first is not None:
            assert re.search(explanation, first, re.IGNORECASE), \
                f"{page.name}: first use of {term!r} is not explained: {first!r}"


@pytest.mark.parametrize("page", CONTENT_PAGES, ids=[p.name for p in CONTENT_PAGES])
def test_facts_are_cited_from_the_register(page, library):
    known = {(doc.key, section) for doc in library.guidance.documents for section in doc.section_names}
    cited = [c for cell in markdown_cells(page) for c in citations(cell)]
    assert len(cited) >= 10, f"{page.name}: only {len(cited)} citations"
    for citation in cited:
        key, _, section = citation.partition(" §")
        assert (key, section) in known, f"{page.name}: {citation!r} is not a key and section of guidance.yaml"


@pytest.mark.parametrize("page", CONTENT_PAGES, ids=[p.name for p in CONTENT_PAGES])
def test_opens_with_a_gentle_content_note(page):
    first = markdown_cells(page)[0]
    assert re.search(r"^> \*\*Content note:\*\*.*Take a break whenever you need one\.", first, re.MULTILINE)


def test_landing_page_links_every_page():
    linked = {m.group(1) for m in LINK.finditer("\n".join(markdown_cells(PAGES_DIR / LANDING_PAGE)))}
    assert linked == {p.name for p in CONTENT_PAGES}


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_links_stay_among_the_pages(page):
    """Relative links to sibling notebooks are what work under Voila's /voila/render/ and in Lab."""
    for match in LINK.finditer("\n".join(markdown_cells(page))):
        target = match.group(1)
        assert "/" not in target and (PAGES_DIR / target).is_file(), f"{page.name}: link to {target!r}"


@pytest.mark.parametrize("page", CONTENT_PAGES, ids=[p.name for p in CONTENT_PAGES])
def test_every_content_page_links_back_to_the_landing_page(page):
    assert any(m.group(1) == LANDING_PAGE for m in LINK.finditer("\n".join(markdown_cells(page))))


def _code_cells(page: Path) -> list[str]:
    return [c.source for c in nbformat.read(page, as_version=4).cells if c.cell_type == "code"]


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_code_is_one_call_to_the_pages_module(page):
    for source in _code_cells(page):
        lines = [line for line in source.splitlines() if line.strip()]
        assert re.fullmatch(r"from carers\.pages import (play|support|sources)", lines[0]) and len(lines) == 2, source
        assert re.fullmatch(r'play\("[a-z0-9-]+"\)|support\(\)|sources\(\)', lines[1]), source


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_the_content_note_is_followed_by_where_to_get_support(page):
    """The notes said "Take a break" and gave no one to turn to; the trainees' start page gave
    Samaritans and others. The same list, from the same code, now follows each note."""
    cells = nbformat.read(page, as_version=4).cells
    note = next(i for i, c in enumerate(cells) if "Content note:" in c.source)
    assert cells[note + 1].cell_type == "code" and cells[note + 1].source.endswith("support()")


def test_the_support_lines_are_the_trainees_with_a_carers_first_contact():
    from carers.pages import support
    from scenarios.support import HELPLINES, support_contacts

    carer, trainee = support()._repr_html_(), support_contacts("trainee")._repr_html_()
    for line in HELPLINES:
        assert line.number in carer and line.number in trainee
    assert "116 123" in carer and "supervising social worker" in carer and "line manager" not in carer


def test_the_exercises_are_not_called_by_the_simulations_word_for_them():
    """A "teaching model" is what the simulation lab calls itself; to a carer it is an exercise."""
    for page in PAGES:
        assert "teaching model" not in "\n".join(markdown_cells(page)).lower(), page.name


def test_the_exercises_are_carers_scenarios(library):
    exercises = [re.search(r'"(.+)"', s).group(1) for p in PAGES for s in _code_cells(p) if "play(" in s]
    assert set(exercises) == {"carer-kim-night", "carer-bao-sim"}
    for scenario_id in exercises:
        assert "foster-carer" in library.scenario(scenario_id).audiences


def test_the_landing_page_links_every_document_it_cites():
    """The carers' sources were named with no way to read them: the list now ends with each one linked."""
    assert any(s.endswith("sources()") for s in _code_cells(PAGES_DIR / LANDING_PAGE))
