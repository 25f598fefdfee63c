"""What the course server shows besides the notebooks: the course home, the completion record,
the graded assessment's page, and the Previous/Next links on each module and case page.

The home, the record and the assessment's page are rendered here, in the server (no kernel, so
they appear at once and never show code): the home and the record from the trainee's answer
folder, the assessment's page from nbgrader (``grading.assessment.trainee``). They are plain
HTML from Jinja templates in ``coursesite/templates``: one heading per page, real links and form
fields, and a layout that reads on a 375 px phone and prints on A4.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader, StrictUndefined
from jupyter_server.utils import url_path_join

from grading.assessment.spec import ASSIGNMENT_ID, SCENARIOS
from grading.assessment.trainee import AssessmentState
from grading.completion import (
    CLOSING_PAGE,
    Completion,
    cases_all_answered,
    guidance_versions,
    reflection_topics,
)
from grading.progress import PageProgress, Progress, State
from scenarios.course_pages import course_pages
from scenarios.library import Library

HOME = "home"
RECORD = "record"
ASSESSMENT = "assessment"
ASSESSMENT_PAGE = f"{ASSESSMENT}/page"
ASSESSMENT_FEEDBACK = f"{ASSESSMENT}/feedback"
_HEADER = re.compile(r"<header\b[^>]*>", re.IGNORECASE)
_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


def page_url(base_url: str, name: str) -> str:
    """The address of a course page (``01_why_children_go_missing``, ``cases/kim``)."""
    return url_path_join(base_url, "voila", "render", quote(f"{name}.ipynb"))


@dataclass(frozen=True)
class NavLink:
    title: str
    url: str


def navigation(course: Path, base_url: str) -> dict[str, dict]:
    """Previous/Next links for each page, keyed by the notebook's file name without ``.ipynb``
    (which is what Voila tells its template): modules lead from one to the next, from the course
    home and back to it; cases lead from one case to the next."""
    pages = course_pages(course)
    home = NavLink("Course home", url_path_join(base_url, HOME))
    nav = {}
    for group in ([n for n in pages if "/" not in n], [n for n in pages if n.startswith("cases/")]):
        links = [NavLink(pages[n].headings[0] if pages[n].headings else n, page_url(base_url, n)) for n in group]
        for i, name in enumerate(group):
            previous = links[i - 1] if i > 0 else home
            following = links[i + 1] if i + 1 < len(links) else home
            nav[Path(name).name] = {"home": vars(home), "previous": vars(previous), "next": vars(following)}
    return nav


def assessment_navigation(base_url: str) -> dict[str, dict]:
    """The assessment notebook's links (keyed by its name, as :func:`navigation`'s): back to the
    assessment's page above it and, below it, on to that page to hand in."""
    page = url_path_join(base_url, ASSESSMENT)
    return {ASSIGNMENT_ID: {"home": vars(NavLink("Back to the graded assessment page", page)),
                            "next": vars(NavLink("Hand in your answers", page))}}


# The clock a trainee reads by. Not the server's: hubs run in UTC, an hour out from the UK's clocks
# for half the year, and the course's trainees work in the UK; times are stored in UTC.
TRAINEES_TIME_ZONE = ZoneInfo("Europe/London")


def _trainees_clock(moment: date) -> date:
    """A stored moment on the trainee's clock (a plain date, or a time with no zone, as it is)."""
    return moment.astimezone(TRAINEES_TIME_ZONE) if isinstance(moment, datetime) and moment.tzinfo else moment


def _date(moment: date | None) -> str:
    return f"{_trainees_clock(moment):%-d %B %Y}" if moment else ""


def _date_and_time(moment: datetime) -> str:
    moment = _trainees_clock(moment)
    return f"{moment:%-d %B %Y} at {moment:%H:%M}"


def _duration(minutes: float) -> str:
    """"1 hour 20 minutes", "45 minutes", "under a minute"."""
    minutes = round(minutes)
    if minutes < 1:
        return "under a minute"
    hours, rest = divmod(minutes, 60)
    parts = [f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []
    parts += [f"{rest} minute{'s' if rest != 1 else ''}"] if rest else []
    return " ".join(parts)


def _environment() -> Environment:
    environment = Environment(loader=PackageLoader("coursesite", "templates"), autoescape=True,
                              undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    environment.filters.update(date=_date, date_and_time=_date_and_time, duration=_duration)
    return environment


def _page_row(page: PageProgress, base_url: str, state: State, module: str = "") -> dict:
    """A module's or case's line on the home; ``module``: for a case, the module that plays it too."""
    return {"title": page.title, "url": page_url(base_url, page.name), "state": str(state),
            "answered": page.answered, "questions": page.questions, "points": page.points, "maximum": page.maximum,
            "minutes_on_task": page.minutes_on_task, "module": module}


def _module_state(module: PageProgress, done: Completion) -> State:
    """A module's state as the home says it: done only where the completion rule counts it done
    (``done.modules_done``; the closing page is not done until it completes the course)."""
    if module.state is State.DONE and module.title not in done.modules_done:
        return State.IN_PROGRESS
    return module.state


def render_home(progress: Progress, done: Completion, *, base_url: str, assessment_url: str | None) -> str:
    """The course home: each module and case with its state, what is left, the next page to open,
    and the record's link. A case a module plays says so, since its answers are the module's too."""
    states = {m.name: _module_state(m, done) for m in progress.modules}
    playing = {scenario: m.title for m in progress.modules for scenario in m.scenarios}
    started = any(m.state is not State.NOT_STARTED for m in (*progress.modules, *progress.cases))
    following = next((m for m in progress.modules if states[m.name] is not State.DONE), None)
    return _environment().get_template("home.html.j2").render(
        modules=[_page_row(m, base_url, states[m.name]) for m in progress.modules],
        cases=[_page_row(c, base_url, c.state, next((playing[s] for s in c.scenarios if s in playing), ""))
               for c in progress.cases],
        answered=progress.decision_points_answered,
        modules_done=len(done.modules_done), module_count=len(progress.modules),
        completion=done, cases_answered=cases_all_answered(progress),
        closing_url=page_url(base_url, CLOSING_PAGE),
        record_url=url_path_join(base_url, RECORD), assessment_url=assessment_url,
        next_page=_page_row(following, base_url, states[following.name]) if following else None, started=started,
    )


def render_record(progress: Progress, done: Completion, library: Library, *, name: str, base_url: str) -> str:
    """The completion record: a page to print or save as PDF, with the trainee's CPD reflection."""
    return _environment().get_template("record.html.j2").render(
        name=name.strip(), completion=done, started=progress.started,
        modules=[m for m in progress.modules if m.title in done.modules_done],
        guidance=guidance_versions(library), checked=library.guidance.content_checked,
        topics=reflection_topics(progress), home_url=url_path_join(base_url, HOME),
        record_url=url_path_join(base_url, RECORD),
    )


def render_assessment(state: AssessmentState | None, *, problem: str, base_url: str, xsrf_form_html: str) -> str:
    """The graded assessment's page: where the trainee is with it, in words, and the next step as a
    button. ``state`` is None when it could not be read (``problem`` then says why)."""
    return _environment().get_template("assessment.html.j2").render(
        state=state, stage=state.stage.name if state else None, cases=len(SCENARIOS), problem=problem,
        xsrf_form_html=xsrf_form_html,
        home_url=url_path_join(base_url, HOME), action_url=lambda step: url_path_join(base_url, ASSESSMENT, step),
        page_url=url_path_join(base_url, ASSESSMENT_PAGE), feedback_url=url_path_join(base_url, ASSESSMENT_FEEDBACK),
    )


def feedback_with_way_back(feedback_html: str, base_url: str) -> str:
    """The feedback page nbgrader fetched, with a link back to the assessment's page at the top of
    its header (else of its body). The file is the same one JupyterLab shows (and formgrader, to
    the course lead), so it cannot carry a course address of its own; the link is added as the
    course serves it."""
    link = f'<p><a href="{escape(url_path_join(base_url, ASSESSMENT))}">Back to the graded assessment page</a></p>'
    top = _HEADER.search(feedback_html) or _BODY.search(feedback_html)
    at = top.end() if top else 0
    return feedback_html[:at] + link + feedback_html[at:]
