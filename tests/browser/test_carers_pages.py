"""The carers' pages in Chromium, served by ``mfc carers`` as a foster carer gets them.

Every page loads and becomes interactive, at desktop width and on a 375 px phone (no sideways
scrolling); each exercise takes an answer and shows feedback; axe-core finds no serious or
critical problem; every control can be reached and used with the keyboard alone; the landing
page's links open the pages. Screenshots go to test-output/<test name>/.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import Locator, Page, expect

from carers.server import LANDING_PAGE, PAGES_DIR
from scenarios.library import shipped_library
from scenarios.models import Rating

from .axe import describe_violations
from .carers_server import page_url, running_carers
from .notebook_ui import RUN_TIMEOUT_MS, open_voila
from .pages import assert_no_horizontal_scroll

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(p.name for p in PAGES_DIR.glob("*.ipynb"))
EXERCISES = {"not-where-they-should-be.ipynb": "carer-kim-night", "first-days.ipynb": "carer-bao-sim"}
FEEDBACK_TIMEOUT_MS = 30_000
MAX_TABS = 80
# Every control a visitor could use, in page order, each tagged so the focus walk can name it.
_TAG_CONTROLS = """() => {
    const controls = [...document.querySelectorAll(
        '#rendered_cells a[href], #rendered_cells button, #rendered_cells input, #rendered_cells textarea,'
        + ' #rendered_cells select')].filter(el => el.offsetParent !== null && !el.disabled);
    controls.forEach((el, i) => el.dataset.controlIndex = String(i));
    const name = el => (el.textContent || el.value || '').trim().slice(0, 40);
    return controls.map(el => `${el.tagName.toLowerCase()} "${name(el)}"`);
}"""
_FOCUSED_INDEX = "() => document.activeElement ? document.activeElement.dataset.controlIndex ?? null : null"


# Closing a test's browser context skips the page's unload handler, which is what tells Voila to
# stop the visitor's kernel, so kernels of finished tests live on until the idle culler. The
# ceiling is raised above what this module opens; tests/carers/test_carers_server.py tests it.
MAX_KERNELS_HERE = 48


@pytest.fixture(scope="module")
def carers():
    """One server for the module: starting one preheats a kernel per page, which takes a while."""
    log_dir = ROOT / "test-output" / "carers-server"
    with running_carers("--max-kernels", str(MAX_KERNELS_HERE), log_dir=log_dir) as server:
        yield server


def title_of(name: str) -> str:
    return nbformat.read(PAGES_DIR / name, as_version=4).metadata["title"]


def open_page(page: Page, server, name: str) -> None:
    # A page arrives as its notebook runs; on a machine busy with other work that can pass 30 s.
    page.set_default_navigation_timeout(RUN_TIMEOUT_MS)
    open_voila(page, page_url(server, name))
    expect(page_heading(page, name)).to_be_visible()


def page_heading(page: Page, name: str) -> Locator:
    return page.get_by_role("heading", level=1, name=title_of(name), exact=True)


def start_exercise(page: Page, scenario_id: str) -> Locator:
    """Press "Start the case" and wait for the first stage: proof the page's kernel answers."""
    player = page.locator(".mfc-player")
    player.get_by_role("button", name="Start the case").click()
    first_stage = shipped_library().scenario(scenario_id).stages[0]
    expect(player.get_by_role("heading", name=re.compile(re.escape(first_stage.title)))).to_be_visible(
        timeout=FEEDBACK_TIMEOUT_MS)
    return player


def first_stage_labels(scenario_id: str) -> tuple[list[str], str]:
    """Labels of the first question's essential actions, and of one harmful action."""
    library = shipped_library()
    question = library.scenario(scenario_id).stages[0].questions[0]
    essential = [library.action(o.action).label for o in question.options if o.rating == Rating.ESSENTIAL]
    harmful = next(library.action(o.action).label for o in question.options if o.rating == Rating.HARMFUL)
    return essential, harmful


def answer_first_stage(page: Page, scenario_id: str) -> Locator:
    """Tick the essential actions and one harmful one, check the answer; return the feedback."""
    player = start_exercise(page, scenario_id)
    essential, harmful = first_stage_labels(scenario_id)
    for label in [*essential, harmful]:
        player.get_by_role("checkbox", name=label).check()
    player.get_by_role("button", name="Check my answer").click()
    feedback = player.locator(".mfc-feedback")
    expect(feedback).to_be_visible(timeout=FEEDBACK_TIMEOUT_MS)
    feedback.scroll_into_view_if_needed()
    return feedback


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_and_becomes_interactive(page, page_log, carers, screenshot, name):
    open_page(page, carers, name)
    screenshot(page, "desktop-1280", full_page=False)
    if name in EXERCISES:
        start_exercise(page, EXERCISES[name])
    else:
        expect(page.locator("#rendered_cells a[href]").first).to_be_enabled()
    assert not page_log.blocked, f"the page asked for other sites: {page_log.blocked}"
    assert not page_log.unexpected_errors()


@pytest.mark.parametrize("name", PAGES)
def test_page_fits_a_phone(mobile_page, page_log, carers, screenshot, name):
    open_page(mobile_page, carers, name)
    assert_no_horizontal_scroll(mobile_page)
    screenshot(mobile_page, "phone-375", full_page=False)
    if name in EXERCISES:
        answer_first_stage(mobile_page, EXERCISES[name])
        assert_no_horizontal_scroll(mobile_page)
        screenshot(mobile_page, "phone-375-feedback", full_page=False)
    assert not page_log.unexpected_errors()


@pytest.mark.parametrize(("name", "scenario_id"), EXERCISES.items())
def test_exercise_gives_feedback_in_plain_words(page, page_log, carers, screenshot, flesch, name, scenario_id):
    open_page(page, carers, name)
    feedback = answer_first_stage(page, scenario_id)
    text = feedback.inner_text()
    screenshot(page, "feedback", full_page=False)
    assert "Right" in text and "Harmful" in text, text
    assert "Guidance:" in text, text
    # Volunteers read what they did well and what to change, never a score.
    assert "score" not in text.lower() and not re.search(r"\bout of \d", text), text
    assert "Your score" not in page.locator(".mfc-player").inner_text()
    assert text.index("What you did well") < text.index("What to change")
    prose = re.sub(r"Guidance:.*", "", text)
    assert flesch(prose) >= 60, f"feedback reads hard (Flesch {flesch(prose):.0f}): {prose}"
    assert not page_log.unexpected_errors()


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_problems(page, page_log, carers, axe, name):
    open_page(page, carers, name)
    violations = axe(page)
    assert not violations, describe_violations(violations)
    if name in EXERCISES:
        answer_first_stage(page, EXERCISES[name])
        violations = axe(page)
        assert not violations, "after answering: " + describe_violations(violations)


def walk_focus(page: Page) -> tuple[list[str], set[str]]:
    """Tab through the page from the top; return every control and the indexes focus reached."""
    controls = page.evaluate(_TAG_CONTROLS)
    page.locator("body").focus()
    reached = set()
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        index = page.evaluate(_FOCUSED_INDEX)
        if index is not None:
            reached.add(index)
        if len(reached) == len(controls):
            break
    return controls, reached


@pytest.mark.parametrize("name", PAGES)
def test_every_control_is_reachable_by_keyboard(page, page_log, carers, name):
    open_page(page, carers, name)
    if name in EXERCISES:
        start_exercise(page, EXERCISES[name])
    controls, reached = walk_focus(page)
    assert controls
    missed = [c for i, c in enumerate(controls) if str(i) not in reached]
    assert not missed, f"Tab never reached: {missed}"


def tab_until_focused(page: Page, control: Locator) -> None:
    for _ in range(MAX_TABS):
        if control.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {control}")


@pytest.mark.parametrize(("name", "scenario_id"), EXERCISES.items())
def test_exercise_works_by_keyboard_alone(page, page_log, carers, screenshot, name, scenario_id):
    open_page(page, carers, name)
    player = page.locator(".mfc-player")
    start = player.get_by_role("button", name="Start the case")
    start.focus()
    page.keyboard.press("Enter")
    essential, _ = first_stage_labels(scenario_id)
    box = player.get_by_role("checkbox", name=essential[0])
    expect(box).to_be_visible(timeout=FEEDBACK_TIMEOUT_MS)
    tab_until_focused(page, box)
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    tab_until_focused(page, player.get_by_role("button", name="Check my answer"))
    page.keyboard.press("Enter")
    expect(player.locator(".mfc-feedback")).to_be_visible(timeout=FEEDBACK_TIMEOUT_MS)
    screenshot(page, "keyboard-feedback", full_page=False)
    assert not page_log.unexpected_errors()


def test_landing_page_links_open_every_page(page, page_log, carers):
    for name in PAGES:
        if name == LANDING_PAGE:
            continue
        open_page(page, carers, LANDING_PAGE)
        page.get_by_role("link", name=title_of(name)).click()
        expect(page).to_have_url(re.compile(re.escape(name) + "$"), timeout=RUN_TIMEOUT_MS)
        expect(page_heading(page, name)).to_be_visible(timeout=RUN_TIMEOUT_MS)
    assert not page_log.unexpected_errors()


@pytest.mark.parametrize("address", ["no-such-page", "voila/render/no-such-page.ipynb"])
def test_a_mistyped_address_gets_a_plain_page_with_a_way_back(page, page_log, carers, screenshot, address):
    """Not Voila's bare "404: Not Found", which loaded an icon font from a public CDN."""
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    response = page.goto(carers.url(address))
    assert response.status == 404
    expect(page.get_by_role("heading", level=1, name="Page not found")).to_be_visible()
    screenshot(page, "not-found", full_page=False)
    page.get_by_role("link", name="Go to the start page").click()
    expect(page_heading(page, LANDING_PAGE)).to_be_visible(timeout=RUN_TIMEOUT_MS)
    assert all(re.match(r"(https?|wss?)://127\.0\.0\.1:", url) for url in requested), requested
    assert not page_log.blocked


def test_the_players_button_is_apart_from_the_pages_next_link(page, page_log, carers):
    open_page(page, carers, "not-where-they-should-be.ipynb")
    answer_first_stage(page, EXERCISES["not-where-they-should-be.ipynb"])
    player = page.locator(".mfc-player")
    expect(player.get_by_role("button", name="Continue the case").first).to_be_enabled()
    assert player.get_by_role("button", name="Next").count() == 0


def test_the_content_note_keeps_the_width_of_a_phone(mobile_page, page_log, carers):
    """JupyterLab indents a quote by 3em in all; at 375 px the note was three words a line."""
    open_page(mobile_page, carers, LANDING_PAGE)
    note = mobile_page.locator("#rendered_cells blockquote").first
    paragraph = mobile_page.locator("#rendered_cells .jp-RenderedMarkdown p").first
    assert note.bounding_box()["width"] >= 0.9 * paragraph.bounding_box()["width"]


_LOCKED_CHOICES = """() => [...document.querySelectorAll('.mfc-player input:disabled')].map(input => {
    const label = input.closest('label'), box = getComputedStyle(input), text = getComputedStyle(label);
    return {checked: input.checked, opacity: box.opacity, fill: box.backgroundColor, border: box.borderTopColor,
            weight: Number(text.fontWeight), colour: text.color, labelOpacity: text.opacity};
})"""


def test_a_locked_answer_stays_readable(page, page_log, carers, screenshot):
    """Once checked, the options are locked; the chosen ones must not fade to browser grey."""
    open_page(page, carers, "not-where-they-should-be.ipynb")
    answer_first_stage(page, EXERCISES["not-where-they-should-be.ipynb"])
    # Each option is locked by a message of its own, which can arrive after the feedback has shown.
    expect(page.locator(".mfc-player input[type=checkbox]:enabled")).to_have_count(0)
    locked = page.evaluate(_LOCKED_CHOICES)
    screenshot(page, "locked", full_page=False)
    chosen = [box for box in locked if box["checked"]]
    assert chosen and len(chosen) < len(locked)
    for box in locked:
        assert box["opacity"] == "1" and box["labelOpacity"] == "1" and box["border"] == "rgb(51, 51, 51)", box
    for box in chosen:  # filled dark blue (#1a4f8b), words bold and near black: contrast far above 4.5:1
        assert box["fill"] == "rgb(26, 79, 139)" and box["weight"] >= 600 and box["colour"] == "rgb(17, 17, 17)", box
