"""The tables the code declares are the tables the shipped migrations build, and a SQLite
database is opened the way the answers' safety depends on (WAL, full sync)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from workshop.db import open_engine
from workshop.models import Base


def test_migrations_build_exactly_the_declared_tables(tmp_path):
    engine = open_engine(f"sqlite:///{tmp_path}/schema.sqlite")
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert differences == []
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    engine.dispose()


def test_opening_twice_migrates_once(tmp_path):
    url = f"sqlite:///{tmp_path}/again.sqlite"
    open_engine(url).dispose()
    engine = open_engine(url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0002_exercise"
    engine.dispose()
