"""The room's debrief: the simulation run with the room's arrival times, between two presets.

Three settings share one seed, so replication ``i`` meets the same child in each (common random
numbers) and the curves differ only by what the settings change:

- ``practice-2016`` and ``good-practice``, each with the case's own facts and with every lead
  the exercise has a card for held by someone (so the three runs know the same things);
- the room: ``practice-2016`` with the case's facts, each card's lead arriving when the room got
  it to the agency that acts on it, and no strategy meeting or Philomena form, because in the
  exercise the room's sharing is the only way information moves.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from exercises.library import case_params
from exercises.models import Exercise
from exercises.sharing import NEVER, CardOutcome, Share, card_outcomes, lead_arrivals
from simulations.analysis import located_by, wilson_interval
from simulations.parameters import Params
from simulations.runner import Progress, run_replications

DEFAULT_REPS = 300
DEFAULT_SEED = 2016
CURVE_DAYS = 28

# Each lead word of the exercise schema -> (share of children for whom it is held, its delay from
# the report). A test checks every lead in exercises.models.LEADS is here and names real fields.
LEAD_PARAMETERS = {
    "photo": ("photo_on_file", "photo_delay_h"),
    "phone": ("phone_on_file", "phone_delay_h"),
    "social-media": ("social_media_on_file", "social_media_delay_h"),
    "contacts": ("contacts_on_file", "contacts_delay_h"),
    "family": ("p_family_in_contact", "family_ask_delay_h"),
    "home-office": ("p_immigration_restriction", "ho_referral_delay_h"),
}


@dataclass(frozen=True)
class Setting:
    key: str  # "practice-2016", "room" or "good-practice"
    label: str
    params: Params


def _held(exercise: Exercise) -> dict[str, float]:
    return {LEAD_PARAMETERS[card.lead][0]: 1.0 for card in exercise.cards}


def room_params(exercise: Exercise, arrivals: dict[str, float]) -> Params:
    delays = {LEAD_PARAMETERS[lead][1]: hours for lead, hours in arrivals.items()}
    return case_params("practice-2016", exercise, **_held(exercise), **delays,
                       strategy_meeting_h=NEVER, philomena_on_file=0.0)


def settings(exercise: Exercise, arrivals: dict[str, float]) -> tuple[Setting, Setting, Setting]:
    return (Setting("practice-2016", "Practice in 2016", case_params("practice-2016", exercise, **_held(exercise))),
            Setting("room", "Your room", room_params(exercise, arrivals)),
            Setting("good-practice", "Today's guidance", case_params("good-practice", exercise, **_held(exercise))))


@dataclass(frozen=True)
class Debrief:
    exercise: Exercise
    cards: list[CardOutcome]
    arrivals: dict[str, float]
    settings: tuple[Setting, Setting, Setting]
    results: dict[str, pd.DataFrame] = field(repr=False)
    seed: int

    @property
    def reps(self) -> int:
        return len(next(iter(self.results.values())))

    def located_share(self, key: str, hours: float) -> float:
        return float(located_by(self.results[key], np.array([hours]))[0])

    def never_located(self, key: str) -> tuple[float, float, float]:
        """Share never located within the horizon, with its Wilson 95% interval."""
        frame = self.results[key]
        count = int(frame["never_located"].sum())
        low, high = wilson_interval(count, len(frame))
        return count / len(frame), low, high

    def curve_days(self) -> np.ndarray:
        return np.linspace(0, CURVE_DAYS, CURVE_DAYS * 4 + 1)

    def curve(self, key: str) -> np.ndarray:
        return located_by(self.results[key], self.curve_days() * 24)


def run_debrief(exercise: Exercise, shares: list[Share], reps: int = DEFAULT_REPS, seed: int = DEFAULT_SEED,
                workers: int = 1, progress: Progress | None = None) -> Debrief:
    """Follow the cards, then run the three settings on the same seed.

    ``progress`` gets (done, total) over all three runs together."""
    cards = card_outcomes(exercise, shares)
    arrivals = lead_arrivals(cards)
    chosen = settings(exercise, arrivals)
    results = {}
    for i, setting in enumerate(chosen):
        step = None if progress is None else (lambda done, total, i=i: progress(i * total + done, 3 * total))
        results[setting.key] = run_replications(setting.params, reps, seed, workers, step)
    return Debrief(exercise, cards, arrivals, chosen, results, seed)


def _hours_or_none(hours: float) -> float | None:
    return None if math.isinf(hours) else hours


def debrief_json(debrief: Debrief) -> dict:
    """The machine-readable debrief (``mfc workshop exercise --json``; shape in README)."""
    runs = []
    for setting in debrief.settings:
        share, low, high = debrief.never_located(setting.key)
        runs.append({"key": setting.key, "label": setting.label,
                     "located_24h": debrief.located_share(setting.key, 24),
                     "located_7d": debrief.located_share(setting.key, 7 * 24),
                     "never_located": share, "never_located_ci": [low, high]})
    return {
        "exercise": debrief.exercise.id,
        "reps": debrief.reps,
        "seed": debrief.seed,
        "runs": runs,
        "curves": {"days": debrief.curve_days().tolist()}
        | {s.key: debrief.curve(s.key).tolist() for s in debrief.settings},
        "leads": {lead: _hours_or_none(hours) for lead, hours in debrief.arrivals.items()},
        "cards": [
            {"id": o.card.id, "title": o.card.title, "held_by": o.card.held_by, "must_reach": o.card.must_reach,
             "lead": o.card.lead, "reached_hours": _hours_or_none(o.reached_hours),
             "left_holder_hours": _hours_or_none(o.left_holder_hours),
             "should_reach_by_hours": o.card.should_reach_by_hours, "late": o.late,
             "trail": [{"role": role, "hours": hours} for role, hours in o.trail()],
             "should_move": o.card.should_move, "citations": list(o.card.citations),
             "illustrative": o.card.illustrative}
            for o in debrief.cards
        ],
    }
