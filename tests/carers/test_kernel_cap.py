"""The kernel ceiling holds with real kernels: visitors past it are refused, two visitors cannot
share the last slot, a freed slot is reusable, and a warm spare waits for room instead of failing."""

from __future__ import annotations

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor

import pytest

from carers.kernel_cap import CappedKernelManager, ServerBusy, is_warm_spare

pytestmark = pytest.mark.slow
VISITOR_ENV = {**os.environ, "VOILA_PREHEAT": "False"}
SPARE_ENV = {**os.environ, "VOILA_PREHEAT": "True"}


def run_in_own_loop(coroutine):
    """``asyncio.run`` on a thread of its own: in a full test run, Playwright's sync API keeps an
    event loop running on the main thread, where ``asyncio.run`` refuses to start another."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


def run_with_manager(tmp_path, max_kernels: int, body):
    """Run ``body(manager)`` on a fresh event loop, and always stop every kernel it started."""

    async def main():
        manager = CappedKernelManager(max_kernels=max_kernels, root_dir=str(tmp_path), spare_wait_interval=0.1)
        try:
            return await body(manager)
        finally:
            await manager.shutdown_all()

    return run_in_own_loop(main())


def start(manager: CappedKernelManager, env=VISITOR_ENV):
    return manager.start_kernel(kernel_name="python3", env=env)


def test_a_visitor_past_the_ceiling_gets_busy_and_a_freed_slot_is_reused(tmp_path):
    async def body(manager):
        first = await start(manager)
        await start(manager)
        with pytest.raises(ServerBusy) as refused:
            await start(manager)
        assert refused.value.status_code == 503
        assert manager.kernels_in_use() == 2
        await manager.shutdown_kernel(first)
        await start(manager)
        return manager.kernels_in_use()

    assert run_with_manager(tmp_path, 2, body) == 2


def test_visitors_arriving_together_cannot_share_the_last_slot(tmp_path):
    async def body(manager):
        return await asyncio.gather(*(start(manager) for _ in range(3)), return_exceptions=True)

    outcomes = run_with_manager(tmp_path, 2, body)
    assert sum(isinstance(o, str) for o in outcomes) == 2
    assert sum(isinstance(o, ServerBusy) for o in outcomes) == 1


def test_a_warm_spare_waits_for_a_slot_instead_of_failing(tmp_path):
    async def body(manager):
        visitor = await start(manager)
        spare = asyncio.ensure_future(start(manager, env=SPARE_ENV))
        await asyncio.sleep(1.0)
        waited = not spare.done() and manager.kernels_in_use() == 1
        await manager.shutdown_kernel(visitor)
        spare_id = await asyncio.wait_for(spare, timeout=60)
        return waited, spare_id in manager, manager.kernels_in_use()

    assert run_with_manager(tmp_path, 1, body) == (True, True, 1)


def test_only_voilas_pool_is_a_warm_spare():
    assert is_warm_spare({"env": SPARE_ENV})
    assert not is_warm_spare({"env": VISITOR_ENV})
    assert not is_warm_spare({})


def test_a_spare_is_ready_only_once_its_kernel_has_started():
    async def states():
        manager = CappedKernelManager(max_kernels=4)
        loop = asyncio.get_running_loop()
        started, starting, failed = loop.create_future(), loop.create_future(), loop.create_future()
        started.set_result({"kernel_id": "k1"})
        failed.set_exception(RuntimeError("kernel died"))
        found = []
        for pool in ([started], [starting, started], [failed], []):
            manager._pools = {"page.ipynb": pool}  # the pool Voila's preheating subclass keeps
            found.append(manager.has_ready_spare("page.ipynb"))
        found.append(manager.has_ready_spare("another-page.ipynb"))
        starting.cancel()
        return found

    assert run_in_own_loop(states()) == [True, False, False, False, False]


def test_without_preheating_there_is_never_a_spare():
    assert not CappedKernelManager(max_kernels=1).has_ready_spare("page.ipynb")


def test_pages_open_counts_every_kernel_in_use_but_the_warm_spares():
    async def counts():
        manager = CappedKernelManager(max_kernels=6)
        manager._starting = {"visitor-1", "visitor-2", "spare-1"}  # kernels holding a slot
        spare = asyncio.get_running_loop().create_future()
        spare.set_result({"kernel_id": "spare-1"})
        before = manager.pages_open()
        manager._pools = {"page.ipynb": [spare]}  # the pool Voila's preheating subclass keeps
        return before, manager.warm_spares(), manager.pages_open()

    assert run_in_own_loop(counts()) == (3, 1, 2)


def test_at_the_ceiling_a_page_its_visitor_left_makes_room_but_an_open_page_and_a_spare_do_not(tmp_path):
    async def body(manager):
        manager.left_after = 0.5
        open_page, left_page, spare = await start(manager), await start(manager), await start(manager, SPARE_ENV)
        manager.notify_connect(open_page)  # a browser holds this page's websocket
        ready = asyncio.get_running_loop().create_future()
        ready.set_result({"kernel_id": spare})
        manager._pools = {"index.ipynb": [ready]}  # as Voila's preheating pool holds a started spare
        await manager.make_room()
        assert set(manager.list_kernel_ids()) == {open_page, left_page, spare}, "just left: not yet"
        await asyncio.sleep(1.5)
        await manager.make_room()
        return set(manager.list_kernel_ids()), manager.has_free_slot(), open_page, spare

    kept, free, open_page, spare = run_with_manager(tmp_path, 3, body)
    assert kept == {open_page, spare} and free
