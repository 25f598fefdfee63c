"""The course lead's steps, in order: release, collect, autograde, feedback.

Each is a thin, checked call into nbgrader's API (see :mod:`grading.assessment.course`): a failure
raises AssessmentError with nbgrader's own reason, and the steps that visit every trainee report
each one to a ``progress`` callback so the command line can show a bar. Exporting the marks lives
in :mod:`grading.assessment.export`; grading in parallel in :mod:`grading.assessment.parallel`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from grading.assessment.course import Course, check, edited_cells, failure_reason, quiet_nbgrader
from grading.assessment.spec import ASSIGNMENT_ID

Progress = Callable[[str], None]


def no_progress(_: str) -> None:
    pass


@dataclass(frozen=True)
class GradedSubmission:
    """What autograding one trainee's submission found."""

    student: str
    ok: bool
    edited: tuple[tuple[str, str], ...] = ()  # read-only cells the trainee changed: (cell id, attribute)
    problem: str = ""

    @classmethod
    def from_result(cls, student: str, result: dict) -> GradedSubmission:
        log = result.get("log", "")
        if result.get("success"):
            return cls(student, True, tuple(edited_cells(log)))
        return cls(student, False, tuple(edited_cells(log)), failure_reason(result))


def release(course: Course, assignment: str = ASSIGNMENT_ID, force: bool = False) -> Path:
    """Generate the student version from ``source/`` and put it in the exchange for trainees to
    fetch. ``force`` replaces an earlier release. Returns the release folder."""
    course.ensure_exchange()
    config = course.config()
    config.ExchangeReleaseAssignment.force = force
    api = course.api(config)
    with quiet_nbgrader():
        check(api.generate_assignment(assignment, force=True, create=True), "generate_assignment")
        check(api.release_assignment(assignment), "release_assignment")
    return course.folder("release")


def collect(course: Course, assignment: str = ASSIGNMENT_ID) -> list[str]:
    """Copy every trainee's latest submission from the exchange into ``submitted/``; returns
    the trainees with a submission."""
    course.ensure_exchange()
    api = course.api()
    with quiet_nbgrader():
        check(api.collect(assignment, update=True), "collect")
    return course.submitted_students(assignment)


def autograde_serial(course: Course, students: Iterable[str], assignment: str = ASSIGNMENT_ID,
                     progress: Progress = no_progress) -> list[GradedSubmission]:
    """Autograde one submission after another into the course's gradebook (nbgrader's way)."""
    api = course.api()
    results = []
    for student in students:
        with quiet_nbgrader():
            result = api.autograde(assignment, student, force=True, create=True)
        results.append(GradedSubmission.from_result(student, result))
        progress(student)
    return results


def feedback(course: Course, assignment: str = ASSIGNMENT_ID, progress: Progress = no_progress) -> list[Path]:
    """Write each autograded trainee's feedback page and release it to the exchange, where the
    trainee fetches it. Returns the pages written."""
    course.ensure_exchange()
    api = course.api()
    pages = []
    for student in course.autograded_students(assignment):
        with quiet_nbgrader():
            check(api.generate_feedback(assignment, student), f"generate_feedback for {student}")
            check(api.release_feedback(assignment, student), f"release_feedback for {student}")
        pages.extend(sorted(course.folder("feedback", student, assignment).glob("*.html")))
        progress(student)
    return pages
