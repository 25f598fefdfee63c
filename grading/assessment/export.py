"""The marks of the summative assessment as CSV, read from nbgrader's gradebook.

Two shapes (both documented in README.md, "Assessment marks CSV"):

- **wide** (the default), for a learning management system's grade import (e.g. Moodle's CSV
  import maps an identifier column and one column per grade item): one row per trainee with a
  submission: ``trainee``, then one column per assessed question named by its question id, in
  the order the notebook asks them, then ``total``;
- **long**, for ``mfc report --nbgrader`` and anything else that wants tidy data: one row per
  trainee and question: ``trainee, scenario, question, kind, points, max``.

Points are nbgrader's scores (a course lead's manual override wins over the autograde score).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from grading.assessment.course import AssessmentError, Course, quiet_nbgrader
from grading.assessment.spec import ASSIGNMENT_ID
from scenarios.library import Library

LONG_COLUMNS = ("trainee", "scenario", "question", "kind", "points", "max")


@dataclass(frozen=True)
class QuestionMark:
    trainee: str
    scenario: str
    question: str
    kind: str
    points: float
    maximum: float


def graded_questions(course: Course, assignment: str = ASSIGNMENT_ID) -> list[str]:
    """The graded cells' ids (the question ids) in the order the source notebook has them."""
    notebooks = sorted((course.root / "source" / assignment).glob("*.ipynb"))
    if not notebooks:
        raise AssessmentError(f"no source notebook for {assignment!r} under {course.root / 'source'}")
    ids = []
    for path in notebooks:
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if meta.get("grade"):
                ids.append(meta["grade_id"])
    return ids


def question_marks(course: Course, library: Library, assignment: str = ASSIGNMENT_ID) -> list[QuestionMark]:
    """Every trainee's score on every graded question, trainees sorted, questions in notebook order."""
    from nbgrader.api import Gradebook, MissingEntry

    course.require_gradebook()
    order = graded_questions(course, assignment)
    owner = {q.id: (s.id, q.kind) for s in library.scenarios.values() for q in s.questions()}
    unknown = [qid for qid in order if qid not in owner]
    if unknown:
        raise AssessmentError(f"graded cells name questions the case library lacks: {', '.join(unknown)}")
    marks = []
    with quiet_nbgrader(), Gradebook(course.db_url) as gradebook:
        try:
            submissions = gradebook.find_assignment(assignment).submissions
        except MissingEntry:
            raise AssessmentError(f"assignment {assignment!r} is not in the gradebook: release it first") from None
        for submission in sorted(submissions, key=lambda s: s.student.id):
            grades = {g.name: g for nb in submission.notebooks for g in nb.grades}
            for qid in order:
                grade = grades[qid]
                scenario, kind = owner[qid]
                marks.append(QuestionMark(submission.student.id, scenario, qid, kind, float(grade.score),
                                          float(grade.max_score)))
    return marks


def _number(value: float) -> str:
    return f"{round(value, 2):g}"


def wide_csv(marks: list[QuestionMark], questions: list[str]) -> str:
    """One row per trainee: trainee, a column per question, total, and what the total is out of
    (a grade import needs the maximum, and a course lead reading "41" needs to know of what)."""
    rows: dict[str, list[QuestionMark]] = {}
    for mark in marks:
        rows.setdefault(mark.trainee, []).append(mark)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["trainee", *questions, "total", "out_of"])
    for trainee, theirs in rows.items():
        points = {m.question: m.points for m in theirs}
        writer.writerow([trainee, *(_number(points[q]) for q in questions), _number(sum(points.values())),
                         _number(sum(m.maximum for m in theirs))])
    return out.getvalue()


def long_csv(marks: list[QuestionMark]) -> str:
    """One row per trainee and question: trainee, scenario, question, kind, points, max."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LONG_COLUMNS)
    for m in marks:
        writer.writerow([m.trainee, m.scenario, m.question, m.kind, _number(m.points), _number(m.maximum)])
    return out.getvalue()


def export(course: Course, library: Library, target: Path, long: bool = False,
           assignment: str = ASSIGNMENT_ID) -> int:
    """Write the marks CSV to ``target``; returns the number of trainees in it."""
    marks = question_marks(course, library, assignment)
    text = long_csv(marks) if long else wide_csv(marks, graded_questions(course, assignment))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return len({m.trainee for m in marks})
