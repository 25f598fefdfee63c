"""The graded (summative) assessment, run through nbgrader.

- :mod:`~grading.assessment.cells`: what the assessment notebook's cells call (``player``, ``grade``);
- :mod:`~grading.assessment.spec`: the assignment's names and the scenarios it assesses;
- :mod:`~grading.assessment.source_notebook`: builds the source notebook from the spec;
- :mod:`~grading.assessment.course`: the nbgrader course root and nbgrader's API opened on it;
- :mod:`~grading.assessment.steps` and :mod:`~grading.assessment.parallel`: release, collect,
  autograde (serially or in worker processes), feedback;
- :mod:`~grading.assessment.export`: the marks as CSV from nbgrader's gradebook;
- :mod:`~grading.assessment.sealed_feedback`: feedback that explains a mark without the key;
- :mod:`~grading.assessment.feedback_page`: the page a trainee reads after marking (nbgrader's
  feedback step, with the course's exporter and ``templates/trainee_feedback``);
- :mod:`~grading.assessment.variants`: per-learner scene-setting details;
- :mod:`~grading.assessment.trainee`: the trainee's side (where they are with it; get, hand in,
  get feedback), through nbgrader's Assignment List code, for the course pages' buttons;
- ``nbgrader_course/``: the course root shipped with the package (config and source notebook).

The assessment notebook's one set-up line, ``from grading.assessment import grade, player``, is a
public contract (released notebooks carry it). The two names are looked up only when asked for,
so that the course lead's commands, which import the steps, do not pay for the widget stack.
"""

from __future__ import annotations

from typing import Any

_CELL_API = ("grade", "player")


def __getattr__(name: str) -> Any:
    if name in _CELL_API:
        from grading.assessment import cells

        return getattr(cells, name)
    raise AttributeError(f"module 'grading.assessment' has no attribute {name!r}")


__all__ = list(_CELL_API)
