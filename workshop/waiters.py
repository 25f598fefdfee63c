"""Long-polling: a dashboard asks "anything newer than version V?" and is answered the moment a
change to its room commits (or after a timeout, with the same state).

Waiters live in this process: a change made here wakes them at once; a change made by another
process sharing the database (a second service on one PostgreSQL) is seen at the next
``POLL_SECONDS`` check, so nothing is missed either way.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict

POLL_SECONDS = 1.0


class Waiters:
    def __init__(self):
        self._events: dict[str, asyncio.Event] = defaultdict(asyncio.Event)

    def changed(self, code: str) -> None:
        """Wake everyone waiting on this room."""
        event = self._events.pop(code, None)
        if event is not None:
            event.set()

    async def wait(self, code: str, timeout: float) -> None:
        """Return when this room changes, or after ``timeout`` (at most ``POLL_SECONDS``: the
        caller checks the database again and waits again)."""
        event = self._events[code]
        try:
            await asyncio.wait_for(event.wait(), timeout=min(timeout, POLL_SECONDS))
        except TimeoutError:
            pass
