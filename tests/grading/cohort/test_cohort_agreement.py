"""Fleiss' kappa against published worked examples, its edge cases, and the per-scenario table."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from grading.cohort.agreement import agreement_by_scenario, fleiss_kappa, grading_counts

# The classic worked example (Wikipedia, "Fleiss' kappa"; also statsmodels' test suite):
# 10 subjects, 14 raters each, 5 categories; kappa = 0.210 (0.20993 unrounded).
WORKED_EXAMPLE = [
    [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
]

# Fleiss (1971), Table 1: 30 patients, 6 psychiatrists each, 5 diagnoses (depression, personality
# disorder, schizophrenia, neurosis, other), as counts per diagnosis. kappa = 0.430 (R's
# irr::kappam.fleiss gives 0.4302445).
FLEISS_1971 = [
    [0, 0, 0, 6, 0], [0, 3, 0, 0, 3], [0, 1, 4, 0, 1], [0, 0, 0, 0, 6], [0, 3, 0, 3, 0],
    [2, 0, 4, 0, 0], [0, 0, 4, 0, 2], [2, 0, 3, 1, 0], [2, 0, 0, 4, 0], [0, 0, 0, 0, 6],
    [1, 0, 0, 5, 0], [1, 1, 0, 4, 0], [0, 3, 3, 0, 0], [1, 0, 0, 5, 0], [0, 2, 0, 3, 1],
    [0, 0, 5, 0, 1], [3, 0, 0, 1, 2], [5, 1, 0, 0, 0], [0, 2, 0, 4, 0], [1, 0, 2, 0, 3],
    [0, 0, 0, 0, 6], [0, 1, 0, 5, 0], [0, 2, 0, 1, 3], [2, 0, 0, 4, 0], [1, 0, 0, 4, 1],
    [0, 5, 0, 1, 0], [4, 0, 0, 0, 2], [0, 2, 0, 4, 0], [1, 0, 5, 0, 0], [0, 0, 0, 0, 6],
]

# Gwet's irrCAC package, dataset cac.raw4raters: 12 subjects, 4 raters, 5 categories, with
# missing ratings (no rater rated every subject). fleiss.kappa.raw gives 0.76117 (pa 0.8181818,
# pe 0.2387153). Counts per category:
GWET_MISSING_RATINGS = [
    [3, 0, 0, 0, 0], [0, 3, 1, 0, 0], [0, 0, 4, 0, 0], [0, 0, 4, 0, 0], [0, 4, 0, 0, 0], [1, 1, 1, 1, 0],
    [0, 0, 0, 4, 0], [3, 1, 0, 0, 0], [0, 4, 0, 0, 0], [0, 0, 0, 0, 3], [2, 0, 0, 0, 0], [0, 0, 1, 0, 0],
]


def test_the_classic_worked_example():
    assert fleiss_kappa(WORKED_EXAMPLE) == pytest.approx(0.210, abs=5e-4)
    assert fleiss_kappa(WORKED_EXAMPLE) == pytest.approx(0.20993, abs=5e-6)


def test_fleiss_1971_table_1():
    assert fleiss_kappa(FLEISS_1971) == pytest.approx(0.4302445, abs=1e-7)


def test_subjects_with_different_numbers_of_raters_match_gwets_generalisation():
    assert fleiss_kappa(GWET_MISSING_RATINGS) == pytest.approx(0.76117, abs=5e-6)


def test_full_agreement_is_one_and_systematic_disagreement_is_below_zero():
    assert fleiss_kappa([[5, 0, 0], [0, 5, 0], [0, 0, 5]]) == pytest.approx(1.0)
    # every subject split evenly: agreement below what chance gives
    assert fleiss_kappa([[2, 2], [2, 2], [2, 2]]) < 0


@pytest.mark.parametrize("counts, why", [
    ([[3, 1, 0]], "one subject: kappa would be -1/(n-1) whatever the ratings"),
    ([[4, 0], [4, 0]], "everyone chose one category throughout"),
    ([[1, 0], [0, 1]], "no subject rated twice"),
    ([[0, 0], [0, 0]], "nobody rated anything"),
])
def test_undefined_cases_are_nan(counts, why):
    assert math.isnan(fleiss_kappa(counts)), why


def test_subjects_nobody_rated_are_ignored():
    assert fleiss_kappa([*WORKED_EXAMPLE, [0, 0, 0, 0, 0]]) == pytest.approx(fleiss_kappa(WORKED_EXAMPLE))


@pytest.mark.parametrize("counts", [[1, 2, 3], [[1, -1], [2, 0]], [[[1]]]])
def test_malformed_tables_are_refused(counts):
    with pytest.raises(ValueError, match="subjects x categories"):
        fleiss_kappa(counts)


tables = st.integers(2, 8).flatmap(lambda categories: st.lists(
    st.lists(st.integers(0, 9), min_size=categories, max_size=categories), min_size=2, max_size=12))


@settings(max_examples=300, deadline=None)
@given(tables, st.randoms(use_true_random=False))
def test_kappa_is_at_most_one_and_ignores_the_order_of_subjects_and_categories(table, rng):
    kappa = fleiss_kappa(table)
    assume(not math.isnan(kappa))  # undefined for this table; counted as filtered, not as a pass
    assert kappa <= 1 + 1e-12
    subjects = list(table)
    rng.shuffle(subjects)
    order = list(range(len(table[0])))
    rng.shuffle(order)
    assert fleiss_kappa([[row[i] for i in order] for row in subjects]) == pytest.approx(kappa)


def gradings_from_counts(scenario: str, counts, levels) -> pd.DataFrame:
    """One row per rating: subject i becomes question '<scenario>-q<i>', raters become trainees."""
    rows = []
    for i, row in enumerate(counts):
        ratings = [level for level, n in zip(levels, row, strict=True) for _ in range(n)]
        rows += [{"scenario": scenario, "question": f"{scenario}-q{i}", "trainee": f"t{r}", "answer": level}
                 for r, level in enumerate(ratings)]
    return pd.DataFrame(rows)


def test_counts_table_has_a_column_per_level_in_order_even_when_unused():
    levels = ["high", "medium", "low", "absent"]
    gradings = gradings_from_counts("s", [[2, 1, 0, 0], [0, 3, 0, 0]], levels)
    table = grading_counts(gradings, levels)
    assert list(table.columns) == levels
    assert table.to_numpy().tolist() == [[2, 1, 0, 0], [0, 3, 0, 0]]


def test_agreement_by_scenario_uses_each_scenarios_questions_and_all_of_them_together():
    levels = ["a", "b", "c", "d", "e"]
    worked = gradings_from_counts("worked", WORKED_EXAMPLE, levels)
    fleiss = gradings_from_counts("fleiss", FLEISS_1971, levels)
    table = agreement_by_scenario(pd.concat([worked, fleiss]), levels)
    assert list(table["scenario"]) == ["worked", "fleiss", "all scenarios"]
    kappas = dict(zip(table["scenario"], table["kappa"], strict=True))
    assert kappas["worked"] == pytest.approx(0.20993, abs=5e-6)
    assert kappas["fleiss"] == pytest.approx(0.4302445, abs=1e-7)
    assert kappas["all scenarios"] == pytest.approx(fleiss_kappa(np.vstack([WORKED_EXAMPLE, FLEISS_1971])))
    assert table.set_index("scenario").loc["worked", ["questions", "trainees"]].tolist() == [10, 14]


def test_one_scenario_gets_no_all_scenarios_row():
    levels = ["a", "b", "c", "d", "e"]
    table = agreement_by_scenario(gradings_from_counts("only", WORKED_EXAMPLE, levels), levels)
    assert list(table["scenario"]) == ["only"]
