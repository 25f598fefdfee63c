"""A timed step: a SimPy timeout that calls one function when it fires.

Why not ``env.timeout(delay).callbacks.append(action)``: the model schedules tens of these per
episode, and SimPy's bound constructor, its check for a negative delay and the separate append
cost about as much as the step they start. :class:`Step` is the same event, a
:class:`simpy.events.Timeout` scheduled the same way, built in one call.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import simpy
from simpy.core import NORMAL


class Step(simpy.events.Timeout):
    """In ``delay`` from now (never negative), call ``action(step)``; ``step.value`` is ``value``."""

    def __init__(self, env: simpy.Environment, delay: float, action: Callable[[Any], None], value: Any = None):
        # Timeout.__init__, with the callback set at once (SimPy itself inlines Event.__init__ here).
        self.env = env
        self.callbacks = [action]
        self._value = value
        self._delay = delay
        self._ok = True
        env.schedule(self, NORMAL, delay)
