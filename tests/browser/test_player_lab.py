"""The scenario player in JupyterLab: run the notebook, answer Kim's first stage with the mouse,
and read the feedback the widget shows under the cell."""

from __future__ import annotations

from .notebook_ui import open_lab_notebook, run_all_cells
from .player_page import answer_first_stage_with_mouse, assert_feedback_for_first_stage, write_player_notebook


def test_player_answers_a_stage_in_jupyterlab(page, page_log, jupyter_lab, tmp_path, screenshot):
    notebook = write_player_notebook(tmp_path / "pages")
    lab = jupyter_lab(tmp_path)
    open_lab_notebook(page, lab, f"pages/{notebook.name}")
    run_all_cells(page)
    feedback = answer_first_stage_with_mouse(page)
    assert_feedback_for_first_stage(page, feedback)
    screenshot(page, "player-feedback-jupyterlab")
    assert (tmp_path / "answers" / "kim.answers.json").exists()
    assert not page_log.unexpected_errors()
