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
    assert "Your score:" in page.locator(".mfc-player").inner_text()
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
