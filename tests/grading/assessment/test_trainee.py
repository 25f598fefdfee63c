"""The trainee's side of the graded assessment (``grading.assessment.trainee``) against a real
exchange: the course lead releases with ``mfc assess``; the trainee's state, get, answers (saved by
the answer store beside the fetched notebook, as the player saves them) and hand-in go through
nbgrader's own Assignment List code, which finds the exchange through the hub's shared
``deploy/tljh/nbgrader_config.py`` and ``MFC_EXCHANGE``, as on a hub; then the lead collects,
autogrades and releases feedback, and the trainee gets it and has a page to read.
"""

from __future__ import annotations

import getpass
import io
import shutil
from contextlib import redirect_stdout
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers.trainees import answer_all, follows_the_key

from grading.assessment.course import EXCHANGE_MODE
from grading.assessment.spec import ASSIGNMENT_ID
from grading.assessment.trainee import AssessmentUnavailable, Stage, TraineeAssessment
from grading.rubric import score_answer
from mfc.cli import main

pytestmark = pytest.mark.slow

HUB_SETTINGS = Path(__file__).resolve().parents[3] / "deploy" / "tljh" / "nbgrader_config.py"


def mfc(*args: str) -> None:
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(list(args))
    assert code == 0, out.getvalue()


@pytest.fixture
def hub(tmp_path, monkeypatch) -> Path:
    """Jupyter's settings as a hub installs them (the shared nbgrader settings, nothing of the
    person's own) and an exchange of this test's own, made as a hub makes it (open to all, before
    any release); returns the trainee's home."""
    settings = tmp_path / "etc-jupyter"
    settings.mkdir()
    shutil.copy(HUB_SETTINGS, settings)
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(settings))
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(tmp_path / "own-jupyter"))
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "own-data"))  # nbgrader's record of hand-ins
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    exchange.chmod(EXCHANGE_MODE)
    monkeypatch.setenv("MFC_EXCHANGE", str(exchange))
    home = tmp_path / "home"
    home.mkdir()
    return home


def test_a_trainee_gets_answers_hands_in_and_reads_feedback(hub, tmp_path, library, assessed):
    course = tmp_path / "course"
    mfc("assess", "init", str(course))
    trainee = TraineeAssessment(hub)
    assert trainee.state().stage is Stage.NOT_RELEASED

    mfc("assess", "release", "--course", str(course))
    assert trainee.state().stage is Stage.READY

    trainee.get()
    trainee.get()  # pressed twice, or again in an older tab: nothing left to do, and no failure
    got = trainee.state()
    assert got.stage is Stage.GOT
    assert got.notebook == hub.resolve() / ASSIGNMENT_ID / f"{ASSIGNMENT_ID}.ipynb" and got.notebook.is_file()
    assert (got.answered, got.items) == (0, len(assessed))

    answer_all(got.notebook.parent, getpass.getuser(), assessed, library, follows_the_key)
    trainee.hand_in()
    handed_in = trainee.state()
    assert handed_in.stage is Stage.HANDED_IN and handed_in.notebook == got.notebook
    assert handed_in.answered == handed_in.items == len(assessed)
    assert abs(handed_in.handed_in_at - datetime.now().astimezone()) < timedelta(minutes=2)
    assert handed_in.handed_in_at.utcoffset() == timedelta(0), "in UTC: the page puts it on the trainees' clock"

    for step in ("collect", "autograde", "feedback"):
        mfc("assess", step, "--course", str(course))
    assert trainee.state().stage is Stage.FEEDBACK_READY

    trainee.get_feedback()
    trainee.get_feedback()  # as for get: a second press is not a failure
    marked = trainee.state()
    assert marked.stage is Stage.FEEDBACK_GOT and marked.handed_in_at == handed_in.handed_in_at
    assert marked.feedback.is_file() and marked.feedback.suffix == ".html"
    total = BeautifulSoup(marked.feedback.read_text(encoding="utf-8"), "html.parser").find(class_="total")
    maximum = sum(score_answer(library, sid, q.id, follows_the_key(q, library)).maximum for sid, q in assessed)
    assert total.get_text(" ", strip=True) == f"Your total: {maximum:g} of {maximum:g} points", "the key's answers"


def test_handing_in_again_replaces_the_earlier_hand_in(hub, tmp_path):
    course = tmp_path / "course"
    mfc("assess", "init", str(course))
    mfc("assess", "release", "--course", str(course))
    trainee = TraineeAssessment(hub)
    trainee.get()
    trainee.hand_in()
    first = trainee.state().handed_in_at
    trainee.hand_in()
    again = trainee.state()
    assert again.stage is Stage.HANDED_IN and again.handed_in_at >= first


def test_getting_or_handing_in_before_the_release_does_nothing_and_says_why(hub, tmp_path):
    mfc("assess", "init", str(tmp_path / "course"))
    trainee = TraineeAssessment(hub)
    trainee.get()  # the button is not offered then, but an old tab may still post it
    assert trainee.state().stage is Stage.NOT_RELEASED
    assert not any(hub.iterdir())
    with pytest.raises(AssessmentUnavailable, match="^There is nothing to hand in yet: get the assessment first.$"):
        trainee.hand_in()


def test_an_exchange_that_cannot_be_reached_is_said_in_plain_words(hub, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("MFC_EXCHANGE", str(blocker / "exchange"))
    trainee = TraineeAssessment(hub)
    for step in (trainee.state, trainee.get, trainee.hand_in, trainee.get_feedback):
        with pytest.raises(AssessmentUnavailable) as failed:
            step()
        message = str(failed.value)
        assert "course lead" in message, step
        assert "Traceback" not in message and "Error" not in message and "exchange" not in message.lower(), message
