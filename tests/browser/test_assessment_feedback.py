"""The trainee's feedback page in Chromium, as a trainee opens it after *Fetch Feedback*.

One trainee's submission (risks graded too low, harmful actions chosen: the longest reasons and
guidance lists) is autograded and its page written by the course lead's ``feedback`` step. At
desktop width and on a 375 px phone: every marked item is on screen with its points, nothing
scrolls sideways, and axe-core finds no serious or critical problem. Screenshots go to
test-output/<test name>/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers.trainees import answer_all, chooses_harm, fetch, submit, under_grades_every_risk
from playwright.sync_api import Page, expect

from grading.assessment.course import init_course
from grading.assessment.spec import assessed_questions
from grading.assessment.steps import autograde_serial, collect, feedback, release
from grading.rubric import unanswered

from .axe import describe_violations
from .pages import assert_no_horizontal_scroll

TRAINEE = "dee"
POINTS = re.compile(r"^\d+(\.\d+)? of \d+ points$")
DESKTOP = {"width": 1280, "height": 800}


def _poor_answer(question, library):
    return under_grades_every_risk(question, library) if question.kind == "risk" else chooses_harm(question, library)


@pytest.fixture(scope="module")
def feedback_page(tmp_path_factory, library) -> Path:
    """The feedback page nbgrader writes for one trainee, who fetched, answered and submitted
    through the exchange, after the course lead's collect, autograde and feedback steps."""
    base = tmp_path_factory.mktemp("feedback-page")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("MFC_EXCHANGE", str(base / "exchange"))
        course = init_course(base / "course")
        release(course)
        home = base / "home"
        answer_all(fetch(course, home, TRAINEE), TRAINEE, assessed_questions(library), library, _poor_answer)
        submit(course, home, TRAINEE)
        assert collect(course) == [TRAINEE]
        assert all(result.ok for result in autograde_serial(course, [TRAINEE]))
        (page,) = feedback(course)
    return page


def _check(page: Page, path: Path, count: int, maximum: float, axe) -> None:
    """Every item on screen and within the viewport's width, no sideways scroll, no serious axe finding."""
    page.goto(path.as_uri())
    expect(page.get_by_role("heading", level=1)).to_have_text("Your feedback on the graded assessment")
    expect(page.locator(".total")).to_contain_text(f" of {maximum:g} points")
    items = page.locator("li.item")
    expect(items).to_have_count(count)
    width = page.viewport_size["width"]
    for index in range(count):
        item = items.nth(index)
        item.scroll_into_view_if_needed()
        expect(item).to_be_visible()
        expect(item.locator(".points")).to_have_text(POINTS)
        box = item.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (index, box)
    assert_no_horizontal_scroll(page)
    violations = axe(page)
    assert not violations, describe_violations(violations)


def test_every_item_reads_well_at_desktop_width_and_on_a_phone(page, mobile_page, page_log, feedback_page, library,
                                                              axe, screenshot):
    assessed = assessed_questions(library)
    count, maximum = len(assessed), sum(unanswered(question, library).maximum for _, question in assessed)
    page.set_viewport_size(DESKTOP)
    _check(page, feedback_page, count, maximum, axe)
    screenshot(page, "feedback-1280")
    _check(mobile_page, feedback_page, count, maximum, axe)
    screenshot(mobile_page, "feedback-375")
    assert not page_log.unexpected_errors()
    assert not page_log.blocked, "the page needs nothing from outside the machine"
