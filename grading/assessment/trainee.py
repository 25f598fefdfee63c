"""The graded assessment from the trainee's side: where it stands for them, and getting it, handing
it in and getting the feedback, for the course's pages to show as buttons.

Why through nbgrader's own ``AssignmentList`` (the code behind JupyterLab's Assignment List)
rather than the exchange classes directly: it loads nbgrader's settings the way a trainee's
Jupyter server does (Jupyter's config folders, then the folder it serves), so whatever a hub sets
there (``deploy/tljh/nbgrader_config.py`` and its ``MFC_EXCHANGE``, an exchange plugin) holds for
these pages exactly as for the Assignment List, and a trainee who has used one sees the same
assessment in the other.

nbgrader's Assignment List expects to run in a Jupyter server started in the folder it serves (it
fetches into its working folder, ``Exchange.assignment_dir = "."``); the course server may run
elsewhere, so each call here runs with the working folder set to the trainee's home (and back;
the course server handles one request at a time, so no other request sees the change).

nbgrader reports a failure as a traceback in its result. A trainee never reads that: each step's
failure becomes :class:`AssessmentUnavailable`, with a sentence a person would say, and the
traceback goes to the server's log for whoever runs it.
"""

from __future__ import annotations

import logging
from contextlib import chdir
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path

from grading.answers import AnswerStore
from grading.assessment.marking_sheet import shipped_sheet
from grading.assessment.spec import ASSIGNMENT_ID, COURSE_ID

logger = logging.getLogger(__name__)

ASK_LEAD = "Try again in a few minutes; if it still does not work, tell your course lead."


class AssessmentUnavailable(RuntimeError):
    """A step nbgrader could not do; the message is for the trainee, in plain words."""


class Stage(Enum):
    """How far the trainee is with the assessment, in nbgrader's order of events."""

    NOT_RELEASED = "not released yet"
    READY = "ready to get"
    GOT = "being answered"
    HANDED_IN = "handed in"
    FEEDBACK_READY = "feedback ready"
    FEEDBACK_GOT = "feedback got"


@dataclass(frozen=True)
class AssessmentState:
    """What the assessment page needs: the stage, and where the trainee's copies are."""

    stage: Stage
    notebook: Path | None = None  # the fetched notebook, once got
    handed_in_at: datetime | None = None  # the latest hand-in (aware, in UTC)
    feedback: Path | None = None  # the newest feedback page, once got
    answered: int = 0  # marked items with an answer saved beside the notebook
    items: int = 0  # marked items in all


def answered_items(folder: Path) -> tuple[int, int]:
    """How many of the assessment's marked items have an answer saved in ``folder`` (where the
    player saves them), and how many there are: said beside the hand-in button, so that nobody
    hands in half the assessment without knowing."""
    store = AnswerStore(folder)
    sheet = shipped_sheet()
    answered = sum(len(set(store.load(case).answers) & set(items)) for case, items in sheet.items())
    return answered, sum(len(items) for items in sheet.values())


class TraineeAssessment:
    """The assessment (``spec.COURSE_ID``, ``spec.ASSIGNMENT_ID``) for the trainee whose Jupyter
    server serves ``home``: the assessment is fetched into ``home``, as the Assignment List does."""

    def __init__(self, home: Path):
        # Imported here: nbgrader's Assignment List brings nbgrader's applications with it (about
        # half a second), which ``mfc course`` without the assessment should not pay at every start.
        from nbgrader.server_extensions.assignment_list.handlers import AssignmentList

        self.home = Path(home).resolve()
        self._nbgrader = AssignmentList()
        self._nbgrader.root_dir = str(self.home)

    def state(self) -> AssessmentState:
        with chdir(self.home):
            released = self._listed(self._nbgrader.list_released_assignments(course_id=COURSE_ID))
            handed_in = self._listed(self._nbgrader.list_submitted_assignments(course_id=COURSE_ID))
        notebook = self._fetched_notebook(released)
        if handed_in and handed_in["submissions"]:
            state = self._after_hand_in(handed_in["submissions"][-1], notebook)  # nbgrader sorts them oldest first
        elif notebook is not None:
            state = AssessmentState(Stage.GOT, notebook)
        else:
            return AssessmentState(Stage.READY if released else Stage.NOT_RELEASED)
        if notebook is None:
            return state
        answered, items = answered_items(notebook.parent)
        return replace(state, answered=answered, items=items)

    def get(self) -> None:
        """Fetch the released assessment into the trainee's home, unless it is got already: a
        button pressed twice, or pressed again in an older tab, has nothing left to do, and must
        not read as a failure."""
        if self.state().stage is Stage.READY:
            self._run(self._nbgrader.fetch_assignment, "Getting the assessment did not work.")

    def hand_in(self) -> None:
        """Submit the fetched folder (notebook and saved answers); a later hand-in replaces it."""
        if self.state().notebook is None:  # the button is not offered then; an old tab may still post it
            raise AssessmentUnavailable("There is nothing to hand in yet: get the assessment first.")
        self._run(self._nbgrader.submit_assignment, "Handing in your answers did not work.")

    def get_feedback(self) -> None:
        """Fetch the feedback the course lead released for the latest hand-in, unless there is none
        new to get (as :meth:`get`, a second press is not a failure)."""
        if self.state().stage is Stage.FEEDBACK_READY:
            self._run(self._nbgrader.fetch_feedback, "Getting your feedback did not work.")

    def _run(self, step, failed: str) -> None:
        with chdir(self.home):
            result = step(COURSE_ID, ASSIGNMENT_ID)
        if not result.get("success"):
            logger.warning("nbgrader could not %s: %s", step.__name__.replace("_", " "), result.get("value"))
            raise AssessmentUnavailable(f"{failed} {ASK_LEAD}")

    def _listed(self, result: dict) -> dict | None:
        """This assessment's entry in one of nbgrader's lists, or None."""
        if not result.get("success"):
            logger.warning("nbgrader could not list the assessment: %s", result.get("value"))
            raise AssessmentUnavailable(f"The assessment cannot be reached just now. {ASK_LEAD}")
        return next((entry for entry in result["value"] if entry["assignment_id"] == ASSIGNMENT_ID), None)

    def _fetched_notebook(self, released: dict | None) -> Path | None:
        if not released or released["status"] != "fetched":
            return None
        notebooks = [self.home / nb["path"] for nb in released["notebooks"] if nb["notebook_id"] == ASSIGNMENT_ID]
        return notebooks[0] if notebooks else None

    def _after_hand_in(self, submission: dict, notebook: Path | None) -> AssessmentState:
        from nbgrader.utils import parse_utc  # loaded with the Assignment List already

        handed_in_at = parse_utc(submission["timestamp"]).replace(tzinfo=UTC)
        if submission["has_local_feedback"] and not submission["feedback_updated"]:
            pages = [nb["local_feedback_path"] for nb in submission["notebooks"] if nb["notebook_id"] == ASSIGNMENT_ID]
            feedback = self.home / pages[0] if pages else None
            return AssessmentState(Stage.FEEDBACK_GOT, notebook, handed_in_at, feedback)
        stage = Stage.FEEDBACK_READY if submission["has_exchange_feedback"] else Stage.HANDED_IN
        return AssessmentState(stage, notebook, handed_in_at)
