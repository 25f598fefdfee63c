"""Running many independent pieces of work on Dask: this machine's cores, or a force's cluster.

Why Dask: a sensitivity analysis runs millions of episodes, more than one machine should carry,
and analysts can point the same command at a Dask scheduler they already run (on a batch queue
with dask-jobqueue, on Kubernetes with dask-kubernetes; see deploy/dask.md). Without an address,
a local cluster starts with one single-threaded worker process per core (the model is pure
Python, so threads would wait on each other).

Results never depend on the number of workers: each piece of work is a pure function of its
inputs (seeded), and results are put back in the order the work was listed, whatever order the
workers finish in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from simulations.errors import ParameterError
from simulations.runner import default_workers

Progress = Callable[[int, int], None]  # (pieces done, pieces in total)
CONNECT_TIMEOUT_S = 10


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None, processes: bool = True) -> Iterator:
    """A Dask client: on the scheduler at ``scheduler`` (e.g. ``tcp://10.0.0.5:8786``), or on a
    local cluster of ``workers`` workers (default: every core), closed on leaving."""
    from dask.distributed import Client, LocalCluster  # imported here: only this command needs Dask

    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)
        except (OSError, ValueError, TypeError) as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise ParameterError(f"cannot reach the Dask scheduler at {scheduler!r}: {reason}") from None
        with client:
            yield client
        return
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int) or workers < 1):
        raise ParameterError(f"workers must be a whole number of at least 1, got {workers!r}")
    with LocalCluster(n_workers=workers or default_workers(), threads_per_worker=1, processes=processes,
                      dashboard_address=":0", silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def map_in_order(client, function: Callable, pieces: Sequence[Any], *args: Any,
                 progress: Progress | None = None) -> list:
    """``[function(piece, *args) for piece in pieces]``, computed on the cluster's workers."""
    from dask.distributed import as_completed

    futures = client.map(function, pieces, *[[arg] * len(pieces) for arg in args], pure=False)
    place = {future.key: i for i, future in enumerate(futures)}
    results: list = [None] * len(pieces)
    for done, future in enumerate(as_completed(futures), start=1):
        results[place[future.key]] = future.result()
        if progress:
            progress(done, len(pieces))
    return results
