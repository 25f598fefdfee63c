"""Accessibility audits with axe-core, injected into the page under test.

axe-core comes from npm (pinned in package.json, installed by ``npm ci`` in ``make test``):
there is no PyPI package that bundles it here, and injecting the library's own file keeps the
audit identical to what the axe browser extension reports to a person checking by hand.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")
_RUN_AXE = """async ([context, options]) => {
    const results = await axe.run(context || document, options || {});
    return results.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.map(n => ({target: n.target, html: n.html, summary: n.failureSummary})),
    }));
}"""


def axe_violations(page: Page, *, context: str | None = None, options: dict | None = None,
                   impacts: tuple[str, ...] = SERIOUS) -> list[dict]:
    """Run axe-core on ``page`` (or the elements matching the CSS selector ``context``).

    Returns the violations whose impact is in ``impacts`` (serious and critical by default), each
    ``{"id", "impact", "help", "helpUrl", "nodes": [{"target", "html", "summary"}]}``.
    ``options`` are axe's run options, e.g. ``{"runOnly": ["wcag2a", "wcag2aa"]}``.
    """
    if not AXE_JS.exists():
        raise FileNotFoundError(f"{AXE_JS} is missing: run `npm ci` in the project root")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=AXE_JS)
    return [v for v in page.evaluate(_RUN_AXE, [context, options]) if v["impact"] in impacts]


def describe_violations(violations: list[dict]) -> str:
    """One readable line per violation and element, for an assertion message."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        lines.extend(f"    {node['target']}: {node['summary'].splitlines()[-1].strip()}" for node in v["nodes"])
    return "\n".join(lines)
