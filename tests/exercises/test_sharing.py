"""The sharing engine: when each card reached whom, and what a role may see."""

from __future__ import annotations

import math

import pytest
from helpers.exercise_rooms import share

from exercises.sharing import ChoiceError, card_outcomes, lead_arrivals, parse_choices, visible_cards


def _by_id(outcomes):
    return {o.card.id: o for o in outcomes}


def test_nothing_shared_nothing_reaches_the_police_except_what_it_held(kim):
    outcomes = _by_id(card_outcomes(kim, []))
    assert math.isinf(outcomes["mobile-phone"].reached_hours)
    assert math.isinf(outcomes["mobile-phone"].left_holder_hours)
    assert all(o.late for o in outcomes.values() if o.card.held_by != o.card.must_reach)
    assert set(lead_arrivals(outcomes.values()).values()) == {math.inf}


def test_a_direct_share_arrives_at_its_rounds_moment(kim):
    outcomes = _by_id(card_outcomes(kim, [share("first-day", "foster-carer", "mobile-phone", "police")]))
    phone = outcomes["mobile-phone"]
    assert phone.reached_hours == 24 and phone.left_holder_hours == 24 and phone.late
    assert phone.trail() == [("foster-carer", 0.0), ("police", 24.0)]


def test_a_relay_takes_two_rounds_and_the_lead_takes_its_earliest_card(kim):
    shares = [share("first-hour", "foster-carer", "mobile-phone", "social-worker"),
              share("two-hours", "social-worker", "mobile-phone", "police"),
              share("third-day", "home-office", "immigration-phone", "police")]
    outcomes = _by_id(card_outcomes(kim, shares))
    assert outcomes["mobile-phone"].left_holder_hours == 1
    assert outcomes["mobile-phone"].reached_hours == 2
    assert lead_arrivals(outcomes.values())["phone"] == 2


def test_nobody_can_relay_in_the_round_they_received(kim):
    shares = [share("first-hour", "foster-carer", "mobile-phone", "social-worker"),
              share("first-hour", "social-worker", "mobile-phone", "police")]
    with pytest.raises(ChoiceError, match="does not know 'mobile-phone' yet"):
        card_outcomes(kim, shares)


def test_a_role_cannot_share_a_card_it_never_had(kim):
    with pytest.raises(ChoiceError, match="'police' does not know 'uncle'"):
        card_outcomes(kim, [share("first-day", "police", "uncle", "social-worker")])


@pytest.mark.parametrize("bad, message", [
    (dict(round="day-9"), "unknown round"), (dict(to="mayor"), "unknown role"),
    (dict(card="diary"), "unknown card"), (dict(to="foster-carer"), "with itself"),
])
def test_bad_shares_are_one_readable_error(kim, bad, message):
    fields = dict(round_="first-hour", sender="foster-carer", card="car-plate", to="police")
    fields.update({("round_" if k == "round" else k): v for k, v in bad.items()})
    with pytest.raises(ChoiceError, match=message):
        card_outcomes(kim, [share(**fields)])


def test_a_role_sees_only_its_own_cards_until_one_is_shared_with_it(kim):
    shares = [share("first-hour", "foster-carer", "mobile-phone", "social-worker")]
    own = {c.id for c in kim.cards if c.held_by == "social-worker"}
    assert {c.id for c in visible_cards(kim, shares, "social-worker", "first-hour")} == own
    assert {c.id for c in visible_cards(kim, shares, "social-worker", "two-hours")} == own | {"mobile-phone"}
    assert {c.id for c in visible_cards(kim, shares, "police", None)} == set()


def test_choices_file_shape_errors_name_the_field():
    with pytest.raises(ChoiceError, match="shares.0.from"):
        parse_choices({"exercise": "kim-who-knows-what", "shares": [{"round": "first-hour", "card": "x", "to": "y"}]})
    assert parse_choices({"exercise": "kim-who-knows-what", "shares": [
        {"round": "first-hour", "from": "foster-carer", "card": "car-plate", "to": "police"}]}).shares[0].sender \
        == "foster-carer"
