"""Page-level helpers for every browser test: stay offline, keep a log of errors, check phone layout.

Why block the network: the tests must pass on a machine with no internet, and a page that quietly
depends on a CDN (Voila's icon font, JupyterLab's news feed) would pass here only by luck. Every
request that would leave the machine is aborted and listed, so a test can also assert on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Route, WebSocketRoute

# Any http(s)/ws(s) address whose host is not this machine. A regex, not a Python callable,
# so Playwright matches it inside the browser driver and local requests never pay a round trip.
LEAVES_THE_MACHINE = re.compile(r"^(https?|wss?)://(?!(127\.0\.0\.1|localhost|\[::1\])(:\d+)?/)")
BLOCKED_BY_US = "net::ERR_BLOCKED_BY_CLIENT"
# A phone: 375 CSS pixels wide (iPhone SE to iPhone 13 mini), touch, mobile layout rules.
MOBILE = {"viewport": {"width": 375, "height": 812}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


@dataclass
class PageLog:
    """What the browser reported during one test: console errors, uncaught exceptions, blocked requests."""

    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def watch(self, context: BrowserContext) -> None:
        """Record errors from every page of ``context``, and abort requests that leave the machine."""
        context.on("console", self._on_console)
        context.on("weberror", lambda error: self.errors.append(f"uncaught: {error.error}"))
        context.route(LEAVES_THE_MACHINE, self._block)
        context.route_web_socket(LEAVES_THE_MACHINE, self._block_socket)

    def unexpected_errors(self, *allowed: str) -> list[str]:
        """Errors other than our own blocking and those matching any ``allowed`` regex (known, harmless noise)."""
        patterns = [re.compile(a) for a in allowed]
        return [e for e in self.errors if BLOCKED_BY_US not in e and not any(p.search(e) for p in patterns)]

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            self.errors.append(f"{message.text} ({where})" if where else message.text)

    def _block(self, route: Route) -> None:
        self.blocked.append(route.request.url)
        route.abort("blockedbyclient")

    def _block_socket(self, socket: WebSocketRoute) -> None:
        self.blocked.append(socket.url)
        socket.close(code=1008, reason="tests stay on this machine")


def horizontal_overflow(page: Page) -> dict:
    """How far the page is wider than its viewport, and the elements that stick out furthest.

    Compared with the viewport width Playwright set, not the layout width, so a page without a
    ``<meta name="viewport">`` (which a phone lays out 980 px wide) also counts as overflowing.
    """
    width = page.viewport_size["width"]
    return page.evaluate(
        """(width) => {
            const doc = document.documentElement;
            const scrollWidth = Math.max(doc.scrollWidth, document.body ? document.body.scrollWidth : 0);
            const culprits = [...document.querySelectorAll('body *')]
                .map(el => ({el, right: el.getBoundingClientRect().right}))
                .filter(({right}) => right > width + 1)
                .sort((a, b) => b.right - a.right).slice(0, 5)
                .map(({el, right}) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}`
                     + `${el.className && typeof el.className === 'string' ? '.' + el.className.trim()
                         .split(/\\s+/).join('.') : ''} right edge ${Math.round(right)} px`);
            return {viewport: width, layout: window.innerWidth, scroll_width: scrollWidth, culprits};
        }""",
        width,
    )


def assert_no_horizontal_scroll(page: Page) -> None:
    """Fail, naming the widest elements, when a reader would have to scroll sideways."""
    report = horizontal_overflow(page)
    too_wide = max(report["scroll_width"], report["layout"]) > report["viewport"]
    assert not too_wide, (f"page is {max(report['scroll_width'], report['layout'])} px wide in a "
                          f"{report['viewport']} px viewport; widest: {report['culprits']}")
