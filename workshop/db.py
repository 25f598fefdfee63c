"""Opening the workshop's database and bringing its tables up to date.

SQLite is the default because a trainer on a laptop should need nothing else; it runs in WAL
mode (readers do not block the writer) with ``synchronous=FULL``, so a commit is on disk before
the answer is acknowledged. PostgreSQL (``postgresql://…``, through psycopg2) is for a hub.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event, make_url
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import sessionmaker

MIGRATIONS = Path(__file__).parent / "migrations"
DEFAULT_FILE = "workshop.sqlite"


class DatabaseError(Exception):
    """The database URL cannot be used; the message is one line for the person starting the service."""


def default_url(folder: Path | None = None) -> str:
    return f"sqlite:///{(folder or Path.cwd()) / DEFAULT_FILE}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def open_engine(url: str) -> Engine:
    """An engine for ``url``, its tables migrated to the newest revision."""
    try:
        parsed = make_url(url)
        if parsed.drivername == "postgresql":  # SQLAlchemy 2.1 would pick psycopg 3; we ship psycopg2
            parsed = parsed.set(drivername="postgresql+psycopg2")
    except (ArgumentError, ValueError) as exc:
        raise DatabaseError(f"cannot use the database {url!r}: {exc}") from None
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise DatabaseError(f"the workshop runs on SQLite or PostgreSQL, not {backend}")
    try:
        engine = create_engine(parsed, pool_pre_ping=backend != "sqlite")
    except (ArgumentError, ModuleNotFoundError, ValueError) as exc:
        raise DatabaseError(f"cannot use the database {url!r}: {exc}") from None
    if backend == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    migrate(engine)
    return engine


def migrate(engine: Engine) -> None:
    """Run every Alembic revision not yet applied (the migrations ship inside the package)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except Exception as exc:  # noqa: BLE001 - any driver's connection error becomes one line
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise DatabaseError(f"cannot open the database {engine.url.render_as_string(hide_password=True)}: "
                            f"{reason}") from None


def session_factory(engine: Engine) -> sessionmaker:
    return sessionmaker(engine, expire_on_commit=False)
