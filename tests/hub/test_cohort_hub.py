"""A cohort sits the graded assessment on a real JupyterHub, and every mark is the rubric's.

The course lead releases it with ``mfc assess``; three trainees fetch it, answer and submit; the
lead collects, autogrades, writes feedback and exports the marks; the trainees fetch their
feedback. Each step runs as the person who would do it: the lead's commands in a kernel on the
lead's own server (as typed in a JupyterLab terminal), the trainees' fetch, submit and feedback
through nbgrader's assignment-list API on their own servers (what the Assignments tab calls), and
their answers recorded by the answer store in a kernel on their servers (what the case player
does). The exchange is one folder shared by four real accounts, as on a one-server hub, and
the three trainees use it at the same time.

Step timings, each user's memory and the servers' start-up times go to
test-output/<test>/hub-timings.json (figures for deploy/README.md; nothing here asserts a time).

On the same hub (starting it is the slow part), a trainee logs in in Chromium and lands on the
course pages, as the deployments send them: the TLJH snippet's landing page, and
deploy/jupyter_server_config.json starting ``mfc course`` behind jupyter-server-proxy. They answer
a decision point of Kim's case, and the answer is saved in their own data folder and nowhere else;
the course home's link to the graded assessment opens the assessment's own page, which reaches
nbgrader's exchange from their account; in JupyterLab, the Nbgrader menu has the Assignment List
and none of the instructor tools (deploy/hub/trainee_tools.py, on this hub as on the
deployments; the course lead keeps them). Screenshots of the course home through the hub at 1280 and 375 px go to
test-output/<test>/.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
from browser.pages import MOBILE, assert_no_horizontal_scroll
from browser.player_page import answer_first_stage_with_mouse, first_stage_choices
from helpers.lab_defaults import SETTINGS_PATH, assert_quiet
from helpers.trainees import chooses_harm, follows_the_key, under_grades_every_risk
from playwright.sync_api import Page, expect

from grading.answers import AnswerStore
from grading.assessment.spec import ASSIGNMENT_ID, COURSE_ID, assessed_questions
from grading.course_answers import APP_NAME
from grading.rubric import score_answer

from .accounts import Account, memory_mb
from .conftest import Cohort

pytestmark = pytest.mark.slow

WAYS = (follows_the_key, under_grades_every_risk, chooses_harm)
ASSIGNMENT = {"course_id": COURSE_ID, "assignment_id": ASSIGNMENT_ID}
# The first visit starts the course server (jupyter-server-proxy waits up to 120 s for it) and
# then a page's kernel, on a machine shared with other work.
COURSE_START_MS = 240_000
COURSE_HOME_HEADING = "Missing from care: your course"
CASE, CASE_TITLE = "kim", "Case: Kim"


@contextmanager
def timed(timings: dict[str, float], step: str) -> Iterator[None]:
    started = time.monotonic()
    yield
    timings[step] = round(time.monotonic() - started, 1)


def plan(library, way) -> dict[str, dict[str, object]]:
    """One trainee's answers, scenario by scenario, as the player would save them."""
    answers: dict[str, dict[str, object]] = {}
    for sid, question in assessed_questions(library):
        answers.setdefault(sid, {})[question.id] = way(question, library)
    return answers


def statuses(cohort: Cohort, trainee: Account) -> list[tuple[str, str]]:
    listed = cohort.hub.user_api(trainee.name, "GET", "assignments", params={"course_id": COURSE_ID}).json()
    assert listed["success"], listed
    return [(a["assignment_id"], a["status"]) for a in listed["value"]]


def take_part(cohort: Cohort, trainee: Account, answers: dict[str, dict[str, object]]) -> None:
    """Fetch from the Assignments tab, answer every case in the player, submit."""
    assert statuses(cohort, trainee) == [(ASSIGNMENT_ID, "released")]
    cohort.hub.user_api(trainee.name, "POST", "assignments/fetch", data=ASSIGNMENT)
    assert statuses(cohort, trainee) == [(ASSIGNMENT_ID, "fetched")]
    cohort.kernel(trainee, ASSIGNMENT_ID).run(f"""
        from grading.answers import AnswerStore
        store = AnswerStore()
        for scenario, answers in {answers!r}.items():
            for question, answer in answers.items():
                store.record(scenario, question, answer)
    """)
    submitted = cohort.hub.user_api(trainee.name, "POST", "assignments/submit", data=ASSIGNMENT).json()
    assert submitted["success"], submitted
    assert statuses(cohort, trainee) == [(ASSIGNMENT_ID, "fetched"), (ASSIGNMENT_ID, "submitted")]


def can_list(cohort: Cohort, user: Account, folder) -> bool:
    """Whether ``user`` may list ``folder``, asked from a kernel running as them."""
    return json.loads(cohort.kernel(user).run(f"""
        import json, os
        try:
            os.listdir({str(folder)!r})
            print("true")
        except PermissionError:
            print("false")
    """))


def test_a_cohort_sits_the_assessment_on_a_real_hub(cohort, library, output_dir):
    timings: dict[str, float] = {}
    course = str(cohort.course_root)
    lead = cohort.kernel(cohort.lead)
    with timed(timings, "lead: init and release"):
        # The course root holds every trainee's work and the gradebook: init makes it 0700.
        lead.check("mfc", "assess", "init", course)
        lead.check("mfc", "assess", "release", "--course", course)

    plans = {t.name: plan(library, way) for t, way in zip(cohort.trainees, WAYS, strict=True)}
    with timed(timings, "trainees: fetch, answer, submit (3 at once)"), ThreadPoolExecutor(3) as pool:
        list(pool.map(lambda t: take_part(cohort, t, plans[t.name]), cohort.trainees))
    memory = {user.name: round(memory_mb(user)) for user in [cohort.lead, *cohort.trainees]}

    inbound = cohort.exchange / COURSE_ID / "inbound"
    assert sorted(p.owner() for p in inbound.iterdir()) == sorted(plans), "each submission is its trainee's"
    snooper, other = cohort.trainees[1], cohort.trainees[0]
    assert not can_list(cohort, snooper, inbound), "a trainee must not see others' submissions"
    assert not can_list(cohort, snooper, cohort.course_root), "nor the course lead's course root"
    assert not can_list(cohort, snooper, other.home / ASSIGNMENT_ID), "nor another trainee's answers"
    assert can_list(cohort, other, other.home / ASSIGNMENT_ID), "while the trainee sees their own"

    with timed(timings, "lead: collect"):
        lead.check("mfc", "assess", "collect", "--course", course)
    with timed(timings, "lead: autograde (2 workers)"):
        lead.check("mfc", "assess", "autograde", "--workers", "2", "--course", course)
    with timed(timings, "lead: feedback"):
        lead.check("mfc", "assess", "feedback", "--course", course)
    lead.check("mfc", "assess", "export", "marks.csv", "--course", course, cwd=course)

    rows = {row["trainee"]: row for row in csv.DictReader(io.StringIO((cohort.course_root / "marks.csv").read_text()))}
    assert sorted(rows) == sorted(plans)
    for name, answers in plans.items():
        for sid, question_answers in answers.items():
            for qid, answer in question_answers.items():
                expected = score_answer(library, sid, qid, answer).points
                assert float(rows[name][qid]) == pytest.approx(expected), (name, qid)
    totals = {name: float(row["total"]) for name, row in rows.items()}
    assert len(set(totals.values())) == 3, f"three ways through earn three different totals: {totals}"

    for trainee in cohort.trainees:
        cohort.hub.user_api(trainee.name, "POST", "assignments/fetch_feedback", data=ASSIGNMENT)
        pages = list((trainee.home / ASSIGNMENT_ID / "feedback").rglob("*.html"))
        assert pages and all(page.owner() == trainee.name for page in pages), f"{trainee.name}'s feedback"

    figures = {"server start-up, requested together (s)": cohort.spawn_seconds, "steps (s)": timings,
               "memory with one kernel open, after answering (MB)": memory}
    (output_dir / "hub-timings.json").write_text(json.dumps(figures, indent=2))
    print(json.dumps(figures, indent=2))


def course_answers_of(user: Account) -> Path:
    """Where the course pages keep a person's answers on a hub: their own data folder (platformdirs
    on Linux), since nothing sets MFC_ANSWERS_DIR for their server."""
    return user.home / ".local" / "share" / APP_NAME / "answers"


def log_in(page: Page, cohort: Cohort, user: Account) -> None:
    """Sign in on the hub's login page as a person would (the dummy authenticator takes any password)."""
    page.goto(f"{cohort.hub.url}hub/login")
    page.get_by_label("Username:").fill(user.name)
    page.locator("#password_input").fill("any password")
    page.get_by_role("button", name="Sign in").click()


def assert_answer_kept_for_them_alone(cohort: Cohort, trainee: Account, library) -> None:
    """The answer given on the page is in the trainee's own folder, saved as them, and in no one else's."""
    saved = course_answers_of(trainee) / f"{CASE}.answers.json"
    assert saved.owner() == trainee.name, "saved by the trainee's own server, as them"
    answer = AnswerStore(saved.parent).load(CASE)
    assert answer.trainee == trainee.name, "named by their hub login"
    question = library.scenario(CASE).stages[0].questions[0]
    essential, harmful = first_stage_choices(CASE)
    assert {library.action(a).label for a in answer.answers[question.id]} == {*essential, harmful}
    everyone = [cohort.lead, *cohort.trainees]
    assert [u.name for u in everyone if (course_answers_of(u) / saved.name).exists()] == [trainee.name], \
        "the answer is in the trainee's folder and in no one else's"


INSTRUCTOR_TOOLS = ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                    "@jupyter/nbgrader:course-list")
INSTRUCTOR_MENU_ITEMS = ("Formgrader", "Course List")


def disabled_lab_extensions(cohort: Cohort, user: Account) -> set[str]:
    """What JupyterLab leaves out for ``user``: the page config their server writes into /lab."""
    page = cohort.hub.user_api(user.name, "GET", "lab").text
    config = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S)
    return set(json.loads(config.group(1))["disabledExtensions"])


def test_trainees_have_the_assignment_list_and_not_the_instructor_tools(cohort):
    trainee, lead = cohort.trainees[1], cohort.lead
    assert set(INSTRUCTOR_TOOLS) <= disabled_lab_extensions(cohort, trainee)
    assert not set(INSTRUCTOR_TOOLS) & disabled_lab_extensions(cohort, lead), "the course lead keeps them"
    # Behind the menus too: a trainee's server has no formgrader and no course list to answer with.
    assert cohort.hub.user_status(trainee.name, "formgrader") == 404
    assert cohort.hub.user_status(trainee.name, "formgraders") == 404  # the course list's
    assert cohort.hub.user_status(lead.name, "formgrader") == 200
    assert cohort.hub.user_status(trainee.name, f"assignments?course_id={COURSE_ID}") == 200


def open_assessment_page(page: Page, home: str) -> None:
    """From the course home to the graded assessment's page, which reads nbgrader's exchange with the
    trainee's own settings (no problem shown) and says where they are with it."""
    page.goto(home)
    page.get_by_role("link", name="Go to the graded assessment").click()
    expect(page.get_by_role("heading", level=1, name="The graded assessment")).to_be_visible()
    expect(page.get_by_role("status")).to_be_visible()
    expect(page.get_by_role("alert")).to_have_count(0)  # nbgrader reached the exchange


def open_assignment_list(page: Page, lab: str) -> None:
    """nbgrader's Assignment List in JupyterLab, for anyone who still uses it; the Nbgrader menu on
    the way has none of the instructor tools."""
    page.goto(lab)
    page.get_by_role("menuitem", name="Nbgrader").click()
    assignment_list = page.get_by_role("menuitem", name="Assignment List")
    expect(assignment_list).to_be_visible()
    for item in INSTRUCTOR_MENU_ITEMS:
        expect(page.get_by_role("menuitem", name=item)).to_have_count(0)
    assignment_list.click()
    assignments = page.locator("#nbgrader-assignment-list")
    expect(assignments.get_by_text("Released assignments")).to_be_visible(timeout=COURSE_START_MS)
    expect(assignments.locator(".list_loading:visible")).to_have_count(0, timeout=COURSE_START_MS)
    expect(assignments.locator(".list_error:visible")).to_have_count(0)  # nbgrader reached the exchange


@pytest.mark.browser
def test_a_trainee_lands_on_the_course_pages_and_their_answers_are_theirs_alone(
        cohort, new_context, page_log, screenshot, library, output_dir):
    cohort.close_kernels()  # any left by another test on this hub, so the memory figure is the course pages'
    trainee = cohort.trainees[0]
    home = cohort.hub.user_url(trainee.name, "course/home")
    desk = new_context()
    page = desk.new_page()
    page.set_default_timeout(COURSE_START_MS)
    figures: dict[str, float] = {}
    with timed(figures, "signing in to the course home shown, first visit (s)"):
        log_in(page, cohort, trainee)
        expect(page.get_by_role("heading", level=1, name=COURSE_HOME_HEADING)).to_be_visible(timeout=COURSE_START_MS)
    assert page.url == home, "the hub sends a trainee to the course home"
    screenshot(page, "1-home-1280")
    assessment = page.get_by_role("link", name="Go to the graded assessment")
    assert assessment.get_attribute("href") == f"/user/{trainee.name}/course/assessment"

    phone = new_context(storage_state=desk.storage_state(), **MOBILE).new_page()
    phone.goto(home)
    expect(phone.get_by_role("heading", level=1, name=COURSE_HOME_HEADING)).to_be_visible()
    assert_no_horizontal_scroll(phone)
    screenshot(phone, "2-home-375", full_page=False)

    page.get_by_role("link", name=CASE_TITLE, exact=True).click()
    expect(page.get_by_role("heading", level=1, name=CASE_TITLE)).to_be_visible(timeout=COURSE_START_MS)
    answer_first_stage_with_mouse(page, CASE)
    screenshot(page, "3-case-answered", full_page=False)
    figures["memory with the course pages and a case page open (MB)"] = round(memory_mb(trainee))
    assert not page_log.blocked, f"the pages asked for other sites: {page_log.blocked}"
    assert not page_log.unexpected_errors()

    assert_answer_kept_for_them_alone(cohort, trainee, library)
    open_assessment_page(page, home)
    screenshot(page, "4-assessment-page", full_page=False)
    open_assignment_list(page, cohort.hub.user_url(trainee.name, "lab"))
    assert_quiet(cohort.hub.user_api(trainee.name, "GET", SETTINGS_PATH).json())  # no pop-up about Jupyter news
    screenshot(page, "5-assignment-list", full_page=False)
    (output_dir / "course-pages-figures.json").write_text(json.dumps(figures, indent=2))
    print(json.dumps(figures, indent=2))
