"""The course's start page works where trainees meet it: run in JupyterLab and shown by Voila.

Both tests serve a copy of ``course/`` (JupyterLab autosaves, and outputs must never reach the
checkout) and read back the table the start page prints about the case library.
"""

from __future__ import annotations

from .notebook_ui import lab_output_text, open_lab_notebook, open_voila, run_all_cells, voila_output_text

START_PAGE = "course/00_start_here.ipynb"


def assert_lists_library(text: str, library) -> None:
    assert "library OK" in text, text
    for scenario_id in library.scenarios:
        assert scenario_id in text, f"scenario {scenario_id} missing from the start page's table:\n{text}"


def test_start_page_runs_in_jupyterlab(page, page_log, jupyter_lab, course_copy, screenshot, library):
    lab = jupyter_lab(course_copy)
    open_lab_notebook(page, lab, START_PAGE)
    run_all_cells(page)
    assert_lists_library(lab_output_text(page), library)
    screenshot(page, "start-page-jupyterlab")
    assert not page_log.unexpected_errors()


def test_start_page_renders_in_voila(page, page_log, voila, course_copy, screenshot, library):
    server = voila(course_copy / START_PAGE)
    open_voila(page, server.url())
    assert_lists_library(voila_output_text(page), library)
    screenshot(page, "start-page-voila")
    assert not page_log.unexpected_errors()
