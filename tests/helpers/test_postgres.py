"""The scratch PostgreSQL helper starts a real server that answers SQL, and leaves nothing behind."""

from __future__ import annotations

import subprocess

import pytest

from helpers.postgres import scratch_postgres


def test_a_scratch_server_answers_sql_and_is_gone_afterwards():
    with scratch_postgres() as server:
        url = server.create_database("gradebook")
        assert url == f"postgresql+psycopg2://postgres@127.0.0.1:{server.port}/gradebook"
        assert server.psql("SELECT current_database()", database="gradebook") == "gradebook"
        assert server.psql("SHOW fsync") == "off"
    with pytest.raises(subprocess.CalledProcessError):
        server.psql("SELECT 1")
