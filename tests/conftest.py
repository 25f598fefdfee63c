"""Shared fixtures. Tests run with the venv's bin first on PATH (the Makefile sets it), since
nbgrader shells out to `alembic` and notebooks need the venv's kernel."""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

import pytest
import textstat
from helpers.scheduling import HubTestsTogether
from textstat.backend.counts import _count_syllables

ROOT = Path(__file__).resolve().parent.parent
os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
# The dashboard remembers the rooms it opens (workshop.trainer_rooms): in tests, never in the
# home folder of whoever runs them. Set here so servers the tests start inherit it.
os.environ["MFC_WORKSHOP_ROOMS"] = str(Path(tempfile.mkdtemp(prefix="mfc-test-rooms-")) / "workshop-rooms.json")


def pytest_xdist_make_scheduler(config, log):
    """The Makefile's ``--dist loadgroup`` runs with :class:`HubTestsTogether`."""
    if config.getvalue("dist") == "loadgroup":
        return HubTestsTogether(config, log)
    return None


@pytest.fixture
def no_borrowed_event_loop():
    """This thread without the event loop Playwright's sync API leaves marked as running here.

    Once a browser test has run in a process, Playwright keeps its loop marked as the thread's running
    loop between its calls, though the loop only runs during them. Code that hands work to the running
    loop (a workshop page following its room, as it does in a kernel) would wait forever on it: the
    tests that play such code as a plain script take the mark away while they run.
    """
    borrowed = asyncio._get_running_loop()
    asyncio._set_running_loop(None)
    yield
    asyncio._set_running_loop(borrowed)


@pytest.fixture(scope="session", autouse=True)
def library_cache_dir(tmp_path_factory) -> Path:
    """One session's own cache of the validated library (``MFC_CACHE_DIR``, inherited by the
    kernels and commands the tests start), so tests never read or fill the user's cache."""
    folder = tmp_path_factory.mktemp("library-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MFC_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture(scope="session")
def library():
    from scenarios.library import shipped_library

    return shipped_library()


@pytest.fixture
def output_dir(request) -> Path:
    """A folder under test-output/ named for the test, kept after the run for screenshots."""
    path = ROOT / "test-output" / request.node.name
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def flesch(monkeypatch):
    """textstat's Flesch reading ease, counting syllables with its bundled hyphenation dictionary.

    For English, textstat first looks words up in NLTK's CMU dictionary, which it downloads on
    first use; neither this machine nor CI can download it. With the look-up switched off,
    textstat counts every word the way it already counts words missing from that dictionary.
    """
    monkeypatch.setattr(_count_syllables, "get_cmudict", lambda lang: None)
    return textstat.flesch_reading_ease
