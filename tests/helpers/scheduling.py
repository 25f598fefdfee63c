"""How pytest-xdist spreads the test run over its workers (tests/conftest.py installs it)."""

from __future__ import annotations

from xdist.scheduler import LoadScopeScheduling

HUB_TESTS = "tests/hub/"  # as test ids begin, relative to the checkout


class HubTestsTogether(LoadScopeScheduling):
    """pytest-xdist's scheduling with every hub test on one worker, one after another: they make
    Linux users and change the search permission of the folders above the checkout, which two hubs
    at once would fight over. Every other test is a unit of its own, spread as ``--dist load`` does.

    Why not ``xdist_group`` marks with ``--dist loadgroup``: pytest-xdist 3.8 groups by a suffix it
    writes into each test's id, which pytest 9 no longer lets it change, so the groups were
    silently ignored (a hub test ran on the other worker and found the permissions changed)."""

    def _split_scope(self, nodeid: str) -> str:
        return "hub" if nodeid.startswith(HUB_TESTS) else nodeid
