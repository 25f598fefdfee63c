"""Storing answers with group commit: the answers that arrive together share one transaction.

Why: committing is what costs (SQLite syncs its log to disk on every commit, PostgreSQL its WAL),
and forty trainees press "Save" within the same second. Each handler hands its checked answer
here and waits; the first one schedules a flush for the moment the event loop has read every
request already waiting, so one commit covers them all. Nobody is told "stored" before that
commit returns, so the promise is unchanged: an acknowledged answer is on disk.

A resend (same trainee, same key) is found before inserting and reported as a duplicate. If
another process sharing the database inserted the same key in the meantime, the batch's commit
fails on the unique constraint, and the batch is stored again one answer at a time.
"""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy import select, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from workshop.models import Answer, Room
from workshop.rooms import bump_version

logger = logging.getLogger("workshop")


class AnswerWriter:
    def __init__(self, sessions: sessionmaker):
        self.sessions = sessions
        self._pending: list[tuple[Answer, asyncio.Future]] = []

    async def store(self, answer: Answer) -> tuple[bool, int]:
        """(stored, the room's version that includes it); False for a duplicate of a stored answer."""
        future = asyncio.get_running_loop().create_future()
        self._pending.append((answer, future))
        if len(self._pending) == 1:
            asyncio.get_running_loop().call_soon(self._flush)
        return await future

    def _flush(self) -> None:
        batch, self._pending = self._pending, []
        try:
            with self.sessions() as session:
                try:
                    results = _store(session, [answer for answer, _ in batch])
                except IntegrityError:
                    session.rollback()
                    results = [_store_one(session, answer) for answer, _ in batch]
        except Exception as exc:  # noqa: BLE001 - every waiting request gets the error, none hangs
            logger.exception("storing %d answers failed", len(batch))
            results = [exc] * len(batch)
        for (_, future), result in zip(batch, results, strict=True):
            if future.done():
                continue
            if isinstance(result, Exception):
                future.set_exception(result)
            else:
                future.set_result(result)


def _store(session: Session, answers: list[Answer]) -> list[tuple[bool, int]]:
    pairs = {(a.trainee_id, a.key) for a in answers}
    seen = set(session.execute(select(Answer.trainee_id, Answer.key)
                               .where(tuple_(Answer.trainee_id, Answer.key).in_(pairs))).all())
    stored = []
    for answer in answers:
        pair = (answer.trainee_id, answer.key)
        stored.append(pair not in seen)
        if pair not in seen:
            seen.add(pair)
            session.add(answer)
    rooms = {a.room_id for a, new in zip(answers, stored, strict=True) if new}
    for room_id in rooms:
        bump_version(session, room_id)
    session.commit()
    versions = dict(session.execute(select(Room.id, Room.version).where(Room.id.in_({a.room_id for a in answers}))
                                    ).all())
    return [(new, versions[a.room_id]) for a, new in zip(answers, stored, strict=True)]


def _store_one(session: Session, answer: Answer) -> tuple[bool, int]:
    fresh = Answer(room_id=answer.room_id, trainee_id=answer.trainee_id, question=answer.question,
                   answer=answer.answer, reason=answer.reason, key=answer.key)
    try:
        return _store(session, [fresh])[0]
    except IntegrityError:
        session.rollback()
        return False, session.scalar(select(Room.version).where(Room.id == answer.room_id))
