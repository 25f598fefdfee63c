"""Talking to the workshop service from Python: the join page, the player in room mode, the
trainer's dashboard and ``mfc workshop demo`` all go through this, so they use the API exactly
as documented. Standard library only (a Voila kernel needs nothing extra).

Every failure is a :class:`ServiceError` whose message is the service's own sentence (or, when
the service cannot be reached, one that says so), ready to show a person.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from urllib.error import HTTPError, URLError
from urllib.parse import quote
from urllib.request import Request, urlopen

DEFAULT_URL = "http://127.0.0.1:8870"
TIMEOUT = 10
# A long-poll is held up to 25 s by the service; wait longer than that for its reply.
LONG_POLL_TIMEOUT = 40


class ServiceError(Exception):
    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


def call(base_url: str, method: str, path: str, body: dict | None = None, token: str | None = None,
         timeout: float = TIMEOUT, hub_token: str | None = None) -> dict:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    elif hub_token:
        headers["Authorization"] = f"token {hub_token}"
    data = json.dumps(body).encode() if body is not None else None
    request = Request(base_url.rstrip("/") + path, data=data, headers=headers, method=method)
    try:
        with urlopen(request, timeout=timeout) as response:  # noqa: S310 - a URL the trainer gave
            return json.load(response)
    except HTTPError as exc:
        try:
            message = json.load(exc).get("error") or exc.reason
        except (ValueError, AttributeError):
            message = f"the workshop server answered {exc.code} {exc.reason}"
        raise ServiceError(message, exc.code) from None
    except (URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ServiceError(f"Cannot reach the workshop server at {base_url} ({reason}). "
                           "Check the address and the network, then try again.") from None


@dataclass
class TraineeSession:
    """One trainee in one room, after joining."""

    base_url: str
    code: str
    token: str
    pseudonym: str
    room: dict

    @classmethod
    def join(cls, base_url: str, code: str, name: str, hub_token: str | None = None) -> TraineeSession:
        reply = call(base_url, "POST", "/api/join", {"code": code, "name": name}, hub_token=hub_token)
        return cls(base_url, reply["room"]["code"], reply["trainee_token"], reply["pseudonym"], reply["room"])

    def state(self, after_moves: int | None = None) -> dict:
        """The room's state; with ``after_moves``, once the trainer has moved the room on past
        that many moves (or, unchanged, after the service's long-poll wait)."""
        path = f"/api/rooms/{quote(self.code)}"
        if after_moves is None:
            self.room = call(self.base_url, "GET", path, token=self.token)
        else:
            self.room = call(self.base_url, "GET", f"{path}?moves={after_moves}", token=self.token,
                             timeout=LONG_POLL_TIMEOUT)
        return self.room

    def send(self, question: str, answer, reason: str | None = None, key: str | None = None) -> dict:
        """Send one answer; the reply comes only after the service has committed it. A resend
        with the same ``key`` is stored once."""
        body = {"question": question, "answer": answer, "key": key or uuid.uuid4().hex}
        if reason:
            body["reason"] = reason
        return call(self.base_url, "POST", f"/api/rooms/{quote(self.code)}/answers", body, token=self.token)


@dataclass
class TrainerSession:
    """The trainer's hold on one room."""

    base_url: str
    code: str
    token: str | None
    hub_token: str | None = None

    @classmethod
    def create(cls, base_url: str, scenario: str, paced: bool = True, hub_token: str | None = None) -> TrainerSession:
        reply = call(base_url, "POST", "/api/rooms", {"scenario": scenario, "paced": paced}, hub_token=hub_token)
        return cls(base_url, reply["code"], reply["trainer_token"], hub_token)

    def _call(self, method: str, action: str, body: dict | None = None, timeout: float = TIMEOUT) -> dict:
        return call(self.base_url, method, f"/api/rooms/{quote(self.code)}{action}", body, token=self.token,
                    hub_token=self.hub_token, timeout=timeout)

    def dashboard(self, since: int | None = None, names: bool = False) -> dict:
        query = "&".join(part for part in (f"since={since}" if since is not None else "",
                                           "names=1" if names else "") if part)
        return self._call("GET", "/dashboard" + (f"?{query}" if query else ""), timeout=LONG_POLL_TIMEOUT)

    def open_next(self) -> dict:
        return self._call("POST", "/open", {})

    def reveal(self, stage: int | None = None) -> dict:
        return self._call("POST", "/reveal", {} if stage is None else {"stage": stage})

    def close(self) -> dict:
        return self._call("POST", "/close", {})

    def export(self) -> dict:
        return self._call("GET", "/export")
