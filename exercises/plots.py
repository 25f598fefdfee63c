"""The debrief's picture: the room's locate curve between 2016 practice and today's guidance.

Drawn on a bare matplotlib Figure (no pyplot state, any backend; the CLI and the service run
headless with Agg). Colours and line styles are the Okabe-Ito palette, told apart with
colour-blindness and in greyscale by the dashes as well. The teaching-model line sits under the
chart because a chart without it would be read as a finding about real children.
"""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure

from exercises.debrief import CURVE_DAYS, Debrief

LOOKS = {  # key -> (colour, line style, width)
    "practice-2016": ("#D55E00", "--", 2.0),  # vermilion, dashed
    "room": ("#000000", "-", 3.0),  # black, solid, heavier: the room's own line
    "good-practice": ("#0072B2", ":", 2.4),  # blue, dotted
}


def teaching_line(debrief: Debrief) -> str:
    return (f"Teaching model, not a forecast: {debrief.reps} runs of each setting on the same random numbers "
            f"(seed {debrief.seed}). Rates are assumptions calibrated to Heading back to harm; "
            "the curves show what changes when information moves, not what would happen to any child.")


def debrief_figure(debrief: Debrief) -> Figure:
    figure = Figure(figsize=(8, 4.8), layout="constrained")
    ax = figure.add_subplot()
    days = debrief.curve_days()
    for setting in debrief.settings:
        colour, style, width = LOOKS[setting.key]
        ax.step(days, 100 * debrief.curve(setting.key), where="post", color=colour, linestyle=style,
                linewidth=width, label=setting.label)
    for day, text in ((1, "1 day"), (7, "1 week")):
        ax.axvline(day, color="grey", linewidth=0.8, linestyle=(0, (1, 3)))
        ax.text(day, 2, f" {text}", color="grey", fontsize=9)
    ax.set(xlim=(0, CURVE_DAYS), ylim=(0, 100), xlabel="days since the child went missing",
           ylabel="children found (%)", title=f"How soon {debrief.exercise.child.name} is found: your room's sharing")
    ax.legend(loc="lower right")
    ax.grid(alpha=0.3)
    figure.text(0.01, -0.02, textwrap.fill(teaching_line(debrief), 130), fontsize=8, va="top", style="italic")
    return figure
