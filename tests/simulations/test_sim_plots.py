"""Pictures and tables carry the teaching-model line and the paired differences, and their
numbers are the comparison's own (``Comparison.differences()``), not just well formatted."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from simulations.analysis import MEASURES, compare
from simulations.plots import comparison_figure, comparison_table, figure_png, show_comparison, what_if
from simulations.presets import preset_params

SHARE = {m.column: m.is_share for m in MEASURES}
NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


@pytest.fixture(scope="module")
def comparison():
    return compare("practice-2016", preset_params("practice-2016", carer_checks_h=0), 80, 2,
                   labels=("2016", "calls at once"))


def numbers(text: str) -> list[float]:
    """The figures in a table cell, in order ("+5 points (+2 to +8)" gives 5, 2, 8; "-" none)."""
    return [float(n.replace(",", "")) for n in NUMBER.findall(text)]


def shown(measure: str, *values: float) -> list[float]:
    """How the table should show ``values`` of ``measure``: shares as whole percentages, hours
    whole, episodes to one decimal; a missing value not at all."""
    scale, places = (100, 0) if SHARE[measure] else (1, 1 if measure == "episodes" else 0)
    return [round(scale * v, places) for v in values if not math.isnan(v)]


def test_figure_has_both_settings_and_the_teaching_line(comparison):
    figure = comparison_figure(comparison)
    texts = " ".join(t.get_text() for t in figure.texts)
    assert "Teaching model, not a forecast: 80 paired replications (seed 2)" in texts
    labels = [line.get_label() for line in figure.axes[0].get_lines() if not line.get_label().startswith("_")]
    assert labels == ["2016", "calls at once"]
    assert figure_png(figure).startswith(b"\x89PNG")


def test_each_curve_passes_through_its_setting_s_located_shares(comparison):
    expected = comparison.differences()
    assert expected.loc["located_24h", "baseline"] != expected.loc["located_24h", "alternative"], \
        "the settings must differ for a swapped curve to show"
    lines = {line.get_label(): line for line in comparison_figure(comparison).axes[0].get_lines()}
    for label, column in ((comparison.baseline_label, "baseline"), (comparison.alternative_label, "alternative")):
        days, percent = lines[label].get_xdata(), lines[label].get_ydata()
        for day, measure in ((1, "located_24h"), (7, "located_7d"), (28, "located_28d")):
            (at,) = np.flatnonzero(np.isclose(days, day))
            assert percent[at] == pytest.approx(100 * expected.loc[measure, column]), (label, measure)


def test_table_gives_both_values_and_the_paired_difference(comparison):
    table = comparison_table(comparison)
    assert list(table.columns) == ["outcome", "2016", "calls at once", "difference (95% CI)"]
    row = table.set_index("outcome").loc["located within 24 hours"]
    assert row["2016"].endswith("%") and "points" in row["difference (95% CI)"]


def test_every_table_row_is_the_comparison_s_figures_rounded(comparison):
    expected = comparison.differences()
    table = comparison_table(comparison)
    assert list(table["outcome"]) == list(expected["label"])
    for (_, row), (measure, figures) in zip(table.iterrows(), expected.iterrows(), strict=True):
        assert numbers(row["2016"]) == shown(measure, figures["baseline"]), measure
        assert numbers(row["calls at once"]) == shown(measure, figures["alternative"]), measure
        assert numbers(row["difference (95% CI)"]) == shown(
            measure, figures["difference"], figures["ci_low"], figures["ci_high"]), measure


def test_episodes_per_child_read_as_a_number_not_a_percentage(comparison):
    row = comparison_table(comparison).set_index("outcome").loc[
        "missing episodes in the year (mean, the first included)"]
    assert re.fullmatch(r"\d\.\d", row["2016"]) and "episodes" in row["difference (95% CI)"]
    assert "-0.0" not in row["difference (95% CI)"]


def test_notebook_helpers_display_and_return_the_comparison(capsys):
    result = what_if("kim", reps=40, seed=3, label="no absconder label", p_recorded_absent=0)
    assert result.alternative_label == "no absconder label" and result.reps == 40
    assert "Image" in capsys.readouterr().out  # outside Jupyter, display() prints a description
    assert show_comparison("kim", "good-practice", reps=30).baseline_label == "kim"
