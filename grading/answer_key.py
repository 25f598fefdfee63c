"""Scoring a whole cohort fast: every question indexed once, every distinct answer scored once.

Why not call :func:`grading.rubric.score_answer` for each answer: it finds the scenario and the
question by scanning the library, and builds every feedback text afresh, so a cohort of 500
trainees costs some 90 µs per answer. But a cohort gives the same answers over and over: a risk
question has at most four levels, and trainees choose among a handful of common sets of actions.
Scoring is pure (the rubric promises the same Mark for the same answer), so an :class:`AnswerKey`
keeps the Mark of each distinct answer and hands it back the next time. The rubric stays the only
place that knows the formula; this module only remembers its results.

Memory stays small: at most one Mark per level of each risk question and per set of options of
each action question that some trainee actually chose.
"""

from __future__ import annotations

from collections.abc import Hashable

import pandas as pd

from grading.marks import Mark
from grading.rubric import Answer, AnswerError, score_answer, unanswered
from scenarios.library import Library
from scenarios.models import ActionQuestion, Rating, RiskQuestion

Question = RiskQuestion | ActionQuestion


def _cache_key(answer: object) -> Hashable | None:
    """The answer in a form whose equality means 'the same Mark', or None if it is not a
    well-formed answer (the rubric then scores it uncached and names what is wrong).

    A set of action ids is order-free and choosing twice is choosing once, so a frozenset;
    a level id is itself.
    """
    if isinstance(answer, str):
        return answer
    if isinstance(answer, list | tuple | set | frozenset) and all(isinstance(a, str) for a in answer):
        return frozenset(answer)
    return None


class AnswerKey:
    """The library's questions, indexed by scenario and id, with a memory of the marks given."""

    def __init__(self, library: Library):
        self.library = library
        self._questions: dict[str, tuple[Question, ...]] = {
            sid: tuple(scenario.questions()) for sid, scenario in library.scenarios.items()
        }
        self._ratings: dict[str, dict[str, Rating]] = {
            q.id: {o.action: o.rating for o in q.options}
            for questions in self._questions.values() for q in questions if isinstance(q, ActionQuestion)
        }
        self._marks: dict[tuple[str, str, Hashable], Mark] = {}
        self._unanswered: dict[str, Mark] = {}
        self._options = pd.DataFrame(
            [(qid, action, rating.value) for qid, ratings in self._ratings.items()
             for action, rating in ratings.items()],
            columns=["question", "action", "rating"])

    def questions(self, scenario_id: str) -> tuple[Question, ...]:
        """The scenario's questions in order; an AnswerError naming the id if it is unknown."""
        try:
            return self._questions[scenario_id]
        except (KeyError, TypeError):
            raise AnswerError(f"unknown scenario {scenario_id!r}; known: {', '.join(self._questions)}") from None

    def ratings(self, question_id: str) -> dict[str, Rating]:
        """How each option of an action question is rated (action id -> rating)."""
        return self._ratings[question_id]

    def options_table(self) -> pd.DataFrame:
        """Every option of every action question: question, action, rating (its value)."""
        return self._options

    def score(self, scenario_id: str, question_id: str, answer: Answer) -> Mark:
        """The same Mark as ``score_answer(library, scenario_id, question_id, answer)``."""
        key = _cache_key(answer)
        if key is None:
            return score_answer(self.library, scenario_id, question_id, answer)
        cached = self._marks.get((scenario_id, question_id, key))
        if cached is None:
            cached = score_answer(self.library, scenario_id, question_id, answer)
            self._marks[scenario_id, question_id, key] = cached
        return cached

    def unanswered(self, question: Question) -> Mark:
        """The Mark of a question left unanswered (the rubric's, remembered)."""
        if question.id not in self._unanswered:
            self._unanswered[question.id] = unanswered(question, self.library)
        return self._unanswered[question.id]

    def distinct_answers(self) -> int:
        """How many distinct answers have been scored so far (the size of the memory)."""
        return len(self._marks)

