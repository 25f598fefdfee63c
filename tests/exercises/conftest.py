"""Fixtures for the exercise tests: the shipped Kim exercise, and small debriefs shared per session
(the simulation is the slow part, so each set of choices runs once)."""

from __future__ import annotations

import pytest
from helpers.exercise_rooms import everything_at_once

from exercises.library import shipped_exercise

KIM = "kim-who-knows-what"
TEST_REPS = 120  # enough for the curves to order reliably; the CLI's default is 300


@pytest.fixture(scope="session")
def kim():
    return shipped_exercise(KIM)


@pytest.fixture(scope="session")
def debriefs(kim):
    """Debriefs of a room that shares nothing and one that shares everything in the first hour."""
    from exercises.debrief import run_debrief

    return {"nothing": run_debrief(kim, [], reps=TEST_REPS),
            "everything": run_debrief(kim, everything_at_once(kim), reps=TEST_REPS)}
