"""A one-cell notebook that shows the scenario player, and helpers to answer Kim's first stage
in a browser the way a trainee does: by label, as a screen reader would find each control."""

from __future__ import annotations

from pathlib import Path

import nbformat
from playwright.sync_api import Locator, Page, expect

from scenarios.library import shipped_library
from scenarios.models import Rating

FEEDBACK_TIMEOUT_MS = 30_000


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
    root.get_by_role("button", name="Start the case").click()
    for label in [*essential, harmful]:
        root.get_by_role("checkbox", name=label).check()
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
    assert "Guidance:" in text and "HBTH2016" in text, text
    assert "Your score:" in player(page).inner_text()
