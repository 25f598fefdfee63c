"""The shape the issue asks of the course: modules in order, each with decision points played by
the scenario player and a closing "What to do on Monday"; a case page per formative scenario; a
start page with a content note and support lines; citations that resolve; thin notebooks."""

from __future__ import annotations

import re
import subprocess

import nbformat
import pytest
from nbclient import NotebookClient

from grading.answers import AnswerStore
from grading.progress import planned_minutes
from scenarios.course_pages import course_pages
from scenarios.coverage import COURSE_DIR
from scenarios.models import RiskQuestion
from scenarios.support import HELPLINES

MODULES = [
    "01_why_children_go_missing",
    "02_preventing_missing",
    "03_preparing_for_missing",
    "04_reporting_and_risk",
    "05_the_investigation",
    "06_return_and_review",
]
PAGES = course_pages(COURSE_DIR)


def formative_case_ids(library) -> list[str]:
    """Scenarios a trainee practises on: not held back for the assessment, not the carers' own."""
    return [s.id for s in library.scenarios.values()
            if not s.assessment_only and s.audiences != ["foster-carer"]]


def test_the_course_runs_in_order():
    numbered = sorted(name for name in PAGES if "/" not in name)
    assert numbered[0] == "00_start_here" and numbered[-1] == "08_closing"
    assert [n for n in numbered if n in MODULES] == MODULES


@pytest.mark.parametrize("name", MODULES)
def test_each_module_has_decision_points_and_ends_with_monday(name, library):
    page = PAGES[name]
    assert page.played, f"{name} plays no scenario"
    questions = sum(len(library.scenario(s).questions()) for s in page.played)
    assert questions >= 2
    assert page.headings[-1] == "What to do on Monday"
    assert len(page.citations) >= 10, f"{name} cites only {len(page.citations)} sections"


def test_every_formative_case_has_its_own_page(library):
    for scenario_id in formative_case_ids(library):
        page = PAGES.get(f"cases/{scenario_id}")
        assert page is not None, f"no course/cases/{scenario_id}.ipynb"
        assert page.played == (scenario_id,)
    held_back = {s.id for s in library.scenarios.values() if s.assessment_only}
    assert not {name.removeprefix("cases/") for name in PAGES} & held_back


def test_every_citation_in_the_course_resolves(library):
    sections = {f"{d.key} §{s}" for d in library.guidance.documents for s in d.section_names}
    broken = [f"{name}: {c}" for name, page in PAGES.items() for c in page.citations if c not in sections]
    assert not broken


def test_the_start_page_has_a_content_note_support_lines_and_a_first_decision_point():
    page = PAGES["00_start_here"]
    text = "\n".join(cell.source for cell in nbformat.read(page.path, as_version=4).cells)
    assert "content note" in text.lower()
    for number in ("116 123", "0800 1111", "116 000"):
        assert number in text
    assert page.played


def test_module_4_shows_the_risk_scale_from_the_data_and_the_closing_page_the_self_check():
    code = {name: "\n".join(c.source for c in nbformat.read(PAGES[name].path, as_version=4).cells
                            if c.cell_type == "code") for name in ("04_reporting_and_risk", "08_closing")}
    assert "risk_scale_table()" in code["04_reporting_and_risk"]
    assert "self_check()" in code["08_closing"]


# The course pages this suite owns; the simulation lab and the carers' pages have their own tests.
OWN_PAGES = sorted(name for name in PAGES if not name.startswith(("07_", "carers/")))


@pytest.mark.parametrize("name", OWN_PAGES)
def test_notebooks_stay_thin(name):
    for cell in nbformat.read(PAGES[name].path, as_version=4).cells:
        if cell.cell_type == "code":
            lines = [line for line in cell.source.splitlines() if line.strip()]
            assert len(lines) <= 3, f"{name}: a code cell of {len(lines)} lines; move the logic into a package"


def test_the_closing_page_summarises_answers_saved_on_other_pages(library, tmp_path, monkeypatch):
    """Answers saved (as a case page would) are read back, scored and turned into advice."""
    monkeypatch.setenv("MFC_ANSWERS_DIR", str(tmp_path))
    kim_risk = next(q for q in library.scenario("kim").questions() if isinstance(q, RiskQuestion))
    lowest = min(kim_risk.levels, key=lambda level: library.level(level).rank)
    AnswerStore(tmp_path).record("kim", kim_risk.id, lowest)
    notebook = nbformat.read(PAGES["08_closing"].path, as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(COURSE_DIR)}}).execute()
    html = "".join(output.get("data", {}).get("text/html", "") for cell in notebook.cells
                   if cell.cell_type == "code" for output in cell.outputs)
    assert "You graded the risk lower than the guidance does." in html
    assert "Modules to revisit" in html and "Module 4: Reporting and risk" in html


def dry_run(target: str) -> list[str]:
    out = subprocess.run(["make", "--no-print-directory", "-n", target], cwd=COURSE_DIR.parent,
                         capture_output=True, text=True, check=True).stdout
    return [" ".join(c.split()) for c in out.replace("\\\n", " ").splitlines()]


def test_make_start_serves_the_course_as_pages():
    """`make start` (dry run) serves the course pages (mfc course) and opens the course home."""
    (launch,) = [c for c in dry_run("start") if "mfc course" in c]
    assert "--open" in launch


def test_make_lab_opens_the_start_page_of_this_course_for_authors():
    """`make lab` (dry run) launches JupyterLab on this checkout with the start page open, saving
    course notebooks as committed."""
    (launch,) = [c for c in dry_run("lab") if "jupyter lab" in c]
    assert f"--notebook-dir={COURSE_DIR.parent}" in launch
    assert "--ContentsManager.pre_save_hook=coursesite.lab_save.keep_committed_form" in launch
    assert launch.endswith("course/00_start_here.ipynb")


def markdown(name: str) -> str:
    return "\n".join(c.source for c in nbformat.read(PAGES[name].path, as_version=4).cells if c.cell_type == "markdown")


def minutes_in(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"(\d+) min", text)]


def test_every_numbered_page_says_how_long_it_takes_as_the_start_page_does():
    """The record of completion adds these up as the learning time (for CPD); a page that does not say
    would count as no time at all."""
    table = {row.split("|")[1].strip(): sum(int(n) for n in re.findall(r"\d+", row.split("|")[3]))
             for row in markdown("00_start_here").splitlines() if row.startswith(("| Start here", "| Module "))}
    numbered = [page for name, page in PAGES.items() if "/" not in name]
    titles = {"00_start_here": "Start here (this page)"}
    for page in numbered:
        row = titles.get(page.name) or next(title for title in table if title == page.headings[0])
        assert planned_minutes(page) == table[row] > 0, page.name
    assert sum(table.values()) == sum(planned_minutes(page) for page in numbered)


def test_the_start_pages_times_agree_with_each_modules_and_its_cases():
    table = {row.split("|")[1].strip(): row.split("|")[3] for row in markdown("00_start_here").splitlines()
             if row.startswith("| Module ")}
    for name in MODULES:
        page = PAGES[name]
        opening = markdown(name).split("\n\n")[1]  # "**About 35 minutes, plus about 20 minutes for the case ...**"
        in_table = sum(int(n) for n in re.findall(r"\d+", table[page.headings[0]]))  # "35 min, plus 20 for its case"
        assert in_table == planned_minutes(page) == sum(minutes_in(opening)), name
        case = markdown(f"cases/{page.played[0]}").split("\n\n")[1]  # "**About 20 minutes.**"
        assert minutes_in(opening)[-1] == minutes_in(case)[0], f"{name}: its case's page gives another time"


def test_trainees_see_links_in_words_not_file_names():
    """Served as pages, a file name means nothing and leads nowhere; a link named in words does."""
    for name in ("00_start_here", *(n for n in PAGES if n.startswith("cases/"))):
        text = markdown(name)
        assert not re.findall(r"`[^`]*(?:\.ipynb|/)`", text), f"{name} shows a file name"
        for target in re.findall(r"\]\(([^)#]+\.ipynb)\)", text):
            assert (PAGES[name].path.parent / target).is_file(), f"{name}: a link to {target} leads nowhere"
    for name in (n for n in PAGES if n.startswith("cases/")):
        assert "Links to Module" not in markdown(name) and "](../0" in markdown(name), name


def test_the_start_page_links_every_guidance_document_to_the_registers_address(library):
    """A reader can follow any citation key to its document: the sources table links the address
    the guidance register gives (the register the carers' pages list their sources from)."""
    rows = {row.split("|")[1].strip(): row for row in markdown("00_start_here").splitlines() if row.startswith("| ")}
    for document in library.guidance.documents:
        assert f"]({document.url})" in rows[document.key], f"{document.key} is not linked to {document.url}"


def test_the_start_page_gives_the_same_helplines_as_the_carers_pages():
    """The start page's content note is markdown, so it shows before anything runs; its numbers
    must still be the ones scenarios.support gives the carers."""
    text = markdown("00_start_here")
    for helpline in HELPLINES:
        assert f"**{helpline.number}**" in text, helpline.what


def test_the_simulation_lab_page_speaks_as_a_social_worker_would():
    """Trainees are social workers, police and foster carers: a method's or a standard's name
    ("Sobol's", "STRESS-DES") or "paired comparison" tells them nothing, so the page says what was
    done in plain words instead."""
    text = markdown("07_simulation_lab")
    assert not [word for word in ("Sobol", "STRESS", "paired", "random start") if word.lower() in text.lower()]
    assert "any difference comes from the change alone" in text
