"""What every workshop handler shares: JSON in and out, errors as one readable sentence, a
database session per request, and who is asking (a room's trainer, one of its trainees, or a
hub user).

Why the body limit is checked here as well as by Tornado: Tornado's own limit closes the
connection without a word, and a trainee's page should be told what went wrong.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from typing import Any

from tornado.web import RequestHandler

from workshop.errors import WorkshopError
from workshop.models import Room, Trainee
from workshop.rooms import find_room, is_trainer_token, trainee_by_token
from workshop.waiters import EVERY_CHANGE

MAX_BODY = 16 * 1024
# How long a long-poll is held open with nothing new (well under the 40 s clients wait for a reply).
WAIT_SECONDS = 25.0
logger = logging.getLogger("workshop")


class JsonHandler(RequestHandler):
    def initialize(self, workshop) -> None:
        self.workshop = workshop
        self._db = None

    @property
    def db(self):
        if self._db is None:
            self._db = self.workshop.sessions()
        return self._db

    def on_finish(self) -> None:
        if self._db is not None:
            self._db.close()

    def check_xsrf_cookie(self) -> None:
        """Bearer tokens, not cookies, authorise changes, so there is no cross-site form to guard against."""

    def set_default_headers(self) -> None:
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")

    # -- input

    def fail(self, status: int, message: str):
        raise WorkshopError(status, message)

    def body_json(self) -> dict:
        if len(self.request.body) > MAX_BODY:
            self.fail(413, f"That message is too large (the limit is {MAX_BODY // 1024} KB).")
        try:
            data = json.loads(self.request.body or b"{}")
        except (UnicodeDecodeError, json.JSONDecodeError):
            self.fail(400, "The message is not valid JSON.")
        if not isinstance(data, dict):
            self.fail(400, "The message must be a JSON object.")
        return data

    def int_argument(self, name: str) -> int | None:
        text = self.get_argument(name, None)
        if text is None:
            return None
        try:
            return int(text)
        except ValueError:
            self.fail(400, f"'{name}' is a whole number.")

    def bearer(self) -> str | None:
        header = self.request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        return token.strip() if scheme.lower() == "bearer" and token.strip() else None

    # -- who is asking

    def hub_user(self) -> dict | None:
        """The hub's user model when the service runs under JupyterHub and the request carries
        the hub's login (cookie or token); None otherwise."""
        return self.workshop.hub.user(self) if self.workshop.hub else None

    def is_hub_trainer(self) -> bool:
        user = self.hub_user()
        return bool(user) and self.workshop.hub.is_trainer(user)

    def room(self, code: str) -> Room:
        return find_room(self.db, code)

    def trainer_of(self, code: str) -> Room:
        """The room, if the asker is its trainer; else 401 (no token) or 403 (not the trainer)."""
        room = self.room(code)
        if is_trainer_token(room, self.bearer()) or self.is_hub_trainer():
            return room
        if self.bearer() is None and self.hub_user() is None:
            self.fail(401, "Only the room's trainer can do that; sign in as the trainer.")
        self.fail(403, "Only the room's trainer can do that.")

    def trainee_of(self, code: str) -> tuple[Room, Trainee]:
        room = self.room(code)
        trainee = trainee_by_token(self.db, room, self.bearer())
        if trainee is None:
            if self.bearer() is None:
                self.fail(401, "Join the room first, with its code and your name.")
            self.fail(403, "That is not a trainee of this room; join it again with the code.")
        return room, trainee

    def member_of(self, code: str) -> Room:
        """The room, if the asker is its trainer or one of its trainees."""
        room = self.room(code)
        if is_trainer_token(room, self.bearer()) or self.is_hub_trainer():
            return room
        return self.trainee_of(code)[0]

    # -- output

    def reply(self, data: Any, status: int = 200) -> None:
        self.set_status(status)
        self.finish(json.dumps(data, ensure_ascii=False))

    def changed(self, room: Room, *, moved: bool = False) -> None:
        """Wake the pages long-polling this room (``moved``: the trainer moved it on)."""
        self.workshop.waiters.changed(room.code, moved=moved)

    async def room_when(self, room: Room, is_news: Callable[[Room], bool], kind: str = EVERY_CHANGE) -> Room:
        """The room once ``is_news(room)``, or as it is after ``WAIT_SECONDS`` without news:
        long-polling, so a page hears of a change within a moment without asking over and over.

        While it waits, the request holds no database connection: the read is ended first (which
        also makes the next read see what was committed meanwhile). Forty pages waiting at once
        would otherwise hold forty of the pool's fifteen connections, and the next request
        would block the event loop waiting for one that is never given back."""
        code, deadline = room.code, time.monotonic() + WAIT_SECONDS
        while not is_news(room) and time.monotonic() < deadline:
            self.db.rollback()
            await self.workshop.waiters.wait(code, deadline - time.monotonic(), kind)
            room = self.room(code)
        return room

    def write_error(self, status_code: int, **kwargs) -> None:
        exc = kwargs.get("exc_info", (None, None, None))[1]
        if isinstance(exc, WorkshopError):
            message = exc.message
        elif status_code >= 500:
            message = "Something went wrong on the workshop server, and nothing was stored. Please try again."
        else:
            message = self._reason or "The request could not be handled."
        self.finish(json.dumps({"error": message}, ensure_ascii=False))

    def send_error(self, status_code: int = 500, **kwargs) -> None:
        exc = kwargs.get("exc_info", (None, None, None))[1]
        if isinstance(exc, WorkshopError):
            status_code = exc.status
        if self._db is not None:
            self._db.rollback()
        super().send_error(status_code, **kwargs)

    def log_exception(self, typ, value, tb) -> None:
        if isinstance(value, WorkshopError):
            logger.info("%s %s: %s %s", self.request.method, self.request.path, value.status, value.message)
        else:
            super().log_exception(typ, value, tb)


class NotFound(JsonHandler):
    """Any path the service does not have."""

    def prepare(self) -> None:
        self.fail(404, "There is nothing at this address.")
