"""``mfc carers`` as the public meets it, over HTTP and the kernel websocket (no browser needed).

Security: no notebook source, ``.ipynb`` file, directory listing, contents API or Python
traceback is served; a client that opens a page's kernel websocket and sends ``execute_request``
gets no code run (Voila passes on only comm and kernel-info messages; we prove it holds for our
set-up, in both of Jupyter's websocket protocols). Capacity: past the kernel ceiling a visitor
gets a plain "busy" page, and a visitor who leaves frees their slot at once.
"""

from __future__ import annotations

import http.cookiejar
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
from browser.carers_client import (
    REPLY_TIMEOUT,
    V1_PROTOCOL,
    NoRedirect,
    encode,
    fetch,
    kernel_id_in,
    kernel_message,
    kernel_socket_url,
    reply_to,
)
from browser.carers_server import page_url, running_carers
from jupyter_client.manager import start_new_kernel
from websockets.sync.client import connect

from carers.kernel_cap import BUSY_MESSAGE
from carers.server import LANDING_PAGE, PAGES_DIR

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(p.name for p in PAGES_DIR.glob("*.ipynb"))


@pytest.fixture(scope="module")
def carers():
    with running_carers(log_dir=ROOT / "test-output" / "carers-server-http") as server:
        yield server


def code_sources(name: str) -> list[str]:
    nb = nbformat.read(PAGES_DIR / name, as_version=4)
    return [line for c in nb.cells if c.cell_type == "code" for line in c.source.splitlines() if line.strip()]


@pytest.mark.parametrize("path", ["", "voila/tree", "voila/tree/", "voila/tree/anything"])
def test_folder_views_send_visitors_to_the_landing_page(carers, path):
    status, headers, body = fetch(carers.url(path))
    assert status in (301, 302) and headers["Location"].endswith(f"/voila/render/{LANDING_PAGE}")
    assert ".ipynb</" not in body


@pytest.mark.parametrize("name", PAGES)
def test_pages_render_without_their_code(carers, name):
    status, _, body = fetch(page_url(carers, name))
    assert status == 200
    assert "Traceback" not in body
    for line in code_sources(name):
        assert line not in body, f"{name} shows its source: {line!r}"


@pytest.mark.parametrize("path", [
    *(f"voila/files/{name}" for name in PAGES),
    "voila/files/voila.json",
    "voila/api/contents", f"voila/api/contents/{LANDING_PAGE}",
    "api/contents", f"api/contents/{LANDING_PAGE}", "api/kernels", "api/sessions", "api/kernelspecs",
    "voila/render/../../pyproject.toml", "voila/files/../../pyproject.toml", "voila/render/..%2F..%2Fpyproject.toml",
])
def test_no_source_listing_or_api_is_served(carers, path):
    # Redirects are followed: Voila sends a path that is not a notebook on to where files live.
    status, _, body = fetch(carers.url(path), opener=urllib.request.build_opener())
    assert status in (403, 404), f"/{path} answered {status}"
    assert '"cells"' not in body and "[build-system]" not in body


def test_a_missing_page_is_a_plain_404(carers):
    status, _, body = fetch(page_url(carers, "no-such-page.ipynb"))
    assert status == 404 and "Traceback" not in body


def test_no_kernel_can_be_started_through_the_api(carers):
    status, _, _ = fetch(carers.url("api/kernels"), method="POST", data=b"{}")
    assert status in (403, 404, 405)


def test_a_failing_page_shows_no_traceback(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell("# A page that breaks"),
                nbformat.v4.new_code_cell('raise ValueError("internal-detail-7f3a")')]
    nbformat.write(nb, pages / LANDING_PAGE)
    with running_carers(pages=pages, log_dir=tmp_path) as server:
        status, _, body = fetch(page_url(server))
        log = server.log_path.read_text()
    assert status == 200 and "A page that breaks" in body
    assert "Traceback" not in body and "internal-detail-7f3a" not in body and "ValueError" not in body
    assert "internal-detail-7f3a" in log, "the error should reach the server's log, for whoever runs it"


# -- the kernel websocket


def payload(marker: Path) -> str:
    return f"open({str(marker)!r}, 'w').write('code ran')"


def test_the_payload_does_run_in_an_ordinary_kernel(tmp_path):
    """The control: the code the next test sends is real, working code when a kernel gets it."""
    marker = tmp_path / "ran-here"
    manager, client = start_new_kernel(kernel_name="python3")
    try:
        client.execute_interactive(payload(marker), timeout=REPLY_TIMEOUT)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    assert marker.exists()


@pytest.mark.parametrize("protocol", [None, V1_PROTOCOL], ids=["json", "v1-binary"])
def test_the_kernel_websocket_runs_no_code(carers, tmp_path, protocol):
    status, _, body = fetch(page_url(carers, "not-where-they-should-be.ipynb"))
    assert status == 200
    marker = tmp_path / "should-not-exist"
    url = kernel_socket_url(carers, kernel_id_in(body))
    with connect(url, subprotocols=[protocol] if protocol else None, open_timeout=REPLY_TIMEOUT) as socket:
        execute = kernel_message("execute_request", {"code": payload(marker), "silent": False, "store_history": False,
                                              "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        info = kernel_message("kernel_info_request", {})
        socket.send(encode(execute, protocol))
        socket.send(encode(info, protocol))
        # The shell channel is first in, first out: once kernel_info is answered, an execute
        # request sent before it would have run.
        assert reply_to(socket, info["header"]["msg_id"], protocol) == {"msg_type": "kernel_info_reply"}
        assert reply_to(socket, execute["header"]["msg_id"], protocol) is None
    assert not marker.exists()
    # The server logs the refusal as it happens; on a busy machine that can be after the reply above.
    wait_for_log(carers, 'Received message of type "execute_request", which is not allowed', timeout=30)


# -- the kernel ceiling


def one_page_folder(tmp_path: Path) -> Path:
    pages = tmp_path / "pages"
    pages.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell("# One page"), nbformat.v4.new_code_cell("1 + 1")]
    nbformat.write(nb, pages / LANDING_PAGE)
    return pages


def fetch_until(url: str, status: int, timeout: float = 60.0) -> tuple[int, dict, str]:
    """Ask for ``url`` until the answer has ``status`` (each answer before it has started a kernel)."""
    deadline = time.monotonic() + timeout
    while True:
        answer = fetch(url)
        if answer[0] == status or time.monotonic() > deadline:
            return answer
        time.sleep(0.5)


def test_past_the_ceiling_a_visitor_is_told_to_try_again_and_a_leaver_frees_a_slot(tmp_path):
    # Two kernels: the page's warm spare and one visitor. The first visitor takes the spare and
    # Voila warms another, so the ceiling is full and the second visitor is turned away. (If the
    # second arrives before Voila has asked for that spare, they get the free slot instead, and the
    # next visitor is turned away: hence asking until the ceiling is reached, and after the leaver
    # until a slot is free again, which takes a kernel start when a waiting spare took it first.)
    with running_carers("--max-kernels", "2", pages=one_page_folder(tmp_path), log_dir=tmp_path) as server:
        cookies = http.cookiejar.CookieJar()
        first = urllib.request.build_opener(NoRedirect, urllib.request.HTTPCookieProcessor(cookies))
        status, _, body = fetch(page_url(server), opener=first)
        assert status == 200
        kernel_id = kernel_id_in(body)

        status, headers, body = fetch_until(page_url(server), 503)
        assert status == 503 and headers["Retry-After"] == "120"
        assert BUSY_MESSAGE in body and "<h1>Please try again soon</h1>" in body and "Traceback" not in body
        assert '<meta name="viewport"' in body
        log = server.log_path.read_text()  # for whoever runs the server, not the visitor's words
        assert "every kernel slot is taken" in log and BUSY_MESSAGE not in log

        # What the page does when its visitor leaves: post the shutdown with the _xsrf cookie.
        xsrf = next(c.value for c in cookies if c.name == "_xsrf")
        form = urllib.parse.urlencode({"_xsrf": xsrf}).encode()
        status, _, _ = fetch(server.url(f"voila/api/shutdown/{kernel_id}"), method="POST", data=form, opener=first)
        assert status in (200, 204)

        status, _, body = fetch_until(page_url(server), 200)
        assert status == 200 and "One page" in body


def test_visitors_arriving_together_do_not_queue_for_one_warm_kernel(tmp_path):
    """Only a ready spare is handed out; the others start their own kernels at once, side by side."""
    # --verbose: the pool's notes are in the full log only
    with running_carers("--verbose", pages=one_page_folder(tmp_path), log_dir=tmp_path) as server:
        wait_for_log(server, "Kernel pool of index.ipynb is filled")
        with ThreadPoolExecutor(3) as pool:
            statuses = list(pool.map(lambda _: fetch(page_url(server))[0], range(3)))
        log = server.log_path.read_text()
    assert statuses == [200, 200, 200]
    assert log.count("Using pre-heated kernel") == 1


def wait_for_log(server, text: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while text not in server.log_path.read_text():
        assert time.monotonic() < deadline, f"the server never logged {text!r}"
        time.sleep(0.2)
