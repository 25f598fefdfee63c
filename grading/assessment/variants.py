"""Per-learner variants of the assessed cases: which illustrative details a trainee reads.

The scenario player already shuffles the order of levels and options with the learner's seed
(:func:`grading.player.option_order.variant_order`). This adds the second half of a variant: for
some stages the assessment offers interchangeable scene-setting details, and the seed picks one
per stage. Every detail is added to the stage's ``illustrative`` list, so the player marks it as
the course's invention, not a fact of the case, and none of them bears on the risk or on what
should be done: the key is the same for every variant (a test checks the questions are
untouched). The details are a function of the seed, so the seed the player saves with the
answers records them.
"""

from __future__ import annotations

import random
from dataclasses import replace

from scenarios.library import Library
from scenarios.models import Scenario, Stage

# scenario id -> stage id -> interchangeable details; the seed picks one for each stage.
DETAILS: dict[str, dict[str, tuple[str, ...]]] = {
    "newly-arrived-15": {
        "duty-call": (
            "The call comes in on a wet, windy night.",
            "The call comes in on a still, frosty night.",
        ),
        "first-morning": (
            "Breakfast is toast and tea; Dawit eats a little.",
            "Breakfast is rice and eggs; Dawit eats a little.",
        ),
        "empty-bed": (
            "The carer's home is a terraced house on a main road.",
            "The carer's home is a bungalow at the end of a quiet lane.",
        ),
    },
    "turning-18": {
        "five-weeks-to-go": (
            "The review is held in a meeting room at the council offices.",
            "The review is held around the foster carers' kitchen table.",
        ),
        "gone": (
            "Lan is studying English and IT at college.",
            "Lan is studying English and catering at college.",
        ),
        "found-by-home-office": (
            "The nail bar is on a busy shopping street.",
            "The nail bar is in a small parade of shops near a station.",
        ),
    },
    "cannabis-farm": {
        "the-raid": (
            "The house is a semi-detached house on an ordinary estate.",
            "The house is a detached house set back from a country road.",
        ),
        "first-night": (
            "The carers have made up a room at the back of the house.",
            "The carers have made up a small room at the top of the house.",
        ),
        "gone-next-day": (
            "The car is dark grey.",
            "The car is red.",
            "The car is white.",
        ),
    },
}


def chosen_details(seed: int | str, scenario: Scenario) -> dict[str, str]:
    """The detail the seed picks for each stage that offers some: stage id -> detail."""
    offered = DETAILS.get(scenario.id, {})
    return {
        stage.id: random.Random(f"{seed}/{stage.id}/detail").choice(offered[stage.id])
        for stage in scenario.stages if stage.id in offered
    }


def _with_detail(stage: Stage, detail: str | None) -> Stage:
    if detail is None:
        return stage
    return stage.model_copy(update={"illustrative": [*stage.illustrative, detail]})


def variant_scenario(seed: int | str, scenario: Scenario) -> Scenario:
    """The scenario as one learner reads it: the same questions, their chosen details added."""
    details = chosen_details(seed, scenario)
    if not details:
        return scenario
    stages = [_with_detail(stage, details.get(stage.id)) for stage in scenario.stages]
    return scenario.model_copy(update={"stages": stages})


def variant_library(seed: int | str, library: Library) -> Library:
    """The library with every assessed scenario in its variant for ``seed``."""
    scenarios = {sid: variant_scenario(seed, s) if sid in DETAILS else s for sid, s in library.scenarios.items()}
    return replace(library, scenarios=scenarios)
