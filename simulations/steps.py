"""A timed step: a SimPy timeout that calls one function when it fires.

Why not ``env.timeout(delay).callbacks.append(action)``: the model schedules tens of these per
episode, and SimPy's bound constructor, its check for a negative delay, ``Environment.schedule``
and the separate append cost about as much as the step they start. :class:`Step` is the same
event, a :class:`simpy.events.Timeout` with the same entry in the environment's queue (time,
priority, event id), built in one call. It writes that entry itself, as ``schedule`` does
(SimPy's own ``Timeout`` inlines ``Event.__init__`` for the same reason); the version of SimPy
is pinned, and tests/simulations/test_sim_steps.py checks the entries match.
"""

from __future__ import annotations

from collections.abc import Callable
from heapq import heappush
from typing import Any

import simpy
from simpy.core import NORMAL


class Step(simpy.events.Timeout):
    """In ``delay`` from now (never negative), call ``action(step)``; ``step.value`` is ``value``."""

    def __init__(self, env: simpy.Environment, delay: float, action: Callable[[Any], None], value: Any = None):
        self.env = env
        self.callbacks = [action]
        self._value = value
        self._delay = delay
        self._ok = True
        heappush(env._queue, (env._now + delay, NORMAL, next(env._eid), self))  # Environment.schedule
