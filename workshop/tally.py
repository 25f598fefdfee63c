"""The trainer's view of a room: per decision point, how the room answered.

For each open question: how many answered, how often each risk level or action was chosen, and
(for risk) the share graded below the reference. Agreement is Fleiss' kappa over the room's risk
questions (:mod:`grading.cohort.agreement`), shown once at least ``KAPPA_FROM`` trainees have
graded two questions, because with fewer it swings too much to mean anything.
"""

from __future__ import annotations

import math
from collections import Counter

from sqlalchemy.orm import Session

from grading.cohort.agreement import fleiss_kappa
from scenarios.library import Library
from scenarios.models import RiskQuestion
from workshop.models import Room
from workshop.reference import is_under_graded, reference
from workshop.rooms import latest_answers, public_state

KAPPA_FROM = 3


def dashboard(session: Session, library: Library, room: Room, names: bool = False) -> dict:
    scenario = library.scenario(room.scenario)
    answers = latest_answers(session, room)
    by_question: dict[str, list] = {}
    for row in answers:
        by_question.setdefault(row.question, []).append(row.answer)
    questions, risk_counts = [], []
    for index, stage in enumerate(scenario.stages[: room.stages_open]):
        for question in stage.questions:
            given = by_question.get(question.id, [])
            summary = _summary(library, question, given)
            summary.update(stage=index, stage_title=stage.title, prompt=question.prompt,
                           reference=reference(question) if index in room.revealed else None)
            questions.append(summary)
            if isinstance(question, RiskQuestion):
                risk_counts.append([summary["counts"][level] for level in question.levels])
    state = public_state(session, library, room)
    state["questions"] = questions
    state["kappa"] = _kappa(risk_counts)
    if names:
        state["names"] = [trainee.name for trainee in room.trainees]
    return state


def _summary(library: Library, question, given: list) -> dict:
    if isinstance(question, RiskQuestion):
        counts = Counter(given)
        under = sum(is_under_graded(library, question, level) for level in given)
        return {"id": question.id, "kind": "risk", "answered": len(given),
                "labels": {level: library.level(level).label for level in question.levels},
                "counts": {level: counts.get(level, 0) for level in question.levels},
                "under_graded": under / len(given) if given else None}
    counts = Counter(action for choice in given for action in choice)
    options = [option.action for option in question.options]
    return {"id": question.id, "kind": "actions", "answered": len(given),
            "labels": {action: library.action(action).label for action in options},
            "counts": {action: counts.get(action, 0) for action in options}, "under_graded": None}


def _kappa(risk_counts: list[list[int]]) -> float | None:
    graded = [row for row in risk_counts if sum(row) >= KAPPA_FROM]
    if len(graded) < 2:
        return None
    width = max(len(row) for row in graded)
    value = fleiss_kappa([row + [0] * (width - len(row)) for row in graded])
    return None if math.isnan(value) else round(value, 3)
