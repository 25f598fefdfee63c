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

import simpy


class HazardRace:
    """Channels racing to fire first. ``fired`` succeeds with the winning channel's name at ``fired_at``.

    The race is armed with one SimPy timeout for the channel due first. A rate change re-arms it
    with a new timeout and leaves the old one to expire unheard (its generation is stale), which
    costs SimPy far less than interrupting a waiting process. Rates and thresholds are lists in
    the order of ``channels``: the model recomputes every rate at each change, and comparing and
    scanning short lists keeps that cheap.
    """

    __slots__ = ("env", "channels", "fired", "fired_at", "_left", "_rates", "_since", "_generation", "over")

    def __init__(self, env: simpy.Environment, channels: tuple[str, ...], thresholds: list[float],
                 rates: list[float]):
        self.env = env
        self.channels = channels
        self.fired = env.event()
        self.fired_at = math.nan
        self._left = list(thresholds)  # hazard still to accumulate before each channel fires
        self._rates = list(rates)  # the caller may reuse its list
        self._since = env.now
        self._generation = 0
        self.over = False  # fired, or stopped from outside: nothing can fire any more
        self._arm()

    def set_rates(self, rates: list[float]) -> None:
        """Every channel's rate from now on; takes effect at once."""
        if self.over or rates == self._rates:
            return  # nothing changed: keep the alarm already set
        now = self.env.now
        elapsed = now - self._since
        if elapsed:
            self._left = [left - rate * elapsed for left, rate in zip(self._left, self._rates, strict=True)]
            self._since = now
        self._rates = list(rates)  # the caller may reuse its list
        self._arm()

    def stop(self) -> None:
        """No channel may fire from now on (the episode is over without one)."""
        self.over = True

    def _arm(self) -> None:
        self._generation += 1
        waits = [left / rate if rate > 0.0 else math.inf for left, rate in zip(self._left, self._rates, strict=True)]
        soonest = min(waits)
        if soonest < math.inf:  # with every rate at zero nothing can fire until a rate changes
            alarm = self.env.timeout(max(soonest, 0.0), (self._generation, waits.index(soonest)))
            alarm.callbacks.append(self._ring)

    def _ring(self, alarm: simpy.events.Timeout) -> None:
        generation, winner = alarm.value
        if generation == self._generation and not self.over:
            self.over = True
            self.fired_at = self.env.now
            self.fired.succeed(self.channels[winner])
