"""Fixtures for browser tests: Debian's Chromium through pytest-playwright, offline pages, servers.

A browser test asks for what it needs and stays short:

    def test_page(page, page_log, jupyter_lab, course_copy, screenshot):
        lab = jupyter_lab(course_copy)                         # started now, stopped after the test
        open_lab_notebook(page, lab, "course/00_start_here.ipynb")
        ...
        screenshot(page, "start-page")                         # test-output/<test name>/start-page.png
        assert not page_log.unexpected_errors()

pytest-playwright supplies ``browser``, ``context`` and ``page``; the overrides below point it at
``/usr/bin/chromium`` (never a downloaded browser) and make every context it creates block
requests that leave the machine and record console errors in ``page_log``.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from .axe import AXE_JS, axe_violations
from .machine import CHROMIUM, CHROMIUM_ARGS, missing
from .pages import MOBILE, PageLog
from .servers import RunningServer, running_jupyter_lab, running_voila

ROOT = Path(__file__).resolve().parents[2]


def pytest_collection_modifyitems(items):
    """Every test in this folder drives a browser, so mark it, whether or not its author remembered."""
    for item in items:
        if Path(item.path).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch Debian's Chromium with a fresh profile (Playwright's default) and no background traffic."""
    if not CHROMIUM.exists():
        missing(str(CHROMIUM), "apt-get install chromium (.ci/run does this)")
    headless = browser_type_launch_args.get("headless", True)
    args = [a for a in CHROMIUM_ARGS if headless or a != "--headless"]
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": args}


@pytest.fixture
def page_log() -> PageLog:
    """Console errors, uncaught exceptions and blocked outside requests of every page in this test."""
    return PageLog()


@pytest.fixture
def new_context(new_context: Callable, page_log: PageLog) -> Callable:
    """pytest-playwright's context factory, with every context kept offline and logged."""
    def offline_context(**kwargs):
        context = new_context(**kwargs)
        page_log.watch(context)
        return context

    return offline_context


@pytest.fixture
def mobile_page(new_context: Callable):
    """A page in a 375 px wide phone viewport (touch, mobile layout), offline and logged like ``page``."""
    return new_context(**MOBILE).new_page()


@pytest.fixture
def screenshot(output_dir: Path) -> Callable:
    """``screenshot(page, name)`` saves ``test-output/<test name>/<name>.png`` (whole page) and returns its path."""
    def save(page, name: str = "page", *, full_page: bool = True) -> Path:
        path = output_dir / f"{name}.png"
        page.screenshot(path=path, full_page=full_page)
        return path

    return save


@pytest.fixture
def axe() -> Callable:
    """``axe(page)`` returns the serious and critical axe-core violations (see ``browser.axe``)."""
    if not AXE_JS.exists():
        missing(str(AXE_JS.relative_to(ROOT)), "run `npm ci` in the project root (make test does)")
    return axe_violations


@pytest.fixture
def course_copy(tmp_path: Path) -> Path:
    """A scratch folder holding a copy of ``course/``: servers root here, so autosave never touches the checkout."""
    shutil.copytree(ROOT / "course", tmp_path / "course", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return tmp_path


def _server_factory(start, output_dir: Path, tmp_path: Path) -> Iterator[Callable[..., RunningServer]]:
    """Start servers on demand during a test and stop all of them when it ends, pass or fail."""
    with ExitStack() as stack:
        def started(target: Path, *extra_args: str, env: dict | None = None) -> RunningServer:
            # Answers a notebook saves go to scratch, as in the notebook tests.
            env = {"MFC_ANSWERS_DIR": str(tmp_path / "answers"), **(env or {})}
            return stack.enter_context(start(target, *extra_args, log_dir=output_dir, env=env))

        yield started


@pytest.fixture
def jupyter_lab(output_dir: Path, tmp_path: Path) -> Iterator[Callable[..., RunningServer]]:
    """``jupyter_lab(root_dir, *extra_args, env=None)`` starts JupyterLab; its log is saved beside the screenshots."""
    yield from _server_factory(running_jupyter_lab, output_dir, tmp_path)


@pytest.fixture
def voila(output_dir: Path, tmp_path: Path) -> Iterator[Callable[..., RunningServer]]:
    """``voila(notebook_or_folder, *extra_args, env=None)`` starts Voila; its log is saved beside the screenshots."""
    yield from _server_factory(running_voila, output_dir, tmp_path)
