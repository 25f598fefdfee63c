"""Pictures and tables carry the teaching-model line and the paired differences."""

from __future__ import annotations

import re

from simulations.analysis import compare
from simulations.plots import comparison_figure, comparison_table, figure_png, show_comparison, what_if
from simulations.presets import preset_params


def comparison():
    return compare("practice-2016", preset_params("practice-2016", carer_checks_h=0), 80, 2,
                   labels=("2016", "calls at once"))


def test_figure_has_both_settings_and_the_teaching_line():
    figure = comparison_figure(comparison())
    texts = " ".join(t.get_text() for t in figure.texts)
    assert "Teaching model, not a forecast: 80 paired replications (seed 2)" in texts
    labels = [line.get_label() for line in figure.axes[0].get_lines() if not line.get_label().startswith("_")]
    assert labels == ["2016", "calls at once"]
    assert figure_png(figure).startswith(b"\x89PNG")


def test_table_gives_both_values_and_the_paired_difference():
    table = comparison_table(comparison())
    assert list(table.columns) == ["outcome", "2016", "calls at once", "difference (95% CI)"]
    row = table.set_index("outcome").loc["located within 24 hours"]
    assert row["2016"].endswith("%") and "points" in row["difference (95% CI)"]


def test_episodes_per_child_read_as_a_number_not_a_percentage():
    row = comparison_table(comparison()).set_index("outcome").loc[
        "missing episodes in the year (mean, the first included)"]
    assert re.fullmatch(r"\d\.\d", row["2016"]) and "episodes" in row["difference (95% CI)"]
    assert "-0.0" not in row["difference (95% CI)"]


def test_notebook_helpers_display_and_return_the_comparison(capsys):
    result = what_if("kim", reps=40, seed=3, label="no absconder label", p_recorded_absent=0)
    assert result.alternative_label == "no absconder label" and result.reps == 40
    assert "Image" in capsys.readouterr().out  # outside Jupyter, display() prints a description
    assert show_comparison("kim", "good-practice", reps=30).baseline_label == "kim"
