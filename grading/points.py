"""How many points an answer earns, from plain numbers: the rubric's arithmetic on its own.

Why apart from :mod:`grading.rubric`: the rubric works on the case library's models, and a graded
cell in nbgrader's kernel marks from a plain marking sheet without loading them
(:mod:`grading.assessment.marking_sheet`). Both take their points from here, so the formula
(README.md, "Scoring") is written once.
"""

from __future__ import annotations

RISK_MAXIMUM = 2.0
OVER_BY_ONE_SHARE = 0.5  # of RISK_MAXIMUM, for a grading one level too high
ACTIONS_MAXIMUM = 4.0
ESSENTIAL_SHARE = 0.75  # of ACTIONS_MAXIMUM; helpful options share the rest
HARM_COST_SHARE = 0.5  # of ACTIONS_MAXIMUM, taken off for each harmful option chosen
HARM_COST = ACTIONS_MAXIMUM * HARM_COST_SHARE


def _shares(essential: int, helpful: int) -> tuple[float, float]:
    """How the marks split between essential and helpful options."""
    if essential and helpful:
        return ESSENTIAL_SHARE, 1 - ESSENTIAL_SHARE
    return (1.0, 0.0) if essential else (0.0, 1.0)


def action_points(essential: tuple[int, int], helpful: tuple[int, int], harms: int) -> float:
    """Points for an action choice: ``essential`` and ``helpful`` are (chosen, offered) counts,
    ``harms`` the number of harmful options chosen. Rounded to two decimals."""
    essential_share, helpful_share = _shares(essential[1], helpful[1])
    gain = ACTIONS_MAXIMUM * (essential_share * _fraction(*essential) + helpful_share * _fraction(*helpful))
    return round(max(0.0, gain - HARM_COST * harms), 2)


def _fraction(chosen: int, offered: int) -> float:
    return chosen / offered if offered else 0.0
