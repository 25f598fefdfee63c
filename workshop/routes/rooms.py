"""Creating and joining rooms, and the trainer's controls: open the next stage, reveal, close,
export."""

from __future__ import annotations

from workshop import rooms
from workshop.export import answer_files, write_answer_files
from workshop.routes.base import JsonHandler
from workshop.waiters import MOVES


class CreateRoom(JsonHandler):
    def post(self) -> None:
        body = self.body_json()
        login = None
        if self.workshop.hub:
            user = self.hub_user()
            if not (user and self.workshop.hub.is_trainer(user)):
                self.fail(403, "Only a trainer can create a room: a hub admin or a member of the 'trainers' group.")
            login = user["name"]
        created = rooms.create_room(self.db, self.workshop.library, body.get("scenario"), body.get("paced", True),
                                    trainer_login=login)
        state = rooms.public_state(self.db, self.workshop.library, created.room)
        self.reply({"code": created.room.code, "trainer_token": created.token, "room": state}, 201)


class Join(JsonHandler):
    def post(self) -> None:
        body = self.body_json()
        user = self.hub_user()
        login = user["name"] if user else None
        name = body.get("name") or login
        trainee, token = rooms.join_room(self.db, body.get("code"), name, login=login)
        self.changed(trainee.room)
        state = rooms.public_state(self.db, self.workshop.library, trainee.room)
        self.reply({"trainee_token": token, "pseudonym": trainee.pseudonym, "room": state}, 201)


class RoomState(JsonHandler):
    async def get(self, code: str) -> None:
        """The room's state; with ``?moves=M``, held until the trainer's moves pass M (a trainee's
        page following the room), or for ``WAIT_SECONDS`` with nothing new."""
        room = self.member_of(code)
        seen = self.int_argument("moves")
        if seen is not None:
            room = await self.room_when(room, lambda now: rooms.moves(now) > seen, MOVES)
        self.reply(rooms.public_state(self.db, self.workshop.library, room))


class OpenStage(JsonHandler):
    def post(self, code: str) -> None:
        self.body_json()
        room = rooms.open_next_stage(self.db, self.workshop.library, self.trainer_of(code))
        self.changed(room, moved=True)
        self.reply(rooms.public_state(self.db, self.workshop.library, room))


class Reveal(JsonHandler):
    def post(self, code: str) -> None:
        body = self.body_json()
        room = rooms.reveal(self.db, self.trainer_of(code), body.get("stage"))
        self.changed(room, moved=True)
        self.reply(rooms.public_state(self.db, self.workshop.library, room))


class Close(JsonHandler):
    def post(self, code: str) -> None:
        self.body_json()
        room = rooms.close(self.db, self.trainer_of(code))
        self.changed(room, moved=True)
        written = write_answer_files(self.db, room, self.workshop.export_dir)
        self.reply({"room": rooms.public_state(self.db, self.workshop.library, room),
                    "exported": [str(path) for path in written]})


class Export(JsonHandler):
    def get(self, code: str) -> None:
        room = self.trainer_of(code)
        self.reply({"files": [file.to_json() for file in answer_files(self.db, room)]})


CODE = r"/api/rooms/([A-Za-z0-9-]{1,20})"
ROUTES = [
    (r"/api/rooms", CreateRoom),
    (r"/api/join", Join),
    (CODE, RoomState),
    (CODE + "/open", OpenStage),
    (CODE + "/reveal", Reveal),
    (CODE + "/close", Close),
    (CODE + "/export", Export),
]
