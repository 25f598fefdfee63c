"""Speed of the missing-episode model, measured side by side with a baseline in the same run.

1. Event throughput: SimPy events processed per second of CPU time, against a bare SimPy loop
   of timeouts (the fastest SimPy can go), in alternating rounds in this process; the median
   ratio is reported. Two ratios: *end to end* (``run_replications`` as a caller runs it:
   drawing the random numbers, building the episodes, running SimPy, building the results
   table) and *events only* (the SimPy run alone). Goal (issue 15): end to end >= 0.5. Events
   are counted by each environment's id counter (every event SimPy scheduled; a block's
   environment runs until nothing is left, so every one of them was processed). CPU time
   (``time.process_time``) rather than wall time, because the machine is shared.
   The figures before the rewrite are printed beside them for comparison. The cache of random
   numbers is emptied before each end-to-end run, so every run draws its own.
   A third figure, *episode cost*, is the CPU time of one episode end to end counted in bare-loop
   events (events per episode / end-to-end ratio; lower is better): the ratio alone rewards an
   episode for having more events, so removing events that did nothing lowers it though the model
   got faster, and this figure shows the speed itself. Beside it: how many times less CPU an
   episode costs than on 58f7b94, where issue 15 was filed (its title asks for ten).
2. The cost of one parameter set of a sensitivity analysis (50 replications of ``practice-2016``
   with some delays changed, on the analysis's seed), in bare-loop events, beside 174a8ee's.
3. Wall time of 1,000 replications of each preset, serial and with one worker per core.

Figures are printed (``make bench`` runs pytest with -s); nothing here asserts a timing.
"""

from __future__ import annotations

import os
import statistics
import time

import pandas as pd
import simpy

from simulations.model import Episode, circumstances
from simulations.presets import PRESET_NAMES, preset_params
from simulations.runner import EPISODES_PER_ENVIRONMENT, default_workers, run_blocks, run_replications, uniforms
from simulations.sensitivity import DEFAULT_FACTORS, OUTCOMES, evaluate, parameter_sets

ROUNDS = 5
EPISODES = 2000
BARE_EVENTS = 150_000
REPS = 1000
# Measured the same way on commit 58f7b94 (one environment and fifteen Generators per replication),
# as reported in issue 15: end to end about 0.05, the events alone 0.24 to 0.39 (by preset).
BEFORE = {"practice-2016": (0.048, 0.338), "good-practice": (0.048, 0.307), "kim": (0.109, 0.388),
          "kojo": (0.101, 0.435), "bao": (0.100, 0.380)}
# Episode cost on commit 174a8ee (before the horizon and winner events were dropped and outcomes became
# columns), from this benchmark's figures there: events per episode / end-to-end ratio.
COST_BEFORE = {"practice-2016": 22.08 / 0.32, "good-practice": 15.33 / 0.30, "kim": 46.27 / 0.42,
               "kojo": 47.48 / 0.44, "bao": 45.71 / 0.43}

# Episode cost on commit 58f7b94, where issue 15 was filed, measured on 2026-12-07 the same way (CPU of
# run_replications per episode, 2000 replications, in bare-loop events; best of 5): the title's "ten times faster".
COST_AT_FILING = {"practice-2016": 414.3, "good-practice": 420.8, "kim": 434.9, "kojo": 542.9, "bao": 476.5}

SENSITIVITY_SETS = 40
# Measured the same way on commit 174a8ee (four blocks per parameter set, random numbers drawn for each):
# 11,500 to 12,200 bare-loop events per parameter set.
SET_COST_BEFORE = 11_800


def bare_rate() -> float:
    env = simpy.Environment()

    def ticking():
        while True:
            yield env.timeout(1)

    env.process(ticking())
    start = time.process_time()
    env.run(until=BARE_EVENTS)
    return (next(env._eid) - len(env._queue)) / (time.process_time() - start)


def end_to_end_seconds(preset: str, seed: int) -> float:
    uniforms.cache_clear()
    start = time.process_time()
    run_replications(preset, EPISODES, seed)
    return time.process_time() - start


def events_only_seconds(preset: str, seed: int) -> float:
    """CPU time of the SimPy runs alone, block by block as ``run_replications`` builds them."""
    params, spent = preset_params(preset), 0.0
    drawn = circumstances(params, uniforms(seed, 0, EPISODES))
    for first in range(0, EPISODES, EPISODES_PER_ENVIRONMENT):
        env = simpy.Environment()
        for circumstances_ in drawn[first:first + EPISODES_PER_ENVIRONMENT]:
            Episode(env, params, circumstances_)
        start = time.process_time()
        env.run()
        spent += time.process_time() - start
    return spent


def test_event_throughput_against_bare_simpy():
    print(f"\n== model events per CPU second / a bare SimPy loop's (median of {ROUNDS} alternating rounds, "
          f"{EPISODES} episodes each) ==")
    rows = []
    for preset in PRESET_NAMES:
        events = sum(block.events for block in run_blocks(preset_params(preset), EPISODES, 0))
        end_to_end, events_only = [], []
        for _ in range(ROUNDS):
            end_to_end.append(events / end_to_end_seconds(preset, 0) / bare_rate())
            events_only.append(events / events_only_seconds(preset, 0) / bare_rate())
        before, ratio = BEFORE[preset], statistics.median(end_to_end)
        rows.append({"preset": preset, "events/episode": events / EPISODES,
                     "end to end": ratio, "end to end before": before[0],
                     "events only": statistics.median(events_only), "events only before": before[1],
                     "episode cost": events / EPISODES / ratio, "cost at 174a8ee": COST_BEFORE[preset],
                     "times faster than 58f7b94": COST_AT_FILING[preset] / (events / EPISODES / ratio)})
    table = pd.DataFrame(rows)
    print(table.to_string(index=False, float_format=lambda v: f"{v:,.2f}"))
    print("episode cost: CPU time of one episode end to end, in bare-loop events (lower is faster)")
    print(f"goal: end to end >= 0.5; machine load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    assert (table["events/episode"] > 10).all()  # the model really ran


def test_cost_of_one_sensitivity_parameter_set():
    """What a sensitivity analysis pays per parameter set: each set is a small run (50
    replications) on the same seed, so the fixed cost of a run matters as much as the episodes."""
    sets = parameter_sets("sobol", DEFAULT_FACTORS, 4, 2016)[:SENSITIVITY_SETS]
    costs = []
    for _ in range(ROUNDS):
        uniforms.cache_clear()  # each round starts as a fresh worker would
        start = time.process_time()
        outputs = evaluate(sets, "practice-2016", DEFAULT_FACTORS, 50, 2016)
        costs.append((time.process_time() - start) / SENSITIVITY_SETS * bare_rate())
    print(f"\n== one sensitivity parameter set (50 replications): {statistics.median(costs):,.0f} bare-loop events "
          f"of CPU (median of {ROUNDS} rounds of {SENSITIVITY_SETS} sets; 174a8ee: {SET_COST_BEFORE:,}) ==")
    assert outputs.shape == (SENSITIVITY_SETS, len(OUTCOMES))  # the sets really ran


def test_wall_time_of_1000_replications_serial_and_parallel():
    workers = max(2, default_workers())
    print(f"\n== wall time of {REPS} replications, serial vs {workers} worker processes ==")
    rows = []
    for preset in PRESET_NAMES:
        start = time.perf_counter()
        serial = run_replications(preset, REPS, 1)
        serial_s = time.perf_counter() - start
        start = time.perf_counter()
        parallel = run_replications(preset, REPS, 1, workers=workers)
        parallel_s = time.perf_counter() - start
        pd.testing.assert_frame_equal(serial, parallel)
        rows.append({"preset": preset, "serial s": serial_s, "parallel s": parallel_s,
                     "speed-up": serial_s / parallel_s, "reps/s serial": REPS / serial_s})
    print(pd.DataFrame(rows).to_string(index=False, float_format=lambda v: f"{v:,.2f}"))
    print(f"machine load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
          "(a speed-up needs idle cores; on a busy machine it is below 1)")
