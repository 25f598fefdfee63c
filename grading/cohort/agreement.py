"""How far trainees agree when they grade risk: Fleiss' kappa, trainees as raters.

Why kappa and not the share who agree: when nearly every reference level is 'high', trainees
agree a lot by chance alone. Kappa compares the agreement seen with the agreement that chance
(each level chosen as often as the cohort chose it overall) would give: 1 is full agreement, 0 no
more than chance, below 0 less.

Fleiss (1971) defined kappa for subjects each graded by the same number of raters. Trainees skip
questions, so each subject here may have its own number of raters; this module uses the
generalisation in Gwet, *Handbook of Inter-Rater Reliability* (4th ed., 2014, ch. 2), which is
Fleiss' kappa exactly when every subject has the same number:

- agreement on subject i with r_i >= 2 ratings, r_ik of them in category k:
  ``p_i = sum_k r_ik (r_ik - 1) / (r_i (r_i - 1))``; ``p_a`` is their mean;
- chance: ``pi_k`` is the mean over subjects of ``r_ik / r_i``; ``p_e = sum_k pi_k^2``;
- ``kappa = (p_a - p_e) / (1 - p_e)``.

Kappa is not defined (NaN) with fewer than two subjects (with one, it is always -1/(r-1),
whatever the ratings), without a subject that two raters graded, or when every rating falls in
one category (``p_e = 1``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MIN_SUBJECTS = 2


def fleiss_kappa(counts) -> float:
    """Kappa for a subjects x categories table of how many raters chose each category."""
    table = np.asarray(counts, dtype=float)
    if table.ndim != 2 or (table < 0).any():
        raise ValueError("counts: a 2-D table of subjects x categories, no negative counts")
    table = table[table.sum(axis=1) > 0]  # a subject nobody graded says nothing
    raters = table.sum(axis=1)
    graded_twice = raters >= 2
    if len(table) < MIN_SUBJECTS or not graded_twice.any():
        return float("nan")
    pairs = raters[graded_twice] * (raters[graded_twice] - 1)
    observed = np.mean((table[graded_twice] * (table[graded_twice] - 1)).sum(axis=1) / pairs)
    shares = (table / raters[:, None]).mean(axis=0)
    chance = float(np.sum(shares**2))
    if np.isclose(chance, 1.0):
        return float("nan")
    return float((observed - chance) / (1 - chance))


def grading_counts(gradings: pd.DataFrame, levels: list[str]) -> pd.DataFrame:
    """Questions x levels: how many trainees chose each level (``gradings`` has one row per
    answered risk question, with columns ``question`` and ``answer``)."""
    table = pd.crosstab(gradings["question"], gradings["answer"])
    return table.reindex(columns=levels, fill_value=0)


def agreement_by_scenario(gradings: pd.DataFrame, levels: list[str]) -> pd.DataFrame:
    """Kappa per scenario (its risk questions as subjects) and over every risk question together:
    columns scenario, questions, trainees, kappa. The last row's scenario is 'all scenarios'."""
    counts = grading_counts(gradings, levels)
    groups = [(sid, part) for sid, part in gradings.groupby("scenario", sort=False)]
    if len(groups) > 1:
        groups.append(("all scenarios", gradings))
    rows = [
        {"scenario": sid, "questions": part["question"].nunique(), "trainees": part["trainee"].nunique(),
         "kappa": fleiss_kappa(counts.loc[part["question"].unique()])}
        for sid, part in groups
    ]
    return pd.DataFrame(rows, columns=["scenario", "questions", "trainees", "kappa"])
