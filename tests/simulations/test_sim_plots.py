"""Pictures and tables carry the teaching-model line and the paired differences, and their
numbers are the comparison's own (``Comparison.differences()``), not just well formatted."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from simulations.analysis import MEASURES, compare
from simulations.plots import (
    DIFFERENCE,
    NO_DIFFERENCE,
    OUTCOME,
    comparison_figure,
    comparison_table,
    difference_in_words,
    figure_png,
    outcome_in_words,
    show_comparison,
    what_if,
)
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
    """How the table should show ``values`` of ``measure``: shares as whole percentages, times in
    whole days, episodes to one decimal; a missing value not at all."""
    scale, places = (100, 0) if SHARE[measure] else (1, 1) if measure == "episodes" else (1 / 24, 0)
    return [round(scale * v, places) for v in values if not math.isnan(v)]


def test_figure_has_both_settings_and_the_teaching_line(comparison):
    figure = comparison_figure(comparison)
    texts = " ".join(" ".join(t.get_text() for t in figure.texts).split())  # read across the wrapped lines
    assert "Teaching model, not a forecast: 80 simulated children in each setting" in texts
    assert "which children: 2" in texts and "random start" not in texts
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
    assert list(table.columns) == [OUTCOME, "2016", "calls at once", DIFFERENCE]
    row = table.set_index(OUTCOME).loc["located within 24 hours"]
    assert row["2016"].endswith("%") and "points" in row[DIFFERENCE]


def test_every_table_row_is_the_comparison_s_figures_rounded(comparison):
    expected = comparison.differences()
    table = comparison_table(comparison)
    assert list(table[OUTCOME]) == [outcome_in_words(row) for _, row in expected.iterrows()]
    for (_, row), (measure, figures) in zip(table.iterrows(), expected.iterrows(), strict=True):
        assert numbers(row["2016"]) == shown(measure, figures["baseline"]), measure
        assert numbers(row["calls at once"]) == shown(measure, figures["alternative"]), measure
        difference, *interval = shown(measure, figures["difference"], figures["ci_low"], figures["ci_high"])
        if figures["difference"] == figures["ci_low"] == figures["ci_high"] == 0:
            assert row[DIFFERENCE] == NO_DIFFERENCE, measure
        elif difference == 0:  # "less than 1 point (-1 to +0)": only the interval's figures are the comparison's
            assert row[DIFFERENCE].startswith("less than "), (measure, row[DIFFERENCE])
            assert numbers(row[DIFFERENCE])[1:] == interval, measure
        else:
            assert numbers(row[DIFFERENCE]) == [difference, *interval], measure


@pytest.mark.parametrize(("signed", "unit", "smallest", "words"), [
    ("+0", " points", "1 point", "less than 1 point"), ("-0", " points", "1 point", "less than 1 point"),
    ("+0.0", " times", "0.1 times", "less than 0.1 times"), ("-4", " days", "1 day", "-4 days"),
    ("+1", " point", "1 point", "+1 point"), ("+0.1", " times", "0.1 times", "+0.1 times"),
    ("+10", " points", "1 point", "+10 points"), ("-1,343", " days", "1 day", "-1,343 days")])
def test_a_difference_that_rounds_to_nothing_is_said_to_be_under_the_smallest_step(signed, unit, smallest, words):
    assert difference_in_words(signed, unit, smallest) == words


def test_episodes_per_child_read_as_a_number_not_a_percentage(comparison):
    row = comparison_table(comparison).set_index(OUTCOME).loc[
        "times missing in the year, on average (the first time included)"]
    assert re.fullmatch(r"\d\.\d", row["2016"]) and "times" in row[DIFFERENCE]
    assert "-0.0" not in row[DIFFERENCE]


def test_the_table_says_times_in_days_and_no_internal_words(comparison):
    table = comparison_table(comparison)
    text = " ".join(map(str, table.columns)) + " " + " ".join(table.astype(str).to_numpy().ravel())
    row = table.set_index(OUTCOME).loc["time missing, on average (a child not located counts as a year)"]
    assert row["2016"].endswith(" days") and "days" in row[DIFFERENCE]
    for word in (" h ", " h)", "horizon", "CI", "NRM", "replication", "mean;"):
        assert word not in text + " ", word
    assert "(of the children referred in both settings)" in text


def test_a_question_s_teaching_line_is_page_text_under_its_picture(monkeypatch):
    """Drawn inside the picture the line shrinks to a few pixels on a phone: the notebook shows the
    picture without it and the line, then the table, as HTML right under it."""
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objects: shown.extend(objects))
    comparison = show_comparison("practice-2016", preset_params("practice-2016", carer_checks_h=0), reps=30)
    image, page = shown
    assert isinstance(image, IPython.display.Image) and isinstance(page, IPython.display.HTML)
    assert page.data.startswith("<p class='mfc-teaching-note'><i>Teaching model, not a forecast: 30 simulated")
    assert "located within 7 days" in page.data and "data-label=" in page.data
    assert not comparison_figure(comparison, with_note=False).texts


def test_notebook_helpers_display_and_return_the_comparison(capsys):
    result = what_if("kim", reps=40, seed=3, label="no absconder label", p_recorded_absent=0)
    assert result.alternative_label == "no absconder label" and result.reps == 40
    assert "Image" in capsys.readouterr().out  # outside Jupyter, display() prints a description
    assert show_comparison("kim", "good-practice", reps=30).baseline_label == "Kim's case"
    assert what_if("practice-2016", reps=20, carer_checks_h=0).baseline_label == "Practice in 2016"
