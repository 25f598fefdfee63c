"""``mfc workshop serve|demo|exercise``: the live workshop's service, a rehearsal of it, and the
multi-agency exercise's debrief from recorded choices (:mod:`mfc.commands.workshop_exercise`).

``serve`` runs the service until stopped (Ctrl-C). ``demo --trainees N`` drives a server (one it
starts on loopback with a scratch database, or ``--url``) with N made-up trainees through the
pages' own API and prints what was sent, what was stored, and how long acknowledgements took.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from mfc.argtypes import port_number, positive_int
from mfc.commands import workshop_exercise
from mfc.errors import UsageError
from mfc.serving import check_can_listen

DEFAULT_PORT = 8870


def serve(args: argparse.Namespace) -> int:
    from workshop.app import serve as run_service
    from workshop.db import DatabaseError, default_url
    from workshop.hub import service_address

    hub_ip, hub_port = service_address() or ("127.0.0.1", DEFAULT_PORT)
    port, ip = args.port or hub_port, args.ip or hub_ip
    check_can_listen(ip, port)
    export = args.export or Path.cwd() / "workshop-answers"

    def ready(bound: int) -> None:
        print(f"Workshop service at http://{ip}:{bound}/ (answers of closed rooms go to {export}; Ctrl-C stops it)",
              flush=True)

    try:
        run_service(args.db or default_url(), port, ip, export, ready=ready)
    except DatabaseError as exc:
        raise UsageError(str(exc)) from None
    return 0


def demo(args: argparse.Namespace) -> int:
    from workshop.client import ServiceError
    from workshop.demo import run_demo
    from workshop.process import running

    try:
        if args.url:
            result = run_demo(args.url, args.trainees)
        else:
            with tempfile.TemporaryDirectory(prefix="mfc-workshop-demo-") as scratch:
                with running(f"sqlite:///{scratch}/demo.sqlite", Path(scratch) / "answers") as url:
                    result = run_demo(url, args.trainees)
    except ServiceError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{result['trainees']} trainees sent {result['answers_sent']} answers; the room stored "
              f"{result['answers_stored']}, lost {result['lost']}. Acknowledged in {result['p50_ms']} ms "
              f"(median), {result['p95_ms']} ms (95th percentile).")
    return 1 if result["lost"] else 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("workshop", help="the live workshop: serve rooms, or rehearse one")
    commands = parser.add_subparsers(dest="workshop_command", required=True, metavar="WHAT")
    start = commands.add_parser("serve", help="run the workshop service until stopped")
    start.add_argument("--port", type=port_number, default=None, help=f"port to listen on (default {DEFAULT_PORT})")
    start.add_argument("--ip", default=None, help="address to listen on (default 127.0.0.1)")
    start.add_argument("--db", default=None,
                       help="database URL (default sqlite:///workshop.sqlite here; or postgresql://user@host/db)")
    start.add_argument("--export", type=Path, default=None,
                       help="folder for the answer files of closed rooms (default ./workshop-answers)")
    start.set_defaults(run=serve)
    rehearse = commands.add_parser("demo", help="drive a server with made-up trainees and report what it kept")
    rehearse.add_argument("--trainees", type=positive_int, default=20, help="how many made-up trainees (default 20)")
    rehearse.add_argument("--url", default=None, help="use this running server instead of starting one")
    rehearse.add_argument("--json", action="store_true", help="print the result as JSON")
    rehearse.set_defaults(run=demo)
    workshop_exercise.register(commands)
