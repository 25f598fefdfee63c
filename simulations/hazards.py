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
    costs SimPy far less than interrupting a waiting process.
    """

    def __init__(self, env: simpy.Environment, thresholds: dict[str, float], rates: dict[str, float]):
        self.env = env
        self.fired = env.event()
        self.fired_at = math.nan
        self._left = dict(thresholds)  # hazard still to accumulate before each channel fires
        self._rates = dict.fromkeys(thresholds, 0.0) | rates
        self._since = env.now
        self._generation = 0
        self._arm()

    def set_rates(self, rates: dict[str, float]) -> None:
        """Change some channels' rates from now on; takes effect at once."""
        if self.fired.triggered:
            return
        current = self._rates
        for channel, rate in rates.items():
            if current[channel] != rate:
                break
        else:
            return  # nothing changed: keep the alarm already set
        self._accumulate()
        current.update(rates)
        self._arm()

    def _accumulate(self) -> None:
        elapsed = self.env.now - self._since
        if elapsed > 0:
            left = self._left
            for channel, rate in self._rates.items():
                if rate:
                    left[channel] -= rate * elapsed
        self._since = self.env.now

    def _arm(self) -> None:
        self._generation += 1
        winner, soonest = None, math.inf
        for channel, rate in self._rates.items():
            if rate > 0:
                wait = max(self._left[channel], 0.0) / rate
                if wait < soonest:
                    winner, soonest = channel, wait
        if winner is not None:  # with every rate at zero nothing can fire until a rate changes
            alarm = self.env.timeout(soonest, (self._generation, winner))
            alarm.callbacks.append(self._ring)

    def _ring(self, alarm: simpy.events.Timeout) -> None:
        generation, winner = alarm.value
        if generation == self._generation and not self.fired.triggered:
            self.fired_at = self.env.now
            self.fired.succeed(winner)
