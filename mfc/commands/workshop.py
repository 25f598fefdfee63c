"""``mfc workshop ...``: the live workshop. Each action is a sub-subcommand of its own module."""

from __future__ import annotations

from mfc.commands import workshop_exercise


def register(subparsers) -> None:
    parser = subparsers.add_parser("workshop", help="the live workshop: the multi-agency exercise")
    actions = parser.add_subparsers(dest="workshop_command", required=True, metavar="ACTION")
    workshop_exercise.register(actions)
