"""Shared fixtures. Tests run with the venv's bin first on PATH (the Makefile sets it), since
nbgrader shells out to `alembic` and notebooks need the venv's kernel."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"


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
