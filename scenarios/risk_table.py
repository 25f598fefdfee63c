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

# JupyterLab styles tables in outputs (small type, right-aligned cells) with rules a page cannot
# easily outrank, so every rule here starts from the wrapper's class, and the alignment is marked
# !important: the cells hold sentences, read from the left.
# On a phone five columns of sentences do not fit: the output box scrolls sideways and nothing says
# so. Below 40rem each level becomes a block of its own, every cell headed by its column's name
# (data-label), so the whole table reads down the screen.
_STYLE = """
.mfc-scale-wrap table.mfc-scale { border-collapse: collapse; max-width: 60rem; line-height: 1.4;
  font-size: var(--jp-content-font-size1, 1rem);
  table-layout: auto; margin: 0 0 1rem 0; }
.mfc-scale-wrap table.mfc-scale th, .mfc-scale-wrap table.mfc-scale td {
  border: 1px solid #999; padding: 0.4rem 0.6rem; text-align: left !important; vertical-align: top;
}
.mfc-scale-wrap .mfc-scale caption { text-align: left; font-weight: bold; padding-bottom: 0.4rem; }
.mfc-scale-wrap .mfc-scale .mfc-retired { color: #333; background: #f1f1f1; }
.mfc-scale-wrap cite { font-size: 0.9em; }
@media (max-width: 40rem) {
  .mfc-scale-wrap table.mfc-scale, .mfc-scale-wrap .mfc-scale caption, .mfc-scale-wrap .mfc-scale tbody,
  .mfc-scale-wrap .mfc-scale tr, .mfc-scale-wrap table.mfc-scale th, .mfc-scale-wrap table.mfc-scale td {
    display: block; width: auto; }
  .mfc-scale-wrap .mfc-scale thead { position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip-path: inset(50%); white-space: nowrap; }
  .mfc-scale-wrap .mfc-scale tr { border: 1px solid #999; margin: 0 0 0.8rem 0; }
  .mfc-scale-wrap table.mfc-scale th, .mfc-scale-wrap table.mfc-scale td { border: none; }
  .mfc-scale-wrap table.mfc-scale tbody th { font-size: 1.1em; background: #e8eef6; }
  .mfc-scale-wrap table.mfc-scale td::before { content: attr(data-label); display: block; font-weight: bold; }
}
"""


# The table's columns, in order; on a phone each cell is headed by its column's name.
COLUMNS = ("Level", "Status", "What it means", "For a child", "Sources")


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
        cells = (status, escape(level.definition), escape(level.for_children), _cites(level.citations))
        return (
            f"<tr{retired}><th scope=\"row\">{escape(level.label)}</th>"
            + "".join(f'<td data-label="{label}">{cell}</td>' for label, cell in zip(COLUMNS[1:], cells, strict=True))
            + "</tr>"
        )

    def _repr_html_(self) -> str:
        levels = "".join(self._level_row(level) for level in self.levels)
        labels = {level.id: level.label for level in self.scale.levels}
        rules = "".join(
            f"<li>{escape(rule.statement)} <em>At least: {escape(labels[rule.minimum_level])}.</em> "
            f"{_cites(rule.citations)}</li>"
            for rule in self.scale.rules
        )
        headings = "".join(f'<th scope="col">{column}</th>' for column in COLUMNS)
        return (
            f'<div class="mfc-scale-wrap"><style>{_STYLE}</style>'
            '<table class="mfc-scale"><caption>The police risk scale for missing people, highest risk first'
            f"</caption><thead><tr>{headings}</tr></thead><tbody>{levels}</tbody></table>"
            f'<h4>Rules for grading a child</h4><ul class="mfc-rules">{rules}</ul></div>'
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
