"""A check shared by the tests of every cache key: a key follows a file's bytes, and nothing else."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def assert_key_follows_the_file(key: Callable[[], str], path: Path) -> None:
    """Editing ``path`` changes ``key()``; putting the same bytes back gives the same key again."""
    before = key()
    original = path.read_bytes()
    path.write_bytes(original + b"\n# edited\n")
    assert key() != before
    path.write_bytes(original)
    assert key() == before
