"""The debrief's picture: the room's locate curve between 2016 practice and today's guidance.

Drawn on a bare matplotlib Figure (no pyplot state, any backend; the CLI and the service run
headless with Agg). Colours and line styles are the Okabe-Ito palette, told apart with
colour-blindness and in greyscale by the dashes as well. The teaching-model line sits under the
chart because a chart without it would be read as a finding about real children.
"""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.figure import Figure

from exercises.debrief import CURVE_DAYS

LOOKS = {  # key -> (colour, line style, width)
    "practice-2016": ("#D55E00", "--", 2.0),  # vermilion, dashed
    "room": ("#000000", "-", 3.0),  # black, solid, heavier: the room's own line
    "good-practice": ("#0072B2", ":", 2.4),  # blue, dotted
}


def teaching_line(data: dict) -> str:
    return (f"Teaching model, not a forecast: {data['reps']} runs of each setting on the same random numbers "
            f"(seed {data['seed']}). Rates are assumptions calibrated to Heading back to harm; "
            "the curves show what changes when information moves, not what would happen to any child.")


def debrief_figure(data: dict, child: str) -> Figure:
    """The curves of a debrief, drawn from its JSON (``exercises.debrief.debrief_json``), so the
    service's stored debrief and the command line draw the same picture."""
    figure = Figure(figsize=(8, 4.8), layout="constrained")
    ax = figure.add_subplot()
    days = np.asarray(data["curves"]["days"])
    for run in data["runs"]:
        colour, style, width = LOOKS[run["key"]]
        ax.step(days, 100 * np.asarray(data["curves"][run["key"]]), where="post", color=colour, linestyle=style,
                linewidth=width, label=run["label"])
    for day, text in ((1, "1 day"), (7, "1 week")):
        ax.axvline(day, color="grey", linewidth=0.8, linestyle=(0, (1, 3)))
        ax.text(day, 2, f" {text}", color="grey", fontsize=9)
    ax.set(xlim=(0, CURVE_DAYS), ylim=(0, 100), xlabel="days since the child went missing",
           ylabel="children found (%)", title=f"How soon {child} is found: your room's sharing")
    ax.legend(loc="lower right")
    ax.grid(alpha=0.3)
    figure.text(0.01, -0.02, textwrap.fill(teaching_line(data), 130), fontsize=8, va="top", style="italic")
    return figure
