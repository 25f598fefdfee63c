"""A trainee's progress through the course, read from their answer folder.

Learning platforms show a trainee where they are and what is left; the course does the same from
what it already keeps: the answers files (which case questions are answered, when the first and the
last answer were given, how they score) and a small log of the pages opened (``visits.json``,
written by the course server each time a page is asked for) and of the pages with no questions that
were shown in full (written by the page's own last cell, :func:`grading.completion.page_shown`).
Nothing else is tracked.

The course's shape (its modules, its cases, which case each module plays) is read from the
notebooks themselves (:mod:`scenarios.course_pages`), so a module added to the course shows up in
the progress without a list to keep in step.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from grading.answers import AnswerStore, _folder_lock, _now, write_atomically
from grading.selfcheck import SelfCheck, self_check
from scenarios.course_pages import CoursePage, course_pages
from scenarios.library import Library, shipped_library

VISITS_FILE = "visits.json"
_MODULE = re.compile(r"^\d\d_")
_MINUTES = re.compile(r"(\d+)\s+minutes")


class State(StrEnum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    DONE = "done"


class VisitLog:
    """When each course page was first and last opened (and first shown in full), and when the
    course was completed, kept beside the trainee's answers.

    One small JSON file, ``{"pages": {PAGE: {"first": ISO time, "last": ISO time, "shown": ISO
    time}}, "completed": ISO time}`` ("shown" only once a page's last cell has run), written the
    same careful way as the answers files (whole or not at all, writers taking turns). An
    unreadable log counts as empty: it is a convenience, and the answers, which matter, are kept
    elsewhere.
    """

    def __init__(self, directory: Path | str):
        self.directory = Path(directory)
        self.path = self.directory / VISITS_FILE

    def _document(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _update(self, change) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        with _folder_lock(self.directory):
            data = self._document()
            change(data)
            write_atomically(self.path, json.dumps(data, indent=2) + "\n")

    def read(self) -> dict[str, dict[str, str]]:
        """Every page's first and last visit."""
        pages = self._document().get("pages")
        if not isinstance(pages, dict):
            return {}
        return {name: times for name, times in pages.items() if isinstance(times, dict)
                and isinstance(times.get("first"), str) and isinstance(times.get("last"), str)}

    def record(self, page: str) -> None:
        """Note that ``page`` (a course page name, e.g. ``01_why_children_go_missing``) was opened now."""
        def visit(data: dict) -> None:
            pages, now = self.read(), _now()
            seen = pages.get(page, {})
            pages[page] = {**seen, "first": seen.get("first", now), "last": now}
            data["pages"] = pages

        self._update(visit)

    def record_shown(self, page: str) -> None:
        """Note that ``page`` was shown in full now (the first time stands). Opening a page is not
        enough: a page that failed to render was opened but never shown."""
        def show(data: dict) -> None:
            pages, now = self.read(), _now()
            times = pages.get(page) or {"first": now, "last": now}
            times.setdefault("shown", now)
            pages[page] = times
            data["pages"] = pages

        self._update(show)

    def completed_at(self) -> datetime | None:
        return _time(self._document().get("completed"))

    def mark_completed(self) -> None:
        """Stamp the completion now, unless it is stamped already (the first date stands)."""
        def stamp(data: dict) -> None:
            if _time(data.get("completed")) is None:
                data["completed"] = _now()

        self._update(stamp)


@dataclass(frozen=True)
class PageProgress:
    """One module or case page, and how far the trainee has got with it."""

    name: str  # the page's name in the course folder: "01_why_children_go_missing", "cases/kim"
    title: str
    scenarios: tuple[str, ...]  # the cases it plays
    minutes_planned: int  # the page's own estimate ("About 35 minutes, plus about 20 ..."); 0 if none
    answered: int
    questions: int
    points: float
    maximum: float
    first_visit: datetime | None
    last_visit: datetime | None
    shown: datetime | None  # when a page with no questions was first shown in full
    first_answer: datetime | None
    last_answer: datetime | None

    @property
    def is_module(self) -> bool:
        return bool(_MODULE.match(self.name))

    @property
    def case_answered(self) -> bool:
        """Every question of every case the page plays has an answer (a page with no case: it was
        shown in full, not merely opened)."""
        return self.answered == self.questions if self.questions else self.shown is not None

    @property
    def state(self) -> State:
        if self.case_answered:
            return State.DONE
        if self.answered or self.first_visit is not None:
            return State.IN_PROGRESS
        return State.NOT_STARTED

    @property
    def minutes_on_task(self) -> float:
        """From the first answer to the last on this page's cases (0 with fewer than two)."""
        if self.first_answer is None or self.last_answer is None:
            return 0.0
        return max(0.0, (self.last_answer - self.first_answer).total_seconds() / 60)

    @property
    def finished_at(self) -> datetime | None:
        """When the page was done: its last answer, or for a page with no case when it was first shown."""
        if self.state is not State.DONE:
            return None
        return self.last_answer if self.questions else self.shown


@dataclass(frozen=True)
class Progress:
    """The trainee's progress through every module and case, with their self-check."""

    trainee: str
    modules: tuple[PageProgress, ...]
    cases: tuple[PageProgress, ...]
    check: SelfCheck

    def page(self, name: str) -> PageProgress:
        return next(p for p in (*self.modules, *self.cases) if p.name == name)

    @property
    def started(self) -> datetime | None:
        times = [t for p in (*self.modules, *self.cases) for t in (p.first_visit, p.first_answer) if t]
        return min(times, default=None)

    @property
    def decision_points_answered(self) -> int:
        return sum(case.answered for case in self.check.cases)

    @property
    def minutes_on_task(self) -> float:
        """Time on task over the modules (cases a module plays are counted once, with the module)."""
        return sum(module.minutes_on_task for module in self.modules)

    def to_dict(self) -> dict:
        def page(p: PageProgress) -> dict:
            return {"name": p.name, "title": p.title, "state": str(p.state), "answered": p.answered,
                    "questions": p.questions, "points": p.points, "maximum": p.maximum,
                    "minutes_on_task": round(p.minutes_on_task, 1),
                    "first_visit": _iso(p.first_visit), "last_answer": _iso(p.last_answer)}

        return {"trainee": self.trainee, "modules": [page(m) for m in self.modules],
                "cases": [page(c) for c in self.cases]}


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def _time(text: object) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


def planned_minutes(page: CoursePage) -> int:
    """The minutes a page says it takes, from its opening lines ("About 35 minutes, plus about 20
    minutes for the case at the end" is 55)."""
    cells = json.loads(page.path.read_text(encoding="utf-8"))["cells"]
    first = next((c for c in cells if c.get("cell_type") == "markdown"), None)
    if first is None:
        return 0
    opening = "".join(first["source"]).split("\n\n")[:3]
    return sum(int(n) for n in _MINUTES.findall("\n".join(opening)))


def _page_progress(page: CoursePage, store: AnswerStore, library: Library, visits: dict) -> PageProgress:
    answered = questions = 0
    points = maximum = 0.0
    starts, ends = [], []
    played = tuple(s for s in page.played if s in library.scenarios)
    for scenario_id in played:
        questions += len(library.scenario(scenario_id).questions())
        if not store.path(scenario_id).exists():
            continue
        saved = store.load(scenario_id)
        known = {q.id for q in library.scenario(scenario_id).questions()}
        answered += len(known & set(saved.answers))
        starts.append(_time(saved.extra.get("started")) or _time(saved.updated))
        ends.append(_time(saved.updated))
    seen = visits.get(page.name, {})
    return PageProgress(
        name=page.name, title=page.headings[0] if page.headings else page.name, scenarios=played,
        minutes_planned=planned_minutes(page), answered=answered, questions=questions, points=points,
        maximum=maximum, first_visit=_time(seen.get("first")), last_visit=_time(seen.get("last")),
        shown=_time(seen.get("shown")),
        first_answer=min(filter(None, starts), default=None), last_answer=max(filter(None, ends), default=None),
    )


def _with_scores(page: PageProgress, check: SelfCheck) -> PageProgress:
    """The page with the self-check's scores of its cases (the numbers the player showed)."""
    results = [case for case in check.cases if case.scenario_id in page.scenarios]
    return replace(page, points=round(sum(r.points for r in results), 2),
                   maximum=round(sum(r.maximum for r in results), 2))


def progress(store: AnswerStore, course: Path, library: Library | None = None) -> Progress:
    """The trainee's progress from the answers and page visits in ``store``'s folder."""
    library = library or shipped_library()
    visits = VisitLog(store.directory).read()
    check = self_check(store, library)
    pages = course_pages(course)
    modules = tuple(_with_scores(_page_progress(p, store, library, visits), check)
                    for name, p in pages.items() if _MODULE.match(name))
    cases = tuple(_with_scores(_page_progress(p, store, library, visits), check)
                  for name, p in pages.items() if name.startswith("cases/"))
    return Progress(store.trainee, modules, cases, check)
