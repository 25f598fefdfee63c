"""The browser fixtures keep their promises, since every other browser test leans on them:
pages stay offline, errors are caught, phone layouts and accessibility are really checked,
servers stop, and a failing notebook cell is reported rather than waited on forever."""

from __future__ import annotations

import functools
import http.server
import socket
import threading

import nbformat
import pytest
from playwright.sync_api import Error as PlaywrightError

from . import servers
from .machine import missing
from .notebook_ui import lab_cell_errors, open_lab_notebook, run_all_cells
from .pages import assert_no_horizontal_scroll
from .servers import ServerError, answers_http, running_jupyter_lab, running_voila

PHONE_PAGE = '<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width">' \
             '<title>t</title></head><body>{}</body></html>'


@pytest.fixture
def local_site(tmp_path):
    """A plain static web server on the loopback address, for pages that are not Jupyter's."""
    (tmp_path / "hello.txt").write_text("hello from this machine")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_requests_that_leave_the_machine_are_blocked_and_listed(page, page_log, local_site):
    page.goto(local_site + "hello.txt")
    fetched = page.evaluate("""async () => {
        const local = await (await fetch('/hello.txt')).text();
        const outside = await fetch('http://example.org/data.json').then(() => 'reached', () => 'blocked');
        const socket = await new Promise(done => {
            const ws = new WebSocket('ws://example.org/socket');
            ws.onclose = () => done('closed'); ws.onerror = () => done('error');
        });
        return {local, outside, socket};
    }""")
    assert fetched["local"] == "hello from this machine"
    assert fetched["outside"] == "blocked"
    assert fetched["socket"] in ("closed", "error")
    with pytest.raises(PlaywrightError, match="ERR_BLOCKED_BY_CLIENT"):
        page.goto("https://example.org/")
    assert page_log.blocked == ["http://example.org/data.json", "ws://example.org/socket", "https://example.org/"]


def test_console_errors_and_uncaught_exceptions_are_logged(page, page_log):
    with page.context.expect_event("weberror"):
        page.set_content("<script>console.error('marker-one'); setTimeout(() => { throw new Error('marker-two'); });"
                         "</script>")
    assert any("marker-one" in e for e in page_log.errors)
    assert any(e.startswith("uncaught:") and "marker-two" in e for e in page_log.errors)
    assert page_log.unexpected_errors("marker-") == []


def test_mobile_page_is_375_px_and_sideways_scroll_is_caught(mobile_page, local_site, tmp_path):
    assert mobile_page.viewport_size["width"] == 375
    mobile_page.set_content(PHONE_PAGE.format("<p>Short text wraps on a phone.</p>"))
    assert_no_horizontal_scroll(mobile_page)
    mobile_page.set_content(PHONE_PAGE.format('<div id="wide" style="width: 600px">too wide</div>'))
    with pytest.raises(AssertionError, match="div#wide"):
        assert_no_horizontal_scroll(mobile_page)
    # Without a viewport tag a phone lays the page out 980 px wide: unreadable, so it counts as overflowing.
    (tmp_path / "no-viewport.html").write_text("<p>No viewport tag.</p>")
    mobile_page.goto(local_site + "no-viewport.html")
    with pytest.raises(AssertionError, match="98[01] px wide"):
        assert_no_horizontal_scroll(mobile_page)


def test_axe_reports_serious_violations_only(page, axe):
    page.set_content(PHONE_PAGE.format("<main><h1>Fine</h1><p>Plain text.</p></main>"))
    assert axe(page) == []
    page.set_content(PHONE_PAGE.format('<main><h1>Photo</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
                                       "</main>"))
    violations = axe(page)
    assert [v["id"] for v in violations] == ["image-alt"]
    assert violations[0]["impact"] == "critical" and violations[0]["nodes"][0]["target"] == ["img"]


def test_server_answers_inside_the_block_and_is_gone_after(course_copy):
    with running_voila(course_copy / "course") as server:
        assert answers_http(server.base_url)
    assert not answers_http(server.base_url)


def test_a_server_that_cannot_start_raises_with_its_log(tmp_path):
    with pytest.raises(ServerError, match="exited with code .* before answering:(.|\n)*not-a-port"):
        with running_jupyter_lab(tmp_path, "--ServerApp.port=not-a-port"):
            pass


def answer_like_a_kernel_socket(listener: socket.socket) -> None:
    """Answer every connection with a ZeroMQ greeting's first bytes, as a kernel's port would."""
    while True:
        try:
            connection, _ = listener.accept()
        except OSError:
            return
        with connection:
            connection.sendall(b"\xff\x00\x00\x00\x00\x00\x00\x00\x01\x7f")


def test_a_port_another_process_takes_first_is_given_up_for_a_fresh_one(tmp_path, monkeypatch):
    """With tests in parallel, a kernel can take the free port before the server binds it: the
    server must start on another port, not wait on (or talk to) the process that took it."""
    page = tmp_path / "page.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), page)
    real_free_port, handed_out = servers.free_port, []

    with socket.create_server(("127.0.0.1", 0)) as squatter:
        threading.Thread(target=answer_like_a_kernel_socket, args=(squatter,), daemon=True).start()
        taken = squatter.getsockname()[1]

        def taken_port_first() -> int:
            handed_out.append(taken if not handed_out else real_free_port())
            return handed_out[-1]

        monkeypatch.setattr(servers, "free_port", taken_port_first)
        with running_voila(page) as server:
            assert server.base_url == f"http://127.0.0.1:{handed_out[-1]}/"
            assert answers_http(server.base_url)
    assert len(handed_out) == 2 and handed_out[0] == taken


def test_run_all_cells_reports_a_failing_cell(page, jupyter_lab, tmp_path):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("raise ValueError('deliberate failure')")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, tmp_path / "broken.ipynb")
    open_lab_notebook(page, jupyter_lab(tmp_path), "broken.ipynb")
    with pytest.raises(AssertionError, match="ValueError: deliberate failure"):
        run_all_cells(page)
    assert lab_cell_errors(page) == ["ValueError: deliberate failure"]


def test_a_missing_tool_fails_in_ci_and_skips_elsewhere(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="chromium is missing: apt-get install chromium"):
        missing("chromium", "apt-get install chromium")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="chromium is missing"):
        missing("chromium", "apt-get install chromium")
