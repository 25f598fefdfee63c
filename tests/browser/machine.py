"""What the browser tests need from the machine that pip cannot install, and what to do when it is absent.

Debian's Chromium (``apt-get install chromium``) and axe-core (``npm ci``). In CI a missing tool
fails the test, because a skip there would let an untested page through; on a developer's machine
it skips with the command that fixes it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def missing(what: str, how_to_fix: str) -> None:
    """Fail (in CI) or skip (elsewhere) the current test, saying what is missing and how to get it."""
    message = f"{what} is missing: {how_to_fix}"
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)
