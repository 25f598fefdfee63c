"""What the summative assessment is: its names in nbgrader and the scenarios it assesses.

One small module of data, read by the notebook builder, the graded cells, the course-lead
commands and the tests, so that the assignment's name and its questions are written down once.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for annotations: a graded cell imports this module without the library's models
    from scenarios.library import Library
    from scenarios.models import ActionQuestion, RiskQuestion

COURSE_ID = "missing-from-care"
ASSIGNMENT_ID = "summative"

# The assessed cases, in the order the notebook presents them. At least one is held back from
# the formative course (``assessment_only``), so trainees meet it for the first time here.
SCENARIOS = ("newly-arrived-15", "turning-18", "cannabis-farm")


def assessed_questions(library: Library) -> list[tuple[str, RiskQuestion | ActionQuestion]]:
    """Every assessed question as (scenario id, question), in notebook order."""
    return [(sid, q) for sid in SCENARIOS for q in library.scenario(sid).questions()]


def variant_seed(learner_id: str, assignment_id: str = ASSIGNMENT_ID) -> int:
    """The per-learner variant seed: HMAC-SHA256 keyed by the assignment name over the learner id.

    Why a keyed hash rather than ``hash()`` or a counter: it is the same on every machine and in
    every session (a trainee who reopens the notebook sees the same order), different for every
    learner and for every assignment, and needs no table of who got what. It is not a secret and
    does not need to be: the seed only changes the order of options and which illustrative
    details appear, never the key.
    """
    digest = hmac.new(assignment_id.encode("utf-8"), learner_id.encode("utf-8"), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big")
