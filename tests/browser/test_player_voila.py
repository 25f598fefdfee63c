"""The scenario player on a Voila page (how foster carers meet it): answered with the mouse,
answered with the keyboard alone, audited for accessibility, and laid out for a phone."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from grading.answers import AnswerStore
from scenarios.library import shipped_library
from scenarios.models import Rating

from .axe import describe_violations
from .notebook_ui import open_voila
from .pages import assert_no_horizontal_scroll
from .player_page import (
    FEEDBACK_TIMEOUT_MS,
    answer_first_stage_with_mouse,
    assert_feedback_for_first_stage,
    assert_player_reads_like_the_page,
    first_stage_choices,
    player,
    write_player_notebook,
)

# Voila loads nbgrader's labextension's shared modules even when it is denylisted (toolchain notes, section 3).
VOILA_NOISE = r"RUNTIME-012"
MAX_TABS = 40
# What a screen reader would announce for the focused control: a button's text, or the text of
# the label around a checkbox, radio button or text box.
_FOCUSED_NAME = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '';
    const label = el.closest('label') || (el.id && document.querySelector(`label[for="${el.id}"]`));
    return `${el.tagName.toLowerCase()}:${el.type || ''}:${(label ? label.textContent : el.textContent).trim()}`;
}"""


def tab_to(page: Page, name: str) -> str:
    """Press Tab until the focused control's name starts with ``name``; fail listing the stops."""
    visited = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED_NAME)
        visited.append(focused)
        if focused and focused.split(":", 2)[2].startswith(name):
            return focused
    raise AssertionError(f"Tab never reached {name!r}; focus went to: {visited}")


def test_player_answers_a_stage_in_voila(page, page_log, voila, tmp_path, screenshot, axe):
    server = voila(write_player_notebook(tmp_path / "pages"))
    open_voila(page, server.url())
    feedback = answer_first_stage_with_mouse(page)
    assert_feedback_for_first_stage(page, feedback)
    assert_player_reads_like_the_page(page)
    screenshot(page, "player-feedback-voila")
    violations = axe(page, context=".mfc-player")
    assert not violations, describe_violations(violations)
    assert not page_log.unexpected_errors(VOILA_NOISE)


def test_player_works_by_keyboard_alone_in_voila(page, page_log, voila, tmp_path, screenshot):
    server = voila(write_player_notebook(tmp_path / "pages"))
    open_voila(page, server.url())
    root = player(page)
    expect(root.get_by_role("button", name="Start the case")).to_be_visible()

    assert tab_to(page, "Start the case").startswith("button:")
    page.keyboard.press("Enter")
    kim = shipped_library().scenario("kim")
    # A person waits until the stage appears before moving on; so does the test.
    expect(root.get_by_text(kim.stages[0].title)).to_be_visible(timeout=FEEDBACK_TIMEOUT_MS)
    essential, _ = first_stage_choices()
    for label in essential:
        assert tab_to(page, label).startswith("input:checkbox:")
        page.keyboard.press("Space")
        expect(root.get_by_role("checkbox", name=label)).to_be_checked()
    assert tab_to(page, "Your reason").startswith("textarea:")
    page.keyboard.type("She is afraid of the people who brought her.")
    tab_to(page, "Check my answer")
    screenshot(page, "keyboard-focus-on-check")
    page.keyboard.press("Enter")
    expect(root.locator(".mfc-feedback")).to_be_visible(timeout=FEEDBACK_TIMEOUT_MS)
    assert "Right" in root.locator(".mfc-feedback").inner_text()

    tab_to(page, "Continue the case")
    page.keyboard.press("Enter")
    second = kim.stages[1]
    expect(root.get_by_text(second.title)).to_be_visible(timeout=FEEDBACK_TIMEOUT_MS)
    # Focus carries on into the stage just shown: its first option is the very next Tab stop.
    page.keyboard.press("Tab")
    first_option = shipped_library().action(second.questions[0].options[0].action).label
    assert page.evaluate(_FOCUSED_NAME) == f"input:checkbox:{first_option}"
    screenshot(page, "keyboard-second-stage")
    assert not page_log.unexpected_errors(VOILA_NOISE)


def test_player_fits_a_phone_screen_in_voila(mobile_page, page_log, voila, tmp_path, screenshot):
    server = voila(write_player_notebook(tmp_path / "pages"))
    open_voila(mobile_page, server.url())
    answer_first_stage_with_mouse(mobile_page)
    screenshot(mobile_page, "player-phone")
    assert_no_horizontal_scroll(mobile_page)
    assert_player_reads_like_the_page(mobile_page)
    assert not page_log.unexpected_errors(VOILA_NOISE)


def test_player_restores_saved_answers_and_grades_risk_in_voila(page, page_log, voila, tmp_path, screenshot):
    """A page opened again shows the stages already answered, with their feedback, and goes on
    from the first unanswered one: here the risk grading, answered with a radio button."""
    kim = shipped_library().scenario("kim")
    risk_stage = next(i for i, stage in enumerate(kim.stages) if stage.questions[0].kind == "risk")
    store = AnswerStore(tmp_path / "answers", trainee="trainee-a")
    for stage in kim.stages[:risk_stage]:
        for question in stage.questions:
            store.record("kim", question.id, [o.action for o in question.options if o.rating == Rating.ESSENTIAL])

    server = voila(write_player_notebook(tmp_path / "pages"), env={"MFC_TRAINEE": "trainee-a"})
    open_voila(page, server.url())
    root = player(page)
    expect(root.get_by_text(kim.stages[risk_stage].title)).to_be_visible(timeout=FEEDBACK_TIMEOUT_MS)
    expect(root.locator(".mfc-feedback")).to_have_count(risk_stage)
    high = shipped_library().level("high")
    root.get_by_role("radio", name=f"{high.label}: {high.definition}").check()
    root.get_by_role("button", name="Check my answer", disabled=False).first.click()
    graded = root.locator(".mfc-feedback").nth(risk_stage)
    expect(graded).to_contain_text("Right", timeout=FEEDBACK_TIMEOUT_MS)
    graded.scroll_into_view_if_needed()
    screenshot(page, "restored-then-risk-graded")
    assert store.load("kim").answers[kim.stages[risk_stage].questions[0].id] == "high"
    assert not page_log.unexpected_errors(VOILA_NOISE)
