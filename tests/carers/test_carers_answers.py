"""Answers on the carers' pages stay with the visitor: never beside the notebook, where the next
visitor's player would read them back, and gone when the visitor's kernel ends."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from helpers.player_driver import answer

from carers.pages import play, private_answers
from scenarios.models import Rating


def test_answers_go_to_a_folder_of_this_process_only(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MFC_ANSWERS_DIR", str(tmp_path))
    store = private_answers()
    store.record("carer-kim-night", "carer-kim-night-arrive-actions", ["take-photo-with-consent"])
    assert store.directory != tmp_path and store.directory.is_dir()
    assert list(tmp_path.iterdir()) == []
    assert store.load("carer-kim-night").answers


def test_the_player_on_a_page_uses_the_private_folder():
    player = play("carer-bao-sim")
    assert player.store.directory == private_answers().directory
    assert player.feedback and player.show_debrief


def test_the_folder_is_removed_when_the_kernel_ends():
    code = "from carers.pages import private_answers; print(private_answers().directory)"
    printed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    folder = Path(printed.strip())
    assert folder.name.startswith("mfc-carer-") and not folder.exists()


def test_a_carer_reads_what_went_well_and_what_to_change_without_a_score():
    """Two of three good actions and one harmful one scored "0 out of 4" on a carer's screen."""
    player = play("carer-kim-night")
    player.start()
    panel = player.stages[0].questions[0]
    good = [o.action for o in panel.question.options if o.rating in (Rating.ESSENTIAL, Rating.HELPFUL)]
    harmful = next(o.action for o in panel.question.options if o.rating == Rating.HARMFUL)
    answer(panel, [*good[:2], harmful])
    shown = panel.result.value
    assert "score" not in shown.lower() and "out of" not in shown
    assert shown.index("What you did well") < shown.index("What to change")
