"""Many replications of an episode, serially or in several processes, with identical results.

Random numbers (common random numbers, as in treat-sim and pydesrap_mms, drawn in bulk):
``SeedSequence(seed).spawn(len(STREAMS))`` gives each random stream of the model its own
PCG64 generator for the whole run. Replication ``i`` takes the ``i``-th block of
``STREAM_DRAWS[stream]`` numbers from each stream, so it sees the same random numbers whichever
preset runs, however many replications are run, and whichever block or worker runs it: a block
starting at replication ``r`` jumps each generator ahead (``PCG64.advance``) to where ``r`` starts.
Parallel results therefore equal serial results exactly, and whole blocks are drawn in one NumPy
call instead of one small call per stream per replication.
"""

from __future__ import annotations

import functools
import gc
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass

import numpy as np
import pandas as pd

from simulations.errors import ParameterError
from simulations.model import OUTCOME_FIELDS, RHI_LIMIT_H, STREAM_DRAWS, STREAMS, circumstances, run_episodes, stream_of
from simulations.parameters import Params
from simulations.presets import preset_params
from simulations.repeats import FIELDS as FOLLOW_UP_FIELDS
from simulations.repeats import follow_up

Progress = Callable[[int, int], None]  # (replications done, replications in total)
BLOCK = 1000  # replications per unit of parallel work, drawn in one go (results do not depend on it)
EPISODES_PER_ENVIRONMENT = 8  # a handful: SimPy's event queue gets slower to work with as it grows


def resolve(params: Params | str) -> Params:
    """Accept a preset name wherever parameters are expected."""
    return preset_params(params) if isinstance(params, str) else params


@functools.lru_cache(maxsize=16)
def uniforms(seed: int, first: int, count: int) -> np.ndarray:
    """The random numbers of replications ``first`` to ``first + count - 1``: one row each,
    stream by stream in ``STREAMS`` order (the layout :func:`~simulations.model.circumstances` reads).

    Kept (read-only) for the next caller: a sensitivity analysis or a paired comparison runs many
    parameter sets on the same seed, and so on the same blocks of random numbers."""
    columns = []
    for name, child in zip(STREAMS, np.random.SeedSequence(seed).spawn(len(STREAMS)), strict=True):
        draws = STREAM_DRAWS[name]
        bits = np.random.PCG64(child)
        bits.advance(first * draws)  # one 64-bit step per uniform
        columns.append(np.random.Generator(bits).random((count, draws)))
    block = np.hstack(columns)
    block.flags.writeable = False
    return block


@dataclass(frozen=True)
class Block:
    """A run of consecutive replications: where it starts, each outcome as a column (one value per
    replication: ``OUTCOME_FIELDS``, then the year after, ``repeats.FIELDS``), and the SimPy work done."""

    first: int
    columns: dict[str, np.ndarray]
    events: int

    def __len__(self) -> int:
        return len(self.columns["located_by"])


def run_block(params: Params, seed: int, first: int, count: int) -> Block:
    u = uniforms(seed, first, count)
    drawn = circumstances(params, u)
    outcomes, events = [], 0
    collecting = gc.isenabled()
    gc.disable()  # episodes make many objects; the collector would scan them again and again (it runs after)
    try:
        for start in range(0, count, EPISODES_PER_ENVIRONMENT):
            some, processed = run_episodes(params, drawn[start:start + EPISODES_PER_ENVIRONMENT])
            outcomes += some
            events += processed
    finally:
        if collecting:
            gc.enable()
    # Columns, not rows: the year after and the results table are computed for all children at once.
    columns = {name: np.array(column, dtype=object if name == "located_by" else None)
               for name, column in zip(OUTCOME_FIELDS, zip(*outcomes, strict=True), strict=True)}
    found_at, reported_at = columns["hours_to_locate"], columns["hours_to_report"]
    back_at = np.where(np.isnan(found_at), np.inf, found_at)
    after = follow_up(params, stream_of(u, "repeat"), stream_of(u, "nrm"), back_at, ~np.isnan(columns["rhi_at"]),
                      reported_at)
    return Block(first, columns | after, events)


def _check_counts(reps: int, seed: int) -> None:
    if isinstance(reps, bool) or not isinstance(reps, int) or reps < 1:
        raise ParameterError(f"reps must be a whole number of at least 1, got {reps!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ParameterError(f"seed must be a whole number of at least 0, got {seed!r}")


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def run_blocks(params: Params, reps: int, seed: int, workers: int = 1,
               progress: Progress | None = None) -> list[Block]:
    """Every replication, in blocks in start order, serially or in forked worker processes."""
    # Few, large blocks cost least; several per worker keep the workers busy and a progress bar moving.
    pieces = workers * 4 if workers > 1 or progress else 1
    block_size = max(1, min(BLOCK, -(-reps // pieces)))
    starts = range(0, reps, block_size)
    sizes = [min(block_size, reps - first) for first in starts]
    blocks: list[Block] = []
    done = 0
    if workers == 1 or len(sizes) == 1:
        for first, count in zip(starts, sizes, strict=True):
            blocks.append(run_block(params, seed, first, count))
            done += count
            if progress:
                progress(done, reps)
        return blocks
    context = multiprocessing.get_context("fork")  # workers inherit the loaded modules: fast start
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(run_block, params, seed, first, count) for first, count in zip(starts, sizes,
                                                                                                strict=True)]
        for future in as_completed(futures):
            blocks.append(future.result())
            done += len(blocks[-1])
            if progress:
                progress(done, reps)
    return sorted(blocks, key=lambda block: block.first)


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
    blocks = run_blocks(params, reps, seed, workers, progress)
    columns = {name: np.concatenate([block.columns[name] for block in blocks]) for name in blocks[0].columns}
    return results_frame(columns, params.horizon_h)


RESULT_COLUMNS = (
    "rep", "located", "hours_to_locate", "located_by", "located_24h", "located_7d", "located_28d", "never_located",
    "over_7_days", "hours_missing", "hours_to_report", "recorded_absent", "graded_high", "strategy_meeting_held",
    "leads_arrived", "reached_other_force", "hidden_in_exploitation", "hours_in_exploitation", "turned_18_missing",
    "immigration_restriction", "home_office_told", "home_office_contacts", "hours_found_to_notified",
    "rhi_within_72h", *FOLLOW_UP_FIELDS,
)


def results_frame(columns: dict[str, np.ndarray], horizon_h: float) -> pd.DataFrame:
    """The results table (see README, 'mfc simulate', for each column) from the episodes' outcome
    columns (``Block.columns``): the columns that follow from others are computed here, for all
    replications at once, and the table is built in one go."""
    found_at, hidden_at = columns["hours_to_locate"], columns["hidden_at"]
    located = columns["located_by"] != ""
    missing = np.where(located, found_at, horizon_h)
    hidden = ~np.isnan(hidden_at)
    rhi = pd.array(columns["rhi_at"] - found_at <= RHI_LIMIT_H, dtype="boolean")
    rhi[~located] = pd.NA
    stayed = pd.array(columns["nrm_decision_stayed"], dtype="boolean")
    stayed[~columns["nrm_referred"]] = pd.NA  # a share of the children referred
    derived = {
        "rep": np.arange(len(located)), "located": located, "located_24h": located & (found_at <= 24),
        "located_7d": located & (found_at <= 7 * 24), "located_28d": located & (found_at <= 28 * 24),
        "never_located": ~located, "over_7_days": missing > 7 * 24, "hours_missing": missing,
        "hidden_in_exploitation": hidden, "hours_in_exploitation": np.where(hidden, missing - hidden_at, 0.0),
        "hours_found_to_notified": columns["found_notified_at"] - found_at, "rhi_within_72h": rhi,
        "nrm_decision_stayed": stayed,
    }
    return pd.DataFrame({name: derived[name] if name in derived else columns[name] for name in RESULT_COLUMNS})
