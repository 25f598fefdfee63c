"""A trainee's answer: checked against the room's case, committed, then acknowledged."""

from __future__ import annotations

from workshop import rooms
from workshop.routes.base import JsonHandler
from workshop.routes.rooms import CODE


class Answers(JsonHandler):
    def post(self, code: str) -> None:
        body = self.body_json()
        room, trainee = self.trainee_of(code)
        stored = rooms.record_answer(self.db, self.workshop.library, room, trainee, body)
        if stored:
            self.changed(room)
            self.reply({"stored": True, "version": room.version}, 201)
        else:
            self.reply({"stored": False, "duplicate": True})


ROUTES = [(CODE + "/answers", Answers)]
