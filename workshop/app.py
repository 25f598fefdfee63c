"""The workshop service: a Tornado application over one database.

Why Tornado: JupyterHub and its services are Tornado applications, so under a hub this service
uses the hub's own OAuth helpers (``jupyterhub.services.auth``) with no adapter, and Tornado's
coroutines make long-polling dashboards cheap. The database work of one request is a few
milliseconds, so it runs on the event loop itself: one writer at a time, in order.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker
from tornado.httpserver import HTTPServer
from tornado.web import Application

from scenarios.library import Library, shipped_library
from workshop.db import open_engine, session_factory
from workshop.routes.base import MAX_BODY, NotFound
from workshop.waiters import Waiters
from workshop.writer import AnswerWriter

ROUTE_MODULES = ["health", "rooms", "answers", "dashboard", "exercise"]
logger = logging.getLogger("workshop")


@dataclass
class Workshop:
    """Everything a handler needs, built once per process."""

    engine: Engine
    sessions: sessionmaker
    library: Library
    export_dir: Path
    hub: object | None = None  # workshop.hub.HubIdentity under JupyterHub
    waiters: Waiters = field(default_factory=Waiters)
    writer: AnswerWriter = field(init=False)

    def __post_init__(self) -> None:
        self.writer = AnswerWriter(self.sessions)


def routes(prefix: str = "") -> list[tuple]:
    found = []
    for name in ROUTE_MODULES:
        found.extend(import_module(f"workshop.routes.{name}").ROUTES)
    return [(prefix.rstrip("/") + pattern, handler) for pattern, handler in found]


def make_workshop(db_url: str, export_dir: Path, hub=None) -> Workshop:
    engine = open_engine(db_url)
    return Workshop(engine, session_factory(engine), shipped_library(), export_dir, hub)


def make_app(workshop: Workshop, prefix: str = "") -> Application:
    handlers = [(pattern, handler, {"workshop": workshop}) for pattern, handler in routes(prefix)]
    extra = workshop.hub.app_settings() if workshop.hub else {}
    extra_handlers = workshop.hub.handlers() if workshop.hub else []
    return Application(extra_handlers + handlers, default_handler_class=NotFound,
                       default_handler_args={"workshop": workshop}, **extra)


def serve(db_url: str, port: int, ip: str, export_dir: Path, ready=None) -> None:
    """Run until SIGINT/SIGTERM. ``ready(port)`` is called once listening (the demo and tests
    use it). Under JupyterHub, prefix, port and OAuth come from the hub's environment."""
    from workshop.hub import hub_from_environment

    hub = hub_from_environment()
    workshop = make_workshop(db_url, export_dir, hub)
    prefix = hub.prefix if hub else ""
    app = make_app(workshop, prefix)

    async def main() -> None:
        server = HTTPServer(app, max_body_size=4 * MAX_BODY, xheaders=bool(hub))
        server.listen(port, ip)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        if ready:
            ready(port)
        await stop.wait()
        server.stop()
        workshop.engine.dispose()

    asyncio.run(main())
