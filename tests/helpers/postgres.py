"""A scratch PostgreSQL server for tests: Debian's own binaries, a throw-away data folder, a free port.

Tests that need a real database (nbgrader's gradebook at a ``db_url``, the workshop service) use
``scratch_postgres()``; nothing runs as a system service, and the server and its folder are gone
when the ``with`` block ends. PostgreSQL refuses to run as root, so when the tests run as root
(as CI does) the server runs as the ``postgres`` user Debian's package creates (else ``nobody``),
and the data folder is owned by that user.

Without Debian's ``postgresql`` package the test skips on a developer's machine and fails in CI
(``CI=true``), where ``.ci/run`` installs it.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from browser.machine import missing

SUPERUSER = "postgres"
# Durability is pointless for a database deleted after the test; these make start and writes fast.
FAST_SETTINGS = ("fsync=off", "synchronous_commit=off", "full_page_writes=off")


@dataclass(frozen=True)
class ScratchPostgres:
    """A running server: connect to ``127.0.0.1:port`` as ``postgres`` (trust auth, no password)."""

    port: int
    bin_dir: Path
    run_as: str | None

    def url(self, database: str = SUPERUSER, driver: str = "postgresql") -> str:
        """An SQLAlchemy URL, e.g. ``postgresql://postgres@127.0.0.1:5433/gradebook``."""
        return f"{driver}://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """Create database ``name`` and return its SQLAlchemy URL."""
        self.psql(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def psql(self, sql: str, database: str = SUPERUSER) -> str:
        """Run one SQL statement with Debian's ``psql``; returns its unaligned, tuples-only output."""
        result = subprocess.run(
            [str(self.bin_dir / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", SUPERUSER,
             "-d", database, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql],
            capture_output=True, text=True, check=True)
        return result.stdout.strip()


def postgres_bin_dir() -> Path | None:
    """Debian's newest installed server binaries (``/usr/lib/postgresql/<version>/bin``), if any."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    return found[-1].parent if found else None


def _server_user() -> str | None:
    """Who runs the server: nobody else when we are not root; ``postgres`` (else ``nobody``) when we are."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise RuntimeError("running as root, and neither a 'postgres' nor a 'nobody' user exists to run PostgreSQL")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(command: list[str], user: str | None, cwd: Path) -> None:
    """Run a server command as ``user``; on failure raise with its output (the log says why)."""
    account = pwd.getpwnam(user) if user else None
    result = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True,
        user=account.pw_uid if account else None, group=account.pw_gid if account else None,
        extra_groups=[] if account else None,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:2])} failed ({result.returncode}):\n{result.stdout}{result.stderr}")


@contextmanager
def scratch_postgres() -> Iterator[ScratchPostgres]:
    """Start a scratch server (about two seconds), yield it, then stop it and delete its folder."""
    bin_dir = postgres_bin_dir()
    if bin_dir is None:
        missing("PostgreSQL (Debian's /usr/lib/postgresql/*/bin/initdb)", "apt-get install postgresql")
    user = _server_user()
    folder = Path(tempfile.mkdtemp(prefix="scratch-postgres-"))
    data, log = folder / "data", folder / "server.log"
    if user:
        account = pwd.getpwnam(user)
        os.chown(folder, account.pw_uid, account.pw_gid)
    port = _free_port()
    options = " ".join([f"-p {port}", "-c listen_addresses=127.0.0.1", f"-k {folder}",
                        *(f"-c {setting}" for setting in FAST_SETTINGS)])
    try:
        _run([str(bin_dir / "initdb"), "-D", str(data), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8",
              "--no-sync", "--no-instructions"], user, folder)
        try:
            _run([str(bin_dir / "pg_ctl"), "start", "-w", "-D", str(data), "-l", str(log), "-o", options], user, folder)
        except RuntimeError as error:
            raise RuntimeError(f"{error}\nserver log:\n{log.read_text() if log.exists() else '(none)'}") from None
        try:
            yield ScratchPostgres(port=port, bin_dir=bin_dir, run_as=user)
        finally:
            _run([str(bin_dir / "pg_ctl"), "stop", "-w", "-m", "fast", "-D", str(data)], user, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
