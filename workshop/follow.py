"""Following a room from a page's kernel, so the page changes by itself: a background thread
long-polls the service and hands each new state to the page.

Why a thread, and why the hand-over: the client is blocking (standard library only, see
:mod:`workshop.client`), so the wait for the service's reply must not hold the kernel's main
thread, or no button would answer. But the widgets are changed on the main thread, by the
kernel's own event loop between the messages it handles, exactly as a click handler changes
them: ipywidgets is not written for two threads changing one widget at once. Outside a kernel
(a script, a test) there is no running loop, and the thread shows each state itself.

A network failure is said once (``trouble(message)``) and retried, more slowly each time, until
the service answers again (``trouble(None)``); a refusal from the service (the room is gone, the
token no longer counts) is said and ends the following, since asking again would not change it.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

from workshop.client import ServiceError

RETRY_SECONDS = 2.0
MOST_RETRY_SECONDS = 10.0


class Follower:
    """Call ``fetch(last state)`` over and over (each call a long-poll that returns when there is
    news) and ``show`` each state, while ``keep_going(state)`` holds."""

    def __init__(self, fetch: Callable[[dict | None], dict], show: Callable[[dict], None], *,
                 trouble: Callable[[str | None], None], keep_going: Callable[[dict], bool],
                 last: dict | None = None):
        self.fetch, self.show, self.trouble, self.keep_going = fetch, show, trouble, keep_going
        self.last = last
        self._stop = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread = threading.Thread(target=self._run, daemon=True, name="mfc-workshop-follow")

    def start(self) -> Follower:
        """Start following. Call it on the kernel's main thread (in a cell or a click handler),
        whose event loop then receives every state."""
        try:
            self._loop = asyncio.get_running_loop()
        except RuntimeError:
            self._loop = None
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop after the request in flight (at most one long-poll wait)."""
        self._stop.set()

    def _run(self) -> None:
        failures = 0
        while not self._stop.is_set():
            try:
                state = self.fetch(self.last)
            except ServiceError as exc:
                failures += 1
                if not self._hand_over(self.trouble, str(exc)) or exc.status is not None and exc.status < 500:
                    return
                self._stop.wait(min(RETRY_SECONDS * failures, MOST_RETRY_SECONDS))
                continue
            if failures:
                failures = 0
                self._hand_over(self.trouble, None)
            self.last = state
            if not self._hand_over(self.show, state) or not self.keep_going(state):
                return

    def _hand_over(self, action: Callable, argument) -> bool:
        """Run ``action(argument)`` where widgets may be changed; False once the kernel is gone."""
        if self._loop is None:
            action(argument)
            return True
        try:
            self._loop.call_soon_threadsafe(action, argument)
        except RuntimeError:  # the kernel's loop has closed: nobody is looking any more
            return False
        return True
