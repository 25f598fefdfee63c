"""The trainer's dashboard data, long-polled: ``?since=V`` returns as soon as the room's version
passes V (or after ``WAIT_SECONDS`` with the current state), so the projector updates within a
moment of an answer without hammering the server."""

from __future__ import annotations

import time

from workshop.routes.base import JsonHandler
from workshop.routes.rooms import CODE
from workshop.tally import dashboard

WAIT_SECONDS = 25.0


class Dashboard(JsonHandler):
    async def get(self, code: str) -> None:
        room = self.trainer_of(code)
        since = self._since()
        deadline = time.monotonic() + WAIT_SECONDS
        while since is not None and room.version <= since and time.monotonic() < deadline:
            await self.workshop.waiters.wait(room.code, deadline - time.monotonic())
            self.db.expire_all()
            self.db.rollback()  # a fresh snapshot: see commits made meanwhile
            room = self.room(code)
        names = self.get_argument("names", "") in ("1", "true", "yes")
        self.reply(dashboard(self.db, self.workshop.library, room, names=names))

    def _since(self) -> int | None:
        text = self.get_argument("since", None)
        if text is None:
            return None
        try:
            return int(text)
        except ValueError:
            self.fail(400, "'since' is a version number.")


ROUTES = [(CODE + "/dashboard", Dashboard)]
