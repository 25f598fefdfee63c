"""Starting the service as a child process on loopback and waiting until it answers: used by
``mfc workshop demo`` when no server is given, and by the tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from workshop.client import ServiceError, call

START_SECONDS = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(db_url: str, export_dir: Path, port: int | None = None,
          env: dict | None = None) -> tuple[subprocess.Popen, str]:
    """Start ``mfc workshop serve``; its log goes to a temporary file (a pipe nobody reads would
    fill up and stall the server), which is read back if it fails to start."""
    port = port or free_port()
    command = [sys.executable, "-m", "mfc.cli", "workshop", "serve", "--port", str(port), "--db", db_url,
               "--export", str(export_dir)]
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log, env={**os.environ, **(env or {})})
    process.log = log
    url = f"http://127.0.0.1:{port}"
    wait_until_up(url, process)
    return process, url


def wait_until_up(url: str, process: subprocess.Popen | None = None, limit: float = START_SECONDS) -> None:
    deadline = time.monotonic() + limit
    while True:
        if process is not None and process.poll() is not None:
            problem = _log_lines(process)
            raise ServiceError(f"the workshop service stopped on start: {problem[-1] if problem else 'no message'}")
        try:
            call(url, "GET", "/api/health", timeout=2)
            return
        except ServiceError:
            if time.monotonic() > deadline:
                raise ServiceError(f"the workshop service did not answer at {url} within {limit:.0f} s") from None
            time.sleep(0.1)


def _log_lines(process: subprocess.Popen) -> list[str]:
    log = getattr(process, "log", None)
    if log is None:
        return []
    log.seek(0)
    return log.read().decode(errors="replace").strip().splitlines()


@contextmanager
def running(db_url: str, export_dir: Path, **kwargs):
    process, url = start(db_url, export_dir, **kwargs)
    try:
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
