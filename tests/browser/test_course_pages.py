"""The trainees' course as pages, in Chromium, served by ``mfc course`` as ``make start`` serves it.

A trainee goes from the course home through a module and its case to the completion record, at
1280 px with the mouse and on a 375 px phone, and once with the keyboard alone; axe-core finds no
serious or critical problem on the home, a module, a case and the record; no page shows code.
One server serves every test here; each test starts from an empty answer folder (the server
reads the folder afresh on every page, so clearing it is a new trainee). Screenshots go to
test-output/<test name>/.
"""

from __future__ import annotations

import re
import shutil
import urllib.request
from pathlib import Path

import pytest
from helpers.course_trainee import answer_every_module
from playwright.sync_api import Locator, Page, expect

from grading.answers import AnswerStore
from grading.completion import CLOSING_PAGE
from grading.course_answers import shipped_course
from grading.progress import VisitLog
from scenarios.library import shipped_library

from .axe import describe_violations
from .carers_client import fetch
from .carers_server import running_mfc
from .notebook_ui import RUN_TIMEOUT_MS
from .pages import assert_no_horizontal_scroll

ROOT = Path(__file__).resolve().parents[2]
COURSE = shipped_course()
MODULE = "04_reporting_and_risk"
MODULE_TITLE = "Module 4: Reporting and risk"
CASE = "cases/kim"
FEEDBACK_TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def answers(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("course-answers")


@pytest.fixture(scope="module")
def course(answers):
    log_dir = ROOT / "test-output" / "course-server"
    env = {"MFC_ANSWERS_DIR": str(answers), "MFC_TRAINEE": "trainee-1"}
    with running_mfc("course", root_dir=COURSE, log_dir=log_dir, env=env) as server:
        yield server


@pytest.fixture
def trainee(answers) -> AnswerStore:
    """A new trainee: the shared server's answer folder, emptied."""
    shutil.rmtree(answers)
    answers.mkdir()
    return AnswerStore(answers, trainee="trainee-1")


def open_home(page: Page, course) -> None:
    page.goto(course.url("home"))
    expect(page.get_by_role("heading", level=1, name="Missing from care: your course")).to_be_visible()


def wait_for_page(page: Page, title: str) -> None:
    page.set_default_timeout(RUN_TIMEOUT_MS)
    expect(page.locator("#rendered_cells")).to_be_visible(timeout=RUN_TIMEOUT_MS)
    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()


def state_of(page: Page, title: str) -> str:
    return page.get_by_role("listitem").filter(has=page.get_by_role("link", name=title, exact=True)) \
        .locator(".state").inner_text()


def play_whole_case(page: Page) -> None:
    """Answer every decision point of the case on the page (first choice offered each time)."""
    player = page.locator(".mfc-player")
    player.get_by_role("button", name="Start the case").click()
    while True:
        checks = player.get_by_role("button", name="Check my answer").and_(player.locator("button:enabled"))
        moves = player.get_by_role("button", name=re.compile("^(Continue the case|Read the debrief)$")) \
            .and_(player.locator("button:enabled"))
        expect(checks.or_(moves).first).to_be_visible(timeout=FEEDBACK_TIMEOUT_MS)
        waiting = checks.count()
        if waiting:
            question = checks.first.locator("xpath=..")  # the question's panel
            question.get_by_role("radio").or_(question.get_by_role("checkbox")).first.check()
            checks.first.click()
            # an answered question locks its button once the kernel has saved the answer
            expect(checks).to_have_count(waiting - 1, timeout=FEEDBACK_TIMEOUT_MS)
            continue
        label, moving = moves.first.inner_text(), moves.count()
        moves.first.click()
        if label == "Read the debrief":
            return
        expect(moves).to_have_count(moving - 1, timeout=FEEDBACK_TIMEOUT_MS)


def assert_no_code(page: Page) -> None:
    assert page.locator(".jp-CodeCell .jp-InputArea, .jp-CodeMirrorEditor, .cm-editor").count() == 0
    assert "from grading" not in page.locator("body").inner_text()


def audit(page: Page, axe, where: str) -> None:
    violations = axe(page)
    assert not violations, f"{where}: {describe_violations(violations)}"


def complete_all_but(trainee: AnswerStore, *, skip: tuple[str, ...]) -> None:
    answer_every_module(trainee, shipped_library(), COURSE, skip=skip)


def test_trainee_journey_from_home_to_completion_record(page, page_log, course, trainee, screenshot, axe, output_dir):
    complete_all_but(trainee, skip=(MODULE,))
    open_home(page, course)
    assert state_of(page, MODULE_TITLE) == "Not started"
    screenshot(page, "1-home")
    audit(page, axe, "home")

    page.get_by_role("link", name=MODULE_TITLE, exact=True).click()
    wait_for_page(page, MODULE_TITLE)
    assert_no_code(page)
    play_whole_case(page)
    screenshot(page, "2-module-answered", full_page=False)
    audit(page, axe, "module")
    page.get_by_role("link", name="Next: Module 5: The investigation").click()
    wait_for_page(page, "Module 5: The investigation")

    page.goto(course.url(f"voila/render/{CASE}.ipynb"))
    wait_for_page(page, re.compile("Kim"))
    assert_no_code(page)
    audit(page, axe, "case")
    page.get_by_role("link", name="Course home").click()
    assert state_of(page, MODULE_TITLE) == "Done"
    assert "open the closing page" in page.locator(".summary").inner_text().lower()

    page.get_by_role("link", name="the closing page").click()
    wait_for_page(page, "Module 8: Closing")
    assert_no_code(page)
    page.get_by_role("link", name="Next: Course home").click()
    expect(page.locator(".summary")).to_contain_text("You completed the course on")
    screenshot(page, "3-home-completed")

    page.get_by_role("link", name="Your record of completion").click()
    page.get_by_label("Your name, as it should appear on the record").fill("Sam Taylor")
    page.get_by_role("button", name="Show my name on the record").click()
    expect(page.locator("dd").first).to_have_text("Sam Taylor")
    for heading in ("Modules completed", "The guidance this course teaches", "My reflection for CPD"):
        expect(page.get_by_role("heading", level=2, name=heading)).to_be_visible()
    page.get_by_label("How it changes my practice").fill("I will ask for the photo on the first day.")
    screenshot(page, "4-record")
    audit(page, axe, "record")
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Print or save as PDF")).to_be_hidden()
    pdf = page.pdf(path=output_dir / "record.pdf", format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
    assert not page_log.blocked, f"the pages asked for other sites: {page_log.blocked}"
    assert not page_log.unexpected_errors()


def test_pages_fit_a_phone(mobile_page, page_log, course, trainee, screenshot):
    page = mobile_page
    complete_all_but(trainee, skip=())
    VisitLog(trainee.directory).record(CLOSING_PAGE)
    VisitLog(trainee.directory).mark_completed()
    open_home(page, course)
    assert_no_horizontal_scroll(page)
    screenshot(page, "1-home", full_page=False)
    page.get_by_role("link", name=MODULE_TITLE, exact=True).click()
    wait_for_page(page, MODULE_TITLE)
    assert_no_horizontal_scroll(page)
    assert_risk_scale_reads_down_the_screen(page)
    screenshot(page, "2-module-risk-scale", full_page=False)
    expect(page.locator(".mfc-player")).to_be_visible()
    screenshot(page, "2-module", full_page=False)
    page.get_by_role("link", name="Next: Module 5: The investigation").scroll_into_view_if_needed()
    screenshot(page, "3-module-end", full_page=False)
    page.goto(course.url("record?name=Sam+Taylor"))
    assert_no_horizontal_scroll(page)
    screenshot(page, "4-record")
    assert not page_log.unexpected_errors()


def assert_risk_scale_reads_down_the_screen(page: Page) -> None:
    """Module 4's risk scale on a phone: its five columns were cut off at 375 px inside a box that
    scrolled sideways with nothing to say so. Every cell now ends inside the screen, and each is
    headed by its column's name ("Sources", "For a child")."""
    table = page.locator("table.mfc-scale")
    table.scroll_into_view_if_needed()
    cells = page.evaluate("""() => [...document.querySelectorAll('table.mfc-scale td')].map(td => ({
        right: td.getBoundingClientRect().right, label: getComputedStyle(td, '::before').content}))""")
    width = page.viewport_size["width"]
    assert cells and all(cell["right"] <= width for cell in cells), cells
    assert {cell["label"] for cell in cells} == {'"Status"', '"What it means"', '"For a child"', '"Sources"'}, cells


def tab_to(page: Page, target: Locator, limit: int = 80) -> None:
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")


def test_the_journey_by_keyboard_alone(page, page_log, course, trainee, screenshot):
    complete_all_but(trainee, skip=())
    VisitLog(trainee.directory).mark_completed()
    open_home(page, course)
    page.locator("body").focus()
    tab_to(page, page.get_by_role("link", name=MODULE_TITLE, exact=True))
    page.keyboard.press("Enter")
    wait_for_page(page, MODULE_TITLE)
    start = page.get_by_role("button", name="Start the case")
    if start.is_visible():  # answers already saved reopen the case where the trainee left it
        tab_to(page, start)
        page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("link", name="Course home"), limit=400)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Missing from care: your course")).to_be_visible()
    tab_to(page, page.get_by_role("link", name="Your record of completion"))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_label("Your name, as it should appear on the record"))
    page.keyboard.type("Sam Taylor")
    page.keyboard.press("Enter")
    expect(page.locator("dd").first).to_have_text("Sam Taylor")
    screenshot(page, "record-by-keyboard", full_page=False)
    assert not page_log.unexpected_errors()


@pytest.mark.parametrize("path", ["api/contents", "api/contents/08_closing.ipynb", "voila/files/08_closing.ipynb",
                                  "voila/api/contents", "api/kernels", "voila/files/../../pyproject.toml"])
def test_the_course_is_locked_down_like_the_carers_pages(course, path):
    """The carers' lock-down reaches the course: no sources, no contents API, no folder views."""
    status, _, body = fetch(course.url(path), opener=urllib.request.build_opener())
    assert status in (403, 404), f"/{path} answered {status}"
    assert '"cells"' not in body and "[build-system]" not in body


def test_folders_lead_to_the_course_home_and_pages_show_no_code(course, trainee):
    for path in ("", "voila/tree", "voila/tree/cases"):
        status, headers, _ = fetch(course.url(path))
        assert status in (301, 302) and headers["Location"].endswith("/home"), path
    status, headers, body = fetch(course.url("voila/render/08_closing.ipynb"))
    assert status == 200 and "self_check()" not in body and "from grading" not in body
    assert fetch(course.url("home"))[1]["Cache-Control"] == "no-store"


def test_a_mistyped_address_gets_a_plain_page_with_a_way_home(page, page_log, course, trainee, screenshot):
    """Not Voila's bare 404 (no way back, a font from a public CDN); and no visit is noted for it."""
    response = page.goto(course.url("voila/render/05_the_invesitgation.ipynb"))
    assert response.status == 404
    expect(page.get_by_role("heading", level=1, name="Page not found")).to_be_visible()
    screenshot(page, "not-found", full_page=False)
    page.get_by_role("link", name="Go to the start page").click()
    expect(page.get_by_role("heading", level=1, name="Missing from care: your course")).to_be_visible()
    assert "05_the_invesitgation" not in VisitLog(trainee.directory).read()
    assert not page_log.blocked and not page_log.unexpected_errors("status of 404")  # the page itself
