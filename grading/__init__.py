"""Grading: scoring answers against the case library, and keeping trainees' answers safe.

- :mod:`grading.marks`: what scoring returns (Mark, Feedback, ScenarioMark);
- :mod:`grading.rubric`: the scoring rules (pure: no randomness, no I/O);
- :mod:`grading.answers`: one JSON answers file per trainee per scenario, written atomically.

The player, the cohort reports, the nbgrader assessment and ``mfc score`` all build on these,
so a trainee's answer earns the same mark wherever it is scored.
"""

from grading.answers import AnswerFile, AnswerFileError, AnswerStore, read_answer_file
from grading.marks import Feedback, Mark, ScenarioMark
from grading.rubric import AnswerError, score_actions, score_answer, score_answers, score_risk, score_scenario

__all__ = [
    "AnswerError",
    "AnswerFile",
    "AnswerFileError",
    "AnswerStore",
    "Feedback",
    "Mark",
    "ScenarioMark",
    "read_answer_file",
    "score_actions",
    "score_answer",
    "score_answers",
    "score_risk",
    "score_scenario",
]
