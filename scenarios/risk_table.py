"""The police risk scale as a table a course page can show: read from ``risk_scale.yaml``, never
retyped, so the module that teaches the scale and the rubric that marks gradings on it cannot
drift apart.

``risk_scale_table()`` in a notebook cell shows it (Jupyter calls ``_repr_html_``); ``str()`` of
it is a plain-text version for terminals and tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from scenarios.library import Library, shipped_library
from scenarios.models import RiskLevel, RiskScale

# JupyterLab right-aligns table cells in outputs with a rule of higher specificity than a page can
# easily match, so the alignment is marked !important: the cells hold sentences, read from the left.
_STYLE = """
.mfc-scale { border-collapse: collapse; max-width: 60rem; line-height: 1.4; }
table.mfc-scale th, table.mfc-scale td {
  border: 1px solid #999; padding: 0.4rem 0.6rem; text-align: left !important; vertical-align: top;
}
.mfc-scale caption { text-align: left; font-weight: bold; padding-bottom: 0.4rem; }
.mfc-scale .mfc-retired { color: #333; background: #f1f1f1; }
.mfc-scale cite, .mfc-rules cite { font-size: 0.9em; }
"""


def _cites(citations: list[str]) -> str:
    return "; ".join(f"<cite>{escape(c)}</cite>" for c in citations)


@dataclass(frozen=True)
class RiskScaleTable:
    """The levels from highest to lowest risk, then the rules for grading children."""

    scale: RiskScale

    @property
    def levels(self) -> list[RiskLevel]:
        return sorted(self.scale.levels, key=lambda level: level.rank, reverse=True)

    def _level_row(self, level: RiskLevel) -> str:
        status = "In use" if level.in_use else "No longer in use"
        retired = ' class="mfc-retired"' if not level.in_use else ""
        return (
            f"<tr{retired}><th scope=\"row\">{escape(level.label)}</th><td>{status}</td>"
            f"<td>{escape(level.definition)}</td><td>{escape(level.for_children)}</td>"
            f"<td>{_cites(level.citations)}</td></tr>"
        )

    def _repr_html_(self) -> str:
        levels = "".join(self._level_row(level) for level in self.levels)
        labels = {level.id: level.label for level in self.scale.levels}
        rules = "".join(
            f"<li>{escape(rule.statement)} <em>At least: {escape(labels[rule.minimum_level])}.</em> "
            f"{_cites(rule.citations)}</li>"
            for rule in self.scale.rules
        )
        return (
            f"<style>{_STYLE}</style>"
            '<table class="mfc-scale"><caption>The police risk scale for missing people, highest risk first'
            "</caption><thead><tr><th scope=\"col\">Level</th><th scope=\"col\">Status</th>"
            "<th scope=\"col\">What it means</th><th scope=\"col\">For a child</th><th scope=\"col\">Sources</th>"
            f"</tr></thead><tbody>{levels}</tbody></table>"
            f'<h4>Rules for grading a child</h4><ul class="mfc-rules">{rules}</ul>'
        )

    def __str__(self) -> str:
        lines = ["The police risk scale, highest risk first:"]
        for level in self.levels:
            status = "" if level.in_use else " (no longer in use)"
            lines.append(f"- {level.label}{status}: {level.definition} For a child: {level.for_children}")
        lines.append("Rules for grading a child:")
        lines += [f"- {rule.statement} (at least {rule.minimum_level})" for rule in self.scale.rules]
        return "\n".join(lines)


def risk_scale_table(library: Library | None = None) -> RiskScaleTable:
    """The shipped risk scale (or ``library``'s) ready to display."""
    return RiskScaleTable((library or shipped_library()).risk_scale)
