"""``mfc simulate``: run the missing-episode model from the command line.

``--json`` and ``--list --json`` print objects that other tools read; their shapes are
documented in README.md under "mfc simulate". Keep keys stable; add, never rename.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from mfc.errors import UsageError
from simulations.analysis import summarise, summary_json
from simulations.calibration import CALIBRATION_CSV, write_calibration_table
from simulations.cluster import dask_client
from simulations.errors import ParameterError
from simulations.parameters import PARAMETER_NAMES, describe, is_assumed, kind_of, parse_assignment, source_of
from simulations.presets import PRESETS, preset_params
from simulations.runner import default_workers, run_replications
from simulations.sensitivity import (
    DEFAULT_FACTORS,
    FACTORS,
    OUTCOMES,
    TEACHING_NOTE,
    check_request,
    run_sensitivity,
)

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


def _progress_bar(total_label: str):
    """A progress bar on stderr (stdout may be JSON): returns the callback and the bar to close."""
    from tqdm import tqdm

    bar = tqdm(total=None, desc=total_label, unit=" sets", file=sys.stderr, leave=False, dynamic_ncols=True)

    def update(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    return update, bar


def run_sensitivity_command(args: argparse.Namespace) -> int:
    """``--sensitivity``: Sobol (or Morris) indices of the outcomes over the delay and record parameters."""
    names = tuple(name.strip() for name in args.params.split(",")) if args.params else DEFAULT_FACTORS
    method = "morris" if args.morris else "sobol"
    samples = args.samples or (64 if method == "sobol" else 16)
    reps = 20 if args.reps is None else args.reps
    check_request(method, args.preset, names, samples, reps, args.seed)
    if args.csv:
        _check_writable(args.csv)
    with dask_client(args.scheduler, args.workers or None) as client:
        update, bar = _progress_bar("parameter sets")
        try:
            result = run_sensitivity(method, args.preset, names, samples, reps, args.seed, client, update)
        finally:
            bar.close()
    if args.json:
        print(json.dumps(result.to_json(), indent=2))
    elif args.csv:
        _write_csv(result.long_table(), args.csv)
        print(f"wrote {len(result.long_table())} rows of {method} indices to {args.csv}")
    else:
        print(sensitivity_text(result))
    return 0


def sensitivity_text(result) -> str:
    key = result.ranking_key
    lines = [f"{result.method} sensitivity of {result.preset}: {result.samples} samples x {result.reps} replications "
             f"({result.episodes:,} episodes, {result.seconds:.0f} s)", TEACHING_NOTE]
    for outcome, words in OUTCOMES.items():
        lines += ["", f"{words} (ranked by {key}, 95% interval):"]
        for name, row in result.ranked(outcome).iterrows():
            lines.append(f"  {name:<33} {row[key]:6.3f} +/- {row[key + '_conf']:.3f}   {FACTORS[name].plain}")
    return "\n".join(lines)


def _check_writable(path: Path) -> None:
    if not path.parent.is_dir():
        raise UsageError(f"cannot write {path}: no folder {path.parent}")


def run(args: argparse.Namespace) -> int:
    analysis_only = [flag for flag, given in (("--morris", args.morris), ("--params", args.params),
                                              ("--samples", args.samples), ("--scheduler", args.scheduler)) if given]
    if analysis_only and not args.sensitivity:
        raise UsageError(f"{analysis_only[0]} needs --sensitivity")
    if args.sensitivity and (args.set or args.list or args.calibrate):
        raise UsageError("--sensitivity cannot be combined with --set, --list or --calibrate")
    if args.sensitivity:
        try:
            return run_sensitivity_command(args)
        except ParameterError as exc:
            raise UsageError(str(exc)) from None
    if args.list:
        print(json.dumps(list_json(), indent=2) if args.json else list_text())
        return 0
    if args.calibrate:
        table = write_calibration_table(workers=default_workers())
        print(table[["target", "reference", "low", "high", "model_value", "within"]].to_string(index=False))
        print(f"wrote {CALIBRATION_CSV}")
        return 0 if table["within"].all() else 1
    reps = 1000 if args.reps is None else args.reps
    try:
        changes = dict(parse_assignment(text) for text in args.set)
        params = preset_params(args.preset, **changes)
        workers = args.workers or (default_workers() if reps >= PARALLEL_FROM_REPS else 1)
        frame = run_replications(params, reps, args.seed, workers)
    except ParameterError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        print(json.dumps({"preset": args.preset, "reps": reps, "seed": args.seed,
                          "set": {name: _json_number(value) for name, value in changes.items()},
                          "summary": summary_json(frame)}, indent=2))
    elif args.csv:
        _write_csv(frame, args.csv)
        print(f"wrote {len(frame)} replications to {args.csv}")
    else:
        print(summary_text(args.preset, reps, args.seed, frame))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("simulate", help="run the missing-episode simulation (a teaching model)")
    parser.add_argument("--preset", default="practice-2016", help="starting point (see --list)")
    parser.add_argument("--set", action="append", default=[], metavar="PARAM=VALUE",
                        help="change one parameter, e.g. --set carer_checks_h=2 (inf or never for a delay "
                             "that never ends); repeat for more")
    parser.add_argument("--reps", type=int, default=None,
                        help="replications (default 1000; with --sensitivity, per parameter set, default 20)")
    parser.add_argument("--seed", type=int, default=2016, help="random seed (default 2016)")
    parser.add_argument("--workers", type=int, default=0,
                        help=f"processes to use (default: all cores from {PARALLEL_FROM_REPS} replications)")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print a JSON summary (see README)")
    output.add_argument("--csv", type=Path, metavar="FILE", help="write one row per replication to FILE")
    parser.add_argument("--list", action="store_true", help="list presets and parameters")
    parser.add_argument("--calibrate", action="store_true",
                        help="rerun the calibration against Heading back to harm and rewrite calibration.csv")
    analysis = parser.add_argument_group("which delay matters most (global sensitivity analysis on Dask)")
    analysis.add_argument("--sensitivity", action="store_true",
                          help="Sobol indices with 95%% intervals of never located, located within 7 days and "
                               "return home interview within 72 h, over the delay and record parameters")
    analysis.add_argument("--morris", action="store_true", help="with --sensitivity: Morris screening, cheaper")
    analysis.add_argument("--params", metavar="A,B,...", help="parameters to vary (default: every delay and "
                          "record with a documented range)")
    analysis.add_argument("--samples", type=int, default=0,
                          help="Sobol base samples, a power of two (default 64); Morris trajectories (default 16)")
    analysis.add_argument("--scheduler", metavar="ADDRESS",
                          help="a running Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: a local cluster on "
                               "every core; --workers sets how many)")
    parser.set_defaults(run=run)
