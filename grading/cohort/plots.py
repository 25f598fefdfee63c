"""Charts for a cohort report, drawn to be shown on a workshop screen and read in print.

Why these choices: a projector washes colours out and some trainees cannot tell red from green,
so nothing is told by colour alone. The reference level is named in text under each question and
its bar segment is hatched; every bar carries its number. Colours are from the Okabe-Ito palette,
which stays distinct for the common kinds of colour blindness.

Figures are drawn with matplotlib's Agg canvas directly (no pyplot), so a report can be built in
a server or a test without a display and without touching pyplot's global state.
"""

from __future__ import annotations

import io
import textwrap

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from grading.cohort.stats import levels_high_to_low
from scenarios.library import Library

# Okabe-Ito colours, highest risk first; a fifth level (should the scale grow) reuses the last.
LEVEL_COLOURS = ["#D55E00", "#E69F00", "#56B4E9", "#999999"]
MISSED_COLOUR = "#0072B2"
HARMFUL_COLOUR = "#CC79A7"
REFERENCE_HATCH = "///"
WIDTH = 10  # inches; at 100 dpi the image is 1000 px wide, sharp on a projector
LABEL_WIDTH = 38  # characters per line of an action's label


def png(figure: Figure) -> bytes:
    """The figure as PNG bytes."""
    buffer = io.BytesIO()
    FigureCanvasAgg(figure).print_png(buffer)
    return buffer.getvalue()


def risk_distribution_figure(distribution: pd.DataFrame, library: Library) -> Figure:
    """One bar per risk question: the share of trainees who chose each level, the reference
    level's segment hatched and named under the question, and the share graded below it."""
    levels = levels_high_to_low(library)
    label_of = {level.id: level.label for level in levels}
    colours = [LEVEL_COLOURS[min(index, len(LEVEL_COLOURS) - 1)] for index in range(len(levels))]
    rows = distribution.iloc[::-1]  # barh draws bottom-up; the first question goes on top
    positions = range(len(rows))
    figure = Figure(figsize=(WIDTH, 1.6 + 0.6 * len(rows)), layout="constrained")
    axes = figure.add_subplot()
    left = pd.Series(0.0, index=rows.index)
    for level, colour in zip(levels, colours, strict=True):
        shares = rows[level.id] / rows["answered"]
        bars = axes.barh(positions, shares, left=left, color=colour, edgecolor="white")
        for bar, share, reference in zip(bars, shares, rows["reference"] == level.id, strict=True):
            if reference:
                bar.set(hatch=REFERENCE_HATCH, edgecolor="black")
            if share >= 0.07:
                axes.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2, f"{share:.0%}",
                          ha="center", va="center", fontsize=9,
                          bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"})
        left += shares
    axes.set_yticks(positions, [f"{row.question}\nreference: {label_of[row.reference]}" for row in rows.itertuples()],
                    fontsize=9)
    below = axes.secondary_yaxis("right")
    below.set_yticks(positions, [f"{row.under_graded_rate:.0%} graded below\nthe reference (n={row.answered})"
                                 for row in rows.itertuples()], fontsize=9)
    below.tick_params(length=0)
    axes.set_xlim(0, 1)
    axes.set_ylim(-0.6, len(rows) - 0.4)
    axes.xaxis.set_major_formatter(lambda value, _: f"{value:.0%}")
    axes.set_xlabel("share of the trainees who answered the question")
    handles = [Patch(facecolor=colour, label=level.label) for level, colour in zip(levels, colours, strict=True)]
    handles.append(Patch(facecolor="white", edgecolor="black", hatch=REFERENCE_HATCH, label="the reference level"))
    axes.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), ncols=3, frameon=False, fontsize=9)
    figure.suptitle("How the cohort graded the risk", x=0.02, ha="left")
    axes.spines[["top"]].set_visible(False)
    return figure


def ranked_actions_figure(actions: pd.DataFrame, counted: str, title: str, colour: str) -> Figure:
    """A bar per action, longest first: the share of chances on which it was ``counted``
    ('missed' or 'chosen'), each bar labelled with 'n of m (share)'."""
    rows = actions.iloc[::-1]
    figure = Figure(figsize=(WIDTH, 1.0 + 0.55 * len(rows)))
    axes = figure.add_subplot()
    axes.barh(range(len(rows)), rows["share"], color=colour)
    for y, row in enumerate(rows.itertuples()):
        axes.text(row.share + 0.01, y, f"{getattr(row, counted)} of {row.offered} ({row.share:.0%})",
                  va="center", fontsize=9)
    axes.set_yticks(range(len(rows)), [textwrap.fill(label, LABEL_WIDTH) for label in rows["label"]], fontsize=9)
    axes.set_xlim(0, 1.18)
    axes.set_xticks([0, 0.25, 0.5, 0.75, 1])
    axes.xaxis.set_major_formatter(lambda value, _: f"{value:.0%}")
    axes.set_xlabel(f"share of the times the action was offered that it was {counted}")
    axes.set_title(title, loc="left")
    axes.spines[["top", "right"]].set_visible(False)
    figure.set_layout_engine("tight")
    return figure


def missed_essentials_figure(missed: pd.DataFrame) -> Figure:
    return ranked_actions_figure(missed, "missed", "Essential actions the cohort left out most often", MISSED_COLOUR)


def harmful_choices_figure(harmful: pd.DataFrame) -> Figure:
    return ranked_actions_figure(harmful, "chosen", "Harmful actions the cohort chose most often", HARMFUL_COLOUR)
