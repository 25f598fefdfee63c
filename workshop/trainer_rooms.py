"""The rooms a trainer opened from this computer, so a dashboard opened again mid-session (the
projector's browser reloaded, the page's kernel restarted) takes its room back instead of losing
it: without a hub, the room's trainer token is the only key to its controls, and it lived only in
the old page's kernel.

Kept in the trainer's own data folder (``workshop-rooms.json`` beside the course's answers;
``$MFC_WORKSHOP_ROOMS`` names another file), readable by the trainer alone, and only rooms opened
in the last ``KEEP_HOURS``: a workshop is a day, and an old token is no use to anyone.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from platformdirs import user_data_path

from grading.answers import write_atomically
from grading.course_answers import APP_NAME
from workshop.client import TrainerSession

FILE_VARIABLE = "MFC_WORKSHOP_ROOMS"
KEEP_HOURS = 24


def rooms_file() -> Path:
    return Path(os.environ.get(FILE_VARIABLE) or user_data_path(APP_NAME, appauthor=False) / "workshop-rooms.json")


def _read(path: Path) -> list[dict]:
    try:
        rooms = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []  # none yet, or a file this module did not write: start afresh
    return rooms if isinstance(rooms, list) else []


def remember(trainer: TrainerSession) -> None:
    """Keep this room's trainer token for the dashboard to find again."""
    if trainer.token is None:  # a hub trainer needs no token: the hub login opens the room
        return
    path = rooms_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)  # write_atomically keeps the file's mode: the tokens stay the trainer's alone
    fresh = [room for room in _read(path) if _fresh(room)]
    fresh.append({"url": trainer.base_url, "code": trainer.code, "token": trainer.token, "opened": time.time()})
    write_atomically(path, json.dumps(fresh, indent=1) + "\n")


def recent(url: str) -> list[TrainerSession]:
    """The rooms opened from here on the service at ``url`` in the last ``KEEP_HOURS``, newest first."""
    return [TrainerSession(room["url"], room["code"], room["token"]) for room in reversed(_read(rooms_file()))
            if isinstance(room, dict) and room.get("url") == url and room.get("code") and room.get("token")
            and _fresh(room)]


def _fresh(room: dict) -> bool:
    """Opened in the last ``KEEP_HOURS``."""
    return time.time() - room.get("opened", 0) < KEEP_HOURS * 3600
