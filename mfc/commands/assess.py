"""``mfc assess``: run the graded assessment with nbgrader, for a course lead.

The steps, in order (README.md, "The graded assessment"):
``init`` (optional: a course root outside the checkout), ``release``, then trainees fetch, answer
and submit in JupyterLab, then ``collect``, ``autograde [--workers N]``, ``feedback`` and
``export``. Each wraps nbgrader's Python API; ``autograde`` and ``feedback`` show a progress bar
on stderr and print a summary on stdout.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tqdm import tqdm

from grading.assessment.course import AssessmentError, Course, init_course
from grading.assessment.spec import ASSIGNMENT_ID
from mfc.argtypes import existing_folder, positive_int


def _bar(total: int, what: str, file=None) -> tqdm:
    return tqdm(total=total, desc=what, unit="trainee", file=file or sys.stderr, leave=False)


@contextmanager
def _kernels_quiet() -> Iterator:
    """Send the grading kernels' stderr to /dev/null while they run, and yield the terminal.

    Kernels inherit this process's stderr, and ipykernel sometimes prints a harmless traceback
    there as a kernel shuts down (a race in its control thread), which would read to a course
    lead like a failure. What a kernel has to say about a trainee's notebook is in the notebook.
    """
    sys.stderr.flush()
    saved = os.dup(2)
    terminal = os.fdopen(os.dup(saved), "w")
    with open(os.devnull, "w") as devnull:
        os.dup2(devnull.fileno(), 2)
    try:
        yield terminal
    finally:
        terminal.flush()
        os.dup2(saved, 2)
        os.close(saved)
        terminal.close()


def _course(args: argparse.Namespace) -> Course:
    return Course.open(args.course, args.exchange)


def run_init(args: argparse.Namespace) -> int:
    course = init_course(args.directory)
    print(f"course root ready at {course.root}; next: mfc assess release --course {course.root}")
    return 0


def run_release(args: argparse.Namespace) -> int:
    from grading.assessment.steps import release

    course = _course(args)
    folder = release(course, force=args.force)
    print(f"released {ASSIGNMENT_ID}: student version in {folder}, exchange {course.exchange}")
    return 0


def run_collect(args: argparse.Namespace) -> int:
    from grading.assessment.steps import collect

    students = collect(_course(args))
    print(f"collected {len(students)} submission(s): {', '.join(students) or 'none yet'}")
    return 0


def run_autograde(args: argparse.Namespace) -> int:
    from grading.assessment.parallel import autograde

    course = _course(args)
    students = args.student or course.submitted_students()
    if not students:
        raise AssessmentError("no submissions to grade: run `mfc assess collect` first")
    missing = sorted(set(students) - set(course.submitted_students()))
    if missing:
        raise AssessmentError(f"no collected submission for: {', '.join(missing)}")
    started = time.perf_counter()
    with _kernels_quiet() as terminal, _bar(len(students), "autograde", terminal) as bar:
        results = autograde(course, students, args.workers, progress=lambda _: bar.update())
    seconds = time.perf_counter() - started
    graded = [r for r in results if r.ok]
    print(f"autograded {len(graded)} of {len(results)} submission(s) with {args.workers} worker(s) in {seconds:.1f} s")
    for result in results:
        for cell, attribute in result.edited:
            print(f"  {result.student}: read-only cell {cell!r} was changed ({attribute}); nbgrader restored it")
        if not result.ok:
            print(f"  {result.student}: not graded: {result.problem}")
    return 0 if len(graded) == len(results) else 1


def run_feedback(args: argparse.Namespace) -> int:
    from grading.assessment.steps import feedback

    course = _course(args)
    students = course.autograded_students()
    if not students:
        raise AssessmentError("nothing autograded yet: run `mfc assess autograde` first")
    with _bar(len(students), "feedback") as bar:
        pages = feedback(course, progress=lambda _: bar.update())
    print(f"wrote and released {len(pages)} feedback page(s) under {course.root / 'feedback'}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from grading.assessment.export import export
    from scenarios.library import shipped_library

    count = export(_course(args), shipped_library(), args.output, long=args.long)
    shape = "one row per trainee and question" if args.long else "one row per trainee"
    print(f"wrote marks of {count} trainee(s) to {args.output} ({shape})")
    return 0


def run(args: argparse.Namespace) -> int:
    try:
        return args.step(args)
    except AssessmentError as exc:
        print(f"mfc assess {args.step_name}: {exc}", file=sys.stderr)
        return 1


def register(subparsers) -> None:
    parser = subparsers.add_parser("assess", help="run the graded assessment with nbgrader (course leads)",
                                   description=__doc__.splitlines()[0])
    where = argparse.ArgumentParser(add_help=False)
    where.add_argument("--course", type=existing_folder, default=None,
                       help="the nbgrader course root (default: $MFC_COURSE_ROOT, else grading/nbgrader)")
    where.add_argument("--exchange", type=Path, default=None,
                       help="the exchange folder (default: $MFC_EXCHANGE, else exchange/ in the course root)")
    steps = parser.add_subparsers(dest="step_name", required=True, metavar="STEP")

    def step(name: str, function, help_text: str, parents=(where,)) -> argparse.ArgumentParser:
        sub = steps.add_parser(name, help=help_text, parents=list(parents))
        sub.set_defaults(run=run, step=function)
        return sub

    init = step("init", run_init, "create a course root outside the checkout", parents=())
    init.add_argument("directory", type=Path)
    release = step("release", run_release, "generate the student version and release it to the exchange")
    release.add_argument("--force", action="store_true", help="replace an earlier release")
    step("collect", run_collect, "collect submissions from the exchange")
    autograde = step("autograde", run_autograde, "autograde collected submissions")
    autograde.add_argument("--workers", type=positive_int, default=1, help="parallel grading processes (default 1)")
    autograde.add_argument("--student", action="append", help="grade only this trainee (repeatable)")
    step("feedback", run_feedback, "write feedback pages and release them to trainees")
    export = step("export", run_export, "write the marks as CSV (see README)")
    export.add_argument("output", type=Path, help="the CSV file to write")
    export.add_argument("--long", action="store_true", help="one row per trainee and question (for mfc report)")
