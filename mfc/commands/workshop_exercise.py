"""``mfc workshop exercise FILE --choices CHOICES.json``: a room's debrief without the service.

For trainers (rerun the debrief of a recorded session, or try a set of choices before the day)
and for tests. ``--json`` prints the debrief object documented in README ("mfc workshop
exercise"); ``--plot FILE`` writes the curves as a PNG.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from exercises.debrief import DEFAULT_REPS, DEFAULT_SEED, debrief_json, run_debrief
from exercises.library import load_exercise
from exercises.plots import debrief_figure
from exercises.sharing import ChoiceError, parse_choices
from exercises.words import debrief_words
from mfc.argtypes import existing_file, positive_int
from mfc.errors import UsageError
from simulations.errors import ParameterError
from simulations.runner import default_workers

PARALLEL_FROM_REPS = 2000  # as for mfc simulate: below this, starting processes costs more than it saves


def _read_choices(path: Path):
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read choices file {path}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}") from None
    return parse_choices(data, str(path))


def _progress(done: int, total: int) -> None:
    print(f"\rsimulating: {done} of {total} runs", end="" if done < total else "\n", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    exercise = load_exercise(args.file)
    try:
        choices = _read_choices(args.choices)
        if choices.exercise != exercise.id:
            raise UsageError(f"{args.choices} records exercise {choices.exercise!r}, "
                             f"but {args.file} is {exercise.id!r}")
        workers = args.workers or (default_workers() if 3 * args.reps >= PARALLEL_FROM_REPS else 1)
        debrief = run_debrief(exercise, choices.shares, args.reps, args.seed, workers,
                              None if args.json else _progress)
    except (ChoiceError, ParameterError) as exc:
        raise UsageError(str(exc)) from None
    data = debrief_json(debrief)
    if args.plot:
        debrief_figure(data, exercise.child.name).savefig(args.plot, dpi=100, bbox_inches="tight")
    if args.json:
        print(json.dumps(data | {"words": debrief_words(debrief).text()}, indent=2, ensure_ascii=False))
    else:
        print(debrief_words(debrief).text())
        if args.plot:
            print(f"\nwrote the curves to {args.plot}")
    return 0


def register(subparsers) -> None:
    """Adds ``exercise`` under ``mfc workshop``."""
    parser = subparsers.add_parser("exercise", help="debrief a multi-agency exercise from recorded choices")
    parser.add_argument("file", type=existing_file,
                        help="the exercise (YAML), e.g. exercises/library/kim-who-knows-what.yaml")
    parser.add_argument("--choices", type=existing_file, required=True, metavar="CHOICES.json",
                        help="what the room shared, when, with whom (see README)")
    parser.add_argument("--reps", type=positive_int, default=DEFAULT_REPS,
                        help=f"runs of each setting (default {DEFAULT_REPS})")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument("--workers", type=int, default=0, help="processes to use (default: one below "
                                                                f"{PARALLEL_FROM_REPS} runs in all)")
    parser.add_argument("--plot", type=Path, metavar="FILE.png", help="write the curves to a PNG")
    parser.add_argument("--json", action="store_true", help="print the debrief as JSON (see README)")
    parser.set_defaults(run=run)
