"""Validation of the year after the first episode (repeats.py): special cases, monotone
responses in every paired child, the meeting and NRM rules checked exactly against the results.

Where the Stage One and Two meetings would lower the rate of going again, a higher rate can call a
meeting sooner and so lead to fewer episodes later; paired (child by child) properties are
therefore checked with the meetings' effects switched off, and averages with them on.
"""

from __future__ import annotations

import numpy as np
import pytest

from simulations.presets import preset_params
from simulations.repeats import LATER_EPISODES
from simulations.runner import run_replications

REPS = 300
SEED = 5
NO_MEETING_EFFECT = {"stage_one_repeat_factor": 1.0, "stage_two_repeat_factor": 1.0}


def run(**changes):
    return run_replications(preset_params("practice-2016", **changes), REPS, SEED)


@pytest.fixture(scope="module")
def practice():
    return run()


def test_no_chance_of_going_again_gives_one_episode_per_child():
    frame = run(repeat_rate_per_h=0)
    assert (frame["episodes"] == 1).all()
    assert not frame["stage_one_meeting"].any() and not frame["stage_two_meeting"].any()


def test_a_child_never_located_has_one_episode(practice):
    assert (practice.loc[practice["never_located"], "episodes"] == 1).all()
    assert practice["episodes"].between(1, 1 + LATER_EPISODES).all()
    assert practice["episodes"].max() > 2  # children do go again


def test_the_first_episode_s_columns_do_not_depend_on_the_year_after(practice):
    other = run(repeat_rate_per_h=0.01, p_nrm_referred=1)
    first = [c for c in practice.columns if c not in
             {"episodes", "stage_one_meeting", "stage_two_meeting", "nrm_referred", "nrm_decision_stayed",
              "hours_to_nrm_decision"}]
    assert other[first].equals(practice[first])


@pytest.mark.parametrize(("name", "low", "high", "more_episodes_when_higher"), [
    ("repeat_rate_per_h", 0.0001, 0.001, True),
    ("rhi_repeat_factor", 0.2, 1.0, True),
    ("repeat_missing_mean_h", 1.0, 500.0, False),
])
def test_episodes_respond_the_right_way_in_every_child(name, low, high, more_episodes_when_higher):
    fewer, more = (run(**NO_MEETING_EFFECT, **{name: v})["episodes"] for v in
                   ((low, high) if more_episodes_when_higher else (high, low)))
    assert (fewer <= more).all() and fewer.sum() < more.sum()


@pytest.mark.parametrize("name", ["stage_one_repeat_factor", "stage_two_repeat_factor"])
def test_a_stronger_safety_plan_means_fewer_episodes_on_average(name):
    strong, weak = (run(repeat_rate_per_h=0.001, **{name: v})["episodes"].mean() for v in (0.2, 1.0))
    assert strong < weak


def test_meetings_follow_3_and_5_episodes_in_the_window():
    whole_year = run(review_window_h=float("inf"), repeat_rate_per_h=0.001)
    assert whole_year["stage_one_meeting"].equals(whole_year["episodes"] >= 3)
    assert whole_year["stage_two_meeting"].equals(whole_year["episodes"] >= 5)
    assert not run(review_window_h=0)["stage_one_meeting"].any()
    narrow, wide = (run(**NO_MEETING_EFFECT, review_window_h=h, repeat_rate_per_h=0.001) for h in (240, 2160))
    assert (narrow["stage_one_meeting"] <= wide["stage_one_meeting"]).all()
    assert narrow["stage_one_meeting"].sum() < wide["stage_one_meeting"].sum()
    assert (wide["stage_two_meeting"] <= wide["stage_one_meeting"]).all()


def test_nobody_or_everyone_reported_is_referred():
    assert not run(p_nrm_referred=0)["nrm_referred"].any()
    everyone = run(p_nrm_referred=1)
    assert everyone["nrm_referred"].equals(everyone["hours_to_report"].notna())


@pytest.mark.parametrize("referral_h", [0.0, 168.0])
def test_the_nrm_decision_is_stayed_exactly_while_the_child_is_missing(referral_h):
    frame = run(repeat_rate_per_h=0, p_nrm_referred=1, nrm_referral_delay_h=referral_h)
    due = frame["hours_to_report"] + referral_h + 120.0
    back = frame["hours_to_locate"].fillna(np.inf)
    referred = frame["nrm_referred"]
    stayed = frame["nrm_decision_stayed"]
    assert stayed[~referred].isna().all()
    assert (stayed[referred] == (due < back)[referred]).all()
    expected = np.where(due < back, back, due)
    expected = np.where(expected < 8760, expected, np.nan)
    np.testing.assert_allclose(frame.loc[referred, "hours_to_nrm_decision"], expected[referred.to_numpy()])


def test_a_slower_nrm_decision_is_stayed_no_more_often_with_one_episode():
    quick, slow = (run(repeat_rate_per_h=0, p_nrm_referred=1, nrm_decision_h=h)["nrm_decision_stayed"]
                   for h in (0, 2000))
    quick, slow = quick.fillna(False), slow.fillna(False)  # the same children are referred in both
    assert (slow <= quick).all() and slow.sum() < quick.sum()
