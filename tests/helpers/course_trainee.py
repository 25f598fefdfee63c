"""A trainee working through the course, written straight into their answer folder as the case
players would write it: for progress, completion and the course pages' tests."""

from __future__ import annotations

from pathlib import Path

from grading.answers import AnswerStore
from grading.progress import progress
from scenarios.library import Library

from .trainees import Answer, follows_the_key


def answer_case(store: AnswerStore, library: Library, scenario_id: str, pick: Answer = follows_the_key) -> None:
    """Answer every decision point of a case with ``pick(question, library)``."""
    for question in library.scenario(scenario_id).questions():
        store.record(scenario_id, question.id, pick(question, library))


def answer_every_module(store: AnswerStore, library: Library, course: Path, *, skip: tuple[str, ...] = ()) -> None:
    """Answer the case of every module of ``course`` except the modules named in ``skip``."""
    for module in progress(store, course, library).modules:
        if module.name not in skip:
            for scenario_id in module.scenarios:
                answer_case(store, library, scenario_id)
