"""Module 4's risk scale table is read from risk_scale.yaml, in rank order, with the retired
'absent' marked and the rules for children listed."""

from __future__ import annotations

from html import escape

from scenarios.risk_table import COLUMNS, RiskScaleTable, risk_scale_table


def test_levels_run_from_highest_risk_to_lowest(library):
    table = risk_scale_table(library)
    ranks = [level.rank for level in table.levels]
    assert ranks == sorted(ranks, reverse=True) and len(ranks) == len(library.risk_scale.levels)


def test_every_level_rule_and_citation_appears_in_the_html(library):
    html = risk_scale_table(library)._repr_html_()
    scale = library.risk_scale
    positions = [html.index(escape(level.label)) for level in risk_scale_table(library).levels]
    assert positions == sorted(positions)
    for level in scale.levels:
        assert escape(level.definition) in html and escape(level.for_children) in html
        assert all(escape(c) in html for c in level.citations)
    for rule in scale.rules:
        assert escape(rule.statement) in html


def test_a_retired_level_says_so(library):
    html = risk_scale_table(library)._repr_html_()
    retired = [level for level in library.risk_scale.levels if not level.in_use]
    assert retired, "the shipped scale keeps 'absent' as a retired level"
    for level in retired:
        row = html[html.index(escape(level.label)):]
        assert row.index("No longer in use") < row.index("</tr>")
    assert html.count("No longer in use") == len(retired)


def test_library_text_is_escaped(library):
    level = library.risk_scale.levels[0].model_copy(update={"label": "<script>x</script>"})
    scale = library.risk_scale.model_copy(update={"levels": [level, *library.risk_scale.levels[1:]]})
    html = RiskScaleTable(scale)._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_plain_text_version(library):
    text = str(risk_scale_table(library))
    assert "(no longer in use)" in text
    assert all(level.label in text for level in library.risk_scale.levels)


def test_on_a_phone_each_cell_is_headed_by_its_column(library):
    """At 375 px the five columns were cut off ("recorded as high risk. Th…") in a box that only
    scrolled sideways: below 40rem each level becomes a block, every cell with its column's name."""
    html = risk_scale_table(library)._repr_html_()
    assert "@media (max-width: 40rem)" in html and "content: attr(data-label)" in html
    rows = html.split("<tbody>")[1].split("</tr>")[:-1]
    assert len(rows) == len(library.risk_scale.levels)
    for row in rows:
        assert [f'data-label="{c}"' in row for c in COLUMNS[1:]] == [True] * 4
        assert row.count("<td") == len(COLUMNS) - 1


def test_acronyms_are_spelt_out_in_what_a_trainee_reads(library):
    """Module 4 said 'the APPG' with no word of what it is."""
    html = risk_scale_table(library)._repr_html_()
    assert "APPG" not in html and "All-Party Parliamentary Group for Runaway and Missing Children" in html
