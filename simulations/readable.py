"""Tables a trainer can read aloud: the calibration, where each number comes from, and which
delay matters most, as plain HTML with no internal names, index numbers or cut-off text.

A raw DataFrame in a notebook shows column names such as ``model_value``, row numbers and
ellipses where text is long; on a course page that reads as code. These functions turn the same
data into headed tables in words, for the course notebook and the lab.
"""

from __future__ import annotations

import html
import math

import pandas as pd

from simulations.parameters import PARAMETER_NAMES, describe, kind_of
from simulations.presets import parameter_table, preset_label

# On a narrow screen (a phone, or a notebook beside a side panel) a table of five or six columns
# would need sideways scrolling, and its caption was cut off with it: below 36em each row becomes
# a card instead, every cell under its column's name (the data-label each cell carries), so
# nothing needs scrolling. A container query, so it is the table's own width that counts.
TABLE_STYLE = ("<style>.mfc-table{border-collapse:collapse;margin:.5em 0;max-width:60em;font-size:.95em}"
               ".mfc-table th,.mfc-table td{border:1px solid #bbb;padding:.35em .5em;text-align:left!important;"
               "vertical-align:top;overflow-wrap:break-word}.mfc-table th{background:#f0f0f0}"
               ".mfc-table caption{text-align:left;padding:.2em 0}"
               ".mfc-scroll{overflow-x:auto;max-width:100%;container-type:inline-size}"
               "@container (max-width:36em){.mfc-table,.mfc-table caption,.mfc-table tbody,.mfc-table tr,"
               ".mfc-table td{display:block;width:auto}"
               ".mfc-table thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}"
               ".mfc-table tr{border:1px solid #bbb;margin:0 0 .6em}.mfc-table td{border:0;padding:.2em .5em}"
               ".mfc-table td::before{content:attr(data-label);display:block;font-weight:bold}}</style>")


def html_table(header: list[str], rows: list[list[str]], caption: str = "") -> str:
    """A simple table that wraps long text, and on a narrow screen shows each row as a card."""
    head = "".join(f"<th scope='col'>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td data-label='{html.escape(name, quote=True)}'>{html.escape(cell)}</td>"
                                    for name, cell in zip(header, row, strict=True)) + "</tr>" for row in rows)
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return (f"{TABLE_STYLE}<div class='mfc-scroll'><table class='mfc-table'>{cap}<thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table></div>")


def sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def percent(share: float) -> str:
    return f"{100 * share:.0f}%"


def figure_in_words(measure: str, value: float) -> str:
    """A share as a percentage; the one count the calibration uses, episodes per child, as a number."""
    return f"{value:.1f}" if measure == "episodes" else percent(value)


def hours_in_words(hours: float) -> str:
    """A time as a person says it: '3 hours', '2 days', '3 weeks', 'never'."""
    if math.isinf(hours):
        return "never"
    if hours >= 168 and hours % 168 == 0:
        weeks = int(hours // 168)
        return f"{weeks} week" + ("s" if weeks > 1 else "")
    if hours >= 24 and hours % 24 == 0:
        days = int(hours // 24)
        return f"{days} day" + ("s" if days > 1 else "")
    if hours == 1:
        return "1 hour"
    return f"{hours:g} hours"


def about(hours: float) -> str:
    """A long or odd time rounded as a person would say it: '2 days', '12 weeks', '4.6 years'."""
    for unit, size, limit in (("hour", 1, 48), ("day", 24, 14 * 24), ("week", 168, 26 * 168), ("month", 730, 730 * 24)):
        if hours < limit:
            count = round(hours / size)
            return f"{count} {unit}" + ("s" if count != 1 else "")
    return f"{hours / 8760:.1f} years"


def value_in_words(name: str, value: float) -> str:
    """A parameter's value in words: a rate as the average wait it gives, a multiplier as a share of the
    usual, so no one has to read '2.5e-05 an hour' or 'x 0.0005'."""
    unit = kind_of(name).unit
    if unit == "hours":
        return hours_in_words(value)
    if unit == "probability":
        return f"{percent(value)} of children" if "share" in describe(name) else percent(value)
    if unit == "multiplier":
        return f"{100 * value:g}% of the usual"
    if unit == "per hour":
        return "never" if value == 0 else f"on average after about {about(1 / value)}"
    return f"{value:g} {unit}"


# Meanings written for the model's description, reworded where they use a statistician's words.
# A rate is shown as the average wait it gives ("on average after about 2 days"), so its meaning
# says what the wait is for ("how soon ..."), not "rate of ..."; a factor on a rate as a share of
# the usual ("70% of the usual"), so its meaning says what it is a share of.
PLAIN_MEANINGS = {
    "search_rate_high_per_h": "how soon police enquiries alone find the child, when the case is graded high risk",
    "search_rate_medium_per_h": "how soon police enquiries alone find the child, when the case is graded medium risk",
    "photo_rate_per_h": "how soon circulating the child's photo finds them, besides every other enquiry",
    "phone_rate_per_h": "how soon enquiries on the child's phone numbers find them, besides every other enquiry "
                        "(only when the case is graded high risk)",
    "social_media_rate_per_h": "how soon enquiries on social media find the child, besides every other enquiry",
    "contacts_rate_per_h": "how soon enquiries with the child's known contacts and places find them, besides every "
                           "other enquiry",
    "family_rate_per_h": "how soon the child's family help find them, once they have been asked",
    "pull_rate_first_48h_per_h": "how soon traffickers take the child into hiding, at their pace in the first 48 hours",
    "pull_rate_after_48h_per_h": "how soon traffickers take the child into hiding, at their pace after the first 48 "
                                 "hours",
    "hidden_escape_rate_per_h": "how soon a hidden child escapes or is freed and comes back",
    "self_return_rate_per_h": "how soon a child who is not hidden comes back or gets in touch by choice",
    "move_force_rate_per_h": "how soon the child is moved to another police force area",
    "ho_locate_rate_per_h": "how soon the Home Office comes across and identifies the child, once it has been told",
    "repeat_rate_per_h": "how soon a child who is back goes missing again, before a return home interview or a "
                         "missing meeting makes it less likely",
    "rhi_repeat_factor": "how often a child goes missing again after a return home interview, compared with none",
    "stage_one_repeat_factor": "how often a child goes missing again once a Stage One missing meeting has agreed a "
                               "safety plan, compared with before",
    "stage_two_repeat_factor": "how often a child goes missing again after a Stage Two missing meeting, compared "
                               "with Stage One alone",
    "age_min_years": "youngest age at leaving (children's ages are spread evenly from the youngest to the oldest)",
    "age_max_years": "oldest age at leaving (children are younger than this; when it is the same as the youngest, "
                     "every child is that age)",
}


def meaning_in_words(name: str) -> str:
    text = PLAIN_MEANINGS.get(name, describe(name)).replace(" (exponential)", " (it varies from child to child)")
    return sentence(text.replace("the NRM", "the National Referral Mechanism (NRM)"))


def calibration_html(table: pd.DataFrame) -> str:
    """The calibration table (``read_calibration_table()``) in words."""
    rows = []
    for row in table.itertuples():
        shown = [figure_in_words(row.measure, value) for value in (row.reference, row.low, row.high, row.model_value,
                                                                    row.model_ci_low, row.model_ci_high)]
        rows.append([sentence(row.target), shown[0], f"{shown[1]} to {shown[2]}", f"{shown[3]} ({shown[4]} to "
                     f"{shown[5]})", "yes" if row.within else "no", row.source])
    return html_table(["What the study measured", "The study's figure", "The model must land in",
                       "The model gives (95% interval)", "On target?", "Where to find it"], rows,
                      f"The 2016 setting, {int(table['reps'].iloc[0]):,} simulated episodes")


def sources_html(preset: str = "practice-2016", params=None) -> str:
    """Every number the model uses for a preset: what it is, its value, and where it comes from,
    under a caption naming the preset (and saying so when the trainee changed some)."""
    table = parameter_table(preset, params).set_index("parameter")
    rows = []
    for name in PARAMETER_NAMES:
        row = table.loc[name]
        source = str(row["source"])
        kind = "changed by you" if row["set_by"] == "you" else ("assumption" if row["assumed"] else "guidance")
        rows.append([meaning_in_words(name), value_in_words(name, float(row["value"])), kind,
                     sentence(source.removeprefix("assumption: "))])
    changed = " with your changes" if (table["set_by"] == "you").any() else ""
    return html_table(["What it is", "Value", "From the guidance or assumed?", "Source, or the reason for the "
                       "assumption"], rows, f"The numbers behind: {preset_label(preset)}{changed}")


def range_in_words(name: str, low: float, high: float) -> str:
    """'at once to 2 weeks', 'none to all of them' or '10% to 50% of children'."""
    if kind_of(name).unit == "hours" and low == 0:
        return f"at once to {hours_in_words(high)}"
    if kind_of(name).unit == "probability" and (low, high) == (0, 1):
        return "none to all of them"
    return f"{value_in_words(name, low)} to {value_in_words(name, high)}"


def ranking_html(result: dict, outcome: str) -> str:
    """The parameters of a Sobol result (``SensitivityResult.to_json()``) from most to least
    influential on ``outcome``, each in words with its range and the guidance that sets it."""
    from simulations.sensitivity import FACTORS

    rows = []
    for rank, name in enumerate(result["ranking"][outcome], start=1):
        index = result["outcomes"][outcome][name]
        factor = FACTORS[name]
        # A share of the variation lies between none and all of it, whatever the bootstrap interval says.
        low, high = max(0.0, index["ST"] - index["ST_conf"]), min(1.0, index["ST"] + index["ST_conf"])
        rows.append([str(rank), factor.plain, f"{percent(index['ST'])} ({percent(low)} to {percent(high)})",
                     range_in_words(name, factor.low, factor.high),
                     "; ".join(factor.guidance)])
    return html_table(["Rank", "What", "Share of the differences it explains (the range we are fairly sure of)",
                       "Range tried",
                       "Guidance that sets it"], rows)
