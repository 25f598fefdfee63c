"""``mfc completion COHORT_DIR [--csv OUT] [--json]``: who has completed the course.

For the employer: one row per trainee (completed or not, the date, hours, modules done), read
from each trainee's answer folder below COHORT_DIR. Without --csv or --json it prints a short
table. Bad input (no such folder, no answer files, an output that cannot be written) is one line
and exit 2.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from mfc.argtypes import existing_folder
from mfc.commands.report import _check_writable, _write
from mfc.errors import UsageError


def run(args: argparse.Namespace) -> int:
    from grading.cohort.completion_table import cohort_completion, write_completion_csv
    from grading.course_answers import shipped_course
    from scenarios.library import shipped_library

    _check_writable(args.csv)
    rows = cohort_completion(args.cohort, shipped_course(), shipped_library())
    if not rows:
        raise UsageError(f"{args.cohort}: no answer files (*.answers.json) in it or below it")
    if args.csv is not None:
        _write(args.csv, lambda path: write_completion_csv(rows, path))
    if args.json:
        print(json.dumps({"trainees": [row.to_dict() for row in rows]}, indent=2))
    elif args.csv is None:
        for row in rows:
            state = f"completed {row.completed_on}" if row.completed_on else "not completed"
            print(f"{row.trainee}: {state}, {len(row.modules_done)} of {row.modules} modules, {row.hours:g} hours")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("completion", help="who in a cohort has completed the course (CSV or JSON)")
    parser.add_argument("cohort", type=existing_folder, metavar="COHORT_DIR",
                        help="folder of the trainees' answer folders")
    parser.add_argument("--csv", type=Path, default=None, metavar="OUT", help="write one row per trainee to OUT")
    parser.add_argument("--json", action="store_true", help="print the result as JSON (shape in README)")
    parser.set_defaults(run=run)
