"""Entry point of the ``mfc`` console script.

Bad input must end in one readable line and a non-zero exit, never a traceback: subcommands
raise :class:`mfc.errors.UsageError`, the library's ScenarioError or
UnknownIdError (an id it does not hold) and this module prints it. A file or folder named on the
command line that is not there is refused while the arguments are parsed (``mfc.argtypes``), so
every command exits 2 for it with the same kind of line. A reader that stops reading early
(``bin/mfc check --json | head``) ends the command quietly.
"""

from __future__ import annotations

import argparse
import os
import sys
from importlib import import_module

from mfc.errors import UsageError
from scenarios.errors import ScenarioError, UnknownIdError

# Each name is a module in mfc.commands; the order is the order of `mfc --help`.
COMMANDS = ["check", "score", "report", "simulate", "assess", "coverage", "carers", "course", "completion",
            "workshop"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mfc", description="Missing from care: training course, case library and simulation tools."
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        import_module(f"mfc.commands.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        args = build_parser().parse_args(argv)
    except UsageError as exc:  # an argument's type refused it (a missing file): no command has started
        print(f"mfc {_command_named(argv)}: {exc}", file=sys.stderr)
        return 2
    try:
        return int(args.run(args) or 0)
    except ScenarioError as exc:
        print(f"mfc {args.command}: {exc}", file=sys.stderr)
        return 1
    except (UsageError, UnknownIdError, FileNotFoundError) as exc:
        print(f"mfc {args.command}: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # Nobody reads the rest of the output. Point stdout at /dev/null so the interpreter's last
        # flush does not fail again, and exit 1 as Python does on a broken pipe.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _command_named(argv: list[str]) -> str:
    """The subcommand in ``argv`` (``workshop exercise``), for a message that names it as usual."""
    return next((word for word in argv if word in COMMANDS), "")


if __name__ == "__main__":
    sys.exit(main())
