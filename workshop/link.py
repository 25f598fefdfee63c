"""A trainee's player joined to a workshop room: the answer sink ``ScenarioPlayer(room=...)`` calls
after it has saved an answer locally.

The local answers file stays the trainee's own record (nothing is lost if the venue's network
drops); the room gets a copy. A send that fails for the network is tried once more with the same
idempotency key, so a retry of an answer the room did store is not counted twice. What the
trainee is told, when the room did not get an answer, is the service's own sentence.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable

from workshop.client import DEFAULT_URL, ServiceError, TraineeSession
from workshop.follow import Follower

URL_VARIABLE = "MFC_WORKSHOP_URL"


def workshop_url() -> str:
    """Where the service is: ``$MFC_WORKSHOP_URL`` (on a hub, the deploy/ config sets it for every
    user's server), else the default port on this machine."""
    return os.environ.get(URL_VARIABLE) or DEFAULT_URL


def hub_token() -> str | None:
    """Under JupyterHub, this server's own token (deploy/ grants it the workshop service), so the
    service knows the person by their hub login: a trainer may then create rooms. None elsewhere."""
    return os.environ.get("JUPYTERHUB_API_TOKEN")


class RoomLink:
    """Join ``code`` as ``name`` (on a hub, the hub login vouches for the trainee) and send answers."""

    def __init__(self, code: str, name: str, url: str | None = None):
        self.session = TraineeSession.join(url or workshop_url(), code, name,
                                           hub_token=hub_token())

    @property
    def code(self) -> str:
        return self.session.code

    @property
    def state(self) -> dict:
        """The room as last heard of: when joining, or since, while following it."""
        return self.session.room

    def follow(self, moved: Callable[[dict], None], trouble: Callable[[str | None], None]) -> Follower:
        """Call ``moved(state)`` each time the trainer moves the room on (opens a stage, reveals,
        closes), until it closes; ``trouble`` says when the room cannot be reached, and when it can again."""
        return Follower(lambda last: self.session.state(after_moves=last["moves"]), moved, trouble=trouble,
                        keep_going=lambda state: state["status"] != "closed", last=self.session.room).start()

    def send(self, question_id: str, answer, reason: str | None) -> str | None:
        """Send one answer; None when the room has it, else what to tell the trainee."""
        key = uuid.uuid4().hex
        for _attempt in range(2):
            try:
                self.session.send(question_id, answer, reason, key=key)
                return None
            except ServiceError as exc:
                problem = exc
                if exc.status is not None:  # the service said no: trying again would not change that
                    break
        return f"Saved on this device, but the room did not get it: {problem}"
