"""A room's answers as answer files, the shape ``mfc report`` reads, so the cohort report works
on a workshop exactly as on a course: one file per trainee, ``<trainee>/<scenario>.answers.json``.

The trainee id in the files is the hub login where there is one, else ``<code>-trainee-<n>``:
the display names typed in a room are not identities, so they stay out of the files.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from sqlalchemy.orm import Session

from grading.answers import SUFFIX, AnswerFile, write_atomically
from workshop.models import Room
from workshop.rooms import latest_answers


def trainee_id(room: Room, trainee) -> str:
    return trainee.login or f"{room.code.lower()}-trainee-{trainee.number}"


def answer_files(session: Session, room: Room) -> list[AnswerFile]:
    trainees = {trainee.id: trainee for trainee in room.trainees}
    files: dict[int, AnswerFile] = {}
    for row in latest_answers(session, room):
        current = files.get(row.trainee_id) or AnswerFile(room.scenario, trainee_id(room, trainees[row.trainee_id]),
                                                          extra={"workshop": room.code})
        files[row.trainee_id] = current.with_answer(row.question, row.answer, row.reason)
    stamp = (room.closed_at or room.created_at).isoformat(timespec="seconds")
    return [replace(file, updated=stamp) for file in files.values()]


def write_answer_files(session: Session, room: Room, folder: Path) -> list[Path]:
    """Write the room's files under ``folder/<code>/``; returns the paths written."""
    written = []
    for file in answer_files(session, room):
        target = folder / room.code / file.trainee / f"{file.scenario}{SUFFIX}"
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, json.dumps(file.to_json(), indent=2, ensure_ascii=False) + "\n")
        written.append(target)
    return written
