"""When a stage happens, said as a person would say it: "Four days after Kim arrived", "Two hours
later", "A year before Kojo arrived".

Stages store ``at_hours`` from the child's arrival in care (negative before it, e.g. time in
detention), which the simulation and the ordering need. A trainee reading a story hears days,
weeks and months, so an hour count or a day number ("Day 184") is never shown. A stage that
follows the one before within two days is placed from it ("Three hours later", "The next day"),
which is how the story reads and keeps stages on one day from all saying "six months after".
Which stage of how many is said apart, as "Part 2 of 4" (see ``grading.player.render``).
"""

from __future__ import annotations

from collections.abc import Sequence

HOURS_PER_DAY = 24
HOURS_PER_WEEK = 7 * HOURS_PER_DAY
HOURS_PER_MONTH = 730  # an average month: 365 days * 24 hours / 12
HOURS_PER_YEAR = 365 * HOURS_PER_DAY
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve")


def _number(n: int) -> str:
    """Words up to twelve, then figures."""
    return NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else str(n)


def _amount(n: int, unit: str) -> str:
    """"a day", "three weeks", "14 hours"."""
    if n == 1:
        return f"{'an' if unit == 'hour' else 'a'} {unit}"
    return f"{_number(n)} {unit}s"


def _span(hours: float) -> str:
    """A length of time in the largest unit that reads naturally, rounded to a whole one."""
    if hours < 2 * HOURS_PER_DAY:
        return _amount(max(1, round(hours)), "hour")
    if hours < 2 * HOURS_PER_WEEK:
        return _amount(round(hours / HOURS_PER_DAY), "day")
    if hours < 2 * HOURS_PER_MONTH:
        return _amount(round(hours / HOURS_PER_WEEK), "week")
    if hours < HOURS_PER_YEAR - HOURS_PER_MONTH / 2:
        return _amount(round(hours / HOURS_PER_MONTH), "month")
    return _amount(round(hours / HOURS_PER_YEAR), "year")


def _opening(text: str) -> str:
    """The phrase as it opens a heading: first letter capital, names untouched."""
    return text[:1].upper() + text[1:]


def _hours(gap: float) -> str:
    """Hours to the nearest half: "two hours", "an hour and a half" (a story told by the clock, as at
    1.30 a.m. then 3 a.m., must not say two hours passed)."""
    whole, half = divmod(round(gap * 2), 2)
    if not half:
        return _amount(whole, "hour")
    return "an hour and a half" if whole == 1 else f"{_number(whole)} and a half hours"


def _later(gap: float) -> str:
    """The time since the stage before: "At the same time", "Three hours later", "The next day"."""
    if gap <= 0:
        return "At the same time"
    if gap < 1:
        return "Less than an hour later"
    if gap < HOURS_PER_DAY:
        return _opening(f"{_hours(gap)} later")
    if gap < 2 * HOURS_PER_DAY:
        return "The next day"
    return _opening(f"{_span(gap)} later")


def _from_arrival(at_hours: float, name: str) -> str:
    if -HOURS_PER_DAY < at_hours < 1:
        return f"When {name} arrived" if at_hours >= 0 else _opening(f"{_span(-at_hours)} before {name} arrived")
    if HOURS_PER_DAY <= at_hours < 2 * HOURS_PER_DAY:
        return f"The day after {name} arrived"
    if -2 * HOURS_PER_DAY < at_hours <= -HOURS_PER_DAY:
        return f"The day before {name} arrived"
    relation = "after" if at_hours > 0 else "before"
    return _opening(f"{_span(abs(at_hours))} {relation} {name} arrived")


def stage_times(at_hours: Sequence[float], name: str) -> list[str]:
    """When each stage happens (``at_hours`` in the stages' order; ``name``, the child's).

    From the day the child arrived, except where the stage before was less than two days
    earlier, or where that would say the same as for the stage before ("Five months after Arben
    arrived" twice): then from the stage before ("Three hours later", "Ten days later").
    """
    times: list[str] = []
    previous, previous_from_arrival = None, None
    for hours in at_hours:
        from_arrival = _from_arrival(hours, name)
        close = previous is not None and (hours - previous < 2 * HOURS_PER_DAY or from_arrival == previous_from_arrival)
        times.append(_later(hours - previous) if close else from_arrival)
        previous, previous_from_arrival = hours, from_arrival
    return times
