"""The graded assessment as course pages, in Chromium, served by ``mfc course --assessment`` as a
hub serves it: a trainee goes from the course home to the assessment's page, gets the assessment,
opens it as a page (no code), answers an item in the player, goes back and hands in, and reads
"handed in"; the answer is saved beside the fetched notebook, which is what handing in sends. Once
the course lead has marked it, the trainee gets the feedback and reads it.

The course lead's side is real too: ``mfc assess`` releases into an exchange of the test's own,
which the server finds through the hub's shared ``deploy/tljh/nbgrader_config.py`` and
``MFC_EXCHANGE``. Screenshots (1280 px, and 375 px for the phone) go to test-output/<test name>/.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from course_files import shipped_course
from grading.assessment.course import EXCHANGE_MODE
from grading.assessment.spec import ASSIGNMENT_ID, SCENARIOS, assessed_questions
from scenarios.library import shipped_library

from .axe import describe_violations
from .carers_client import fetch
from .carers_server import running_mfc
from .notebook_ui import RUN_TIMEOUT_MS
from .pages import assert_no_horizontal_scroll

ROOT = Path(__file__).resolve().parents[2]
ITEMS = [question for _, question in assessed_questions(shipped_library())]
SAVE_TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def hub(tmp_path_factory) -> dict:
    """A released assessment, and the environment a trainee's course server has on a hub."""
    base = tmp_path_factory.mktemp("assessment-hub")
    settings, exchange, home = base / "etc-jupyter", base / "exchange", base / "home"
    for folder in (settings, exchange, home):
        folder.mkdir()
    exchange.chmod(EXCHANGE_MODE)
    shutil.copy(ROOT / "deploy" / "tljh" / "nbgrader_config.py", settings)
    nbgrader = {"MFC_EXCHANGE": str(exchange), "JUPYTER_CONFIG_PATH": str(settings),
                "JUPYTER_DATA_DIR": str(base / "jupyter-data")}
    trainee = {**nbgrader, "MFC_ANSWERS_DIR": str(base / "course-answers"), "MFC_TRAINEE": "trainee-1"}
    lead = {"home": home, "env": trainee, "lead_env": nbgrader, "course_answers": base / "course-answers",
            "course": base / "course"}
    course_lead(lead, "init", str(base / "course"))
    course_lead(lead, "release", "--course", str(base / "course"))
    return lead


def course_lead(hub: dict, *step: str) -> None:
    """One of the course lead's ``mfc assess`` steps, on the same exchange as the trainee's server
    (and without the trainee's course answer folder: marking reads the answers handed in)."""
    subprocess.run([sys.executable, "-m", "mfc.cli", "assess", *step], check=True, capture_output=True,
                   env={**os.environ, **hub["lead_env"]})


@pytest.fixture(scope="module")
def course(hub):
    log_dir = ROOT / "test-output" / "assessment-server"
    with running_mfc("course", "--assessment", str(hub["home"]), root_dir=shipped_course(), log_dir=log_dir,
                     env=hub["env"]) as server:
        yield server


def assert_plain(page: Page) -> None:
    """No code, no ids: what a trainee reads."""
    text = page.locator("body").inner_text()
    for code in ("grade(", "player(", "from grading", "import ", ASSIGNMENT_ID, *SCENARIOS, "In [", "Out ["):
        assert code not in text, code
    assert page.locator(".jp-CodeCell .jp-InputArea, .jp-CodeMirrorEditor, .cm-editor").count() == 0


def audit(page: Page, axe, where: str) -> None:
    violations = axe(page)
    assert not violations, f"{where}: {describe_violations(violations)}"


def test_a_trainee_gets_answers_and_hands_in_the_assessment_as_pages(page, page_log, mobile_page, course, hub,
                                                                      screenshot, axe):
    page.goto(course.url("home"))
    page.get_by_role("link", name="Go to the graded assessment").click()
    expect(page.get_by_role("heading", level=1, name="The graded assessment")).to_be_visible()
    expect(page.locator(".summary")).to_have_text("The assessment is ready for you.")
    screenshot(page, "1-ready")
    audit(page, axe, "assessment page, ready")

    for not_yet in ("assessment/page", "assessment/feedback"):  # nothing to show yet: back to the page
        page.goto(course.url(not_yet))
        expect(page).to_have_url(course.url("assessment"))

    page.get_by_role("button", name="Get the assessment").click()
    expect(page.locator(".summary")).to_contain_text("You have your copy of the assessment")
    notebook = hub["home"] / ASSIGNMENT_ID / f"{ASSIGNMENT_ID}.ipynb"
    assert notebook.is_file()
    assert_plain(page)
    screenshot(page, "2-got")

    page.get_by_role("link", name="Open the assessment").click()
    page.set_default_timeout(RUN_TIMEOUT_MS)
    expect(page.get_by_role("heading", level=1, name="Graded assessment: grading risk and choosing actions")) \
        .to_be_visible(timeout=RUN_TIMEOUT_MS)
    players = page.locator(".mfc-player")
    expect(players).to_have_count(len(SCENARIOS), timeout=RUN_TIMEOUT_MS)
    first = players.first
    first.get_by_role("button", name="Start the case").click()
    save = first.get_by_role("button", name="Save my answer").first
    question = save.locator("xpath=..")
    question.get_by_role("radio").or_(question.get_by_role("checkbox")).first.check()
    save.click()
    expect(first.get_by_role("status").filter(has_text="Your answer is saved")).to_be_visible(timeout=SAVE_TIMEOUT_MS)
    # Under each case, a line per marked item: the one just answered says so at once, named as the player heads it.
    expect(page.locator("p", has_text="Answer saved: Part 1 of")).to_have_count(1)
    expect(page.locator("p", has_text="No answer saved yet: Part")).to_have_count(len(ITEMS) - 1)
    page.locator("p", has_text="Answer saved: Part 1 of").scroll_into_view_if_needed()
    screenshot(page, "3-item-lines", full_page=False)
    assert_plain(page)
    assert page.locator(".jp-OutputArea-output pre").count() == 0, "the item lines read as text, not program output"
    screenshot(page, "3-assessment-page", full_page=False)
    audit(page, axe, "assessment notebook")

    saved = hub["home"] / ASSIGNMENT_ID / f"{SCENARIOS[0]}.answers.json"
    assert saved.is_file(), "the player saves beside the fetched notebook, which is what handing in sends"
    assert json.loads(saved.read_text())["answers"], saved.read_text()
    assert not (hub["course_answers"] / saved.name).exists(), "not in the course's own answer folder"

    expect(page.get_by_role("link", name="Next: Hand in your answers")).to_have_attribute(
        "href", re.compile(r"/assessment$"))  # below the last case, the way to hand in
    page.get_by_role("link", name="Back to the graded assessment page").click()
    expect(page.get_by_role("heading", level=2, name="Handing in")).to_be_visible()
    expect(page.get_by_text("You have saved answers to 1 of")).to_contain_text(f"1 of {len(ITEMS)} marked items")
    page.get_by_role("button", name="Hand in my answers").click()
    expect(page.locator(".summary")).to_contain_text("You handed in your answers on")
    screenshot(page, "4-handed-in")
    audit(page, axe, "assessment page, handed in")
    assert_plain(page)
    assert not page_log.blocked, f"the pages asked for other sites: {page_log.blocked}"
    assert not page_log.unexpected_errors()

    mobile_page.goto(course.url("assessment"))
    expect(mobile_page.locator(".summary")).to_contain_text("You handed in your answers on")
    assert_no_horizontal_scroll(mobile_page)
    screenshot(mobile_page, "5-handed-in-phone")
    mobile_page.get_by_role("link", name="Open the assessment").click()
    expect(mobile_page.locator(".mfc-player")).to_have_count(len(SCENARIOS), timeout=RUN_TIMEOUT_MS)
    assert_no_horizontal_scroll(mobile_page)
    screenshot(mobile_page, "6-assessment-page-phone", full_page=False)
    mobile_page.locator("p", has_text="Answer saved: Part 1 of").scroll_into_view_if_needed()
    screenshot(mobile_page, "6-item-lines-phone", full_page=False)

    for step in ("collect", "autograde", "feedback"):
        course_lead(hub, step, "--course", str(hub["course"]))
    page.reload()
    page.get_by_role("button", name="Get my feedback").click()
    page.get_by_role("link", name="Read my feedback").click()
    expect(page.get_by_role("heading", level=1, name="Your feedback on the graded assessment")).to_be_visible()
    expect(page.locator(".total")).to_contain_text("Your total:")
    unanswered = page.get_by_text("No answer was saved for this item")
    expect(unanswered).to_have_count(len(ITEMS) - 1)  # all but the one answered above
    assert_plain(page)
    screenshot(page, "7-feedback")
    page.get_by_role("link", name="Back to the graded assessment page").click()
    expect(page.locator(".summary")).to_contain_text("Your course lead has marked the answers you handed in on")


def test_a_steps_address_opened_rather_than_posted_leads_to_the_assessment_page(course):
    status, headers, _ = fetch(course.url("assessment/hand-in"))
    assert status == 302 and headers["Location"].endswith("/assessment")


def test_a_button_on_another_site_cannot_hand_in(course):
    """The buttons post with tornado's XSRF token; a post without it is refused."""
    status, _, _ = fetch(course.url("assessment/hand-in"), method="POST", data=b"")
    assert status == 403
