"""Long-polling: a page asks "anything newer than what I have?" and is answered the moment a
change to its room commits (or after a timeout, with the same state).

Two kinds of waiter, because they care about different changes: the trainer's dashboard wants
every change (a join, an answer), a trainee's page only the trainer's moves (a part opened, a
reveal, the room closed). Forty trainees waiting on every answer would each be woken forty
times a question for nothing, on the same event loop that stores the answers.

Waiters live in this process: a change made here wakes them at once; a change made by another
process sharing the database (a second service on one PostgreSQL) is seen at the next
``POLL_SECONDS`` check, so nothing is missed either way.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict

POLL_SECONDS = 1.0
EVERY_CHANGE = "every change"
MOVES = "moves"


class Waiters:
    def __init__(self):
        self._events: dict[tuple[str, str], asyncio.Event] = defaultdict(asyncio.Event)

    def changed(self, code: str, *, moved: bool = False) -> None:
        """Wake everyone waiting on this room's changes, and, if the trainer moved the room on,
        everyone waiting on its moves."""
        for kind in (EVERY_CHANGE, MOVES) if moved else (EVERY_CHANGE,):
            event = self._events.pop((code, kind), None)
            if event is not None:
                event.set()

    async def wait(self, code: str, timeout: float, kind: str = EVERY_CHANGE) -> None:
        """Return when this room changes in that way, or after ``timeout`` (at most
        ``POLL_SECONDS``: the caller checks the database again and waits again)."""
        event = self._events[code, kind]
        try:
            await asyncio.wait_for(event.wait(), timeout=min(timeout, POLL_SECONDS))
        except TimeoutError:
            pass
