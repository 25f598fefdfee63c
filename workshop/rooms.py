"""What can happen to a room, as plain functions on a database session.

The web handlers call these and nothing else touches the tables, so every rule (who may do what,
when a stage counts as open, what a trainee may see) is in one place and tested without HTTP.
Each function that changes something commits before it returns; answers are stored by
:mod:`workshop.writer`, which acknowledges each only once it is on disk.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from grading.rubric import AnswerError, score_answer
from scenarios.library import Library
from workshop.errors import WorkshopError
from workshop.models import Answer, Room, Trainee
from workshop.reference import reference, stage_of
from workshop.tokens import new_code, new_token, normalise_code, token_hash

MAX_NAME = 40
MAX_REASON = 2000
MAX_KEY = 80


@dataclass(frozen=True)
class Created:
    room: Room
    token: str


def _bump(session: Session, room: Room) -> None:
    bump_version(session, room.id)


def bump_version(session: Session, room_id: int) -> None:
    """Raise the room's version in the database itself (not read-modify-write), so two
    processes answering at once cannot both write the same version."""
    session.execute(update(Room).where(Room.id == room_id).values(version=Room.version + 1))


def find_room(session: Session, code: object) -> Room:
    if not isinstance(code, str) or not code.strip():
        raise WorkshopError(400, "Give the room's join code.")
    room = session.scalar(select(Room).where(Room.code == normalise_code(code)))
    if room is None:
        raise WorkshopError(404, f"There is no room with the code {code.strip()!r}. Check the code on the screen.")
    return room


def create_room(session: Session, library: Library, scenario_id: object, paced: object = True,
                trainer_login: str | None = None) -> Created:
    if not isinstance(scenario_id, str) or scenario_id not in library.scenarios:
        raise WorkshopError(400, f"Unknown scenario {scenario_id!r}; choose one of: {', '.join(library.scenarios)}.")
    if not isinstance(paced, bool):
        raise WorkshopError(400, "'paced' is true or false.")
    token = new_token()
    for _ in range(20):
        code = new_code()
        if session.scalar(select(Room.id).where(Room.code == code)) is None:
            break
    stages = len(library.scenario(scenario_id).stages)
    room = Room(code=code, scenario=scenario_id, paced=paced, trainer_token_hash=token_hash(token),
                trainer_login=trainer_login, stages_open=1 if paced else stages, revealed=[], version=0)
    session.add(room)
    session.commit()
    return Created(room, token)


def _checked_name(name: object) -> str:
    if not isinstance(name, str) or not name.strip():
        raise WorkshopError(400, "Type a name to show the trainer (a first name or a nickname is fine).")
    name = " ".join(name.split())
    if len(name) > MAX_NAME:
        raise WorkshopError(400, f"That name is too long; keep it under {MAX_NAME} letters.")
    return name


def join_room(session: Session, code: object, name: object, login: str | None = None) -> tuple[Trainee, str]:
    """Add a trainee to an open room; a hub user who joins again gets their place back with a new token."""
    room = find_room(session, code)
    if room.closed_at is not None:
        raise WorkshopError(409, "This room has closed. Ask the trainer for the code of a new room.")
    name = _checked_name(name)
    token = new_token()
    existing = login and session.scalar(select(Trainee).where(Trainee.room_id == room.id, Trainee.login == login))
    if existing:
        existing.token_hash, existing.name = token_hash(token), name
        session.commit()
        return existing, token
    for _ in range(5):  # two joining at once may pick the same number: try the next one
        number = (session.scalar(select(func.max(Trainee.number)).where(Trainee.room_id == room.id)) or 0) + 1
        trainee = Trainee(room_id=room.id, number=number, name=name, login=login, token_hash=token_hash(token))
        session.add(trainee)
        try:
            _bump(session, room)
            session.commit()
            return trainee, token
        except IntegrityError:
            session.rollback()
    raise WorkshopError(503, "The room is busy; please try joining again.")


def trainee_by_token(session: Session, room: Room, token: str | None) -> Trainee | None:
    if not token:
        return None
    return session.scalar(select(Trainee).where(Trainee.room_id == room.id, Trainee.token_hash == token_hash(token)))


def is_trainer_token(room: Room, token: str | None) -> bool:
    return bool(token) and room.trainer_token_hash == token_hash(token)


def _idempotency_key(question: str, answer: object, key: object) -> str:
    if key is None:
        canonical = json.dumps([question, answer], sort_keys=True)
        return "auto-" + hashlib.sha256(canonical.encode()).hexdigest()[:40]
    if not isinstance(key, str) or not key or len(key) > MAX_KEY:
        raise WorkshopError(400, f"'key' is a text of 1 to {MAX_KEY} characters.")
    return key


def checked_answer(library: Library, room: Room, trainee: Trainee, body: dict) -> Answer:
    """The answer in ``body`` as a row to store, once it fits the room's case and the room lets it in
    (open, its stage opened); else a WorkshopError saying why. :mod:`workshop.writer` stores it."""
    if room.closed_at is not None:
        raise WorkshopError(409, "This room has closed, so answers are no longer collected. "
                                 "Your answer is still saved on your own device.")
    question, answer, reason = body.get("question"), body.get("answer"), body.get("reason")
    stages = stage_of(library.scenario(room.scenario))
    if not isinstance(question, str) or question not in stages:
        raise WorkshopError(404, f"This room's case has no question {question!r}.")
    if stages[question] >= room.stages_open:
        raise WorkshopError(409, "The trainer has not opened that part of the case yet. Wait for them to open it.")
    try:
        score_answer(library, room.scenario, question, answer)
    except AnswerError as exc:
        raise WorkshopError(400, f"That answer does not fit the question: {exc}") from None
    if reason is not None and (not isinstance(reason, str) or len(reason) > MAX_REASON):
        raise WorkshopError(400, f"'reason' is a text of at most {MAX_REASON} characters.")
    key = _idempotency_key(question, answer, body.get("key"))
    return Answer(room_id=room.id, trainee_id=trainee.id, question=question, answer=answer,
                  reason=reason or None, key=key)


def latest_answers(session: Session, room: Room) -> list[Answer]:
    """Each trainee's latest answer to each question, oldest first."""
    latest = (select(func.max(Answer.id)).where(Answer.room_id == room.id)
              .group_by(Answer.trainee_id, Answer.question))
    return list(session.scalars(select(Answer).where(Answer.id.in_(latest)).order_by(Answer.id)))


def open_next_stage(session: Session, library: Library, room: Room) -> Room:
    _check_open(room)
    total = len(library.scenario(room.scenario).stages)
    if room.stages_open >= total:
        raise WorkshopError(409, "Every part of the case is already open.")
    room.stages_open += 1
    _bump(session, room)
    session.commit()
    session.refresh(room)
    return room


def reveal(session: Session, room: Room, stage: object = None) -> Room:
    _check_open(room)
    if stage is None:
        stage = room.stages_open - 1
    if not isinstance(stage, int) or isinstance(stage, bool) or not 0 <= stage < room.stages_open:
        raise WorkshopError(400, f"'stage' is the number of an open part of the case, 0 to {room.stages_open - 1}.")
    if stage not in room.revealed:
        room.revealed = sorted([*room.revealed, stage])
        _bump(session, room)
        session.commit()
        session.refresh(room)
    return room


def close(session: Session, room: Room) -> Room:
    _check_open(room)
    room.closed_at = datetime.now(UTC)
    _bump(session, room)
    session.commit()
    session.refresh(room)
    return room


def _check_open(room: Room) -> None:
    if room.closed_at is not None:
        raise WorkshopError(409, "This room is closed.")


def moves(room: Room) -> int:
    """How many times the trainer has moved the room on (parts opened, parts revealed, the room
    closed): it only ever grows, so a trainee's page waits for it to pass what it has seen, and
    is not woken by every answer the way the trainer's dashboard is."""
    return room.stages_open + len(room.revealed) + (room.closed_at is not None)


def public_state(session: Session, library: Library, room: Room) -> dict:
    """What anyone in the room may see: no names, no answers, the reference only once revealed."""
    scenario = library.scenario(room.scenario)
    joined = session.scalar(select(func.count(Trainee.id)).where(Trainee.room_id == room.id))
    revealed_refs = {q.id: reference(q) for index in room.revealed for q in scenario.stages[index].questions}
    return {
        "code": room.code, "scenario": room.scenario, "title": scenario.title, "paced": room.paced,
        "status": "closed" if room.closed_at else "open", "stages": len(scenario.stages),
        "stages_open": room.stages_open, "revealed": list(room.revealed), "joined": joined,
        "version": room.version, "moves": moves(room), "reference": revealed_refs,
    }
