"""The hazard race: a channel fires when its integrated rate reaches its threshold."""

from __future__ import annotations

import math

import pytest
import simpy

from simulations.hazards import HazardRace


def race(thresholds, rates, changes=()):
    """Run a race; ``changes`` are (time, {channel: rate}) applied by a SimPy process."""
    env = simpy.Environment()
    channels = tuple(thresholds)
    current = [rates.get(c, 0.0) for c in channels]
    contest = HazardRace(env, channels, [thresholds[c] for c in channels], current)

    def changer():
        for at, new in changes:
            yield env.timeout(at - env.now)
            current[:] = [new.get(c, rate) for c, rate in zip(channels, current, strict=True)]
            contest.set_rates(list(current))  # the race keeps the list it is given

    env.process(changer())
    env.run(until=1000)
    return contest


def test_a_constant_rate_fires_at_threshold_over_rate():
    contest = race({"a": 2.0}, {"a": 0.5})
    assert contest.winner == "a" and contest.fired_at == pytest.approx(4.0)


def test_the_first_channel_to_reach_its_threshold_wins():
    contest = race({"a": 2.0, "b": 1.0}, {"a": 1.0, "b": 0.25})
    assert (contest.winner, contest.fired_at) == ("a", pytest.approx(2.0))


def test_a_rate_change_keeps_the_hazard_already_accumulated():
    # 1 unit accumulated by t=2 at rate 0.5, the remaining 1 unit at rate 0.25 takes 4 more hours.
    contest = race({"a": 2.0}, {"a": 0.5}, [(2.0, {"a": 0.25})])
    assert contest.fired_at == pytest.approx(6.0)


def test_a_channel_at_rate_zero_waits_until_it_is_switched_on():
    contest = race({"a": 1.0}, {}, [(10.0, {"a": 1.0})])
    assert contest.fired_at == pytest.approx(11.0)


def test_nothing_fires_while_every_rate_is_zero():
    contest = race({"a": 1.0, "b": 1.0}, {})
    assert contest.winner is None and not contest.over and math.isnan(contest.fired_at)


def test_a_superseded_alarm_does_not_fire():
    # At t=1 the rate drops to zero: the alarm set for t=2 must be ignored.
    contest = race({"a": 2.0}, {"a": 1.0}, [(1.0, {"a": 0.0})])
    assert contest.winner is None


def test_changes_after_firing_are_ignored():
    contest = race({"a": 1.0}, {"a": 1.0}, [(5.0, {"a": 0.1})])
    assert contest.fired_at == pytest.approx(1.0)


def test_nothing_fires_at_or_after_the_end_of_follow_up():
    for until, fires in ((1.0, False), (1.5, True)):
        env = simpy.Environment()
        contest = HazardRace(env, ("a",), [1.0], [1.0], until=until)
        env.run()
        assert contest.over is fires and (contest.winner == "a") is fires


def test_the_winner_is_announced_once_when_it_fires():
    env = simpy.Environment()
    heard = []
    contest = HazardRace(env, ("a", "b"), [1.0, 3.0], [1.0, 1.0],
                         on_fire=lambda winner: heard.append((winner, env.now)))
    env.timeout(0.5).callbacks.append(lambda _: contest.set_rates([0.5, 1.0]))  # a now due at 1.5, b at 3
    env.run()
    assert heard == [("a", pytest.approx(1.5))]
