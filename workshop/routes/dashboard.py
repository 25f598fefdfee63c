"""The trainer's dashboard data, long-polled: ``?since=V`` returns as soon as the room's version
passes V (or after ``WAIT_SECONDS`` with the current state), so the projector updates within a
moment of an answer without hammering the server."""

from __future__ import annotations

from workshop.routes.base import JsonHandler
from workshop.routes.rooms import CODE
from workshop.tally import dashboard


class Dashboard(JsonHandler):
    async def get(self, code: str) -> None:
        room = self.trainer_of(code)
        since = self.int_argument("since")
        if since is not None:
            room = await self.room_when(room, lambda now: now.version > since)
        names = self.get_argument("names", "") in ("1", "true", "yes")
        self.reply(dashboard(self.db, self.workshop.library, room, names=names))


ROUTES = [(CODE + "/dashboard", Dashboard)]
