"""Is the service up (for a hub's health checks and the demo), and a bare echo: the benchmark's
baseline for what a round trip through this server costs with no database work."""

from __future__ import annotations

from workshop.routes.base import JsonHandler


class Health(JsonHandler):
    def get(self) -> None:
        self.reply({"ok": True, "db": self.workshop.engine.dialect.name})


class Echo(JsonHandler):
    def post(self) -> None:
        self.reply(self.body_json())


ROUTES = [(r"/api/health", Health), (r"/api/echo", Echo)]
