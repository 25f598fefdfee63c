"""A ceiling on how many kernels the carers' pages run at once.

Every visitor to a Voila page gets a Python process of their own (a kernel, roughly 100 MB), and
Voila has no setting that limits how many it starts (voila-dashboards/voila#617). A link shared
in a carers' group chat could start hundreds and exhaust the machine's memory. So the kernel
manager below refuses to go past ``max_kernels``:

* a visitor who would need a new kernel when every slot is taken gets HTTP 503 with a short
  "busy, try again in a few minutes" page (:class:`ServerBusy`), before any work is done;
* a page whose visitor left without saying so (the browser closed, a phone put the tab away) keeps
  its kernel; at the ceiling such a kernel (no browser connected, idle a minute) is shut down to
  make room before anyone is turned away (:meth:`CappedKernelManager.make_room`);
* Voila's warm spares (preheated kernels, started before anyone asks) also count. When the pool
  wants a new spare and there is no slot, the spare waits for one instead of failing, so the pool
  never breaks and the ceiling is never crossed; a visitor who takes a spare still waiting simply
  gets it as soon as a slot frees.

The page handler asks :meth:`CappedKernelManager.has_free_slot` before handing out a spare, since
taking a spare does not pass through ``start_kernel`` (see ``carers.server``).
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado.web import HTTPError
from traitlets import Float, Int
from voila.utils import ENV_VARIABLE

BUSY_HEADING = "Please try again soon"
BUSY_MESSAGE = ("Many people are using these pages right now, so there is no room for you this minute. "
                "Please try again in a few minutes.")


class ServerBusy(HTTPError):
    """Every kernel slot is taken; shown to the visitor as a 503 page with a plain message (the
    page handler's ``busy_notice``: on the course pages it is often the trainee's own open tabs).
    The message here is only the line tornado logs, so it is written for whoever runs the server."""

    def __init__(self) -> None:
        super().__init__(503, "every kernel slot is taken; the visitor was shown the busy page", reason="Busy")


def is_warm_spare(start_kwargs: dict) -> bool:
    """True when Voila's preheating pool (not a visitor) is asking for this kernel.

    Voila marks the kernels it starts for its pool with ``VOILA_PREHEAT=True`` in their
    environment, and the ones it starts for a waiting visitor with ``False``.
    """
    env = start_kwargs.get("env") or {}
    return env.get(ENV_VARIABLE.VOILA_PREHEAT) == "True"


class CappedKernelManager(AsyncMappingKernelManager):
    """Jupyter's kernel manager with a hard ceiling on kernels alive or starting at once."""

    max_kernels = Int(20, min=1, config=True,
                      help="Most kernels (visitors' and warm spares) alive at once; past it visitors get a busy page.")
    spare_wait_interval = Float(0.5, config=True,
                                help="Seconds between checks while a warm spare waits for a free slot.")
    left_after = Float(60, config=True,
                       help="Seconds a page's kernel may sit with no browser connected and nothing done before, "
                            "at the ceiling, it counts as left and is shut down to make room.")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._starting: set[str] = set()

    def kernels_in_use(self) -> int:
        """Kernels running plus kernels being started (those hold their slot already)."""
        return len(self._starting.union(self.list_kernel_ids()))

    def has_free_slot(self) -> bool:
        return self.kernels_in_use() < self.max_kernels

    def warm_spares(self) -> int:
        """Kernels Voila's preheating pools hold for visitors still to come, started or starting
        (see :meth:`has_ready_spare` for the pools); 0 without preheating."""
        return sum(len(pool) for pool in getattr(self, "_pools", {}).values())

    def pages_open(self) -> int:
        """Kernels held by pages visitors have open: every kernel in use but the warm spares."""
        return max(0, self.kernels_in_use() - self.warm_spares())

    def _spare_ids(self) -> set[str]:
        """The kernels of warm spares that have started (see :meth:`has_ready_spare` for the pools)."""
        return {task.result()["kernel_id"] for pool in getattr(self, "_pools", {}).values() for task in pool
                if task.done() and not task.cancelled() and task.exception() is None}

    def left_pages(self) -> list[str]:
        """Kernels of pages their visitors have left: no browser connected to them, nothing done in
        them for ``left_after`` seconds, and not a warm spare (which waits, unconnected, by design)."""
        now = datetime.now(UTC)  # jupyter_server keeps last_activity in UTC
        cutoff = now - timedelta(seconds=self.left_after)
        spares = self._spare_ids()
        return [kernel_id for kernel_id in self.list_kernel_ids()
                if kernel_id not in spares and kernel_id not in self._starting
                and not self._kernel_connections.get(kernel_id, 0)
                and getattr(self.get_kernel(kernel_id), "last_activity", now) < cutoff]

    async def make_room(self) -> None:
        """At the ceiling, shut down one kernel of a page its visitor has left, so the visitor
        asking now gets a page rather than the busy one. A page left by closing the browser, or a
        tab a phone put away, never posts its shutdown, and its kernel would otherwise hold the
        slot until the idle culler (half an hour): one trainee with one tab open was told they had
        several open."""
        left = [] if self.has_free_slot() else self.left_pages()
        if left:
            self.log.info("Kernel limit reached; shutting down %s, whose page nobody has open.", left[0])
            await self.shutdown_kernel(left[0])

    def has_ready_spare(self, notebook: str) -> bool:
        """True when the page's next warm spare has finished starting and can be handed out now.

        Reads the pool that Voila's preheating manager (the subclass Voila builds on this class,
        see ``voila.voila_kernel_manager``) keeps per notebook: a list of tasks, each resolving to
        a started kernel. Without preheating there is no pool and so no spare.
        """
        pool = getattr(self, "_pools", {}).get(notebook) or []
        return bool(pool) and pool[0].done() and not pool[0].cancelled() and pool[0].exception() is None

    async def start_kernel(self, *, kernel_id: str | None = None, **kwargs) -> str:
        if kernel_id is not None and kernel_id in self:
            return await super().start_kernel(kernel_id=kernel_id, **kwargs)
        if is_warm_spare(kwargs):
            while not self.has_free_slot():
                await asyncio.sleep(self.spare_wait_interval)
        elif not self.has_free_slot():
            self.log.warning("Kernel limit of %d reached; a visitor was shown the busy page.", self.max_kernels)
            raise ServerBusy()
        # The slot is taken before the first await, so two visitors arriving together cannot both
        # take the last one. Naming the kernel now lets it count once, whether starting or started.
        kernel_id = kernel_id or self.new_kernel_id()
        self._starting.add(kernel_id)
        try:
            return await super().start_kernel(kernel_id=kernel_id, **kwargs)
        finally:
            self._starting.discard(kernel_id)
