"""A Step is SimPy's timeout with its callback attached: same queue entries, same firing order."""

from __future__ import annotations

import simpy

from simulations.steps import Step


def test_a_step_is_queued_exactly_like_a_simpy_timeout():
    ours, simpys = simpy.Environment(), simpy.Environment()
    for env in (ours, simpys):  # not at time zero, so that the entry's time is now + delay
        env.timeout(2.5)
        env.run()
    Step(ours, 4.0, print, "v")
    simpys.timeout(4.0, "v").callbacks.append(print)
    (at, priority, eid, step), (at_, priority_, eid_, timeout) = ours._queue[0], simpys._queue[0]
    assert (at, priority, eid) == (at_, priority_, eid_) == (6.5, simpy.core.NORMAL, eid_)
    assert isinstance(step, simpy.events.Timeout) and step.callbacks == timeout.callbacks == [print]
    assert (step.value, step.ok, step.triggered) == (timeout.value, timeout.ok, timeout.triggered)


def test_steps_fire_in_time_order_then_in_the_order_they_were_made():
    env = simpy.Environment()
    fired = []
    for delay, name in ((2.0, "late"), (1.0, "first"), (1.0, "second"), (0.0, "now")):
        Step(env, delay, lambda step: fired.append((env.now, step.value)), name)
    env.timeout(1.0, "simpy's").callbacks.append(lambda event: fired.append((env.now, event.value)))
    env.run()
    assert fired == [(0.0, "now"), (1.0, "first"), (1.0, "second"), (1.0, "simpy's"), (2.0, "late")]
