"""``mfc course init DIR``: put a fresh copy of the course in a person's own folder.

For hubs, where the course is installed read-only and each person needs pages of their own to
answer in (deploy/README.md runs it as every server starts). Safe to repeat: pages the person
changed and their answers are never overwritten (see :mod:`course_files.personal_copy`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from mfc.errors import UsageError


def run_init(args: argparse.Namespace) -> int:
    from course_files.personal_copy import copy_course

    target: Path = args.directory
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} is a file, not a folder")
    try:
        report = copy_course(target)
    except OSError as exc:
        raise UsageError(f"cannot write the course into {target}: {exc.strerror or exc}") from None
    print(f"course ready in {target}: {len(report.copied)} page(s) copied, {len(report.updated)} updated, "
          f"{len(report.unchanged)} already up to date")
    if report.kept:
        print(f"kept as you left them (delete one and run this again for the newer version): "
              f"{', '.join(report.kept)}")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("course", help="copy the course into your own folder (hubs)",
                                   description=__doc__.splitlines()[0])
    steps = parser.add_subparsers(dest="step_name", required=True, metavar="STEP")
    init = steps.add_parser("init", help="copy a fresh course into DIR, keeping pages you changed and your answers")
    init.add_argument("directory", type=Path)
    init.set_defaults(run=run_init)
