"""What the carers' pages call: one line per exercise, one for the support lines under each
page's content note and one for the links to the guidance, so the notebooks stay prose.

Answers on these pages are for the reader alone. One Voila server is shared by every visitor,
and the course's usual answer store writes to a file beside the notebook that the next player
reads back, so one carer would see another's choices. Each page's kernel is one visitor's, so
its answers go to a folder of that kernel's own, removed when the kernel ends.
"""

from __future__ import annotations

import tempfile
from functools import cache

from grading.answers import AnswerStore
from grading.player import ScenarioPlayer
from scenarios.sources import SourcesList, sources_list
from scenarios.support import SupportContacts, support_contacts

READER = "foster-carer"


@cache
def _private_folder() -> tempfile.TemporaryDirectory:
    """This kernel's scratch folder; the object's finaliser deletes it when the kernel exits."""
    return tempfile.TemporaryDirectory(prefix="mfc-carer-")


def private_answers() -> AnswerStore:
    """An answer store no other visitor can read or be shown."""
    return AnswerStore(directory=_private_folder().name, trainee=READER)


def play(scenario_id: str) -> ScenarioPlayer:
    """The scenario player for one carers' exercise, with immediate feedback and private answers.

    No score: a volunteer learning for themselves reads what they did well and what to change.
    """
    return ScenarioPlayer(scenario_id, store=private_answers(), show_score=False)


def support() -> SupportContacts:
    """Where a carer can get support: the same helplines the trainees' course gives, with their
    supervising social worker first."""
    return support_contacts("carer")


def sources() -> SourcesList:
    """The guidance the pages cite, each document linked, so a carer can read it for themselves."""
    return sources_list()
