"""What ``mfc carers`` and ``mfc course`` print for the person who runs them.

By default: one banner with the address, and nothing else while pages are served: no note per
kernel or request, no "not trusted" notice per page, no warning that kernels talk over
unencrypted TCP (they use local sockets), none about the websocket's ping timeout. ``--verbose``
gives the server's full log. The servers are the real commands, and each test opens a page and
its kernel's websocket, so a kernel really starts, runs the page and answers.
"""

from __future__ import annotations

import re

import pytest
from browser.carers_client import fetch, kernel_replies
from browser.carers_server import running_mfc

from carers.server import PAGES_DIR
from mfc.serving import RULE

pytestmark = pytest.mark.slow

EXERCISE_PAGE = "voila/render/not-where-they-should-be.ipynb"


def served_log(tmp_path, command: str, *options: str, page: str, env=None) -> str:
    """Everything the command printed from start to stop, with one page opened in between and
    its kernel reached over the websocket, as the page's widgets reach it."""
    with running_mfc(command, *options, root_dir=tmp_path, log_dir=tmp_path, env=env) as server:
        status, _, body = fetch(server.url(page))
        assert status == 200
        assert kernel_replies(server, body)
        log_path = server.log_path
    return log_path.read_text()


def banner_and_rest(log: str) -> tuple[list[str], list[str]]:
    """The banner's lines (between its two rules) and every other line that is not blank."""
    lines = log.splitlines()
    first, last = lines.index(RULE), len(lines) - 1 - lines[::-1].index(RULE)
    rest = [line for line in lines[:first] + lines[last + 1:] if line.strip()]
    return lines[first:last + 1], rest


def test_mfc_carers_prints_a_banner_and_nothing_else(tmp_path):
    log = served_log(tmp_path, "carers", "--no-preheat", "--pages", str(PAGES_DIR), page=EXERCISE_PAGE)
    banner, rest = banner_and_rest(log)
    assert any(re.fullmatch(r"\s*http://127\.0\.0\.1:\d+/", line) for line in banner), banner
    assert "--verbose" in "\n".join(banner)
    assert rest == [], f"the quiet log printed more than the banner:\n{log}"


def test_mfc_course_prints_a_banner_with_the_home_and_the_answers_folder(tmp_path):
    answers = tmp_path / "answers"
    log = served_log(tmp_path, "course", page="voila/render/cases/kim.ipynb", env={"MFC_ANSWERS_DIR": str(answers)})
    banner, rest = banner_and_rest(log)
    assert any(re.fullmatch(r"\s*http://127\.0\.0\.1:\d+/home", line) for line in banner), banner
    assert f"Answers are kept in {answers}" in banner
    assert rest == [], f"the quiet log printed more than the banner:\n{log}"


def test_verbose_gives_the_full_log_still_without_the_tcp_warning(tmp_path):
    log = served_log(tmp_path, "carers", "--no-preheat", "--verbose", "--pages", str(PAGES_DIR), page=EXERCISE_PAGE)
    assert "Kernel started" in log and "Voilà is running at" in log, log
    assert "without encryption" not in log and "Traceback" not in log, log

