"""Requests to the workshop service as the tests make them: through the pages' client, or raw
(as a careless or hostile client might send them)."""

from __future__ import annotations

import json
from urllib.error import HTTPError
from urllib.request import Request, urlopen

from workshop.client import TraineeSession, TrainerSession


def join(room: TrainerSession, name: str = "Sam") -> TraineeSession:
    return TraineeSession.join(room.base_url, room.code, name)


def raw(url: str, method: str, path: str, data: bytes | None = None, token: str | None = None) -> tuple[int, str]:
    """A request as a browser or a careless client might send it; returns status and body text."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = Request(url + path, data=data, headers=headers, method=method)
    try:
        with urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except HTTPError as exc:
        return exc.code, exc.read().decode()


def error_of(status_body: tuple[int, str]) -> tuple[int, str]:
    status, body = status_body
    return status, json.loads(body)["error"]
