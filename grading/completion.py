"""Whether a trainee has completed the course, and the record they keep of it.

The rule (README, "Completion"): every module that plays a case has all of that case's decision
points answered, and the closing page's self-check has been seen after that. The closing page
stamps the moment once, from its own last cell, when it has been shown with every case answered
(:func:`page_shown`), so the date on the record does not move when the trainee comes back
to look again, and an employer's report (``mfc completion``) reads the same date.

The record is what a social worker files as CPD evidence: who, when, what was covered, for how
long, which guidance (and which versions) it taught, and a reflection in the shape social
workers record CPD in (what I learned, how it changes my practice, the evidence),
started for them with the topics their own answers showed they should look at again.
"""

from __future__ import annotations

import sys
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime

from grading.course_answers import course_answers, course_dir
from grading.progress import PageProgress, Progress, State, VisitLog, progress
from scenarios.library import Library

CLOSING_PAGE = "08_closing"


@dataclass(frozen=True)
class Completion:
    """Where a trainee stands against the completion rule."""

    completed_at: datetime | None  # when the rule was first met (stamped by the course server)
    modules_done: tuple[str, ...]  # module titles, in course order
    modules_left: tuple[str, ...]
    minutes_on_task: float  # first to last answer, summed over the modules
    minutes_planned: int  # the course's own estimate for the modules done

    @property
    def completed(self) -> bool:
        return self.completed_at is not None

    @property
    def hours(self) -> float:
        """Time on task in hours, one decimal (what ``mfc completion`` reports)."""
        return round(self.minutes_on_task / 60, 1)


def cases_all_answered(progress: Progress) -> bool:
    """The first half of the rule: every module that plays a case has all of it answered."""
    return all(m.case_answered for m in progress.modules if m.questions)


def _module_done(module: PageProgress, completed: bool) -> bool:
    """Whether a module counts as done. The closing page only once it has completed the course: seen
    before every case was answered, it still has that to do (opened again, it stamps completion)."""
    if module.name == CLOSING_PAGE:
        return completed
    return module.state is State.DONE


def completion(progress: Progress, visits: VisitLog) -> Completion:
    stamp = visits.completed_at()
    done = [m for m in progress.modules if _module_done(m, stamp is not None)]
    return Completion(
        completed_at=stamp,
        modules_done=tuple(m.title for m in done),
        modules_left=tuple(m.title for m in progress.modules if m not in done),
        minutes_on_task=progress.minutes_on_task,
        minutes_planned=sum(m.minutes_planned for m in done),
    )


def stamp_if_complete(progress: Progress, visits: VisitLog) -> bool:
    """Called as the closing page has been shown: with every case answered, record the completion
    (once). Returns whether the course is complete."""
    if visits.completed_at() is not None:
        return True
    if not cases_all_answered(progress):
        return False
    visits.mark_completed()
    return True


def page_shown(page: str) -> None:
    """The last cell of a page with no questions (the simulation lab, the closing page) calls this
    with the page's name: the page has been shown in full, so it counts as done, and the closing
    page shown with every case answered completes the course.

    Nothing is noted if a cell before it failed: the trainee saw an error, not the page. IPython
    keeps a kernel's last error in ``sys.last_value``, and every page served has a kernel of its
    own. Nothing is shown either way, and a folder that cannot be written to is let be: the page
    matters more than the note of it.
    """
    if getattr(sys, "last_value", None) is not None:
        return
    store = course_answers()
    visits = VisitLog(store.directory)
    with suppress(OSError):
        visits.record_shown(page)
        if page == CLOSING_PAGE:
            stamp_if_complete(progress(store, course_dir()), visits)


def guidance_versions(library: Library) -> list[tuple[str, str, str]]:
    """(key, title, version taught) of each guidance document the course teaches."""
    return [(doc.key, doc.title, doc.version) for doc in library.guidance.documents]


def reflection_topics(progress: Progress) -> list[str]:
    """Topics for the CPD reflection: the decision points where the trainee graded a child's risk
    too low or chose a harmful action, as one line each."""
    return [f"{flag.case_title}: {flag.problem}" for flag in progress.check.flags]
