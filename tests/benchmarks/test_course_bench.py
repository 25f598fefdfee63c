"""How fast a course page becomes usable, against a one-widget page on the same server (``make bench``).

``mfc course`` serves a trimmed copy of the course (the start page, Module 4 and the one-widget
baseline), so preheating warms three kernels rather than one per notebook of the whole course.
Time to interactive is measured as for the carers' pages (``test_carers_bench``): from asking
Chromium for the page to the case player's "Start the case" button (the one widget's button on
the baseline), a fresh browser context per visit, cold (``mfc course``'s default: a kernel starts
when the trainee opens a page) and preheated (``--preheat``). The course home, which needs no
kernel, is timed too. Figures are printed, never asserted.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import nbformat
import pytest
from browser.carers_server import running_mfc
from browser.machine import CHROMIUM
from playwright.async_api import async_playwright
from test_carers_bench import (
    BASELINE,
    REFILL_PAUSE,
    bench_pages,
    launch,
    page_times,
    print_page_table,
    run_in_own_loop,
    time_to_interactive,
)

from grading.course_answers import START_PAGE, shipped_course

MODULE = "04_reporting_and_risk.ipynb"
HOME_ROUNDS = 5


def selector_of(page: str) -> str:
    if page == BASELINE:
        return "#rendered_cells button:has-text('Ready')"
    return ".mfc-player button:has-text('Start the case')"


@pytest.fixture
def course(tmp_path) -> Path:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium")
    folder = tmp_path / "course"
    folder.mkdir()
    for name in (START_PAGE, MODULE):
        shutil.copy(shipped_course() / name, folder / name)
    baseline = bench_pages(tmp_path / "carers") / BASELINE
    nbformat.write(nbformat.read(baseline, as_version=4), folder / BASELINE)
    return folder


async def home_times(server) -> list[float]:
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        times = [await time_to_interactive(browser, server.url("home"), "h1") for _ in range(HOME_ROUNDS)]
        await browser.close()
    return times


def test_course_page_time_to_interactive_cold_and_preheated(course, tmp_path):
    names = [MODULE, BASELINE]
    env = {"MFC_ANSWERS_DIR": str(tmp_path / "answers")}
    with running_mfc("course", "--course", str(course), root_dir=course, log_dir=tmp_path / "cold", env=env) as server:
        cold = run_in_own_loop(page_times(server, names, pause=0, selector_of=selector_of))
        home = run_in_own_loop(home_times(server))
    with running_mfc("course", "--course", str(course), "--preheat", root_dir=course, log_dir=tmp_path / "warm",
                     env=env) as server:
        time.sleep(REFILL_PAUSE * 2)  # every page's first spare warmed before the first visit
        warm = run_in_own_loop(page_times(server, names, pause=REFILL_PAUSE, selector_of=selector_of))
    print_page_table("course, cold (a kernel starts per visit; mfc course's default)", cold)
    print_page_table("course, preheated (mfc course --preheat)", warm)
    median = sorted(home)[len(home) // 2]
    print(f"\ncourse home (rendered by the server, no kernel): median {median:.2f} s of {HOME_ROUNDS}")
