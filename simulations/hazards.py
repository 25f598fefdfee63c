"""Competing hazards whose rates change as the investigation learns things, on SimPy events.

Each way the episode can end (police enquiries, a lead, the family, the child coming back)
is a *channel* with a rate that other processes raise or lower: a lead arriving adds a rate,
the child being hidden cuts every rate, a cross-force request restores one. A channel fires
when its accumulated hazard (rate integrated over time) reaches a threshold drawn once, as an
Exp(1) variate, from that channel's own random stream. The first channel to fire wins.

Why thresholds instead of redrawing an exponential at each change: with one fixed draw per
channel, two runs that share random numbers (common random numbers) differ only through the
rates. A delay that lowers a rate at some moment can then only make that channel fire later,
never earlier, in every paired replication, so comparisons between presets measure the
effect of the change and not the noise of fresh draws.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import simpy

from simulations.steps import Step


class HazardRace:
    """Channels racing to fire first, before ``until`` (the end of follow-up). The winner's name is
    ``winner`` (None until one fires), the time ``fired_at``; ``on_fire(winner)`` is called then.

    The race is armed with one SimPy timeout for the channel due first. A rate change re-arms it
    with a new timeout and leaves the old one to expire unheard (it is no longer the alarm),
    which costs SimPy far less than interrupting a waiting process. No alarm is set at or after
    ``until``, so nothing has to stop the race there. Rates and thresholds are lists in the order
    of ``channels``: the model recomputes every rate at each change, and comparing and scanning
    short lists keeps that cheap.
    """

    __slots__ = ("env", "channels", "until", "on_fire", "winner", "fired_at", "over", "_left", "_rates", "_since",
                 "_alarm")

    def __init__(self, env: simpy.Environment, channels: tuple[str, ...], thresholds: list[float],
                 rates: list[float], until: float = math.inf, on_fire: Callable[[str], None] | None = None):
        self.env = env
        self.channels = channels
        self.until = until
        self.on_fire = on_fire
        self.winner: str | None = None
        self.fired_at = math.nan
        self.over = False  # a channel has fired: nothing can change the race any more
        self._left = list(thresholds)  # hazard still to accumulate before each channel fires (a copy: it changes)
        self._rates: list[float] = []  # none yet: set_rates arms the first alarm
        self._since = env.now
        self.set_rates(list(rates))

    def set_rates(self, rates: list[float]) -> None:
        """Every channel's rate from now on; takes effect at once. The race keeps ``rates``: pass a
        new list each time (comparing it with the last one is how the race sees nothing changed).

        Re-arms the race: one alarm for the channel due first (the first in ``channels`` order on
        a tie), if it is due before ``until``. Plain loops rather than lists of waits: most
        channels are at rate zero (they accumulate nothing and are never due), and skipping them
        costs less than building lists, at every change of every episode."""
        if self.over or rates == self._rates:
            return  # over, or nothing changed: keep the alarm already set
        now = self.env._now  # env.now without the property call
        elapsed = now - self._since
        left = self._left
        if elapsed:
            for channel, rate in enumerate(self._rates):
                if rate:
                    left[channel] -= rate * elapsed
            self._since = now
        self._rates = rates
        soonest, first = math.inf, 0
        for channel, rate in enumerate(rates):
            if rate:
                wait = left[channel] / rate
                if wait < soonest:
                    soonest, first = wait, channel
        if now + soonest < self.until:  # with every rate at zero nothing can fire until a rate changes
            self._alarm = Step(self.env, soonest if soonest > 0.0 else 0.0, self._ring, first)
        else:
            self._alarm = None

    def _ring(self, alarm: Step) -> None:
        if alarm is self._alarm:  # not superseded by a later rate change
            self.over = True
            self.winner = self.channels[alarm.value]
            self.fired_at = self.env.now
            if self.on_fire:
                self.on_fire(self.winner)
