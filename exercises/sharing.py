"""From the room's share choices to when each lead reached the agency that acts on it.

Pure: no randomness, no I/O. The rule of the game, kept simple enough to say aloud: a role can
pass on a card it knew when the round began (its own cards, or ones it was given in an earlier
round); whoever receives it knows it from that round's moment on the case's clock. A lead
reaches the investigation when the first of its cards reaches the role that acts on it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from exercises.models import Card, Exercise
from scenarios.models import Slug

NEVER = math.inf


class ChoiceError(ValueError):
    """A share the rules do not allow, or a choices file of the wrong shape; one readable line."""


class Share(BaseModel):
    """One role passing one card to one other role in one round."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    round: Slug
    sender: Slug = Field(alias="from")
    card: Slug
    to: Slug


class Choices(BaseModel):
    """What a room chose: the file ``mfc workshop exercise --choices`` reads (see README)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    exercise: Slug
    shares: Annotated[list[Share], Field(max_length=10_000)] = []


def parse_choices(data: object, source: str = "choices") -> Choices:
    try:
        return Choices.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "<document>"
        raise ChoiceError(f"{source}: {where}: {first['msg']}") from None


@dataclass(frozen=True)
class CardOutcome:
    """Where one card went: who knew it from when (hours after the report), and when it reached
    the role that acts on it (``NEVER`` if it did not)."""

    card: Card
    known_from: dict[str, float]

    @property
    def reached_hours(self) -> float:
        return self.known_from.get(self.card.must_reach, NEVER)

    @property
    def left_holder_hours(self) -> float:
        """When anyone but its first holder knew it: how long it sat where it started."""
        others = [h for role, h in self.known_from.items() if role != self.card.held_by]
        return min(others, default=NEVER)

    @property
    def late(self) -> bool:
        return self.reached_hours > self.card.should_reach_by_hours

    def trail(self) -> list[tuple[str, float]]:
        """(role, hours) in the order the roles came to know the card."""
        return sorted(self.known_from.items(), key=lambda item: item[1])


def _check_share(exercise: Exercise, share: Share, known: dict[str, dict[str, float]], starts_at: float) -> None:
    roles = {role.id for role in exercise.roles}
    for role in (share.sender, share.to):
        if role not in roles:
            raise ChoiceError(f"unknown role {role!r}; roles: {', '.join(sorted(roles))}")
    if share.card not in known:
        raise ChoiceError(f"unknown card {share.card!r}")
    if share.sender == share.to:
        raise ChoiceError(f"{share.sender!r} cannot share {share.card!r} with itself")
    if known[share.card].get(share.sender, NEVER) >= starts_at:  # holders know it from 0; rounds are later
        raise ChoiceError(f"in round {share.round!r}, {share.sender!r} does not know {share.card!r} yet")


def card_outcomes(exercise: Exercise, shares: Iterable[Share]) -> list[CardOutcome]:
    """Follow every card through the rounds. Raises ChoiceError for a share the rules forbid."""
    rounds = {r.id: r for r in exercise.rounds}
    order = {r.id: i for i, r in enumerate(exercise.rounds)}
    known = {card.id: {card.held_by: 0.0} for card in exercise.cards}
    by_round: dict[str, list[Share]] = {}
    for share in shares:
        if share.round not in rounds:
            raise ChoiceError(f"unknown round {share.round!r}; rounds: {', '.join(rounds)}")
        by_round.setdefault(share.round, []).append(share)
    for round_id in sorted(by_round, key=order.__getitem__):
        at = rounds[round_id].at_hours
        for share in by_round[round_id]:  # check all first: within a round, nobody relays what just arrived
            _check_share(exercise, share, known, at)
        for share in by_round[round_id]:
            known[share.card].setdefault(share.to, at)
    return [CardOutcome(card, known[card.id]) for card in exercise.cards]


def lead_arrivals(outcomes: Iterable[CardOutcome]) -> dict[str, float]:
    """Hours after the report at which each lead with a card reached its agency (``NEVER`` if not)."""
    arrivals: dict[str, float] = {}
    for outcome in outcomes:
        lead = outcome.card.lead
        arrivals[lead] = min(arrivals.get(lead, NEVER), outcome.reached_hours)
    return arrivals


def visible_cards(exercise: Exercise, shares: Iterable[Share], role: str, before_round: str | None) -> list[Card]:
    """The cards ``role`` may see when ``before_round`` begins (all rounds so far when None):
    its own, and those shared with it in earlier rounds. What the player page shows a role."""
    order = [r.id for r in exercise.rounds]
    cutoff = NEVER if before_round is None else exercise.rounds[order.index(before_round)].at_hours
    earlier = [s for s in shares if s.round in order and exercise.rounds[order.index(s.round)].at_hours < cutoff]
    outcomes = card_outcomes(exercise, earlier)
    return [o.card for o in outcomes if role in o.known_from]
