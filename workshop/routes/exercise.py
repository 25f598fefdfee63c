"""The multi-agency exercise's routes: the trainer starts it and moves the clock on; trainees
take a role and share cards; everyone in the room reads the debrief once the last round ends."""

from __future__ import annotations

from tornado.ioloop import IOLoop

from workshop import exercise_play as game
from workshop.rooms import is_trainer_token
from workshop.routes.base import JsonHandler
from workshop.routes.rooms import CODE


class ExerciseHandler(JsonHandler):
    def is_trainer(self, code: str) -> bool:
        return is_trainer_token(self.room(code), self.bearer()) or self.is_hub_trainer()


class Exercise(ExerciseHandler):
    def post(self, code: str) -> None:
        body = self.body_json()
        room = self.trainer_of(code)
        game.start(self.db, room, body.get("exercise"))
        self.changed(room)
        self.reply(game.trainer_view(self.db, room), 201)

    async def get(self, code: str) -> None:
        """The asker's view; with ``?since=V``, held until the room's version passes V (a page
        following the exercise), or for ``WAIT_SECONDS`` with nothing new."""
        trainee = None
        if self.is_trainer(code):
            room = self.room(code)
        else:
            room, trainee = self.trainee_of(code)
        since = self.int_argument("since")
        if since is not None:
            room = await self.room_when(room, lambda now: now.version > since)
        view = game.trainer_view(self.db, room) if trainee is None else game.trainee_view(self.db, room, trainee)
        self.reply(view | {"version": room.version})


class Role(ExerciseHandler):
    def post(self, code: str) -> None:
        body = self.body_json()
        room, trainee = self.trainee_of(code)
        game.take_role(self.db, room, trainee, body.get("role"))
        self.changed(room)
        self.reply(game.trainee_view(self.db, room, trainee))


class ShareCard(ExerciseHandler):
    def post(self, code: str) -> None:
        body = self.body_json()
        room, trainee = self.trainee_of(code)
        stored = game.share(self.db, room, trainee, body.get("card"), body.get("to"))
        if stored:
            self.changed(room)
        self.reply({"stored": stored, "view": game.trainee_view(self.db, room, trainee)}, 201 if stored else 200)


class NextRound(ExerciseHandler):
    async def post(self, code: str) -> None:
        self.body_json()
        room = self.trainer_of(code)
        play = game.advance(self.db, room)
        self.changed(room)
        if game.is_over(play):  # the simulation takes a second or so: keep the event loop answering
            exercise, shares = game.exercise_of(play), game.shares_of(self.db, room)
            data = await IOLoop.current().run_in_executor(None, game.compute_debrief, exercise, shares)
            game.store_debrief(self.db, room, play, data)
            self.changed(room)
        self.reply(game.trainer_view(self.db, room))


class Debrief(ExerciseHandler):
    def get(self, code: str) -> None:
        room = self.member_of(code)
        play = game.play_of(self.db, room)
        if play.debrief is None:
            self.fail(409, "The debrief is ready once the trainer has ended the last round.")
        self.reply(play.debrief)


ROUTES = [
    (CODE + "/exercise", Exercise),
    (CODE + "/exercise/role", Role),
    (CODE + "/exercise/share", ShareCard),
    (CODE + "/exercise/next", NextRound),
    (CODE + "/exercise/debrief", Debrief),
]
