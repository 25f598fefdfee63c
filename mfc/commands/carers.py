"""``mfc carers``: serve the foster carers' pages with Voila until stopped (Ctrl-C).

The settings that make the pages safe to put in front of the public are in
``course/carers/voila.json`` and ``carers.server``; this command only chooses where to listen,
and lets the person running it lower or raise the kernel ceiling for their machine.
"""

from __future__ import annotations

import argparse
import errno
import socket
from pathlib import Path

from mfc.argtypes import positive_int
from mfc.errors import UsageError

DEFAULT_PORT = 8866


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"port must be a number, not {text!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port must be between 1 and 65535, not {port}")
    return port


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


def run(args: argparse.Namespace) -> int:
    from carers.server import LANDING_PAGE, PAGES_DIR, serve

    pages = args.pages or PAGES_DIR
    if not (pages / LANDING_PAGE).is_file():
        raise UsageError(f"no {LANDING_PAGE} in {pages}: that is not a folder of carers' pages")
    check_can_listen(args.ip, args.port)
    print(f"Serving the carers' pages at http://{args.ip}:{args.port}/ (Ctrl-C to stop)", flush=True)
    serve(port=args.port, ip=args.ip, max_kernels=args.max_kernels, pages=args.pages, preheat=not args.no_preheat)
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("carers", help="serve the foster carers' pages (Voila, no code shown)")
    parser.add_argument("--port", type=_port, default=DEFAULT_PORT, help=f"port to listen on (default {DEFAULT_PORT})")
    parser.add_argument("--ip", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1; put a web server with HTTPS in front)")
    parser.add_argument("--max-kernels", type=positive_int, default=None,
                        help="most kernels at once, warm spares included (default: course/carers/voila.json)")
    parser.add_argument("--no-preheat", action="store_true",
                        help="keep no warm kernel per page: less memory, slower first view of each page")
    parser.add_argument("--pages", type=Path, default=None,
                        help="serve another folder of pages with the same settings (default: course/carers)")
    parser.set_defaults(run=run)
