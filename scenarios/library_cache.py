"""A validated library kept on disk, so that a fresh process need not read and check the YAML again.

(The assessment's marking sheet, worked out from the library, is kept here the same way under its
own prefix: :mod:`grading.assessment.marking_sheet`.)

Why: every kernel that runs a course page, and every submission nbgrader autogrades, is a new
Python process that needs the library, and parsing and validating its YAML (every case, ledger
and cross-file check) costs more than everything else a graded cell does (see
tests/benchmarks/test_autograde_bench.py). Loading the pickled result takes a few milliseconds.

Safe by construction:

- the key is a hash of every input the result depends on: each YAML file's name and bytes, the
  source of the code that checks them, where they live, and the Python version (and, for the
  library, the pydantic version that pickled its models).
  Edit a case, a ledger or a check and the key changes, so the library is validated again;
  nothing ever has to be cleared by hand;
- a pickle runs code when it is loaded, so one is read only from a folder and a file that belong
  to this user and that nobody else can write (the folder is made 0700);
- the cache only ever saves time: if it cannot be read or written, for whatever reason, the
  library is loaded from the YAML as if there were no cache.

The folder is ``$MFC_CACHE_DIR`` if set (tests give each session its own), else this user's cache
folder (on Linux ``~/.cache/missing-from-care``).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

APP_NAME = "missing-from-care"
PREFIX = "library-"
SUFFIX = ".pickle"
STALE_AFTER_SECONDS = 30 * 24 * 3600  # other keys' files left by edits long past are removed
# Where files have no owner to check (Windows), a pickle is never trusted, so nothing is cached.
OWNERS_CHECKABLE = hasattr(os, "getuid")


def cache_dir() -> Path:
    """Where cached libraries are kept (see the module's docstring)."""
    configured = os.environ.get("MFC_CACHE_DIR")
    if configured:
        return Path(configured)
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def cache_key(inputs: Iterable[Path], root: Path, versions: Iterable[str] = ()) -> str:
    """A hash of the files' names (relative to ``root``) and bytes, ``root`` itself, the Python
    version and any other ``versions`` the pickle depends on."""
    digest = hashlib.sha256()
    for part in (str(root), sys.version, *versions):
        digest.update(part.encode("utf-8") + b"\0")
    for path in sorted(inputs):
        digest.update(str(path.relative_to(root)).encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def cached(key: str, load: Callable[[], T], folder: Path | None = None, prefix: str = PREFIX) -> T:
    """The value stored under ``prefix`` + ``key``, or ``load()``'s result, stored for next time."""
    folder = cache_dir() if folder is None else folder
    path = folder / f"{prefix}{key}{SUFFIX}"
    value = _read(path)
    if value is not None:
        return value
    value = load()
    _write(path, value, prefix)
    return value


def _private(path: Path, folder: bool) -> bool:
    """True when ``path`` is this user's and nobody else can write it (nor, for the folder, read it)."""
    info = path.lstat()
    kind_ok = stat.S_ISDIR(info.st_mode) if folder else stat.S_ISREG(info.st_mode)
    others = 0o077 if folder else 0o022
    return kind_ok and info.st_uid == os.getuid() and not info.st_mode & others


def _read(path: Path):
    if not OWNERS_CHECKABLE:
        return None
    try:
        if not (_private(path.parent, folder=True) and _private(path, folder=False)):
            return None
        return pickle.loads(path.read_bytes())
    except Exception:  # missing, unreadable, or pickled by code that has changed since: load afresh
        return None


def _write(path: Path, value, prefix: str) -> None:
    if not OWNERS_CHECKABLE:
        return
    with suppress(Exception):  # a cache that cannot be written costs time, never a result
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(path.parent, folder=True):
            return
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            with suppress(FileNotFoundError):
                os.unlink(temporary)
            raise
        _remove_stale(path, prefix)


def _remove_stale(kept: Path, prefix: str) -> None:
    """Remove other keys' files not rewritten for a month: left behind by libraries since edited."""
    cutoff = time.time() - STALE_AFTER_SECONDS
    for other in kept.parent.glob(f"{prefix}*{SUFFIX}"):
        with suppress(OSError):
            if other != kept and other.stat().st_mtime < cutoff:
                other.unlink()
