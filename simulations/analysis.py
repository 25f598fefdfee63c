"""From replications to statements a trainer can make: shares and means with 95% confidence
intervals, and paired comparisons of two settings run on the same random numbers.

Intervals: Wilson's for a share (it behaves at 0% and 100%, where a normal interval does not),
the normal approximation for a mean and for a paired difference (fine from a few dozen
replications; the course uses hundreds), and order statistics for the median time to locate,
which needs no assumption about the shape of the distribution and copes with children never
located (they count as located after the horizon).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from simulations.parameters import Params
from simulations.runner import Progress, resolve, run_replications

Z95 = 1.959963984540054


@dataclass(frozen=True)
class Measure:
    """An outcome: its column, its label for ``mfc simulate`` (a documented output, kept as it is),
    its wording on a course page, and, for a measure that only some children have (an interview
    only once located), who those children are."""

    column: str
    label: str
    plain: str
    is_share: bool = True
    of: str = ""  # e.g. "located": the measure is defined only for those children


MEASURES = (
    Measure("located_24h", "located within 24 hours", "located within 24 hours"),
    Measure("located_7d", "located within 7 days", "located within 7 days"),
    Measure("located_28d", "located within 28 days", "located within 28 days"),
    Measure("never_located", "not located within the horizon", "not located within a year"),
    Measure("over_7_days", "missing for more than 7 days", "missing for more than 7 days"),
    Measure("rhi_within_72h", "return home interview within 72 h of being found (of those located)",
            "return home interview within 3 days of being found", of="located"),
    Measure("reached_other_force", "moved to another force area", "moved to another police force area"),
    Measure("hidden_in_exploitation", "hidden in exploitation at some point", "hidden in exploitation at some point"),
    Measure("turned_18_missing", "turned 18 while missing", "turned 18 while missing"),
    Measure("hours_missing", "hours missing (mean; never located counts as the horizon)",
            "time missing, on average (a child not located counts as a year)", is_share=False),
    Measure("hours_in_exploitation", "hours hidden in exploitation (mean)",
            "time hidden in exploitation, on average", is_share=False),
    Measure("episodes", "missing episodes in the year (mean, the first included)",
            "times missing in the year, on average (the first time included)", is_share=False),
    Measure("stage_one_meeting", "Stage One missing meeting held (3 episodes in 90 days)",
            "Stage One missing meeting held (missing 3 times in 90 days)"),
    Measure("stage_two_meeting", "Stage Two missing meeting held (5 episodes in 90 days)",
            "Stage Two missing meeting held (missing 5 times in 90 days)"),
    Measure("nrm_referred", "referred to the National Referral Mechanism",
            "referred as a possible victim of trafficking (National Referral Mechanism)"),
    Measure("nrm_decision_stayed", "NRM decision stayed because the child was missing (of those referred)",
            "trafficking decision put on hold because the child was missing", of="referred"),
)
SUMMARY_KEYS = ("located_24h", "located_7d", "located_28d", "never_located", "over_7_days", "rhi_within_72h")


def wilson_interval(successes: int, n: int) -> tuple[float, float]:
    if n == 0:
        return math.nan, math.nan
    share = successes / n
    centre = (share + Z95**2 / (2 * n)) / (1 + Z95**2 / n)
    half = Z95 * math.sqrt(share * (1 - share) / n + Z95**2 / (4 * n * n)) / (1 + Z95**2 / n)
    # At no successes (or all) the bound is exactly 0 (or 1); computed, it can miss by a rounding error.
    return (0.0 if successes == 0 else max(0.0, centre - half)), (1.0 if successes == n else min(1.0, centre + half))


def mean_interval(values: np.ndarray) -> tuple[float, float, float]:
    """Mean and its normal-approximation 95% interval (NaN bounds with fewer than two values)."""
    n = len(values)
    if n == 0:
        return math.nan, math.nan, math.nan
    mean = float(values.mean())
    if n < 2:
        return mean, math.nan, math.nan
    half = Z95 * float(values.std(ddof=1)) / math.sqrt(n)
    return mean, mean - half, mean + half


def _values(frame: pd.DataFrame, column: str) -> np.ndarray:
    return frame[column].dropna().to_numpy(dtype=float)


def median_hours_to_locate(frame: pd.DataFrame) -> tuple[float, float, float]:
    """Median time to locate, counting never-located children as located after the horizon
    (so it is infinite when fewer than half are located), with a distribution-free 95% interval."""
    times = np.sort(frame["hours_to_locate"].fillna(math.inf).to_numpy(dtype=float))
    n = len(times)
    median = float(np.median(times)) if n else math.nan
    if n < 2:
        return median, math.nan, math.nan
    half = Z95 * math.sqrt(n) / 2
    low = max(0, math.floor(n / 2 - half) - 1)
    high = min(n - 1, math.ceil(n / 2 + half) - 1)
    return median, float(times[low]), float(times[high])


def summarise(frame: pd.DataFrame) -> pd.DataFrame:
    """Each measure's estimate with a 95% interval and the number of replications behind it."""
    rows = []
    for m in MEASURES:
        values = _values(frame, m.column)
        if m.is_share:
            hits = int(values.sum())
            low, high = wilson_interval(hits, len(values))
            estimate = hits / len(values) if len(values) else math.nan
        else:
            estimate, low, high = mean_interval(values)
        rows.append({"measure": m.column, "label": m.label, "estimate": estimate, "ci_low": low, "ci_high": high,
                     "n": len(values)})
    median, low, high = median_hours_to_locate(frame)
    rows.append({"measure": "median_hours_to_locate", "label": "median hours to locate (inf: under half located)",
                 "estimate": median, "ci_low": low, "ci_high": high, "n": len(frame)})
    return pd.DataFrame(rows).set_index("measure")


def _finite_or_none(value: float) -> float | None:
    return float(value) if math.isfinite(value) else None


def summary_json(frame: pd.DataFrame) -> dict:
    """The ``summary`` object of ``mfc simulate --json`` (shape documented in README.md)."""
    table = summarise(frame)
    summary = {key: _finite_or_none(table.at[key, "estimate"]) for key in SUMMARY_KEYS}
    summary["median_hours_to_locate"] = _finite_or_none(table.at["median_hours_to_locate", "estimate"])
    return summary


def located_by(frame: pd.DataFrame, hours: np.ndarray) -> np.ndarray:
    """Share of replications located by each time in ``hours`` (the curve the lab draws)."""
    times = np.sort(frame["hours_to_locate"].fillna(math.inf).to_numpy(dtype=float))
    return np.searchsorted(times, hours, side="right") / len(times)


@dataclass(frozen=True)
class Comparison:
    """Two settings run on the same seed: replication ``i`` of each met the same child."""

    baseline_label: str
    alternative_label: str
    baseline: pd.DataFrame
    alternative: pd.DataFrame
    seed: int

    @property
    def reps(self) -> int:
        return len(self.baseline)

    def differences(self) -> pd.DataFrame:
        """Per measure: both estimates and the paired difference (alternative minus baseline) with its
        95% interval, all three over the same children: those with a value in both settings.

        For most measures that is every child. A measure defined only for some children (an
        interview only for those located, a decision only for those referred) is compared over the
        children it is defined for in *both* settings, so that the two shares and their difference
        agree; ``pairs`` says how many children that is."""
        rows = []
        for m in MEASURES:
            pair = pd.DataFrame({"a": self.baseline[m.column], "b": self.alternative[m.column]}).dropna()
            a, b = pair["a"].to_numpy(dtype=float), pair["b"].to_numpy(dtype=float)
            diff, low, high = mean_interval(b - a)
            rows.append({"measure": m.column, "label": m.label, "plain": m.plain, "of": m.of,
                         "baseline": a.mean() if len(a) else math.nan,
                         "alternative": b.mean() if len(b) else math.nan, "difference": diff,
                         "ci_low": low, "ci_high": high, "pairs": len(pair)})
        return pd.DataFrame(rows).set_index("measure")


def label_of(setting: Params | str, fallback: str) -> str:
    return setting if isinstance(setting, str) else fallback


def compare(baseline: Params | str, alternative: Params | str, reps: int, seed: int, workers: int = 1,
            labels: tuple[str, str] | None = None, progress: Progress | None = None) -> Comparison:
    """Run both settings on the same seed and pair their replications (common random numbers)."""
    labels = labels or (label_of(baseline, "baseline"), label_of(alternative, "alternative"))

    def half_progress(offset: int):
        return None if progress is None else (lambda done, total: progress(offset + done, 2 * total))

    first = run_replications(resolve(baseline), reps, seed, workers, half_progress(0))
    second = run_replications(resolve(alternative), reps, seed, workers, half_progress(reps))
    return Comparison(labels[0], labels[1], first, second, seed)
