"""The graded assessment's page as the course server renders it (``coursesite.pages``): at every
stage, the stage in words and the next step as a real button or link, one heading, no code, no
ids, no file paths; and the course home links to it, not to JupyterLab."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from coursesite.pages import assessment_navigation, feedback_with_way_back, render_assessment, render_home
from grading.assessment.spec import ASSIGNMENT_ID, COURSE_ID, SCENARIOS
from grading.assessment.trainee import AssessmentState, Stage
from grading.completion import completion
from grading.progress import VisitLog, progress

HOME = Path("/home/jupyter-ana")
NOTEBOOK = HOME / ASSIGNMENT_ID / f"{ASSIGNMENT_ID}.ipynb"
HANDED_IN = datetime(2026, 3, 2, 9, 5, tzinfo=UTC)  # nbgrader's times are UTC; in March so is the UK
XSRF = '<input type="hidden" name="_xsrf" value="2|abc|def|1"/>'

STATES = {
    Stage.NOT_RELEASED: (AssessmentState(Stage.NOT_RELEASED), [], []),
    Stage.READY: (AssessmentState(Stage.READY), ["Get the assessment"], []),
    Stage.GOT: (AssessmentState(Stage.GOT, NOTEBOOK, answered=3, items=19), ["Hand in my answers"],
                ["Open the assessment"]),
    Stage.HANDED_IN: (AssessmentState(Stage.HANDED_IN, NOTEBOOK, HANDED_IN, answered=19, items=19),
                      ["Hand in my answers"], ["Open the assessment"]),
    Stage.FEEDBACK_READY: (AssessmentState(Stage.FEEDBACK_READY, NOTEBOOK, HANDED_IN), ["Get my feedback"], []),
    Stage.FEEDBACK_GOT: (AssessmentState(Stage.FEEDBACK_GOT, NOTEBOOK, HANDED_IN,
                                         NOTEBOOK.parent / "feedback" / "x" / f"{ASSIGNMENT_ID}.html"),
                         [], ["Read my feedback"]),
}


def render(state: AssessmentState | None, problem: str = "") -> BeautifulSoup:
    return BeautifulSoup(render_assessment(state, problem=problem, base_url="/user/ana/course/", xsrf_form_html=XSRF),
                         "html.parser")


@pytest.mark.parametrize("stage", list(Stage))
def test_each_stage_says_where_the_trainee_is_and_offers_the_next_step(stage):
    state, buttons, links = STATES[stage]
    page = render(state)
    assert len(page.find_all("h1")) == 1
    assert page.find(role="status").get_text(strip=True)
    assert [b.get_text(strip=True) for b in page.find_all("button")] == buttons
    for form in page.find_all("form"):
        assert form["method"] == "post" and form["action"].startswith("/user/ana/course/assessment/")
        assert form.find("input", attrs={"name": "_xsrf"}), "every button is protected against other sites"
    shown_links = [a.get_text(strip=True) for a in page.find_all("a", class_="button")]
    assert shown_links == links
    text = page.get_text(" ")
    for internal in (ASSIGNMENT_ID, COURSE_ID, *SCENARIOS, "nbgrader", str(HOME), "ipynb", "fetch", "submit"):
        assert internal.lower() not in text.lower(), internal
    assert not re.search(r"[a-z]+_[a-z]+\(", text), "no code"


def test_a_hand_in_shows_its_date_and_time():
    text = render(STATES[Stage.HANDED_IN][0]).find(role="status").get_text(" ", strip=True)
    assert "You handed in your answers on 2 March 2026 at 09:05" in " ".join(text.split())


def test_times_are_on_the_trainees_clock_not_the_hubs():
    """Hubs run in UTC; in summer the UK is an hour ahead, which can move the date too."""
    summer = AssessmentState(Stage.HANDED_IN, NOTEBOOK, datetime(2026, 6, 30, 23, 30, tzinfo=UTC), answered=1, items=19)
    text = render(summer).find(role="status").get_text(" ", strip=True)
    assert "You handed in your answers on 1 July 2026 at 00:30" in " ".join(text.split())


def test_handing_in_says_how_much_is_answered_and_what_it_means_before_the_button():
    page = render(STATES[Stage.GOT][0])
    count, explained = [p.get_text(" ", strip=True) for p in page.find("h2", string="Handing in").find_all_next("p")]
    assert count == "You have saved answers to 3 of 19 marked items."
    assert "course lead" in explained and "replaces" in explained


def test_a_problem_is_said_in_words_and_the_page_still_has_its_way_home():
    page = render(None, problem="The assessment cannot be reached just now.")
    assert page.find(role="alert").get_text(strip=True) == "The assessment cannot be reached just now."
    assert page.find("a", string="Back to the course home")["href"] == "/user/ana/course/home"
    assert not page.find_all("button")


def test_the_course_home_links_to_the_assessment_page_not_jupyterlab(tmp_path, library):
    from grading.answers import AnswerStore
    from grading.course_answers import shipped_course

    store = AnswerStore(tmp_path, "ana")
    found = progress(store, shipped_course(), library)
    done = completion(found, VisitLog(tmp_path))
    with_assessment = BeautifulSoup(render_home(found, done, base_url="/user/ana/course/",
                                                assessment_url="/user/ana/course/assessment"), "html.parser")
    section = with_assessment.find("h2", id="assessment").find_next("p")
    assert section.find("a")["href"] == "/user/ana/course/assessment"
    assert "JupyterLab" not in section.get_text() and "Nbgrader" not in section.get_text()
    without = render_home(found, done, base_url="/", assessment_url=None)
    assert 'id="assessment"' not in without


def test_the_assessment_notebook_leads_back_to_its_page():
    nav = assessment_navigation("/user/ana/course/")[ASSIGNMENT_ID]
    assert nav["home"]["url"] == nav["next"]["url"] == "/user/ana/course/assessment"
    assert "previous" not in nav


def test_the_course_server_loads_nbgrader_only_when_it_serves_the_assessment():
    """About half a second at every ``mfc course`` start, which ``make start`` (no assessment) should not pay."""
    check = ("import sys, coursesite.server; loaded = [m for m in sys.modules if m.startswith('nbgrader')]; "
             "assert not loaded, loaded")
    subprocess.run([sys.executable, "-c", check], check=True, capture_output=True)


def test_the_feedback_page_gets_a_way_back_to_the_assessment_page_and_keeps_the_rest():
    fetched = ("<html><head><title>Your feedback</title></head><body><div class=page><header>"
               "<h1>Your feedback on the graded assessment</h1></header><p class=total>Your total: 3 of 64</p>"
               "</div></body></html>")
    page = BeautifulSoup(feedback_with_way_back(fetched, "/user/ana/course/"), "html.parser")
    first = page.header.find("p")
    assert first.a["href"] == "/user/ana/course/assessment" and first.get_text() == "Back to the graded assessment page"
    assert page.h1.get_text() == "Your feedback on the graded assessment"
    assert page.find(class_="total").get_text() == "Your total: 3 of 64"
