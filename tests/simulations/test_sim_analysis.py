"""Summaries, intervals and paired comparisons."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from simulations.analysis import (
    MEASURES,
    SUMMARY_KEYS,
    Comparison,
    compare,
    located_by,
    mean_interval,
    median_hours_to_locate,
    summarise,
    summary_json,
    wilson_interval,
)
from simulations.presets import preset_params
from simulations.runner import run_replications


def test_wilson_interval_matches_a_worked_value():
    # 8 of 10: the Wilson 95% interval is about 0.490 to 0.943.
    low, high = wilson_interval(8, 10)
    assert low == pytest.approx(0.4902, abs=1e-4) and high == pytest.approx(0.9433, abs=1e-4)
    assert wilson_interval(0, 20)[0] == 0.0 and wilson_interval(20, 20)[1] == 1.0
    assert all(math.isnan(v) for v in wilson_interval(0, 0))


def test_mean_interval_shrinks_with_more_data():
    rng = np.random.default_rng(0)
    small, large = rng.normal(size=30), rng.normal(size=3000)
    width = lambda values: mean_interval(values)[2] - mean_interval(values)[1]  # noqa: E731
    assert width(large) < width(small) / 5
    assert math.isnan(mean_interval(np.array([1.0]))[1])


def test_median_counts_never_located_as_beyond_the_horizon():
    frame = pd.DataFrame({"hours_to_locate": [1.0, 2.0, 3.0, math.nan, math.nan]})
    assert median_hours_to_locate(frame)[0] == 3.0
    frame = pd.DataFrame({"hours_to_locate": [1.0, math.nan, math.nan]})
    assert median_hours_to_locate(frame)[0] == math.inf


def test_summary_intervals_contain_their_estimates():
    table = summarise(run_replications("practice-2016", 200, 3))
    assert set(m.column for m in MEASURES) | {"median_hours_to_locate"} == set(table.index)
    assert (table["ci_low"] <= table["estimate"]).all() and (table["estimate"] <= table["ci_high"]).all()
    assert table.at["rhi_within_72h", "n"] < 200  # only children who were located count


def test_summary_json_has_the_documented_keys():
    summary = summary_json(run_replications("good-practice", 100, 3))
    assert set(summary) == set(SUMMARY_KEYS) | {"median_hours_to_locate"}
    assert all(value is None or 0 <= value for value in summary.values())
    assert all(0 <= summary[key] <= 1 for key in SUMMARY_KEYS)


def test_located_by_is_the_share_located_by_each_time():
    frame = pd.DataFrame({"hours_to_locate": [1.0, 5.0, math.nan, 10.0]})
    assert list(located_by(frame, np.array([0.0, 1.0, 6.0, 100.0]))) == [0.0, 0.25, 0.5, 0.75]


def test_a_setting_compared_with_itself_differs_by_nothing():
    differences = compare("practice-2016", "practice-2016", 100, 5).differences()
    assert (differences["difference"] == 0).all()
    assert (differences["ci_low"] == 0).all() and (differences["ci_high"] == 0).all()


def test_paired_comparison_is_tighter_than_unpaired():
    """Common random numbers: the paired interval for a real change is narrower than the two
    runs' own intervals would suggest."""
    comparison = compare("practice-2016", preset_params("practice-2016", carer_checks_h=0), 400, 5)
    row = comparison.differences().loc["hours_missing"]
    paired_width = row["ci_high"] - row["ci_low"]
    separate = [mean_interval(f["hours_missing"].to_numpy(dtype=float)) for f in
                (comparison.baseline, comparison.alternative)]
    unpaired_width = 2 * math.hypot(*[(hi - lo) / 2 for _, lo, hi in separate])
    assert paired_width < unpaired_width / 3
    assert row["difference"] < 0


def test_progress_reports_both_halves_of_a_comparison():
    seen = []
    compare("kim", "kim", 60, 1, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (120, 120) and all(total == 120 for _, total in seen)


def test_shares_of_some_children_agree_with_their_difference():
    """A measure defined only for some children (a decision only for those referred) is compared
    over the children it is defined for in both settings: the two shares and their difference
    are then the same children's, so the difference is the one share minus the other."""
    n = 400
    rng = np.random.default_rng(7)
    frames = [pd.DataFrame({m.column: rng.random(n) < 0.4 for m in MEASURES}) for _ in range(2)]
    baseline, alternative = frames
    # Referred: a quarter of children before, a third after (the first quarter in both); held decisions
    # far more common among the children referred only in the baseline setting.
    baseline["nrm_decision_stayed"] = pd.array([True if i % 2 else i < 40 for i in range(100)] + [pd.NA] * 300,
                                               dtype="boolean")
    alternative["nrm_decision_stayed"] = pd.array([i % 3 == 0 for i in range(133)] + [pd.NA] * 267, dtype="boolean")
    table = Comparison("before", "after", baseline, alternative, seed=0).differences()
    for measure, row in table.iterrows():
        assert row["alternative"] - row["baseline"] == pytest.approx(row["difference"]), measure
    assert table.loc["nrm_decision_stayed", "pairs"] == 100 and table.loc["nrm_decision_stayed", "of"] == "referred"
