"""Answers on the carers' pages stay with the visitor: never beside the notebook, where the next
visitor's player would read them back, and gone when the visitor's kernel ends."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from carers.pages import play, private_answers


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
