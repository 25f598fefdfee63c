"""The debrief in plain words, as a trainer would say it to the room.

No hour counts, no ids: times are told with the rounds' own phrases ("by the end of the first
day"), roles by their titles, and every number from the simulation comes with the reminder that
it is a teaching model. Each card's paragraph ends with the guidance that says it should move.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from exercises.debrief import Debrief
from exercises.models import Exercise
from exercises.sharing import CardOutcome

TEACHING_MODEL = ("These figures come from a teaching model, not a forecast: its rates are assumptions calibrated "
                  "to Heading back to harm [HBTH2016 §Duration of missing incidents], and they show what changes "
                  "when information moves, not what would have happened to Kim or any child.")
# What the exercise added to the published case is said where trainees meet it: on the card or
# seat itself while playing, and beside the card's name in the debrief.
ADDED_CARD = "Added for the exercise: the published case does not say this."
ADDED_SEAT = "This seat is set up for the exercise: the published case does not say what each agency knew."


def card_name(title: str, illustrative: bool) -> str:
    """A card's title as the debrief shows it, marked when the exercise made the card up."""
    return f"{title} (added for the exercise)" if illustrative else title


def when(exercise: Exercise, hours: float) -> str:
    """A moment on the case's clock as the players heard it."""
    if hours == 0:
        return "from the first call"
    if math.isinf(hours):
        return "never"
    for round_ in exercise.rounds:
        if round_.at_hours == hours:
            return round_.by_when
    return "later"


def called(exercise: Exercise, role_id: str) -> str:
    return next(r.in_a_sentence for r in exercise.roles if r.id == role_id)


def card_story(exercise: Exercise, outcome: CardOutcome) -> str:
    """Where one card sat, and whether it reached the agency that acts on it in time."""
    card = outcome.card
    holder, target = called(exercise, card.held_by), called(exercise, card.must_reach)
    left, reached = outcome.left_holder_hours, outcome.reached_hours
    if card.held_by == card.must_reach:
        moved = f"It was with {target} from the start."
    elif math.isinf(left):
        moved = f"It stayed with {holder} and nobody else ever knew it."
    elif math.isinf(reached):
        moved = f"{holder} passed it on {when(exercise, left)}, but it never reached {target}."
    elif left == reached:
        moved = f"{holder} gave it to {target} {when(exercise, reached)}."
    else:
        moved = f"{holder} passed it on {when(exercise, left)}, and it reached {target} {when(exercise, reached)}."
    if math.isinf(reached):
        verdict = ""
    else:
        verdict = " That was later than the guidance expects." if outcome.late else " That was in time."
    cites = "; ".join(card.citations)
    name = card_name(card.title, card.illustrative)
    return f"{name}. {moved[0].upper()}{moved[1:]}{verdict} {card.should_move} [{cites}]"


def _in_100(share: float) -> str:
    return f"{round(100 * share)} in 100"


@dataclass(frozen=True)
class Words:
    headline: str
    curves: str
    cards: list[str]
    teaching_model: str = TEACHING_MODEL

    def text(self) -> str:
        return "\n\n".join([self.headline, self.curves, *self.cards, self.teaching_model])


def debrief_words(debrief: Debrief) -> Words:
    exercise = debrief.exercise
    name = exercise.child.name
    late = [o for o in debrief.cards if o.late]
    if late:
        headline = (f"Of the {len(debrief.cards)} pieces of information in the room, {len(late)} reached the agency "
                    f"that needed {'them' if len(late) > 1 else 'it'} later than the guidance expects, or never.")
    else:
        headline = f"Every piece of information reached the agency that needed it in time. {name} had the best chance."
    week = {s.key: debrief.located_share(s.key, 7 * 24) for s in debrief.settings}
    never = {s.key: debrief.never_located(s.key)[0] for s in debrief.settings}
    curves = (f"In the teaching model, a child in {name}'s situation was found within a week in "
              f"{_in_100(week['room'])} runs with your room's sharing, against {_in_100(week['practice-2016'])} "
              f"with practice as it was in 2016 and {_in_100(week['good-practice'])} with today's guidance. "
              f"Not found within a year: {_in_100(never['room'])} with your room, "
              f"{_in_100(never['practice-2016'])} in 2016, {_in_100(never['good-practice'])} with today's guidance. "
              "Today's guidance does more than share information (it also asks for a high-risk grading and a "
              "strategy meeting within a day), so a room that shares everything at once can still sit below it.")
    return Words(headline, curves, [card_story(exercise, o) for o in debrief.cards])


def card_rows(exercise: Exercise, data: dict) -> list[dict[str, str]]:
    """The debrief's card table, one row per card, from the debrief's JSON: where it sat, for how
    long, where it got to, and the guidance. Times in the rounds' words."""
    titles = {r.id: r.title for r in exercise.roles}
    rows = []
    for card in data["cards"]:
        left = math.inf if card["left_holder_hours"] is None else card["left_holder_hours"]
        reached = math.inf if card["reached_hours"] is None else card["reached_hours"]
        sat = "never passed on" if math.isinf(left) else f"passed on {when(exercise, left)}"
        verdict = "never" if math.isinf(reached) else ("late" if card["late"] else "in time")
        rows.append({"card": card_name(card["title"], card["illustrative"]), "held_by": titles[card["held_by"]],
                     "sat": sat, "needed_by": titles[card["must_reach"]],
                     "reached": "never" if math.isinf(reached) else when(exercise, reached), "verdict": verdict,
                     "guidance": f"{card['should_move']} [{'; '.join(card['citations'])}]"})
    return rows
