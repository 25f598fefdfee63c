"""The course's start page works where trainees meet it: run in JupyterLab, where a trainee answers
its first decision point and reads the feedback, and shown by Voila.

Both tests serve a copy of ``course/`` (JupyterLab autosaves, and outputs must never reach the
checkout); answers go to the scratch folder the server fixtures set as ``MFC_ANSWERS_DIR``.
"""

from __future__ import annotations

import json
import urllib.request

from helpers.lab_defaults import SETTINGS_PATH, assert_quiet
from playwright.sync_api import expect

from .notebook_ui import RUN_TIMEOUT_MS, open_lab_notebook, open_voila, run_all_cells
from .player_page import answer_first_stage_with_mouse, first_stage_choices

START_PAGE = "course/00_start_here.ipynb"
FIRST_CASE = "newly-arrived-15"  # the case the start page plays


def test_start_page_runs_and_a_decision_point_is_answered_in_jupyterlab(
        page, page_log, jupyter_lab, course_copy, screenshot, library, tmp_path):
    lab = jupyter_lab(course_copy)
    with urllib.request.urlopen(lab.url(SETTINGS_PATH), timeout=10) as answer:
        assert_quiet(json.load(answer))  # from this environment's labconfig, as on a hub: no news pop-up
    open_lab_notebook(page, lab, START_PAGE)
    run_all_cells(page)
    expect(page.get_by_role("heading", name="Before you begin: a content note")).to_be_visible()
    screenshot(page, "start-page-jupyterlab")

    feedback = answer_first_stage_with_mouse(page, FIRST_CASE)
    text = feedback.inner_text()
    assert "Right" in text and "Harmful" in text, text
    assert "Guidance:" in text and "§" in text, text
    screenshot(page, "start-page-feedback", full_page=False)

    essential, harmful = first_stage_choices(FIRST_CASE)
    question = library.scenario(FIRST_CASE).stages[0].questions[0]
    saved = json.loads((tmp_path / "answers" / f"{FIRST_CASE}.answers.json").read_text(encoding="utf-8"))
    chosen = {library.action(action).label for action in saved["answers"][question.id]}
    assert chosen == {*essential, harmful}
    assert not page_log.unexpected_errors()


def test_start_page_renders_in_voila(page, page_log, voila, course_copy, screenshot):
    server = voila(course_copy / START_PAGE)
    open_voila(page, server.url())
    expect(page.get_by_role("heading", name="Before you begin: a content note")).to_be_visible()
    expect(page.get_by_role("button", name="Start the case")).to_be_visible(timeout=RUN_TIMEOUT_MS)
    screenshot(page, "start-page-voila")
    assert not page_log.unexpected_errors()
