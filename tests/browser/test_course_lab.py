"""The course's start page works where trainees meet it: run in JupyterLab, where a trainee answers
its first decision point and reads the feedback, and shown by Voila.

Both tests serve a copy of ``course/`` (JupyterLab autosaves, and outputs must never reach the
checkout); answers go to the scratch folder the server fixtures set as ``MFC_ANSWERS_DIR``.
"""

from __future__ import annotations

import json

from playwright.sync_api import Locator, Page, expect

from scenarios.models import Rating

from .notebook_ui import RUN_TIMEOUT_MS, open_lab_notebook, open_voila, run_all_cells

START_PAGE = "course/00_start_here.ipynb"
FIRST_CASE = "newly-arrived-15"  # the case the start page plays


def first_decision(library):
    """The start page's first decision point, the labels of its essential actions and one harmful one."""
    question = library.scenario(FIRST_CASE).stages[0].questions[0]
    essential = [library.action(o.action).label for o in question.options if o.rating == Rating.ESSENTIAL]
    harmful = next(library.action(o.action).label for o in question.options if o.rating == Rating.HARMFUL)
    return question, essential, harmful


def answer_first_decision(page: Page, essential: list[str], harmful: str) -> Locator:
    """As a trainee: start the case, tick the essential actions and one harmful one, check the
    answer, and return the feedback once it shows."""
    player = page.locator(".mfc-player")
    player.get_by_role("button", name="Start the case").click()
    for label in [*essential, harmful]:
        player.get_by_role("checkbox", name=label).check()
    player.get_by_role("button", name="Check my answer").click()
    feedback = player.locator(".mfc-feedback")
    expect(feedback).to_be_visible(timeout=RUN_TIMEOUT_MS)
    feedback.scroll_into_view_if_needed()
    return feedback


def test_start_page_runs_and_a_decision_point_is_answered_in_jupyterlab(
        page, page_log, jupyter_lab, course_copy, screenshot, library, tmp_path):
    lab = jupyter_lab(course_copy)
    open_lab_notebook(page, lab, START_PAGE)
    run_all_cells(page)
    expect(page.get_by_role("heading", name="Before you begin: a content note")).to_be_visible()
    screenshot(page, "start-page-jupyterlab")

    question, essential, harmful = first_decision(library)
    feedback = answer_first_decision(page, essential, harmful)
    text = feedback.inner_text()
    assert "Right" in text and "Harmful" in text, text
    assert "Guidance:" in text and "§" in text, text
    screenshot(page, "start-page-feedback", full_page=False)

    saved = json.loads((tmp_path / "answers" / f"{FIRST_CASE}.answers.json").read_text(encoding="utf-8"))
    assert set(saved["answers"][question.id]) == {
        o.action for o in question.options if o.rating == Rating.ESSENTIAL or library.action(o.action).label == harmful}
    assert not page_log.unexpected_errors()


def test_start_page_renders_in_voila(page, page_log, voila, course_copy, screenshot):
    server = voila(course_copy / START_PAGE)
    open_voila(page, server.url())
    expect(page.get_by_role("heading", name="Before you begin: a content note")).to_be_visible()
    expect(page.get_by_role("button", name="Start the case")).to_be_visible(timeout=RUN_TIMEOUT_MS)
    screenshot(page, "start-page-voila")
    assert not page_log.unexpected_errors()
