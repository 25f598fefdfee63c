"""One workshop service for the module's tests (a real process on loopback, SQLite in a scratch
folder), and helpers to create rooms and trainees through the same client the pages use."""

from __future__ import annotations

import pytest

from workshop.client import TrainerSession
from workshop.process import running


@pytest.fixture(scope="session")
def workshop_dirs(tmp_path_factory):
    base = tmp_path_factory.mktemp("workshop")
    return base / "workshop.sqlite", base / "answers"


@pytest.fixture(scope="session")
def service(workshop_dirs) -> str:
    db, answers = workshop_dirs
    with running(f"sqlite:///{db}", answers) as url:
        yield url


@pytest.fixture
def room(service) -> TrainerSession:
    return TrainerSession.create(service, "kim", paced=True)


@pytest.fixture(scope="session")
def postgres():
    """One scratch PostgreSQL server for the session (Debian's binaries; fails in CI without them)."""
    from helpers.postgres import scratch_postgres

    with scratch_postgres() as server:
        yield server
