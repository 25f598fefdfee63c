"""Where a stage sits on the child's timeline, in words a trainee reads at a glance.

Stages store ``at_hours`` from the child's arrival in care (negative before it, e.g. time in
detention). Trainees think in days and months, not hours, so the player shows "Day 5" or
"2 months before care" instead of 96 or -1500.
"""

from __future__ import annotations

HOURS_PER_DAY = 24
HOURS_PER_WEEK = 7 * HOURS_PER_DAY
HOURS_PER_MONTH = 730  # an average month: 365 days * 24 hours / 12


def _count(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def describe_time(at_hours: float) -> str:
    """"Day 1" for the first 24 hours in care, "Day 2" for the next, and so on; before care,
    the largest unit that reads naturally ("6 hours", "3 days", "2 weeks", "2 months")."""
    if at_hours >= 0:
        return f"Day {int(at_hours // HOURS_PER_DAY) + 1}"
    before = -at_hours
    if before < 2 * HOURS_PER_DAY:
        amount = _count(max(1, round(before)), "hour")
    elif before < 2 * HOURS_PER_WEEK:
        amount = _count(round(before / HOURS_PER_DAY), "day")
    elif before < 2 * HOURS_PER_MONTH:
        amount = _count(round(before / HOURS_PER_WEEK), "week")
    else:
        amount = _count(round(before / HOURS_PER_MONTH), "month")
    return f"{amount} before care"
