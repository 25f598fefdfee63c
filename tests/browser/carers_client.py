"""Talking to ``mfc carers`` the way a visitor's page does, without a browser: plain HTTP, and
Jupyter's kernel websocket in its JSON and binary (v1) protocols. Used by the security tests and
by the benchmark's websocket clients."""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request
import uuid

from jupyter_server.services.kernels.connection.base import serialize_msg_to_ws_v1

from .servers import RunningServer

KERNEL_ID = re.compile(r'"kernelId": "([0-9a-f-]{36})"')
REPLY_TIMEOUT = 30.0
V1_PROTOCOL = "v1.kernel.websocket.jupyter.org"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, *, method: str = "GET", data: bytes | None = None, opener=None) -> tuple[int, dict, str]:
    """Status, headers and body of one request; redirects are reported, not followed."""
    opener = opener or urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, data=data, method=method)
    try:
        with opener.open(request, timeout=120) as response:
            return response.status, dict(response.headers), response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode(errors="replace")


def kernel_id_in(page_html: str) -> str:
    """The id of the kernel Voila started for this page view (it is in the page's config)."""
    return KERNEL_ID.search(page_html).group(1)


def kernel_socket_url(server: RunningServer, kernel_id: str) -> str:
    return server.url(f"api/kernels/{kernel_id}/channels?session_id={uuid.uuid4().hex}").replace("http", "ws", 1)


def kernel_message(msg_type: str, content: dict) -> dict:
    header = {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "visitor", "session": uuid.uuid4().hex,
              "date": "2026-01-01T00:00:00Z", "version": "5.3"}
    return {"header": header, "parent_header": {}, "metadata": {}, "content": content, "buffers": [],
            "channel": "shell"}


def encode(msg: dict, protocol: str | None):
    """The message as a browser would send it: JSON text, or the binary v1 protocol."""
    if protocol is None:
        return json.dumps(msg)
    parts = [json.dumps(msg[key]).encode() for key in ("header", "parent_header", "metadata", "content")]
    return serialize_msg_to_ws_v1(parts, msg["channel"])


def reply_to(socket, msg_id: str, protocol: str | None, timeout: float = REPLY_TIMEOUT) -> dict | None:
    """Wait for the kernel's reply to ``msg_id``; None if it never comes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            raw = socket.recv(timeout=max(0.1, deadline - time.monotonic()))
        except TimeoutError:
            return None
        if isinstance(raw, bytes):  # v1: offsets, then channel, header, parent header, ...
            count = int.from_bytes(raw[:8], "little")
            offsets = [int.from_bytes(raw[8 * (i + 1):8 * (i + 2)], "little") for i in range(count)]
            parent = json.loads(raw[offsets[2]:offsets[3]])
            msg_type = json.loads(raw[offsets[1]:offsets[2]])["msg_type"]
        else:
            decoded = json.loads(raw)
            parent, msg_type = decoded["parent_header"], decoded["header"]["msg_type"]
        if parent.get("msg_id") == msg_id and msg_type.endswith("_reply"):
            return {"msg_type": msg_type}
    return None


def kernel_replies(server: RunningServer, page_html: str) -> bool:
    """Open the kernel websocket of a page view, as its widgets do, and ask for kernel info:
    True once the kernel replies."""
    from websockets.sync.client import connect

    with connect(kernel_socket_url(server, kernel_id_in(page_html)), open_timeout=REPLY_TIMEOUT) as socket:
        asked = kernel_message("kernel_info_request", {})
        socket.send(encode(asked, None))
        return reply_to(socket, asked["header"]["msg_id"], None) is not None
