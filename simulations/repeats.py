"""After the first episode: going missing again, Stage One and Two meetings, and the NRM.

Why here and not in the SimPy episode: nothing after the child is back changes how the first
episode went, and later episodes are short and follow simple rules, so the whole year after the
first return is computed for a block of children at once with NumPy, from the same fixed block of
uniforms per child (the ``repeat`` and ``nrm`` streams), keeping common random numbers across presets.

The rules (MODEL.md, section 2.3):

- A child who is back goes missing again at ``repeat_rate_per_h``, lowered by
  ``rhi_repeat_factor`` while the last episode was followed by a return home interview, by
  ``stage_one_repeat_factor`` once a Stage One meeting has agreed a safety plan (3 episodes
  within ``review_window_h``) and further by ``stage_two_repeat_factor`` after a Stage Two meeting
  (5 episodes within the window) [WF2026 §Stage One Missing Meetings, §Stage Two Missing Meetings].
- Each later episode lasts an exponential time with mean ``repeat_missing_mean_h``; after it an
  interview follows with chance ``p_rhi_offered``. Episodes that start after ``horizon_h`` (one
  year from the first leaving) are not counted; at most ``1 + LATER_EPISODES`` are followed.
- A share ``p_nrm_referred`` of children is referred to the National Referral Mechanism
  ``nrm_referral_delay_h`` after the first report; the reasonable grounds decision falls due
  ``nrm_decision_h`` later. If the child is missing then, the decision is stayed (suspended)
  until the child is back [HBTH2016 §3.3 Identification and age assessment].
"""

from __future__ import annotations

import numpy as np

from simulations.parameters import Params

LATER_EPISODES = 11  # later episodes followed per child; far more than the study's 2.4 per child on average
STAGE_ONE_EPISODES = 3  # episodes within the review window that call a Stage One meeting [WF2026]
STAGE_TWO_EPISODES = 5  # ... and a Stage Two meeting [WF2026]
# Uniforms per child: for each later episode the gap before it, its length and whether an interview follows.
REPEAT_DRAWS = 3 * LATER_EPISODES
NRM_DRAWS = 1  # referred or not
FIELDS = ("episodes", "stage_one_meeting", "stage_two_meeting", "nrm_referred", "nrm_decision_stayed",
          "hours_to_nrm_decision")


def later_episodes(p: Params, u: np.ndarray, back_at: np.ndarray, interviewed: np.ndarray):
    """Every child's later episodes within the horizon.

    ``u``: the ``repeat`` stream's uniforms (rows: children); ``back_at``: hours from the first
    leaving to the first return (inf if never located); ``interviewed``: a return home interview
    followed the first episode. Returns the start and end hours of each later episode (columns;
    nan when it did not happen) and whether a Stage One and a Stage Two meeting were held."""
    e = -np.log1p(-u)
    rows = len(u)
    starts = np.full((rows, 1 + LATER_EPISODES), np.nan)
    ends = np.full((rows, 1 + LATER_EPISODES), np.nan)
    starts[:, 0], ends[:, 0] = 0.0, back_at
    stage_one = np.zeros(rows, dtype=bool)
    stage_two = np.zeros(rows, dtype=bool)
    after_interview = interviewed.copy()
    for k in range(1, 1 + LATER_EPISODES):
        gap_e, length_e, interview_u = e[:, 3 * k - 3], e[:, 3 * k - 2], u[:, 3 * k - 1]
        rate = (p.repeat_rate_per_h * np.where(after_interview, p.rhi_repeat_factor, 1.0)
                * np.where(stage_one, p.stage_one_repeat_factor, 1.0)
                * np.where(stage_two, p.stage_two_repeat_factor, 1.0))
        with np.errstate(divide="ignore", invalid="ignore"):
            start = ends[:, k - 1] + np.where(rate > 0, gap_e / rate, np.inf)
        goes = start < p.horizon_h  # inf and nan (still missing) compare False
        if not goes.any():
            break  # nobody went again, so nobody can go after this either: the rest stays as it is (nan, False)
        starts[goes, k] = start[goes]
        ends[goes, k] = start[goes] + p.repeat_missing_mean_h * length_e[goes]
        after_interview = np.where(goes, interview_u < p.p_rhi_offered, after_interview)
        if k + 1 >= STAGE_ONE_EPISODES:  # episode k is the (k + 1)-th
            stage_one |= goes & (start - starts[:, k + 1 - STAGE_ONE_EPISODES] <= p.review_window_h)
        if k + 1 >= STAGE_TWO_EPISODES:
            stage_two |= goes & (start - starts[:, k + 1 - STAGE_TWO_EPISODES] <= p.review_window_h)
    return starts, ends, stage_one, stage_two


def nrm_decision(p: Params, referred: np.ndarray, reported_at: np.ndarray, starts: np.ndarray,
                 ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Whether each referred child's reasonable grounds decision was stayed because they were
    missing when it fell due, and the hours from the first leaving to the decision (nan: not
    referred, never reported, or not decided within the horizon)."""
    due = np.where(referred, reported_at + p.nrm_referral_delay_h + p.nrm_decision_h, np.nan)
    back = np.where(np.isnan(ends) & ~np.isnan(starts), np.inf, ends)  # never back: inf
    missing = (starts <= due[:, None]) & (back > due[:, None])
    stayed = missing.any(axis=1)
    decided = np.where(stayed, np.where(missing, back, -np.inf).max(axis=1), due)  # on the child's return
    decided = np.where(decided < p.horizon_h, decided, np.nan)  # nan and inf: not decided
    return stayed, decided


def follow_up(p: Params, repeat_u: np.ndarray, nrm_u: np.ndarray, back_at: np.ndarray,
              interviewed: np.ndarray, reported_at: np.ndarray) -> dict[str, np.ndarray]:
    """Each child's year after the first episode: one column (rows: children) per name in ``FIELDS``."""
    starts, ends, stage_one, stage_two = later_episodes(p, repeat_u, back_at, interviewed)
    episodes = 1 + (~np.isnan(starts[:, 1:])).sum(axis=1)
    referred = (nrm_u[:, 0] < p.p_nrm_referred) & ~np.isnan(reported_at)
    stayed, decided = nrm_decision(p, referred, reported_at, starts, ends)
    return dict(zip(FIELDS, (episodes, stage_one, stage_two, referred, stayed, decided), strict=True))
