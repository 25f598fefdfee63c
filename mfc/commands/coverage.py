"""``mfc coverage``: the coverage matrix, checked against the course pages and the case library.

Prints, per document, each section with the pages that teach it and the decision points that
assess it, then every gap, then the coverage figure. Exits 1 when any section is not covered, so
CI can use it. ``--json`` prints the same as one object (README, "mfc coverage"); keys are
stable: new keys may be added, none renamed or removed.
"""

from __future__ import annotations

import argparse
import json

from mfc.argtypes import existing_file, existing_folder
from scenarios.coverage import COURSE_DIR, MATRIX_FILE, CheckedRow, course_coverage, summary
from scenarios.library import shipped_library


def _short(page: str) -> str:
    """'04_reporting_and_risk' -> '04'; case pages keep their name ('cases/kim')."""
    head = page.split("_", 1)[0]
    return head if head.isdigit() else page


def _document_lines(rows: list[CheckedRow], document: str) -> list[str]:
    mine = [row for row in rows if row.document == document]
    covered = sum(row.covered for row in mine)
    lines = [f"{document}: {covered} of {len(mine)} sections covered"]
    width = max(len(row.section) for row in mine)
    for row in mine:
        mark = "ok " if row.covered else "GAP"
        pages = ", ".join(_short(p) for p in row.modules) or "-"
        assessed = "background: taught, not assessed" if row.background and not row.questions else (
            ", ".join(row.questions) or "-")
        lines.append(f"  {mark} {row.section.ljust(width)}  pages: {pages}  decision points: {assessed}")
    return lines


def report(rows: list[CheckedRow]) -> str:
    """The text form of the checked matrix: documents, gaps, and the overall figure."""
    documents = list(dict.fromkeys(row.document for row in rows if row.in_register))
    lines = []
    for document in documents:
        lines += _document_lines(rows, document) + [""]
    gaps = [row for row in rows if row.problems]
    if gaps:
        lines.append("Gaps:")
        lines += [f"  {row.citation}: {problem}" for row in gaps for problem in row.problems]
        lines.append("")
    totals = summary(rows)
    per_document = ", ".join(f"{key} {c['covered']}/{c['sections']}" for key, c in totals["documents"].items())
    lines.append(f"coverage: {totals['covered']} of {totals['sections']} sections covered ({per_document})")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    rows = course_coverage(shipped_library(), args.matrix, args.course)
    if args.json:
        print(json.dumps({"sections": [row.to_dict() for row in rows], "summary": summary(rows)},
                         indent=2, ensure_ascii=False))
    else:
        print(report(rows))
    return 0 if all(row.covered for row in rows) else 1


def register(subparsers) -> None:
    parser = subparsers.add_parser("coverage", help="check which guidance sections the course teaches and assesses")
    parser.add_argument("--matrix", type=existing_file, default=MATRIX_FILE,
                        help="the coverage matrix (default: %(default)s)")
    parser.add_argument("--course", type=existing_folder, default=COURSE_DIR,
                        help="the course folder (default: %(default)s)")
    parser.add_argument("--json", action="store_true", help="print the checked matrix as JSON (see README)")
    parser.set_defaults(run=run)
