"""What the commands that run a server for people share: the check that the address is free, and
the banner that tells whoever started it where the pages are.

The servers log quietly by default (see ``carers.server.serve``), so the banner is what the person
running them reads; ``--verbose`` brings back the server's full log.
"""

from __future__ import annotations

import errno
import socket

from mfc.errors import UsageError

RULE = "-" * 64


def check_can_listen(ip: str, port: int) -> None:
    """Fail with one clear line now, rather than with Voila's log after it has set everything up."""
    try:
        family = socket.AF_INET6 if ":" in ip else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((ip, port))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(f"port {port} is already in use; choose another with --port") from None
        raise UsageError(f"cannot listen on {ip}:{port}: {exc.strerror or exc}") from None


def banner(what: str, url: str, *notes: str) -> str:
    """A few lines set apart from any log: what is served, its address on a line of its own, notes."""
    lines = [RULE, f"{what} at:", "", f"    {url}", "", *notes,
             "Ctrl-C stops the server. Add --verbose to see its full log.", RULE]
    return "\n".join(lines)


def add_verbose(parser) -> None:
    """The ``--verbose`` option of a command that runs pages with Voila."""
    parser.add_argument("--verbose", action="store_true",
                        help="show the server's full log (kernels, requests, notices); by default only problems")
