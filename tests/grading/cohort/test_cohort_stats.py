"""The numbers in a cohort report, checked on small cohorts whose answers are written out here."""

from __future__ import annotations

import pandas as pd
import pytest

from grading.answer_key import AnswerKey
from grading.answers import AnswerStore
from grading.cohort.nbgrader_marks import overlay_nbgrader
from grading.cohort.stats import (
    agreement,
    harmful_choices,
    levels_by_rank,
    missed_essentials,
    option_choices,
    risk_distribution,
    scenario_scores,
)
from grading.cohort.table import find_answer_files, load_cohort
from grading.rubric import score_scenario
from scenarios.library import shipped_library

LIBRARY = shipped_library()
KEY = AnswerKey(LIBRARY)
DETENTION = "kim-detention-actions"  # essential: treat-as-child..., nrm-referral; harmful: detain-as-adult
PHONE_RECORDS = "record-phone-numbers-and-social-media"  # essential in kim and carer-bao-sim


def cohort(tmp_path, answers: dict[str, dict[str, dict]]) -> pd.DataFrame:
    """answers: trainee -> scenario -> question -> answer, recorded through the AnswerStore."""
    for trainee, scenarios in answers.items():
        store = AnswerStore(tmp_path / trainee, trainee)
        for scenario, given in scenarios.items():
            for question, answer in given.items():
                store.record(scenario, question, answer)
    return load_cohort(find_answer_files(tmp_path), KEY).answers


@pytest.fixture
def three_trainees(tmp_path):
    return cohort(tmp_path, {
        "t1": {"kim": {"kim-night-risk": "high", DETENTION: ["treat-as-child-pending-age-assessment", "nrm-referral"]}},
        "t2": {"kim": {"kim-night-risk": "medium", DETENTION: ["treat-as-child-pending-age-assessment",
                                                               "detain-as-adult"]}},
        "t3": {"kim": {"kim-night-risk": "low"}},
    })


def test_levels_run_from_highest_risk_down():
    ranks = [LIBRARY.level(level).rank for level in levels_by_rank(KEY)]
    assert ranks == sorted(ranks, reverse=True) and len(ranks) == len(LIBRARY.risk_scale.levels)


def test_risk_distribution_counts_each_level_and_the_gradings_below_the_reference(three_trainees):
    table = risk_distribution(three_trainees, KEY)
    assert list(table["question"]) == ["kim-night-risk"]  # kim-weeks-risk: nobody answered it
    row = table.iloc[0]
    assert (row["scenario"], row["reference"], row["answered"]) == ("kim", "high", 3)
    assert [row[level] for level in levels_by_rank(KEY)] == [1, 1, 1, 0]
    assert row["under_graded"] == 2 and row["under_graded_rate"] == pytest.approx(2 / 3)


def test_option_choices_list_every_option_of_answered_action_questions(three_trainees):
    choices = option_choices(three_trainees, KEY)
    options = KEY.ratings(DETENTION)
    assert len(choices) == 2 * len(options)  # t3 left the question blank
    t2 = choices[choices["trainee"] == "t2"].set_index("action")
    assert t2["chosen"].to_dict() == {a: a in {"treat-as-child-pending-age-assessment", "detain-as-adult"}
                                      for a in options}
    assert t2.loc["detain-as-adult", "rating"] == "harmful"


def test_missed_essentials_and_harmful_choices_count_chances_and_hits(three_trainees):
    choices = option_choices(three_trainees, KEY)
    missed = missed_essentials(choices, KEY)
    assert missed[["action", "missed", "offered", "share", "scenarios"]].to_dict("records") == [
        {"action": "nrm-referral", "missed": 1, "offered": 2, "share": 0.5, "scenarios": 1}]
    assert missed.loc[0, "label"] == LIBRARY.action("nrm-referral").label
    harmful = harmful_choices(choices, KEY)
    assert harmful[["action", "chosen", "offered", "share"]].to_dict("records") == [
        {"action": "detain-as-adult", "chosen": 1, "offered": 2, "share": 0.5}]


def test_an_action_is_counted_across_scenarios(tmp_path):
    table = cohort(tmp_path, {"t1": {"kim": {"kim-placement-actions": []},
                                     "carer-bao-sim": {"carer-bao-sim-arrive-actions": []}}})
    missed = missed_essentials(option_choices(table, KEY), KEY).set_index("action")
    assert missed.loc[PHONE_RECORDS, ["missed", "offered", "scenarios"]].tolist() == [2, 2, 2]


def test_the_lists_are_ordered_by_share_and_cut_to_the_top(tmp_path):
    table = cohort(tmp_path, {
        "t1": {"kim": {DETENTION: []}},
        "t2": {"kim": {DETENTION: ["nrm-referral"]}},
    })
    missed = missed_essentials(option_choices(table, KEY), KEY)
    assert list(missed["action"]) == ["treat-as-child-pending-age-assessment", "nrm-referral"]  # 2 of 2, 1 of 2
    assert list(missed_essentials(option_choices(table, KEY), KEY, top=1)["action"]) == [
        "treat-as-child-pending-age-assessment"]
    assert harmful_choices(option_choices(table, KEY), KEY).empty  # nobody chose a harmful option


def test_rows_without_known_answers_count_in_scores_but_not_in_the_patterns(three_trainees):
    nbgrader_only = pd.DataFrame([{"trainee": "t4", "scenario": "kim", "question": "kim-night-risk", "kind": "risk",
                                   "points": 2.0, "max": 2.0},
                                  {"trainee": "t4", "scenario": "kim", "question": DETENTION, "kind": "actions",
                                   "points": 0.0, "max": 4.0}])
    table = overlay_nbgrader(three_trainees, nbgrader_only)
    assert risk_distribution(table, KEY).iloc[0]["answered"] == 3
    assert len(option_choices(table, KEY)) == 2 * len(KEY.ratings(DETENTION))
    assert scenario_scores(table, KEY).iloc[0]["trainees"] == 4


def test_scenario_scores_summarise_each_trainees_share(three_trainees):
    (row,) = scenario_scores(three_trainees, KEY).to_dict("records")
    expected = {t: score_scenario(LIBRARY, "kim", a) for t, a in {
        "t1": {"kim-night-risk": "high", DETENTION: ["treat-as-child-pending-age-assessment", "nrm-referral"]},
        "t2": {"kim-night-risk": "medium", DETENTION: ["treat-as-child-pending-age-assessment", "detain-as-adult"]},
        "t3": {"kim-night-risk": "low"}}.items()}
    shares = [mark.fraction for mark in expected.values()]
    assert row["scenario"] == "kim" and row["trainees"] == 3 and row["max"] == expected["t1"].maximum
    assert row["mean"] == pytest.approx(sum(shares) / 3)
    assert (row["lowest"], row["highest"]) == (pytest.approx(min(shares)), pytest.approx(max(shares)))


def test_scenarios_come_in_library_order(tmp_path):
    table = cohort(tmp_path, {"t1": {"kim": {"kim-night-risk": "high", "kim-weeks-risk": "high"},
                                     "bao": {"bao-gone-risk": "high", "bao-safehouse-risk": "medium"}},
                              "t2": {"kim": {"kim-night-risk": "high", "kim-weeks-risk": "medium"},
                                     "bao": {"bao-gone-risk": "high", "bao-safehouse-risk": "high"}}})
    order = [sid for sid in LIBRARY.scenarios if sid in {"kim", "bao"}]
    assert list(scenario_scores(table, KEY)["scenario"]) == order
    assert list(agreement(table, KEY)["scenario"]) == [*order, "all scenarios"]


def test_empty_cohort_tables_are_empty_not_errors(tmp_path):
    table = cohort(tmp_path, {"t1": {"carer-bao-sim": {"carer-bao-sim-arrive-actions": []}}})
    assert risk_distribution(table, KEY).empty and agreement(table, KEY).empty
    assert harmful_choices(option_choices(table, KEY), KEY).empty
