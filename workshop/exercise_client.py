"""The exercise's calls to the workshop service, for the pages and the tests: a thin layer over
:func:`workshop.client.call`, so every failure is a ServiceError with the service's sentence."""

from __future__ import annotations

from urllib.parse import quote

from workshop.client import LONG_POLL_TIMEOUT, TIMEOUT, TraineeSession, TrainerSession, call


def _path(code: str, action: str = "") -> str:
    return f"/api/rooms/{quote(code)}/exercise{action}"


def _following(since: int | None) -> tuple[str, float]:
    """The query and the timeout of a view request: a long-poll when ``since`` is given."""
    return ("", TIMEOUT) if since is None else (f"?since={since}", LONG_POLL_TIMEOUT)


class ExerciseTrainer:
    """The trainer's hold on the exercise in one room."""

    def __init__(self, session: TrainerSession):
        self.session = session

    @classmethod
    def create(cls, base_url: str, exercise: str, scenario: str = "kim", hub_token: str | None = None):
        """A new room (on the exercise's case) with the exercise started in it."""
        trainer = cls(TrainerSession.create(base_url, scenario, paced=True, hub_token=hub_token))
        trainer.start(exercise)
        return trainer

    @property
    def code(self) -> str:
        return self.session.code

    def _call(self, method: str, action: str = "", body: dict | None = None, timeout: float = TIMEOUT) -> dict:
        s = self.session
        return call(s.base_url, method, _path(s.code, action), body, token=s.token, hub_token=s.hub_token,
                    timeout=timeout)

    def start(self, exercise: str) -> dict:
        return self._call("POST", "", {"exercise": exercise})

    def state(self, since: int | None = None) -> dict:
        """The projector's view; with ``since``, once the room's version has passed it."""
        query, timeout = _following(since)
        return self._call("GET", query, timeout=timeout)

    def next_round(self) -> dict:
        return self._call("POST", "/next", {}, timeout=120)  # the last one runs the simulation

    def debrief(self) -> dict:
        return self._call("GET", "/debrief")


class ExercisePlayer:
    """One trainee's seat in the exercise."""

    def __init__(self, session: TraineeSession):
        self.session = session

    @classmethod
    def join(cls, base_url: str, code: str, name: str, hub_token: str | None = None):
        return cls(TraineeSession.join(base_url, code, name, hub_token=hub_token))

    def _call(self, method: str, action: str = "", body: dict | None = None, timeout: float = TIMEOUT) -> dict:
        s = self.session
        return call(s.base_url, method, _path(s.code, action), body, token=s.token, timeout=timeout)

    def state(self, since: int | None = None) -> dict:
        """This seat's view; with ``since``, once the room's version has passed it."""
        query, timeout = _following(since)
        return self._call("GET", query, timeout=timeout)

    def take_role(self, role: str) -> dict:
        return self._call("POST", "/role", {"role": role})

    def share(self, card: str, to: str) -> dict:
        return self._call("POST", "/share", {"card": card, "to": to})

    def debrief(self) -> dict:
        return self._call("GET", "/debrief")
