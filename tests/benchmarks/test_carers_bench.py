"""How fast the carers' pages become usable, alone and with 20 visitors at once (``make bench``).

Time to interactive: from asking Chromium for the page to the moment a carer can act on it: the
exercise's "Start the case" button (drawn only once the page's kernel has connected), the one
widget of the baseline page, or, on a page without widgets, Voila showing the rendered cells.
Each visit uses a fresh browser context (an empty cache, like a first visit from a phone).

- Every page against a one-widget Voila page served by the same server, cold (``--no-preheat``:
  a kernel starts when the visitor asks) and preheated (a warm kernel per page), interleaved so
  a busy moment on the machine hits every page alike.
- 20 visitors opening the heaviest page at once, under the default kernel ceiling: failures,
  p50 and p95 time to interactive against one visitor alone on the same server, and memory per
  kernel (resident and unique set size of each kernel process). Twice: as 20 Chromium contexts
  (which share this machine's two cores with the server, as carers' phones would not), and as 20
  websocket clients (page fetched over HTTP, then kernel_info answered over the kernel's websocket):
  the server's share alone.

Figures are printed, never asserted: they depend on the machine.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import statistics
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import psutil
import pytest
from browser.carers_client import fetch, kernel_id_in, kernel_message, kernel_socket_url, reply_to
from browser.carers_server import page_url, running_carers
from browser.machine import CHROMIUM, CHROMIUM_ARGS
from browser.pages import LEAVES_THE_MACHINE
from playwright.async_api import async_playwright
from websockets.sync.client import connect

from carers.server import PAGES_DIR

ROUNDS = 3
VISITORS = 20
BASELINE = "one-widget.ipynb"
HEAVIEST = "not-where-they-should-be.ipynb"
INTERACTIVE_TIMEOUT_MS = 300_000
READY_TIMEOUT = INTERACTIVE_TIMEOUT_MS / 1000
# Long enough for Voila to warm a new spare for a page after a visit took the last one.
REFILL_PAUSE = 8.0


def run_in_own_loop(coroutine):
    """``asyncio.run`` on a thread of its own, in case a sync Playwright test left its loop running."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


def ready_selector(page: str) -> str:
    if page == BASELINE:
        return "#rendered_cells button:has-text('Ready')"
    if any(c.cell_type == "code" for c in nbformat.read(PAGES_DIR / page, as_version=4).cells):
        return ".mfc-player button:has-text('Start the case')"
    return "#rendered_cells"


def bench_pages(folder: Path) -> Path:
    """The carers' pages and the baseline, side by side in one folder one server serves."""
    shutil.copytree(PAGES_DIR, folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell("# One widget"),
                nbformat.v4.new_code_cell('import ipywidgets\n\nipywidgets.Button(description="Ready")')]
    nbformat.write(nb, folder / BASELINE)
    return folder


async def time_to_interactive(browser, url: str, selector: str) -> float:
    """Seconds from asking for the page to being able to use it; the visitor then leaves politely
    (running the page's unload handler, which stops its kernel)."""
    context = await browser.new_context()
    await context.route(LEAVES_THE_MACHINE, lambda route: route.abort())
    try:
        page = await context.new_page()
        started = time.perf_counter()
        await page.goto(url, wait_until="commit", timeout=INTERACTIVE_TIMEOUT_MS)
        await page.wait_for_selector(selector, state="visible", timeout=INTERACTIVE_TIMEOUT_MS)
        elapsed = time.perf_counter() - started
        await page.close(run_before_unload=True)
        return elapsed
    finally:
        await context.close()


def kernel_memory(port: int) -> list[tuple[float, float]]:
    """(RSS, USS) in MB of every kernel the server on ``port`` runs."""
    listener = next(c.pid for c in psutil.net_connections("tcp")
                    if c.laddr and c.laddr.port == port and c.status == psutil.CONN_LISTEN)
    sizes = []
    for process in psutil.Process(listener).children(recursive=True):
        try:
            if any("ipykernel" in part for part in process.cmdline()):
                info = process.memory_full_info()
                sizes.append((info.rss / 2**20, info.uss / 2**20))
        except psutil.Error:  # a kernel that has just exited (a zombie until reaped)
            continue
    return sizes


async def launch(playwright):
    return await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


async def page_times(server, pages: list[str], pause: float, selector_of=None) -> dict[str, list[float]]:
    """Each page's times to interactive, ``ROUNDS`` each, interleaved; ``selector_of(page)`` says
    what shows once the page is usable (default: the carers' pages' ``ready_selector``)."""
    selector_of = selector_of or ready_selector
    times = {name: [] for name in pages}
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        for _ in range(ROUNDS):
            for name in pages:
                times[name].append(await time_to_interactive(browser, page_url(server, name), selector_of(name)))
                await asyncio.sleep(pause)
        await browser.close()
    return times


def print_page_table(label: str, times: dict[str, list[float]]) -> None:
    medians = {name: statistics.median(t) for name, t in times.items()}
    baseline = medians[BASELINE]
    print(f"\n{label}: time to interactive, median of {ROUNDS} (fresh browser context each visit)")
    for name, median in medians.items():
        print(f"  {name:34} {median:6.2f} s  x{median / baseline:4.2f} the one-widget page")


@pytest.fixture
def pages(tmp_path) -> Path:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium")
    return bench_pages(tmp_path / "pages")


def test_time_to_interactive_cold_and_preheated(pages, tmp_path):
    names = sorted(p.name for p in pages.glob("*.ipynb"))
    with running_carers("--no-preheat", pages=pages, log_dir=tmp_path / "cold") as server:
        cold = run_in_own_loop(page_times(server, names, pause=0))
    with running_carers(pages=pages, log_dir=tmp_path / "warm") as server:
        time.sleep(REFILL_PAUSE * 2)  # every page's first spare warmed before the first visit
        warm = run_in_own_loop(page_times(server, names, pause=REFILL_PAUSE / len(names)))
    print_page_table("cold (a kernel starts per visit)", cold)
    print_page_table("preheated (a warm kernel per page)", warm)


async def concurrent_visits(server, visitors: int) -> tuple[float, list[float], Counter, list[tuple[float, float]]]:
    """One visitor alone, then ``visitors`` at once; memory is read while they are all connected."""
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        alone = await time_to_interactive(browser, page_url(server, HEAVIEST), ready_selector(HEAVIEST))
        await asyncio.sleep(REFILL_PAUSE)
        contexts = [await browser.new_context() for _ in range(visitors)]
        for context in contexts:
            await context.route(LEAVES_THE_MACHINE, lambda route: route.abort())

        async def visit(context):
            page = await context.new_page()
            started = time.perf_counter()
            response = await page.goto(page_url(server, HEAVIEST), wait_until="commit", timeout=INTERACTIVE_TIMEOUT_MS)
            if response.status != 200:
                return ServerAnswered(response.status)
            await page.wait_for_selector(ready_selector(HEAVIEST), state="visible", timeout=INTERACTIVE_TIMEOUT_MS)
            return time.perf_counter() - started

        outcomes = await asyncio.gather(*(visit(c) for c in contexts), return_exceptions=True)
        memory = kernel_memory(int(server.base_url.rsplit(":", 1)[1].strip("/")))
        for context in contexts:
            await context.close()
        await browser.close()
    times = [o for o in outcomes if isinstance(o, float)]
    failures = Counter(str(o) if isinstance(o, ServerAnswered) else type(o).__name__
                       for o in outcomes if not isinstance(o, float))
    return alone, times, failures, memory


class ServerAnswered(int):
    """A visit the server answered with another status than 200 (503: the kernel ceiling)."""

    def __str__(self) -> str:
        return f"HTTP {int(self)}"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report(label: str, alone: float, times: list[float], failures: Counter, memory: list[tuple[float, float]]) -> None:
    print(f"\n{label}: {VISITORS} visitors open {HEAVIEST} at once (preheated)")
    print(f"  failures: {sum(failures.values())} of {VISITORS} {dict(failures) or ''}")
    if times:
        p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
        print(f"  one visitor alone: {alone:.2f} s")
        print(f"  p50 {p50:.2f} s (x{p50 / alone:.1f} alone), p95 {p95:.2f} s (x{p95 / alone:.1f} alone), "
              f"slowest {max(times):.2f} s")
    rss = [r for r, _ in memory]
    uss = [u for _, u in memory]
    print(f"  kernels running: {len(memory)}; per kernel: RSS median {statistics.median(rss):.0f} MB, "
          f"USS median {statistics.median(uss):.0f} MB; all kernels: RSS {sum(rss):.0f} MB, USS {sum(uss):.0f} MB")


def test_twenty_browsers_at_once(pages, tmp_path):
    with running_carers(pages=pages, log_dir=tmp_path) as server:
        time.sleep(REFILL_PAUSE * 2)
        report("Chromium contexts, default ceiling", *run_in_own_loop(concurrent_visits(server, VISITORS)))


def websocket_visit(server, replied: threading.Semaphore, everyone_replied: threading.Event) -> float:
    """What a page does for its visitor, minus the browser: fetch the page (its notebook runs as it
    is sent), open the kernel's websocket and get the kernel's answer to kernel_info. Returns the
    seconds that took; the socket stays open until ``everyone_replied``, so memory is read with
    every visitor connected."""
    started = time.perf_counter()
    try:
        status, _, body = fetch(page_url(server, HEAVIEST))
        if status != 200:
            raise RuntimeError(f"HTTP {status}")
        with connect(kernel_socket_url(server, kernel_id_in(body)), open_timeout=READY_TIMEOUT) as socket:
            info = kernel_message("kernel_info_request", {})
            socket.send(json.dumps(info))
            if reply_to(socket, info["header"]["msg_id"], None, timeout=READY_TIMEOUT) is None:
                raise RuntimeError("no kernel_info reply")
            elapsed = time.perf_counter() - started
            replied.release()
            everyone_replied.wait(timeout=READY_TIMEOUT)
            return elapsed
    except Exception:
        replied.release()
        raise


def websocket_visits(server) -> tuple[float, list[float], Counter, list[tuple[float, float]]]:
    alone = websocket_visit(server, threading.Semaphore(0), threading.Event())
    time.sleep(REFILL_PAUSE)
    replied, everyone_replied = threading.Semaphore(0), threading.Event()
    with ThreadPoolExecutor(VISITORS) as pool:
        futures = [pool.submit(websocket_visit, server, replied, everyone_replied) for _ in range(VISITORS)]
        for _ in futures:
            replied.acquire(timeout=READY_TIMEOUT)
        memory = kernel_memory(int(server.base_url.rsplit(":", 1)[1].strip("/")))
        everyone_replied.set()
    outcomes = [f.exception() or f.result() for f in futures]
    times = [o for o in outcomes if isinstance(o, float)]
    failures = Counter(str(o) for o in outcomes if not isinstance(o, float))
    return alone, times, failures, memory


def test_twenty_websocket_clients_at_once(pages, tmp_path):
    """The server's share alone: the same visits without 20 browsers competing for this machine.

    The ceiling is one above the default: a websocket client never sends the page's "visitor
    left" beacon, so the lone visitor measured first keeps its kernel through the burst."""
    default_ceiling = json.loads((PAGES_DIR / "voila.json").read_text())["CappedKernelManager"]["max_kernels"]
    with running_carers("--max-kernels", str(default_ceiling + 1), pages=pages, log_dir=tmp_path) as server:
        time.sleep(REFILL_PAUSE * 2)
        report("HTTP + kernel websocket clients (no browser), ceiling + 1", *websocket_visits(server))
