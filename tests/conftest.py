"""Shared fixtures. Tests run with the venv's bin first on PATH (the Makefile sets it), since
nbgrader shells out to `alembic` and notebooks need the venv's kernel."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
import textstat
from textstat.backend.counts import _count_syllables

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"


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
