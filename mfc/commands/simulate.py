"""``mfc simulate``: run the missing-episode model from the command line.

``--json`` and ``--list --json`` print objects that other tools read; their shapes are
documented in README.md under "mfc simulate". Keep keys stable; add, never rename.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

from mfc.errors import UsageError
from simulations.analysis import summarise, summary_json
from simulations.calibration import CALIBRATION_CSV, write_calibration_table
from simulations.errors import ParameterError
from simulations.parameters import PARAMETER_NAMES, describe, is_assumed, kind_of, parse_assignment, source_of
from simulations.presets import PRESETS, preset_params
from simulations.runner import default_workers, run_replications

PARALLEL_FROM_REPS = 2000  # below this, starting worker processes costs more than it saves
NOTE = "A teaching model: its numbers illustrate how delays matter; they do not predict what happens to a child."


def _json_number(value: float) -> float | None:
    """JSON has no infinity; a delay of 'never' is written as null."""
    return value if math.isfinite(value) else None


def list_json() -> dict:
    defaults = preset_params("practice-2016")
    return {
        "presets": [{"name": p.name, "description": p.description} for p in PRESETS.values()],
        "parameters": [
            {"name": name, "unit": kind_of(name).unit, "default": _json_number(getattr(defaults, name)),
             "source": source_of(name), "assumed": is_assumed(name), "meaning": describe(name)}
            for name in PARAMETER_NAMES
        ],
    }


def list_text() -> str:
    lines = ["presets:"]
    lines += [f"  {p.name:<14} {p.description}" for p in PRESETS.values()]
    lines += ["", "parameters (defaults are the practice-2016 preset; * marks an assumed value):"]
    defaults = preset_params("practice-2016")
    for name in PARAMETER_NAMES:
        value = getattr(defaults, name)
        shown = "never" if math.isinf(value) else f"{value:g}"
        mark = "*" if is_assumed(name) else " "
        lines.append(f" {mark}{name:<33} {shown:>8} {kind_of(name).unit:<12} {source_of(name)}")
    return "\n".join(lines)


def summary_text(preset: str, reps: int, seed: int, frame) -> str:
    table = summarise(frame)
    lines = [f"{preset}: {reps} replications, seed {seed}", NOTE, ""]
    for measure, row in table.iterrows():
        hours = measure.startswith(("hours", "median"))

        def fmt(value: float, hours: bool = hours) -> str:
            if math.isnan(value):
                return "-"
            if math.isinf(value):
                return "beyond horizon"
            return f"{value:,.0f} h" if hours else f"{100 * value:.1f}%"

        lines.append(f"  {row['label']:<70} {fmt(row['estimate']):>15}  "
                     f"(95% CI {fmt(row['ci_low'])} to {fmt(row['ci_high'])})")
    return "\n".join(lines)


def _write_csv(frame, path: Path) -> None:
    try:
        frame.to_csv(path, index=False)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


def run(args: argparse.Namespace) -> int:
    if args.list:
        print(json.dumps(list_json(), indent=2) if args.json else list_text())
        return 0
    if args.calibrate:
        table = write_calibration_table(workers=default_workers())
        print(table[["target", "reference", "low", "high", "model_value", "within"]].to_string(index=False))
        print(f"wrote {CALIBRATION_CSV}")
        return 0 if table["within"].all() else 1
    try:
        changes = dict(parse_assignment(text) for text in args.set)
        params = preset_params(args.preset, **changes)
        workers = args.workers or (default_workers() if args.reps >= PARALLEL_FROM_REPS else 1)
        frame = run_replications(params, args.reps, args.seed, workers)
    except ParameterError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        print(json.dumps({"preset": args.preset, "reps": args.reps, "seed": args.seed,
                          "set": {name: _json_number(value) for name, value in changes.items()},
                          "summary": summary_json(frame)}, indent=2))
    elif args.csv:
        _write_csv(frame, args.csv)
        print(f"wrote {len(frame)} replications to {args.csv}")
    else:
        print(summary_text(args.preset, args.reps, args.seed, frame))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("simulate", help="run the missing-episode simulation (a teaching model)")
    parser.add_argument("--preset", default="practice-2016", help="starting point (see --list)")
    parser.add_argument("--set", action="append", default=[], metavar="PARAM=VALUE",
                        help="change one parameter, e.g. --set carer_checks_h=2 (inf or never for a delay "
                             "that never ends); repeat for more")
    parser.add_argument("--reps", type=int, default=1000, help="replications (default 1000)")
    parser.add_argument("--seed", type=int, default=2016, help="random seed (default 2016)")
    parser.add_argument("--workers", type=int, default=0,
                        help=f"processes to use (default: all cores from {PARALLEL_FROM_REPS} replications)")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print a JSON summary (see README)")
    output.add_argument("--csv", type=Path, metavar="FILE", help="write one row per replication to FILE")
    parser.add_argument("--list", action="store_true", help="list presets and parameters")
    parser.add_argument("--calibrate", action="store_true",
                        help="rerun the calibration against Heading back to harm and rewrite calibration.csv")
    parser.set_defaults(run=run)
