"""A one-cell notebook that shows the scenario player, and helpers to answer Kim's first stage
in a browser the way a trainee does: by label, as a screen reader would find each control."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
from playwright.sync_api import Locator, Page, expect

from scenarios.library import shipped_library
from scenarios.models import Rating

FEEDBACK_TIMEOUT_MS = 30_000
MIN_TOUCH_PX = 44  # the smallest comfortable touch target (WCAG 2.5.5)
REASON = "She is afraid of the people who brought her."


def write_player_notebook(folder: Path, scenario_id: str = "kim") -> Path:
    """A notebook as a course page would have it: a line of markdown, one line of code."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Scenario player"),
        nbformat.v4.new_code_cell(f'from grading.player import ScenarioPlayer\n\nScenarioPlayer("{scenario_id}")'),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "player.ipynb"
    nbformat.write(nb, path)
    return path


def first_stage_choices(scenario_id: str = "kim") -> tuple[list[str], str]:
    """The labels of the essential actions of a case's first decision (Kim's by default) and of
    one harmful action."""
    library = shipped_library()
    question = library.scenario(scenario_id).stages[0].questions[0]
    essential = [library.action(o.action).label for o in question.options if o.rating == Rating.ESSENTIAL]
    harmful = next(library.action(o.action).label for o in question.options if o.rating == Rating.HARMFUL)
    return essential, harmful


def player(page: Page) -> Locator:
    return page.locator(".mfc-player")


def answer_first_stage_with_mouse(page: Page, scenario_id: str = "kim") -> Locator:
    """Start the case (Kim's by default), tick the essential actions of its first decision and one
    harmful one, check the answer, and return the feedback block once it shows."""
    essential, harmful = first_stage_choices(scenario_id)
    root = player(page)
    start = root.get_by_role("button", name="Start the case")
    assert start.bounding_box()["height"] >= MIN_TOUCH_PX, start.bounding_box()
    start.click()
    for label in [*essential, harmful]:
        root.get_by_role("checkbox", name=label).check()
    root.get_by_role("textbox", name="Your reason (optional)").fill(REASON)
    root.get_by_role("button", name="Check my answer").click()
    feedback = root.locator(".mfc-feedback")
    expect(feedback).to_be_visible(timeout=FEEDBACK_TIMEOUT_MS)
    feedback.scroll_into_view_if_needed()  # so the screenshot shows it
    return feedback


def assert_feedback_for_first_stage(page: Page, feedback: Locator) -> None:
    """The feedback names what was right and what was harmful, in words, with citations."""
    text = feedback.inner_text()
    for word in ("Right", "Harmful"):
        assert word in text, text
    # Each badge's words go on in a phrase ("Right An essential step, and you took it: ..."), never
    # a second label beside it ("Right Essential:", "Missed Would have helped:").
    assert not re.search(r"(Right|Missed|Harmful)\s+(Essential|Helpful|Would have helped|You chose):", text), text
    assert "Guidance:" in text and "HBTH2016" in text, text
    assert "Your score:" in player(page).inner_text()


_PLAYER_LAYOUT = """() => {
    const root = document.querySelector('.mfc-player');
    const pageText = document.querySelector('.jp-RenderedMarkdown');  // the page's own body text size
    const size = el => parseFloat(getComputedStyle(el).fontSize);
    const reason = root.querySelector('textarea');
    const buttons = [...root.querySelectorAll('button')].filter(b => b.offsetParent !== null);
    return {
        page: size(pageText), story: size(root.querySelector('.widget-html-content p')),
        option: size(root.querySelector('label')),
        lowest_button: Math.min(...buttons.map(b => b.getBoundingClientRect().height)),
        reason_right: reason.getBoundingClientRect().right, width: document.documentElement.clientWidth,
        reason_colour: getComputedStyle(reason).webkitTextFillColor || getComputedStyle(reason).color,
        reason_locked: reason.disabled,
    };
}"""


def assert_player_reads_like_the_page(page: Page) -> None:
    """After a checked answer (see :func:`answer_first_stage_with_mouse`): the player's text is the
    page's own size (ipywidgets drew it at 13px), every button on show is a touch target, the
    reason box ends inside the screen, not at its edge, and the locked reason stays dark, not the
    grey of a placeholder."""
    layout = page.evaluate(_PLAYER_LAYOUT)
    assert layout["story"] == layout["page"] and layout["option"] == layout["page"], layout
    assert layout["lowest_button"] >= MIN_TOUCH_PX, layout
    assert layout["reason_right"] <= layout["width"] - 4, layout
    assert layout["reason_locked"] and layout["reason_colour"] == "rgb(34, 34, 34)", layout
