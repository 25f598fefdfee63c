"""The workshop as a hub-managed service on a real JupyterHub: a trainer (a hub admin) and three
trainees, known by their hub logins, in one room.

The hub starts ``mfc workshop serve`` itself (as deploy/tljh/jupyterhub_config.d/workshop.py
does) with the roles that deploy file grants. Each person calls the service with a hub token of
their own, scoped ``access:services!service=workshop``, as a user's server does: no room tokens.
Only the admin may create and run the room; trainees join without typing a name (the hub's login
is used), answer, and cannot read the dashboard; the export names trainees by hub login.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pytest
from browser.machine import missing

from workshop.client import ServiceError, TraineeSession, TrainerSession, call
from workshop.link import RoomLink
from workshop.pages.dashboard import TrainerDashboard

from .accounts import unique_names
from .hub_server import HubSettings, free_port, running_hub

ROOT = Path(__file__).resolve().parents[2]
PROXY = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
WORKSHOP_SCOPE = "access:services!service=workshop"


def _token(hub, user: str) -> str:
    reply = hub.api("POST", f"users/{user}/tokens", json={"scopes": [WORKSHOP_SCOPE], "note": "workshop test"})
    return reply.json()["token"]


@pytest.fixture
def workshop_hub():
    if not PROXY.exists():
        missing(str(PROXY.relative_to(ROOT)), "run `npm ci` (make test does) to install configurable-http-proxy")
    scratch = Path(tempfile.mkdtemp(prefix="mfc-workshop-hub-"))
    names = unique_names("wlead", "wana", "wben", "wcai")
    port = free_port()
    service = {"name": "workshop", "url": f"http://127.0.0.1:{port}", "oauth_no_confirm": True,
               "command": [sys.executable, "-m", "mfc.cli", "workshop", "serve",
                           "--db", f"sqlite:///{scratch}/workshop.sqlite", "--export", str(scratch / "answers")]}
    roles = ({"name": "workshop-service", "services": ["workshop"], "scopes": ["read:users", "read:groups"]},
             {"name": "user", "scopes": ["self", WORKSHOP_SCOPE]},
             {"name": "test-tokens", "services": ["cohort-test"], "scopes": ["tokens"]})
    settings = HubSettings(workdir=scratch, proxy_command=PROXY, allowed_users=tuple(names), admin_users=(names[0],),
                           user_environment={}, services=(service,), roles=roles)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    try:
        with running_hub(settings, env) as hub:
            yield hub, f"{hub.url}services/workshop", names
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _wait_for_service(url: str, token: str) -> None:
    deadline = time.monotonic() + 90
    while True:
        try:
            call(url, "GET", "/api/health", hub_token=token)
            return
        except ServiceError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


@pytest.mark.usefixtures("no_borrowed_event_loop")
def test_a_trainer_and_three_trainees_known_by_their_hub_logins(workshop_hub, monkeypatch):
    hub, url, names = workshop_hub
    lead, trainees = names[0], names[1:]
    tokens = {name: _token(hub, name) for name in names}
    _wait_for_service(url, tokens[lead])

    with pytest.raises(ServiceError, match="Only a trainer") as refused:
        TrainerSession.create(url, "kim", hub_token=tokens[trainees[0]])
    assert refused.value.status == 403
    created = TrainerSession.create(url, "kim", paced=False, hub_token=tokens[lead])
    trainer = TrainerSession(url, created.code, token=None, hub_token=tokens[lead])  # the hub login alone

    sessions = [TraineeSession.join(url, trainer.code, "", hub_token=tokens[name]) for name in trainees]
    for session in sessions:
        session.send("kim-night-risk", "high")
    with pytest.raises(ServiceError) as not_theirs:
        call(url, "GET", f"/api/rooms/{trainer.code}/dashboard", hub_token=tokens[trainees[0]])
    assert not_theirs.value.status in (401, 403)

    board = trainer.dashboard(names=True)
    night = next(q for q in board["questions"] if q["id"] == "kim-night-risk")
    assert night["answered"] == 3 and sorted(board["names"]) == sorted(trainees)
    exported = {file["trainee"] for file in trainer.export()["files"]}
    assert exported == set(trainees)
    trainer.close()

    # The pages, as they run in each person's server: its own hub token in the environment.
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", tokens[lead])
    dashboard = TrainerDashboard(url=url)
    dashboard.create()
    assert dashboard.trainer is not None and "0 joined" in dashboard.board.value, dashboard.message.value
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", tokens[trainees[0]])
    RoomLink(dashboard.trainer.code, "", url=url).send("kim-detention-actions", ["nrm-referral"], None)
    deadline = time.monotonic() + 60
    while "(1 answered)" not in dashboard.board.value:  # the dashboard follows the room by itself
        assert time.monotonic() < deadline, dashboard.board.value
        time.sleep(0.1)
    dashboard.close_button.click()
