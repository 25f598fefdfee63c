"""The trainees' course as pages, in Chromium, served by ``mfc course`` as ``make start`` serves it.

A trainee goes from the course home through a module and its case to the completion record, at
1280 px with the mouse and on a 375 px phone, and once with the keyboard alone; axe-core finds no
serious or critical problem on the home, a module, a case and the record; no page shows code.
One server serves every test here; each test starts from an empty answer folder (the server
reads the folder afresh on every page, so clearing it is a new trainee). Screenshots go to
test-output/<test name>/.
"""

from __future__ import annotations

import http.cookiejar
import re
import shutil
import urllib.parse
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
from helpers.course_trainee import answer_every_module
from playwright.sync_api import Locator, Page, expect

from carers.kernel_cap import BUSY_MESSAGE
from coursesite.server import PAGES_OPEN_HEADING, PAGES_OPEN_MESSAGE, CoursePageHandler
from grading.answers import AnswerStore
from grading.completion import CLOSING_PAGE
from grading.course_answers import START_PAGE, shipped_course
from grading.progress import VisitLog
from scenarios.library import shipped_library

from .axe import describe_violations
from .carers_client import NoRedirect, fetch, kernel_id_in
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

    next_page = page.get_by_role("status").get_by_role("link", name=MODULE_TITLE, exact=True)
    expect(next_page.locator("xpath=..")).to_have_text(f"Carry on with {MODULE_TITLE}.")  # the one left to do
    next_page.click()
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


LAB = "07_simulation_lab"
LAB_TITLE = "Module 7: Simulation lab"


def open_lab(page: Page, course) -> Locator:
    """The simulation lab page, its questions run; returns the lab's delay sliders."""
    page.goto(course.url(f"voila/render/{LAB}.ipynb"))
    wait_for_page(page, LAB_TITLE)
    sliders = page.locator(".mfc-stacked.widget-slider")
    expect(sliders.first).to_be_visible(timeout=RUN_TIMEOUT_MS)
    return sliders


def test_the_simulation_lab_fits_a_phone(mobile_page, page_log, course, trainee, screenshot):
    """Each delay's name above its slider and its value ("3 weeks") on screen at 375 px."""
    page = mobile_page
    sliders = open_lab(page, course)
    assert sliders.count() >= 13
    assert_no_horizontal_scroll(page)
    for i in range(sliders.count()):
        slider = sliders.nth(i)
        slider.scroll_into_view_if_needed()
        readout, label = slider.locator(".widget-readout"), slider.locator(".widget-label")
        expect(readout).to_be_visible()
        box, name = readout.bounding_box(), label.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375, (label.inner_text(), box)
        assert name["y"] + name["height"] <= box["y"] + 1, f"{label.inner_text()}: the name is not above the slider"
        assert re.fullmatch(r"\d+( (hours?|days?|weeks?))?|never", readout.inner_text().strip())
    sliders.first.scroll_into_view_if_needed()
    screenshot(page, "1-lab-controls", full_page=False)
    assert_lab_text_is_whole_and_page_sized(page)
    run_the_lab(page, sliders)
    assert_no_horizontal_scroll(page)
    assert page.evaluate(TABLES_WIDER_THAN_THEIR_BOX) == []  # every table fits: no sideways scrolling
    # Every chart, the questions' and the lab's, has the teaching line as page text under it.
    expect(page.locator(".mfc-teaching-note")).to_have_count(page.locator("img").count())
    lab = page.locator(".mfc-lab")
    note = lab.locator(".mfc-teaching-note")
    expect(note).to_contain_text("Teaching model, not a forecast")
    assert note.bounding_box()["y"] >= lab.locator("img").bounding_box()["y"] + 100
    assert float(note.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px")) >= 16
    note.scroll_into_view_if_needed()
    screenshot(page, "2-lab-run-on-a-phone", full_page=False)
    assert not page_log.unexpected_errors()


# Tables (and their captions) whose content is wider than the box they sit in, so a reader would
# have to scroll them sideways.
TABLES_WIDER_THAN_THEIR_BOX = """() => [...document.querySelectorAll('.mfc-scroll')]
    .filter(box => box.scrollWidth > box.clientWidth + 1).map(box => box.innerText.slice(0, 60))"""


def run_the_lab(page: Page, sliders: Locator) -> None:
    """Set the carer's checks to 0 hours, by keyboard, and run the comparison until its table shows."""
    first = sliders.first
    first.scroll_into_view_if_needed()
    first.locator(".noUi-handle").focus()
    page.keyboard.press("Home")
    expect(first.locator(".widget-readout")).to_have_text("0 hours")
    page.get_by_role("button", name="Run the comparison").click()
    expect(page.locator(".mfc-lab table").first).to_contain_text("range we are fairly sure of", timeout=RUN_TIMEOUT_MS)


def assert_lab_text_is_whole_and_page_sized(page: Page) -> None:
    """Every control's name starts inside the lab and is not clipped (its first letter was cut off on
    a phone), and the lab's text is the size of the page's text, not ipywidgets' 13px."""
    report = page.evaluate("""() => {
        const lab = document.querySelector('.mfc-lab').getBoundingClientRect();
        const page = getComputedStyle(document.querySelector('.jp-RenderedMarkdown p')).fontSize;
        return [...document.querySelectorAll('.mfc-lab .widget-label')]
            .filter(l => l.textContent.replace(/\u200b/g, '').trim())  // ipywidgets' empty name is a zero-width space
            .map(label => {
                const range = document.createRange();
                range.selectNodeContents(label);
                const text = range.getBoundingClientRect();
                return {name: label.textContent, left: text.left, lab: lab.left, page,
                        size: getComputedStyle(label).fontSize, clipped: label.scrollWidth > label.clientWidth};
            });
    }""")
    assert len(report) >= 13
    for label in report:
        assert label["left"] >= max(label["lab"], 0) and not label["clipped"], label
        assert label["size"] == label["page"], label
    controls = page.locator(".mfc-lab :is(select, .widget-text input, .jupyter-button, "
                            ".jupyter-widget-Collapse-header, .widget-readout)")
    sizes = controls.evaluate_all("all => all.map(e => getComputedStyle(e).fontSize)")
    assert len(sizes) >= 20 and set(sizes) == {report[0]["page"]}, sizes


def test_the_simulation_lab_speaks_plainly(page, page_log, course, trainee, screenshot):
    """At 1280 px: the menu names presets in words, a run with nothing changed says so, and a run
    shows its table in days and plain words."""
    sliders = open_lab(page, course)
    assert_no_code(page)
    lab = page.locator(".mfc-lab")
    menu = page.get_by_role("combobox", name="start from")
    expect(menu).to_contain_text("Practice in 2016")
    expect(menu).not_to_contain_text("practice-2016")
    page.get_by_role("button", name="Run the comparison").click()
    expect(page.get_by_text("You have not changed anything yet")).to_be_visible()
    screenshot(page, "1-nothing-changed", full_page=False)
    run_the_lab(page, sliders)
    table = lab.locator("table").first
    text = table.inner_text()
    assert "Practice in 2016" in text and " days" in text and "horizon" not in text and " h " not in text
    table.scroll_into_view_if_needed()
    screenshot(page, "2-lab-run")
    assert not page_log.unexpected_errors()


def tiny_course(folder: Path, pages: int) -> Path:
    """A course folder with a start page and ``pages`` small modules, quick to run."""
    folder.mkdir()
    for number in range(pages + 1):
        notebook = nbformat.v4.new_notebook()
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        notebook.cells = [nbformat.v4.new_markdown_cell(f"# Module {number}"), nbformat.v4.new_code_cell("1 + 1")]
        nbformat.write(notebook, folder / (START_PAGE if number == 0 else f"0{number}_module.ipynb"))
    return folder


@pytest.mark.slow
def test_a_trainee_with_too_many_pages_open_is_told_to_close_one(tmp_path):
    """The course runs at most six pages at once for its one trainee (coursesite/voila.json): the
    seventh tab says so and what to do, not that many people are using the pages."""
    course = tiny_course(tmp_path / "course", pages=7)
    env = {"MFC_ANSWERS_DIR": str(tmp_path / "answers")}
    with running_mfc("course", "--course", str(course), root_dir=course, log_dir=tmp_path, env=env) as server:
        cookies = http.cookiejar.CookieJar()
        tabs = urllib.request.build_opener(NoRedirect, urllib.request.HTTPCookieProcessor(cookies))
        kernels = []
        for number in range(1, 7):
            status, _, body = fetch(server.voila_url(f"0{number}_module.ipynb"), opener=tabs)
            assert status == 200, body
            kernels.append(kernel_id_in(body))
        status, _, body = fetch(server.voila_url("07_module.ipynb"), opener=tabs)
        assert status == 503 and PAGES_OPEN_MESSAGE in body and BUSY_MESSAGE not in body
        assert f"<h1>{PAGES_OPEN_HEADING}</h1>" in body

        xsrf = next(c.value for c in cookies if c.name == "_xsrf")  # closing a tab, as the page does
        form = urllib.parse.urlencode({"_xsrf": xsrf}).encode()
        status, _, _ = fetch(server.url(f"voila/api/shutdown/{kernels[0]}"), method="POST", data=form, opener=tabs)
        assert status in (200, 204)
        status, _, body = fetch(server.voila_url("07_module.ipynb"), opener=tabs)
        assert status == 200 and "Module 7" in body


@pytest.mark.parametrize(("pages_open", "message"), [(6, PAGES_OPEN_MESSAGE), (2, PAGES_OPEN_MESSAGE),
                                                     (1, BUSY_MESSAGE), (0, BUSY_MESSAGE)])
def test_the_server_is_said_to_be_busy_only_when_the_trainees_own_pages_do_not_explain_it(pages_open, message):
    """Warm spares (``--preheat``) or other people can fill the server: then it really is busy."""
    handler = SimpleNamespace(kernel_manager=SimpleNamespace(pages_open=lambda: pages_open))
    assert CoursePageHandler.busy_notice(handler)[1] == message
