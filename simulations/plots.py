"""Pictures and tables of a paired comparison, for the lab and the course notebook.

Every figure carries a line saying it comes from a teaching model and where its numbers come
from, because a chart without that line would be read as a finding about real children. On a
page the line goes under the picture as text (``note_html``), where it stays readable on a phone.
Figures are drawn on a bare matplotlib ``Figure`` (no pyplot state) and handed on as PNG bytes,
which show the same way in JupyterLab, Voila and a widget, and can be tested without a screen.
"""

from __future__ import annotations

import html
import io
import math

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from simulations.analysis import Comparison, compare, located_by
from simulations.calibration import CALIBRATION_SEED
from simulations.parameters import Params
from simulations.presets import preset_label, preset_params
from simulations.readable import html_table

COLOURS = ("#0072B2", "#D55E00")  # blue and vermilion: distinguishable with colour-blindness
STYLES = ("-", "--")
SHOWN_DAYS = 28


OUTCOME, DIFFERENCE = "What the model counts", "Difference (the range we are fairly sure of)"


def teaching_note(comparison: Comparison) -> str:
    return (f"Teaching model, not a forecast: {comparison.reps:,} simulated children in each setting, the same "
            f"children in both (which children: {comparison.seed}). Its rates are assumptions, tuned so that practice "
            "in 2016 matches Heading back to harm (about a third of episodes over 7 days); the table of where the "
            "numbers come from shows which values the guidance gives.")


def note_html(note: str) -> str:
    """The teaching-model line as page text, to go right under a chart: drawn inside the picture it
    shrinks with it, to a few pixels on a phone, and a screen reader cannot read it."""
    return f"<p class='mfc-teaching-note'><i>{html.escape(note)}</i></p>"


def comparison_html(comparison: Comparison) -> str:
    """The comparison's table as page HTML (see ``comparison_table``), in words, readable on a phone."""
    table = comparison_table(comparison)
    return html_table(list(table.columns), table.values.tolist())


def comparison_figure(comparison: Comparison, days: int = SHOWN_DAYS, with_note: bool = True) -> Figure:
    """Share of children located over the first ``days`` days, for both settings.

    No confidence bands: bands drawn around each curve overlap even when the paired difference
    is clear, which would mislead; the table gives the paired intervals instead."""
    hours = np.linspace(0, days * 24, 337)
    # Narrow, with large text: on a phone the picture is shrunk to about half its width, and its
    # axes and legend must still be readable there (the ranking chart is drawn the same way).
    figure = Figure(figsize=(6.4, 4.4), layout="constrained")
    ax = figure.add_subplot()
    for frame, label, colour, style in zip((comparison.baseline, comparison.alternative),
                                           (comparison.baseline_label, comparison.alternative_label),
                                           COLOURS, STYLES, strict=True):
        share = located_by(frame, hours)
        ax.step(hours / 24, 100 * share, where="post", color=colour, linestyle=style, linewidth=2, label=label)
    for day, text in ((1, "24 hours"), (7, "7 days")):
        ax.axvline(day, color="grey", linewidth=0.8, linestyle=":")
        ax.text(day, 2, f" {text}", color="grey", fontsize=10)
    ax.set(xlim=(0, days), ylim=(0, 100))
    ax.set_xlabel("days since the child left", fontsize=12)
    ax.set_ylabel("children located (%)", fontsize=12)
    ax.set_title("How soon children are located", fontsize=13)
    ax.tick_params(labelsize=11)
    ax.legend(loc="lower right", fontsize=11)
    ax.grid(alpha=0.3)
    if with_note:  # leave it out only where the caller prints the same line right under the picture
        figure.text(0.01, -0.02, _wrap(teaching_note(comparison), 115), fontsize=7.5, va="top", style="italic")
    return figure


def _wrap(text: str, width: int) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


def figure_png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    return buffer.getvalue()


def _percent(value: float) -> str:
    return "-" if math.isnan(value) else f"{100 * value:.0f}%"


def _days(value: float) -> str:
    return "-" if math.isnan(value) else f"{value / 24:,.0f} days"


def _signed(value: float) -> str:
    return "-" if math.isnan(value) else f"{round(value) + 0:+,d}"


def _count(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.1f}"


def _signed_tenths(value: float) -> str:
    return "-" if math.isnan(value) else f"{round(value, 1) + 0.0:+.1f}"  # no "-0.0"


NO_DIFFERENCE = "none: the same for every child"


def difference_in_words(signed: str, unit: str, smallest: str) -> str:
    """A difference as a person would say it: "+4 points", but "less than 1 point" where it rounds
    to nothing (a "+0 points" beside two shares a point apart reads as a mistake)."""
    return f"less than {smallest}" if signed.strip("+-0.") == "" else f"{signed}{unit}"


def outcome_in_words(row: pd.Series) -> str:
    """The outcome as the page names it, saying which children a share is of when it is not all."""
    return row["plain"] + (f" (of the children {row['of']} in both settings)" if row["of"] else "")


def comparison_table(comparison: Comparison) -> pd.DataFrame:
    """The outcomes in words and rounded figures (times in days, not hours), with the paired
    difference and the range we are fairly sure of (its 95% interval)."""
    table = comparison.differences()
    rows = []
    for measure, row in table.iterrows():
        if measure == "episodes":  # a count per child: one decimal
            fmt, signed, scale, unit, smallest = _count, _signed_tenths, 1, " times", "0.1 times"
        elif measure.startswith("hours"):  # a time: in days, as a person would say it
            fmt, signed, scale, smallest = _days, _signed, 1 / 24, "1 day"
            unit = " day" if abs(round(row["difference"] / 24)) == 1 else " days"
        else:
            fmt, signed, scale, smallest = _percent, _signed, 100, "1 point"
            unit = " point" if abs(round(scale * row["difference"])) == 1 else " points"
        interval = ("" if math.isnan(row["ci_low"]) else
                    f" ({signed(scale * row['ci_low'])} to {signed(scale * row['ci_high'])})")
        if row["difference"] == row["ci_low"] == row["ci_high"] == 0:  # the change touched no child here
            difference = NO_DIFFERENCE
        else:
            difference = difference_in_words(signed(scale * row["difference"]), unit, smallest) + interval
        rows.append({OUTCOME: outcome_in_words(row), comparison.baseline_label: fmt(row["baseline"]),
                     comparison.alternative_label: fmt(row["alternative"]),
                     DIFFERENCE: difference})
    return pd.DataFrame(rows)


def ranking_figure(result: dict, outcome: str, shown: int = 10) -> Figure:
    """The ``shown`` most influential parameters on ``outcome`` as bars of their total Sobol index
    with 95% intervals, named in plain words (most influential at the top)."""
    from simulations.sensitivity import FACTORS, OUTCOMES

    names = result["ranking"][outcome][:shown][::-1]
    values = [result["outcomes"][outcome][name] for name in names]
    total = np.array([100 * v["ST"] for v in values])
    half = np.array([100 * v["ST_conf"] for v in values])
    figure = Figure(figsize=(6.4, 0.45 * len(names) + 1.6), layout="constrained")  # narrow: legible on a phone
    ax = figure.add_subplot()
    ax.barh(range(len(names)), total, xerr=[np.minimum(half, total), half], color=COLOURS[0],
            error_kw={"ecolor": "#333333", "capsize": 3})
    ax.set_yticks(range(len(names)), [_wrap(FACTORS[name].plain, 34) for name in names], fontsize=8.5)
    ax.set(xlim=(0, max(100.0, float((total + half).max()) if len(names) else 100.0)),
           xlabel="share of the variation between runs it explains, alone or with others (%)",
           title=f"What most changes: {OUTCOMES[outcome]}")
    ax.grid(axis="x", alpha=0.3)
    return figure


def show_delay_ranking(outcome: str = "located_7d") -> dict:
    """Which delay matters most (the shipped Sobol result): chart, table and the teaching line."""
    from IPython.display import HTML, Image, display

    from simulations.readable import ranking_html
    from simulations.sensitivity import shipped_result

    result = shipped_result()
    display(Image(data=figure_png(ranking_figure(result, outcome))))
    display(HTML(note_html(ranking_note(result)) + ranking_html(result, outcome)))
    return result


def ranking_note(result: dict) -> str:
    return (f"{result['note']} Worked out from {result['episodes']:,} simulated episodes, with the delays and "
            "records mixed at random; the thin lines show the range we are fairly sure of.")


def show_comparison(baseline: Params | str, alternative: Params | str, reps: int = 300,
                    seed: int = CALIBRATION_SEED, labels: tuple[str, str] | None = None) -> Comparison:
    """Run a paired comparison and show its picture, the teaching-model line under it as text, and
    its table in a notebook (one line per question)."""
    from IPython.display import HTML, Image, display  # only needed inside Jupyter

    if labels is None:  # a preset is named as a trainee reads it
        labels = tuple(preset_label(s) if isinstance(s, str) else fallback
                       for s, fallback in ((baseline, "as it was"), (alternative, "what if")))
    comparison = compare(baseline, alternative, reps, seed, labels=labels)
    display(Image(data=figure_png(comparison_figure(comparison, with_note=False))))
    display(HTML(note_html(teaching_note(comparison)) + comparison_html(comparison)))
    return comparison


def what_if(preset: str, reps: int = 300, seed: int = CALIBRATION_SEED, label: str = "what if",
            **changes) -> Comparison:
    """A preset against the same preset with some parameters changed, e.g. ``what_if("practice-2016",
    carer_checks_h=0, label="carer calls at once")``."""
    return show_comparison(preset, preset_params(preset, **changes), reps, seed, labels=(preset_label(preset), label))
