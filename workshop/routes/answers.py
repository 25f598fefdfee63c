"""A trainee's answer: checked against the room's case, committed (with the others that arrived
at the same moment, :mod:`workshop.writer`), then acknowledged."""

from __future__ import annotations

from workshop import rooms
from workshop.routes.base import JsonHandler
from workshop.routes.rooms import CODE


class Answers(JsonHandler):
    async def post(self, code: str) -> None:
        body = self.body_json()
        room, trainee = self.trainee_of(code)
        answer = rooms.checked_answer(self.workshop.library, room, trainee, body)
        self.db.rollback()  # end this request's read transaction: the writer commits in its own
        stored, version = await self.workshop.writer.store(answer)
        if stored:
            self.workshop.waiters.changed(room.code)
            self.reply({"stored": True, "version": version}, 201)
        else:
            self.reply({"stored": False, "duplicate": True})


ROUTES = [(CODE + "/answers", Answers)]
