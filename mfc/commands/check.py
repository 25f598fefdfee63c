"""``mfc check``: validate the case library and summarise it.

``--json`` prints a stable description of the library that other tools read (its shape is
documented in the README under "mfc check --json"). Keep keys stable; add, never rename.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from exercises.library import load_exercises
from exercises.models import Exercise
from mfc.argtypes import existing_file
from scenarios.currency import currency_warnings
from scenarios.library import Library, load_library
from scenarios.models import ActionQuestion, Rating


def _question_json(question) -> dict:
    if isinstance(question, ActionQuestion):
        by_rating = {r: [o.action for o in question.options if o.rating == r] for r in Rating}
        return {
            "id": question.id,
            "kind": "actions",
            "options": [o.action for o in question.options],
            "essential": by_rating[Rating.ESSENTIAL],
            "helpful": by_rating[Rating.HELPFUL],
            "neutral": by_rating[Rating.NEUTRAL],
            "harmful": by_rating[Rating.HARMFUL],
        }
    return {"id": question.id, "kind": "risk", "key": question.key, "levels": list(question.levels),
            "accepts": question.accepted}


def _guidance_json(library: Library, on: date) -> list[dict]:
    overdue = {doc.key for doc in library.guidance.overdue(on)}
    return [
        {"key": doc.key, "title": doc.title, "publisher": doc.publisher, "where": doc.where,
         "version": doc.version, "checked": doc.checked.isoformat(), "review_by": doc.review_by.isoformat(),
         "overdue": doc.key in overdue}
        for doc in library.guidance.documents
    ]


def library_json(library: Library, on: date | None = None) -> dict:
    """The machine-readable description of the library (the ``--json`` contract)."""
    on = on or date.today()
    return {
        "scenarios": [
            {
                "id": s.id,
                "title": s.title,
                "source": s.source.citation,
                "assessment_only": s.assessment_only,
                "stages": len(s.stages),
                "questions": [_question_json(q) for q in s.questions()],
            }
            for s in library.scenarios.values()
        ],
        "actions": [
            {"id": a.id, "label": a.label, "who": [str(w) for w in a.who], "citations": list(a.citations),
             "documented_harm": a.documented_harm}
            for a in library.actions.values()
        ],
        "risk_levels": [
            {"id": lv.id, "label": lv.label, "rank": lv.rank, "in_use": lv.in_use}
            for lv in sorted(library.risk_scale.levels, key=lambda lv: lv.rank)
        ],
        "content_checked": library.guidance.content_checked.isoformat(),
        "guidance": _guidance_json(library, on),
        "warnings": currency_warnings(library, on),
    }


def exercises_json(exercises: dict[str, Exercise]) -> list[dict]:
    """The ``exercises`` key of ``--json``: each multi-agency exercise and what it holds."""
    return [
        {"id": e.id, "title": e.title, "source": e.source.citation, "rounds": [r.id for r in e.rounds],
         "roles": [r.id for r in e.roles],
         "cards": [{"id": c.id, "held_by": c.held_by, "lead": c.lead, "must_reach": c.must_reach,
                    "citations": list(c.citations)} for c in e.cards]}
        for e in exercises.values()
    ]


def exercises_table(exercises: dict[str, Exercise]) -> str:
    rows = [("exercise", "rounds", "roles", "cards")]
    rows += [(e.id, str(len(e.rounds)), str(len(e.roles)), str(len(e.cards))) for e in exercises.values()]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))
             for r in rows]
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join([*lines, f"exercises: {len(exercises)} OK"])


def summary_table(library: Library) -> str:
    rows = [("scenario", "stages", "decision points", "risk", "actions")]
    for s in library.scenarios.values():
        qs = s.questions()
        risk = sum(q.kind == "risk" for q in qs)
        rows.append((s.id, str(len(s.stages)), str(len(qs)), str(risk), str(len(qs) - risk)))
    totals = [sum(int(r[i]) for r in rows[1:]) for i in range(1, 5)]
    rows.append(("total", *map(str, totals)))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]

    def line(row) -> str:
        pairs = enumerate(zip(row, widths, strict=True))
        cells = [cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in pairs]
        return "  ".join(cells)

    lines = [line(r) for r in rows]
    lines.insert(1, "-" * len(lines[0]))
    lines.insert(len(lines) - 1, "-" * len(lines[0]))
    lines.append("")
    lines.append(f"scenarios: {len(library.scenarios)}  actions: {len(library.actions)}  "
                 f"risk levels: {len(library.risk_scale.levels)}  citations: {library.citation_count()}")
    lines.append("library OK")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    library = load_library(args.files or None)
    on = args.on or date.today()
    exercises = load_exercises(args.exercises) if args.exercises is not None or not args.files else {}
    if args.json:
        print(json.dumps(library_json(library, on) | {"exercises": exercises_json(exercises)}, indent=2,
                         ensure_ascii=False))
    else:
        print(summary_table(library) + "\n\n" + exercises_table(exercises))
    warnings = currency_warnings(library, on)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if warnings and args.strict:
        print(f"mfc check --strict: {len(warnings)} currency warning(s); failing", file=sys.stderr)
        return 1
    return 0


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a date as YYYY-MM-DD; got {text!r}") from None


def register(subparsers) -> None:
    parser = subparsers.add_parser("check", help="validate the case library and print a summary")
    parser.add_argument("files", nargs="*", type=existing_file,
                        help="scenario files to check against the shipped catalogue (default: all shipped)")
    parser.add_argument("--exercises", nargs="+", type=existing_file, metavar="FILE",
                        help="exercise files to check (default: the shipped ones, unless FILES are given)")
    parser.add_argument("--json", action="store_true", help="print the library as JSON (see README)")
    parser.add_argument("--strict", action="store_true",
                        help="fail (exit 1) when a currency warning is printed, e.g. a document past its review date")
    parser.add_argument("--on", type=_iso_date, metavar="YYYY-MM-DD",
                        help="judge currency as on this date (default today), e.g. the first day of a planned cohort")
    parser.set_defaults(run=run)
