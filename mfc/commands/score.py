"""``mfc score ANSWERS.json [--json]``: score one trainee's answers file against the library.

Course leads use it to check a submission by hand, and other tools read ``--json`` (its shape
is documented in the README under "mfc score"; keep keys stable: add, never rename).
"""

from __future__ import annotations

import argparse
import json
import textwrap

from grading.answers import AnswerFile, AnswerFileError, read_answer_file
from grading.marks import Mark, ScenarioMark
from grading.rubric import AnswerError, score_scenario
from mfc.argtypes import existing_file
from mfc.errors import UsageError
from scenarios.library import Library, shipped_library

WIDTH = 100
KIND_WIDTH = 14  # the widest feedback kind, "under-graded", plus a gap


def score_json(answers: AnswerFile, result: ScenarioMark) -> dict:
    """The ``--json`` contract: the scenario's marks with the trainee they belong to."""
    return {**result.to_dict(), "trainee": answers.trainee}


def _question_lines(mark: Mark) -> list[str]:
    lines = [f"{mark.question_id} ({mark.kind}): {mark.points:g} / {mark.maximum:g}"]
    hang = " " * (2 + KIND_WIDTH)
    for item in mark.feedback:
        lines.append(textwrap.fill(item.text, WIDTH, initial_indent=f"  {item.kind:<{KIND_WIDTH}}",
                                   subsequent_indent=hang))
        lines += _citation_lines(item.citations, hang)
    return lines


def _citation_lines(citations: tuple[str, ...], indent: str) -> list[str]:
    """Citations filled into lines without ever splitting one across two lines."""
    lines = [f"{indent}cites: {citations[0]}"] if citations else []
    for citation in citations[1:]:
        # Leave room for the ";" that ends a line when the next citation has to wrap.
        if len(lines[-1]) + len("; ") + len(citation) + len(";") <= WIDTH:
            lines[-1] += f"; {citation}"
        else:
            lines[-1] += ";"
            lines.append(indent + citation)
    return lines


def score_report(library: Library, answers: AnswerFile, result: ScenarioMark) -> str:
    """A readable per-question report, for a course lead at a terminal."""
    lines = [
        library.scenario(result.scenario_id).title,
        f"trainee: {answers.trainee}",
        f"score: {result.points:g} / {result.maximum:g} ({result.fraction:.0%})",
    ]
    for mark in result.marks:
        lines += ["", *_question_lines(mark)]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    library = shipped_library()
    try:
        answers = read_answer_file(args.answers)
        result = score_scenario(library, answers.scenario, answers.answers)
    except (AnswerFileError, AnswerError) as exc:
        raise UsageError(f"{args.answers}: {exc}" if isinstance(exc, AnswerError) else str(exc)) from None
    if args.json:
        print(json.dumps(score_json(answers, result), indent=2, ensure_ascii=False))
    else:
        print(score_report(library, answers, result))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("score", help="score one trainee's answers file against the case library")
    parser.add_argument("answers", type=existing_file, help="an answers file (<scenario>.answers.json, see README)")
    parser.add_argument("--json", action="store_true", help="print the marks as JSON (see README)")
    parser.set_defaults(run=run)
