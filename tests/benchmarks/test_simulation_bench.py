"""Speed of the missing-episode model, measured side by side with a baseline in the same run.

1. Event throughput: SimPy events processed per second of CPU time while the model runs,
   against a bare SimPy loop of timeouts (the fastest SimPy can go). Goal: the model reaches at
   least 0.6 of the bare rate. CPU time (``time.process_time``) rather than wall time, because
   the machine is shared and other jobs would otherwise decide the ratio; rounds alternate bare
   and model and the median ratio is reported. The per-replication set-up (one Generator per
   stream, building the episode) and writing the result row are not events, so they are timed
   separately and shown with the end-to-end ratio.
2. Wall time of 1,000 replications of each preset, serial and with one worker per core.

Figures are printed (``make bench`` runs pytest with -s); nothing here asserts a timing.
"""

from __future__ import annotations

import os
import statistics
import time

import numpy as np
import pandas as pd
import simpy

from simulations.model import Episode
from simulations.presets import PRESET_NAMES, preset_params
from simulations.runner import default_workers, run_replications, stream_generators

ROUNDS = 5
EPISODES = 1500
BARE_EVENTS = 150_000
REPS = 1000


def events_processed(env: simpy.Environment) -> int:
    """Events the environment has processed: SimPy numbers every event it schedules, and those
    still queued when the run stopped (timeouts due after the episode ended) were never processed."""
    return next(env._eid) - len(env._queue)


def bare_rate() -> float:
    env = simpy.Environment()

    def ticking():
        while True:
            yield env.timeout(1)

    env.process(ticking())
    start = time.process_time()
    env.run(until=BARE_EVENTS)
    return events_processed(env) / (time.process_time() - start)


def model_rates(preset: str, seed: int) -> tuple[float, float, dict[str, float]]:
    """(events/s while running, events/s including per-replication set-up, microseconds per phase).

    Phases of one replication: creating its streams (one Generator each), building the episode
    (drawing its numbers, starting its processes), running SimPy, and writing the result row."""
    params = preset_params(preset)
    seeds = np.random.SeedSequence(seed).spawn(EPISODES)
    events = 0
    phases = dict.fromkeys(("streams", "build", "run", "row"), 0.0)
    clock = time.process_time
    for replication_seed in seeds:
        t0 = clock()
        rngs = stream_generators(replication_seed)
        t1 = clock()
        episode = Episode(params, rngs)
        t2 = clock()
        episode.simulate()
        t3 = clock()
        episode.outcome()
        t4 = clock()
        events += events_processed(episode.env)
        for phase, spent in zip(phases, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
            phases[phase] += spent
    per_rep = {phase: 1e6 * spent / EPISODES for phase, spent in phases.items()}
    per_rep["events"] = events / EPISODES
    return events / phases["run"], events / sum(phases.values()), per_rep


def test_event_throughput_against_bare_simpy():
    print("\n== model events per CPU second vs a bare SimPy loop of timeouts (median of "
          f"{ROUNDS} alternating rounds, {EPISODES} episodes each; times in CPU microseconds per episode) ==")
    rows = []
    for preset in PRESET_NAMES:
        ratios, end_to_end, bare_rates, phases = [], [], [], []
        for round_ in range(ROUNDS):
            bare = bare_rate()
            running, overall, per_rep = model_rates(preset, seed=round_)
            bare_rates.append(bare)
            ratios.append(running / bare)
            end_to_end.append(overall / bare)
            phases.append(per_rep)
        rows.append({
            "preset": preset, "bare events/s": statistics.median(bare_rates),
            "events/episode": phases[0]["events"],
            "ratio (running)": statistics.median(ratios), "ratio (with set-up)": statistics.median(end_to_end),
            **{f"{p} us": statistics.median(x[p] for x in phases) for p in ("streams", "build", "run", "row")},
        })
    table = pd.DataFrame(rows)
    print(table.to_string(index=False, float_format=lambda v: f"{v:,.2f}"))
    print(f"goal: ratio (running) >= 0.6; machine load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    assert (table["events/episode"] > 10).all()  # the model really ran


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
