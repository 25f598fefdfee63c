"""``mfc report COHORT_DIR --html OUT.html --csv OUT.csv``: a cohort's report and gradebook.

Bad answer files are skipped, not fatal (see :mod:`grading.cohort.table` for why): each is named on
stderr with its reason, the report says how many were left out, and the exit status is 1 so a
script notices. Anything that stops the report altogether (no such folder, no answer files, an
unusable nbgrader CSV or key, an output that cannot be written) is one line and exit 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from grading.answer_key import AnswerKey
from grading.cohort.lms_csv import gradebook, write_gradebook
from grading.cohort.nbgrader_marks import NbgraderMarksError, overlay_nbgrader, read_nbgrader_marks
from grading.cohort.pseudonyms import PseudonymError, load_key, pseudonyms
from grading.cohort.report import ReportFacts, render_report
from grading.cohort.table import find_answer_files, load_cohort
from mfc.argtypes import existing_file, existing_folder
from mfc.errors import UsageError
from scenarios.library import shipped_library

PROGRESS_FROM = 200  # answer files; fewer load in a blink, so a bar would only flicker


def _pseudonymised(answers, args: argparse.Namespace):
    """The table with each trainee id replaced by its pseudonym (telling the lead if a new key
    file was made, since losing it means new pseudonyms)."""
    try:
        key, key_file, created = load_key(args.cohort, args.key_file)
        mapping = pseudonyms(key, answers["trainee"])
    except PseudonymError as exc:
        raise UsageError(str(exc)) from None
    if created:
        print(f"mfc report: made a new pseudonym key in {key_file}; keep it to get the same pseudonyms next time, "
              "and never commit it", file=sys.stderr)
    return answers.assign(trainee=answers["trainee"].map(mapping))


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _check_writable(path: Path | None) -> None:
    """Fail before the work, not after it, when an output's folder is missing."""
    if path is not None and not path.resolve().parent.is_dir():
        raise UsageError(f"{path}: cannot write: there is no folder {path.parent}")


def _write(path: Path, write) -> None:
    try:
        write(path)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write ({exc.strerror or exc})") from None


def run(args: argparse.Namespace) -> int:
    if args.html is None and args.csv is None:
        raise UsageError("nothing to write: give --html OUT.html and/or --csv OUT.csv")
    _check_writable(args.html)
    _check_writable(args.csv)
    key = AnswerKey(shipped_library())
    files = find_answer_files(args.cohort)
    if not files and args.nbgrader is None:
        raise UsageError(f"{args.cohort}: no answer files (*.answers.json) in it or below it")
    cohort = load_cohort(files, key, progress=None if len(files) >= PROGRESS_FROM else False)
    for skipped in cohort.skipped:
        print(f"mfc report: skipped {skipped.path}: {skipped.reason}", file=sys.stderr)
    answers, nbgrader_marks = cohort.answers, 0
    if args.nbgrader is not None:
        try:
            marks = read_nbgrader_marks(args.nbgrader, key)
        except NbgraderMarksError as exc:
            raise UsageError(str(exc)) from None
        answers, nbgrader_marks = overlay_nbgrader(answers, marks), len(marks)
    if answers.empty:
        raise UsageError(f"{args.cohort}: no usable answers: every answer file was skipped ({len(files)})")
    if not args.reveal_names:
        answers = _pseudonymised(answers, args)
    facts = ReportFacts(title=f"Cohort report: {args.cohort.resolve().name}", files_read=cohort.files_read,
                        files_skipped=len(cohort.skipped), pseudonymised=not args.reveal_names,
                        nbgrader_marks=nbgrader_marks)
    if args.html is not None:
        html = render_report(answers, key, facts)
        _write(args.html, lambda path: path.write_text(html, encoding="utf-8"))
    if args.csv is not None:
        table = gradebook(answers, key.library)
        _write(args.csv, lambda path: write_gradebook(table, path))
    written = " and ".join(str(p) for p in (args.html, args.csv) if p is not None)
    print(f"{_count(answers['trainee'].nunique(), 'trainee')}, {_count(cohort.files_read, 'answer file')} "
          f"({len(cohort.skipped)} skipped): wrote {written}")
    return 1 if cohort.skipped else 0


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "report", help="a cohort's HTML report and gradebook CSV from its answer files (see README)")
    parser.add_argument("cohort", type=existing_folder, metavar="COHORT_DIR",
                        help="a folder holding answer files (*.answers.json), at any depth")
    parser.add_argument("--html", type=Path, metavar="OUT.html", help="write the HTML report here")
    parser.add_argument("--csv", type=Path, metavar="OUT.csv", help="write the gradebook CSV here")
    parser.add_argument("--nbgrader", type=existing_file, metavar="CSV",
                        help="marks exported from nbgrader (trainee, scenario, question, points, max); they "
                             "replace the marks scored from answer files for the same questions")
    parser.add_argument("--reveal-names", action="store_true",
                        help="keep the real trainee ids (default: pseudonyms, a keyed hash of each id)")
    parser.add_argument("--key-file", type=Path, metavar="PATH",
                        help="the pseudonym key file (made if missing; default: $MFC_PSEUDONYM_KEY, else "
                             ".mfc-pseudonym-key beside COHORT_DIR)")
    parser.set_defaults(run=run)
