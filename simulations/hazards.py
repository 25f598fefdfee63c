"""Competing hazards whose rates change as the investigation learns things: a SimPy process.

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
    """Channels racing to fire first. ``fired`` succeeds with the winning channel's name at ``fired_at``."""

    def __init__(self, env: simpy.Environment, thresholds: dict[str, float], rates: dict[str, float]):
        """Create the race before any process that changes rates, so it is already waiting
        when they first call :meth:`set_rates` (SimPy cannot interrupt an unstarted process)."""
        self.env = env
        self.fired = env.event()
        self.fired_at = math.nan
        self._left = dict(thresholds)  # hazard still to accumulate before each channel fires
        self._rates = dict.fromkeys(thresholds, 0.0) | rates
        self._since = env.now
        self._wake_pending = False
        self._process = env.process(self._run())

    def set_rates(self, rates: dict[str, float]) -> None:
        """Change some channels' rates from now on; takes effect at once."""
        if self.fired.triggered or all(self._rates[c] == r for c, r in rates.items()):
            return
        self._accumulate()
        self._rates.update(rates)
        if not self._wake_pending:  # several changes at one instant need one wake-up
            self._wake_pending = True
            self._process.interrupt()

    def _accumulate(self) -> None:
        elapsed = self.env.now - self._since
        if elapsed > 0:
            for channel, rate in self._rates.items():
                if rate:
                    self._left[channel] -= rate * elapsed
        self._since = self.env.now

    def _next(self) -> tuple[str | None, float]:
        winner, soonest = None, math.inf
        for channel, rate in self._rates.items():
            if rate > 0:
                wait = max(self._left[channel], 0.0) / rate
                if wait < soonest:
                    winner, soonest = channel, wait
        return winner, soonest

    def _run(self):
        while True:
            winner, wait = self._next()
            try:
                # With every rate at zero nothing can fire: sleep until a rate changes.
                yield self.env.event() if winner is None else self.env.timeout(wait)
            except simpy.Interrupt:
                self._wake_pending = False
                continue
            self.fired_at = self.env.now
            self.fired.succeed(winner)
            return
