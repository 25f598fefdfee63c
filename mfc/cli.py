"""Entry point of the ``mfc`` console script.

Bad input must end in one readable line and a non-zero exit, never a traceback: subcommands
raise :class:`UsageError` (or the library's ScenarioError) and this module prints it.
"""

from __future__ import annotations

import argparse
import sys
from importlib import import_module

from scenarios.errors import ScenarioError

# Each name is a module in mfc.commands; the order is the order of `mfc --help`.
COMMANDS = ["check", "score", "report", "simulate", "assess", "coverage", "carers"]


class UsageError(Exception):
    """A mistake in what the user asked for; its message is shown as one line."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mfc", description="Missing from care: training course, case library and simulation tools."
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        import_module(f"mfc.commands.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except ScenarioError as exc:
        print(f"mfc {args.command}: {exc}", file=sys.stderr)
        return 1
    except (UsageError, KeyError, FileNotFoundError) as exc:
        message = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        print(f"mfc {args.command}: {message}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    # Under `python -m mfc.cli` this file runs as __main__, while commands raise mfc.cli.UsageError:
    # run the imported module's main so that it is the class caught.
    from mfc.cli import main as imported_main

    sys.exit(imported_main())
