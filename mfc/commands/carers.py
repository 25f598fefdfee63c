"""``mfc carers``: serve the foster carers' pages with Voila until stopped (Ctrl-C).

The settings that make the pages safe to put in front of the public are in
``course/carers/voila.json`` and ``carers.server``; this command only chooses where to listen,
and lets the person running it lower or raise the kernel ceiling for their machine.
"""

from __future__ import annotations

import argparse

from mfc.argtypes import existing_folder, port_number, positive_int
from mfc.errors import UsageError
from mfc.serving import add_verbose, banner, check_can_listen

DEFAULT_PORT = 8866


def run(args: argparse.Namespace) -> int:
    from carers.server import LANDING_PAGE, PAGES_DIR, serve

    pages = args.pages or PAGES_DIR
    if not (pages / LANDING_PAGE).is_file():
        raise UsageError(f"no {LANDING_PAGE} in {pages}: that is not a folder of carers' pages")
    check_can_listen(args.ip, args.port)
    print(banner("The foster carers' pages are served", f"http://{args.ip}:{args.port}/"), flush=True)
    serve(port=args.port, ip=args.ip, max_kernels=args.max_kernels, pages=args.pages, preheat=not args.no_preheat,
          verbose=args.verbose)
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("carers", help="serve the foster carers' pages (Voila, no code shown)")
    parser.add_argument("--port", type=port_number, default=DEFAULT_PORT,
                        help=f"port to listen on (default {DEFAULT_PORT})")
    parser.add_argument("--ip", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1; put a web server with HTTPS in front)")
    parser.add_argument("--max-kernels", type=positive_int, default=None,
                        help="most kernels at once, warm spares included (default: course/carers/voila.json)")
    parser.add_argument("--no-preheat", action="store_true",
                        help="keep no warm kernel per page: less memory, slower first view of each page")
    parser.add_argument("--pages", type=existing_folder, default=None,
                        help="serve another folder of pages with the same settings (default: course/carers)")
    add_verbose(parser)
    parser.set_defaults(run=run)
