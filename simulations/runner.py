"""Many replications of an episode, serially or in several processes, with identical results.

Seeding follows treat-sim and pydesrap_mms: ``SeedSequence(seed).spawn(reps)`` gives each
replication its own seed sequence, which ``spawn``s one child per random stream of the model.
Replication ``i`` therefore sees the same random numbers whichever preset runs, and whether it
runs in this process or in a worker: parallel results equal serial results exactly.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed

import numpy as np
import pandas as pd

from simulations.errors import ParameterError
from simulations.model import STREAMS, Episode
from simulations.parameters import Params
from simulations.presets import preset_params

Progress = Callable[[int, int], None]  # (replications done, replications in total)


def resolve(params: Params | str) -> Params:
    """Accept a preset name wherever parameters are expected."""
    return preset_params(params) if isinstance(params, str) else params


def stream_generators(replication_seed: np.random.SeedSequence) -> dict[str, np.random.Generator]:
    """One Generator per stochastic process of the model, all children of one replication's seed."""
    children = replication_seed.spawn(len(STREAMS))
    return {name: np.random.default_rng(child) for name, child in zip(STREAMS, children, strict=True)}


def single_run(params: Params, replication_seed: np.random.SeedSequence) -> dict:
    return Episode(params, stream_generators(replication_seed)).run()


def _run_block(params: Params, block: list[tuple[int, np.random.SeedSequence]]) -> list[dict]:
    return [{"rep": rep} | single_run(params, seq) for rep, seq in block]


def _check_counts(reps: int, seed: int) -> None:
    if isinstance(reps, bool) or not isinstance(reps, int) or reps < 1:
        raise ParameterError(f"reps must be a whole number of at least 1, got {reps!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ParameterError(f"seed must be a whole number of at least 0, got {seed!r}")


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def run_replications(params: Params | str, reps: int, seed: int, workers: int = 1,
                     progress: Progress | None = None) -> pd.DataFrame:
    """One row per replication (column ``rep`` from 0), the same whatever ``workers`` is.

    ``workers > 1`` runs blocks of replications in forked processes; use it for large runs
    from a script or the CLI. ``progress`` is called after each block with (done, total).
    """
    params = resolve(params)
    _check_counts(reps, seed)
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ParameterError(f"workers must be a whole number of at least 1, got {workers!r}")
    seeds = list(enumerate(np.random.SeedSequence(seed).spawn(reps)))
    block_size = max(1, min(250, -(-reps // (workers * 4))))  # several blocks per worker for smooth progress
    blocks = [seeds[i:i + block_size] for i in range(0, reps, block_size)]
    rows: list[dict] = []
    if workers == 1 or len(blocks) == 1:
        for block in blocks:
            rows.extend(_run_block(params, block))
            if progress:
                progress(len(rows), reps)
    else:
        context = multiprocessing.get_context("fork")  # workers inherit the loaded modules: fast start
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = [pool.submit(_run_block, params, block) for block in blocks]
            for future in as_completed(futures):
                rows.extend(future.result())
                if progress:
                    progress(len(rows), reps)
        rows.sort(key=lambda row: row["rep"])
    return results_frame(rows)


def results_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(rows)
    frame["rhi_within_72h"] = frame["rhi_within_72h"].astype("boolean")
    return frame
