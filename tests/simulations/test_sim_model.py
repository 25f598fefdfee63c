"""Validation of the episode model in the style of treat-sim and pydesrap_mms: reproducibility,
parallel = serial, extreme values, monotone response to every delay, an analytic special case.

Rep counts are small to keep the suite quick; where a test compares with a probability, the
tolerance is stated in standard errors. Paired properties (one setting never worse than
another) hold replication by replication, because each channel fires at a threshold drawn
once from its own stream, so they are checked on every replication, not on averages.
"""

from __future__ import annotations

import dataclasses
import gc
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulations import runner
from simulations.errors import ParameterError
from simulations.model import DRAWS_PER_REPLICATION, LEADS, STREAMS
from simulations.parameters import PARAMETER_NAMES, Kind, Params, kind_of
from simulations.presets import preset_params
from simulations.runner import run_replications

REPS = 300
SEED = 11
# Delays on the way from the child leaving to the child being located.
LOCATING_DELAYS = ("carer_notice_mean_h", "carer_checks_h", "reclassify_delay_h", "photo_delay_h", "phone_delay_h",
                   "social_media_delay_h", "contacts_delay_h", "family_ask_delay_h", "strategy_meeting_h",
                   "cross_force_delay_h", "ho_referral_delay_h")
# Delays after the child is located: they change the return home interview, not the locating.
AFTER_FOUND_DELAYS = ("found_notify_mean_h", "found_notify_other_force_mean_h", "rhi_arrange_mean_h")
# Delays of the year after the first episode: tested in test_sim_repeats.py.
FOLLOW_UP_DELAYS = ("repeat_missing_mean_h", "review_window_h", "nrm_referral_delay_h", "nrm_decision_h")


def every_lead_in_play() -> Params:
    """The 2016 preset with every lead held and every party involved, so each delay has something to delay."""
    return preset_params("practice-2016", photo_on_file=1, phone_on_file=1, social_media_on_file=1,
                         contacts_on_file=1, p_family_in_contact=1, family_ask_delay_h=48,
                         p_immigration_restriction=1, p_recorded_absent=0.5, p_report_at_once=0)


def no_information_delays(params: Params) -> Params:
    """Everything reported and shared at once: the earliest the model can locate a child."""
    zero = dict.fromkeys(LOCATING_DELAYS, 0.0)
    return params.replace(**zero, p_report_at_once=1.0)


def never_later(sooner: pd.Series, later: pd.Series) -> bool:
    """Replication by replication, ``sooner`` is no later than ``later`` (up to rounding in the
    hazard sums, which add the same hours in a different order when rates change at other times)."""
    return bool((sooner <= later + 1e-6).all())


def test_every_delay_is_covered_by_a_monotonicity_test():
    delays = {n for n in PARAMETER_NAMES if kind_of(n) is Kind.HOURS} - {"horizon_h", "ho_contact_interval_h"}
    assert delays == set(LOCATING_DELAYS) | set(AFTER_FOUND_DELAYS) | set(FOLLOW_UP_DELAYS)


def test_one_row_per_replication_with_consistent_outcomes():
    frame = run_replications("practice-2016", REPS, SEED)
    assert list(frame["rep"]) == list(range(REPS))
    assert (frame["located"] == ~frame["never_located"]).all()
    assert (frame["located_24h"] <= frame["located_7d"]).all() and (frame["located_7d"] <= frame["located_28d"]).all()
    assert (frame["over_7_days"] == (frame["hours_missing"] > 168)).all()
    assert frame.loc[frame["never_located"], "hours_missing"].eq(Params().horizon_h).all()
    assert frame["rhi_within_72h"].isna().equals(frame["never_located"])
    assert (frame["hours_in_exploitation"] <= frame["hours_missing"] + 1e-9).all()
    assert set(frame["located_by"]) <= {"", "search", "photo", "phone", "social_media", "contacts", "family",
                                        "home_office", "self_return"}


def test_same_seed_same_result_and_another_seed_differs():
    first = run_replications("good-practice", 100, SEED)
    pd.testing.assert_frame_equal(first, run_replications("good-practice", 100, SEED))
    assert not first.equals(run_replications("good-practice", 100, SEED + 1))


def test_parallel_results_equal_serial_results_exactly():
    serial = run_replications("kim", 120, SEED, workers=1)
    pd.testing.assert_frame_equal(serial, run_replications("kim", 120, SEED, workers=2))


def test_results_do_not_depend_on_how_replications_are_grouped(monkeypatch):
    """Blocks of random numbers and environments shared by several episodes are only for speed."""
    grouped = run_replications("bao", 90, SEED)
    monkeypatch.setattr(runner, "BLOCK", 7)
    monkeypatch.setattr(runner, "EPISODES_PER_ENVIRONMENT", 1)
    pd.testing.assert_frame_equal(grouped, run_replications("bao", 90, SEED))


def test_finished_episodes_are_freed_without_the_cycle_collector():
    """An episode left in a reference cycle waits for the garbage collector, which cost runs 5-10%
    more CPU (measured); run_episodes breaks the one cycle (episode -> race -> on_fire)."""
    gc.collect()
    collecting = gc.isenabled()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)  # keep what the collector finds unreachable, to look at it
    try:
        run_replications("practice-2016", 40, SEED)
        gc.collect()
        left_for_the_collector = {type(thing).__name__ for thing in gc.garbage}
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if collecting:
            gc.enable()
    assert not left_for_the_collector & {"Episode", "HazardRace", "Circumstances"}


def test_a_block_of_random_numbers_is_a_slice_of_the_whole_run():
    whole = runner.uniforms(SEED, 0, 50)
    np.testing.assert_array_equal(runner.uniforms(SEED, 20, 30), whole[20:])
    assert whole.shape == (50, DRAWS_PER_REPLICATION) and 0 <= whole.min() and whole.max() < 1


def test_per_lead_delays_can_be_overridden_with_dataclasses_replace():
    """How other code (the workshop exercise) sets its own delays on a preset."""
    base = every_lead_in_play().replace(p_graded_high=1)
    shared_at_once = dataclasses.replace(base, **{f"{lead}_delay_h": 0.0 for lead in LEADS})
    assert shared_at_once == base.replace(photo_delay_h=0, phone_delay_h=0, social_media_delay_h=0,
                                          contacts_delay_h=0)
    slow = run_replications(base, REPS, SEED)
    fast = run_replications(shared_at_once, REPS, SEED)
    assert never_later(fast["hours_missing"], slow["hours_missing"])
    assert fast["located_7d"].mean() > slow["located_7d"].mean()
    with pytest.raises(ParameterError, match="phone_delay_h"):
        dataclasses.replace(base, phone_delay_h=-1)


def test_replications_are_independent_of_how_many_are_run():
    """Replication i sees the same random numbers in a short run and a long one (CRN by index)."""
    short = run_replications("practice-2016", 40, SEED)
    pd.testing.assert_frame_equal(short, run_replications("practice-2016", 80, SEED).iloc[:40])


@pytest.mark.parametrize("start", ["practice-2016", "good-practice", "kim"])
def test_zero_delays_and_immediate_sharing_give_the_earliest_location(start):
    base = preset_params(start)
    delayed = run_replications(base, REPS, SEED)
    instant = run_replications(no_information_delays(base), REPS, SEED)
    assert never_later(instant["hours_missing"], delayed["hours_missing"])
    assert instant["hours_missing"].mean() < delayed["hours_missing"].mean()


@settings(max_examples=12, deadline=None)
@given(st.fixed_dictionaries({name: st.sampled_from([0.0, 1.0, 12.0, 72.0, 500.0, math.inf])
                              for name in LOCATING_DELAYS[1:]}))
def test_no_setting_of_the_delays_locates_sooner_than_none(delays):
    base = every_lead_in_play()
    some = run_replications(base.replace(**delays), 60, SEED)
    none = run_replications(no_information_delays(base), 60, SEED)
    assert never_later(none["hours_missing"], some["hours_missing"])


def test_a_lead_that_never_arrives_has_no_effect():
    base = every_lead_in_play().replace(strategy_meeting_h=math.inf)
    never = run_replications(base.replace(phone_delay_h=math.inf), REPS, SEED)
    absent = run_replications(base.replace(phone_on_file=0), REPS, SEED)
    assert not (never["located_by"] == "phone").any()
    pd.testing.assert_frame_equal(never, absent)
    arriving = run_replications(base.replace(phone_delay_h=0, p_graded_high=1), REPS, SEED)
    assert (arriving["located_by"] == "phone").any()


def test_a_strategy_meeting_brings_in_a_lead_that_would_never_arrive():
    base = every_lead_in_play().replace(phone_delay_h=math.inf, p_graded_high=1)
    with_meeting = run_replications(base.replace(strategy_meeting_h=24), REPS, SEED)
    assert (with_meeting["located_by"] == "phone").any()


@pytest.mark.parametrize("delay", LOCATING_DELAYS)
def test_locating_responds_monotonically_to_each_delay(delay):
    base = every_lead_in_play()
    short = run_replications(base.replace(**{delay: 1.0}), REPS, SEED)
    long = run_replications(base.replace(**{delay: 400.0}), REPS, SEED)
    assert never_later(short["hours_missing"], long["hours_missing"]), "a longer delay located someone sooner"
    assert long["hours_missing"].mean() > short["hours_missing"].mean(), "the delay made no difference at all"
    assert long["located_7d"].mean() <= short["located_7d"].mean()


@pytest.mark.parametrize("delay", AFTER_FOUND_DELAYS)
def test_interviews_respond_monotonically_to_each_delay_after_finding(delay):
    base = every_lead_in_play().replace(move_force_rate_per_h=0.05)  # many are found in another force area
    short = run_replications(base.replace(**{delay: 1.0}), REPS, SEED)
    long = run_replications(base.replace(**{delay: 400.0}), REPS, SEED)
    pd.testing.assert_series_equal(short["hours_to_locate"], long["hours_to_locate"])
    located = short["located"]
    assert (long.loc[located, "rhi_within_72h"] <= short.loc[located, "rhi_within_72h"]).all()
    assert long["rhi_within_72h"].mean() < short["rhi_within_72h"].mean()


def race_between_locating_and_moving(locate: float, move: float, horizon: float) -> Params:
    """Only two things can happen: police enquiries find the child (rate ``locate``) or traffickers
    take the child where nobody can find them (rate ``move``); everything else is switched off."""
    return Params(
        carer_notice_mean_h=0, p_report_at_once=1, p_recorded_absent=0, p_graded_high=1,
        search_rate_high_per_h=locate, pull_rate_first_48h_per_h=move, pull_rate_after_48h_per_h=move,
        hidden_locate_factor=0, hidden_escape_rate_per_h=0, self_return_rate_per_h=0, move_force_rate_per_h=0,
        photo_on_file=0, phone_on_file=0, social_media_on_file=0, contacts_on_file=0, p_family_in_contact=0,
        philomena_on_file=0, p_immigration_restriction=0, age_min_years=10, age_max_years=10, horizon_h=horizon,
    )


@pytest.mark.parametrize(("locate", "move"), [(0.02, 0.01), (0.005, 0.02), (0.1, 0.1)])
def test_exponential_race_matches_its_analytic_probability(locate, move):
    """P(located before moved away, by the horizon) = l/(l+m) * (1 - exp(-(l+m) H))."""
    reps, horizon = 2000, 200.0
    frame = run_replications(race_between_locating_and_moving(locate, move, horizon), reps, SEED)
    total = locate + move
    expected = locate / total * (1 - math.exp(-total * horizon))
    standard_error = math.sqrt(expected * (1 - expected) / reps)
    assert abs(frame["located"].mean() - expected) < 4 * standard_error
    # Given the child is located, the time is exponential with rate l + m truncated at the horizon.
    times = frame.loc[frame["located"], "hours_to_locate"]
    truncated_mean = 1 / total - horizon * math.exp(-total * horizon) / (1 - math.exp(-total * horizon))
    assert abs(times.mean() - truncated_mean) < 4 * times.std() / math.sqrt(len(times))


def test_turning_18_while_missing_happens_only_near_18():
    near = run_replications(preset_params("practice-2016", age_min_years=17.95, age_max_years=17.99), 200, SEED)
    young = run_replications(preset_params("practice-2016", age_min_years=15, age_max_years=15), 200, SEED)
    assert near["turned_18_missing"].any() and not young["turned_18_missing"].any()
    adult = run_replications(preset_params("kojo"), 50, SEED)
    assert not adult["turned_18_missing"].any()  # recorded as an adult from the start


def test_home_office_contact_is_weekly_until_found():
    params = preset_params("practice-2016", p_immigration_restriction=1, ho_referral_delay_h=24)
    frame = run_replications(params, 200, SEED)
    never = frame[frame["never_located"]]
    assert len(never) > 0
    expected = np.floor((params.horizon_h - never["hours_to_report"] - 24) / 168)
    assert (never["home_office_contacts"] == expected).all()
    assert never["home_office_told"].all()


def test_good_practice_locates_sooner_than_2016_practice():
    old = run_replications("practice-2016", REPS, SEED)
    new = run_replications("good-practice", REPS, SEED)
    assert new["located_7d"].mean() > old["located_7d"].mean()
    assert new["rhi_within_72h"].mean() > old["rhi_within_72h"].mean()


def test_each_process_has_its_own_stream():
    assert len(set(STREAMS)) == len(STREAMS) >= 10
