"""Start ``mfc carers`` (the carers' pages as a foster carer gets them), or ``mfc course`` (the
trainees' course as pages), on a free loopback port.

The server is the real one, started the way the README tells the person running it, so the
browser tests and the benchmark see the lock-down, preheating and kernel ceiling a carer meets.
It reuses ``browser.servers``' start/wait/stop machinery: a private folder for Jupyter's state, a
log beside the screenshots, and the whole process group stopped at the end.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from carers.server import LANDING_PAGE, PAGES_DIR

from .servers import READY_TIMEOUT, RunningServer, serve_on_free_port

# A static file: answering it proves Voila routes requests, without asking for a kernel.
READY_PATH = "voila/static/"


@contextmanager
def running_mfc(command: str, *options: str, root_dir: Path, log_dir: Path | None = None,
                env: Mapping[str, str] | None = None, timeout: float = READY_TIMEOUT) -> Iterator[RunningServer]:
    """``mfc <command> --port <free> [options]`` (``carers`` or ``course``), stopped when the block ends."""
    argv = [sys.executable, "-m", "mfc.cli", command, *options]
    with serve_on_free_port(command, lambda port: [*argv, "--port", str(port)], token="", root_dir=Path(root_dir),
                            ready_path=READY_PATH, log_dir=log_dir, env=env, timeout=timeout) as server:
        yield server


@contextmanager
def running_carers(*options: str, pages: Path = PAGES_DIR, log_dir: Path | None = None,
                   env: Mapping[str, str] | None = None, timeout: float = READY_TIMEOUT) -> Iterator[RunningServer]:
    """``mfc carers --port <free> --pages <pages> [options]``, stopped when the block ends."""
    with running_mfc("carers", "--pages", str(pages), *options, root_dir=pages, log_dir=log_dir, env=env,
                     timeout=timeout) as server:
        yield server


def page_url(server: RunningServer, page: str = LANDING_PAGE) -> str:
    return server.voila_url(page)
