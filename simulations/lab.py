"""The simulation lab: a widget for trainees and for trainers running a workshop live.

Start from a preset, move the delays, switch records on or off, press Run: the lab runs the
preset as it is and your settings on the same random numbers, then draws the share of
children located over time for both, with a table of outcomes and the line that says this is a
teaching model. Use it in one line: ``SimulationLab()``.

The widget keeps no logic of its own beyond turning controls into parameters, so it can be
tested by setting control values and calling :meth:`SimulationLab.run`, without a browser.
"""

from __future__ import annotations

import html
import math

import ipywidgets as widgets

from simulations.analysis import Comparison, compare
from simulations.calibration import CALIBRATION_SEED
from simulations.errors import ParameterError
from simulations.parameters import Params
from simulations.plots import comparison_figure, comparison_html, figure_png, note_html, teaching_note
from simulations.presets import PRESET_NAMES, preset_label, preset_params
from simulations.readable import hours_in_words as hours_label
from simulations.readable import sources_html

NEVER = math.inf
DELAY_STEPS = tuple(float(h) for h in (0, 1, 2, 4, 6, 10, 12, 24, 48, 72, 168, 336, 504, 1008, NEVER))
DELAYS = {  # parameter -> what the slider is called (the parameter table has the full meaning)
    "carer_checks_h": "carer's checks before calling police",
    "reclassify_delay_h": "'absent' / 'absconder' until missing",
    "photo_delay_h": "photo reaches the police",
    "phone_delay_h": "phone numbers reach the police",
    "social_media_delay_h": "social media reaches the police",
    "contacts_delay_h": "contacts and places reach the police",
    "family_ask_delay_h": "someone asks the child's family",
    "strategy_meeting_h": "strategy meeting after the report",
    "cross_force_delay_h": "another force acts on a request",
    "found_notify_mean_h": "authority hears of finding (same area)",
    "found_notify_other_force_mean_h": "authority hears of finding (other area)",
    "rhi_arrange_mean_h": "return home interview arranged",
    "ho_referral_delay_h": "Home Office told",
}
RECORDS = {  # parameter -> what the toggle is called
    "photo_on_file": "photo on file",
    "phone_on_file": "phone numbers known",
    "philomena_on_file": "Philomena Protocol form",
}
AS_PRESET = "as in preset"
# Scoped to the lab's own class, so the page around it is untouched (as grading.player.render does
# for the case player).
LAB = "mfc-lab"
# Each control's name sits above it, full width, so a slider and its value ("3 weeks") fit a 375 px
# phone as well as a wide screen (ipywidgets puts names beside controls, at a fixed width). The name
# starts at the lab's left edge and is never clipped: ipywidgets hides a label's overflow, which on
# a phone cut off its first letter.
STACKED = "mfc-stacked"
LAB_CSS = (f"<style>.{STACKED}.widget-inline-hbox{{flex-wrap:wrap;height:auto;max-width:100%}}"
           f".{STACKED} > .widget-label{{width:100%!important;max-width:100%;text-align:left;"
           f"white-space:normal;margin:0 0 0 var(--jp-widgets-margin,2px);padding:0;overflow:visible;"
           f"height:auto;line-height:1.4}}"
           f".{STACKED}.widget-slider .slider-container{{flex:1 1 auto;min-width:8em}}"
           # ipywidgets draws its text at 13px, smaller than the page around it (17px on the course
           # pages): the lab's text takes the page's size instead.
           f".{LAB} .widget-html-content,.{LAB} .widget-label,.{LAB} .widget-readout,.{LAB} label,"
           f".{LAB} select,.{LAB} .widget-text input,.{LAB} .jupyter-button,.{LAB} .jupyter-widget-Collapse-header"
           f"{{font-size:var(--jp-content-font-size1,1rem)}}"
           f".{LAB} .widget-html-content{{line-height:1.45}}"
           f".{LAB} .widget-readout{{min-width:5.5em;overflow:visible}}"
           f".{LAB} .widget-dropdown,.{LAB} .widget-text,.{LAB} .widget-checkbox,"
           f".{LAB} .widget-dropdown select,.{LAB} .widget-text input{{height:auto;min-height:2.2em}}"
           # Buttons are touch targets: at least 44px high (ipywidgets makes them 28px), words wrap.
           f".{LAB} .jupyter-button{{height:auto;min-height:44px;line-height:1.3;white-space:normal}}</style>")
UNCHANGED = ("You have not changed anything yet, so both runs would be the same. Move a slider or switch a "
             "record above, then press <b>Run the comparison</b>.")
READING = ("<p><b>How to read the table.</b> The difference is what your settings changed, in the model. The "
           "figures in brackets are the range we are fairly sure of (a 95% interval): if that range does not "
           "include zero, the change made a real difference in the model and is not just chance. A share "
           "marked 'of the children located in both settings' counts only those children.</p>")


def delay_options(value: float) -> list[tuple[str, float]]:
    """The slider's stops, with the preset's own value added if it is not one of them."""
    stops = sorted(set(DELAY_STEPS) | {value})
    return [(hours_label(h), h) for h in stops]


def _record_options(value: float) -> list[tuple[str, object]]:
    return [(f"as at the start ({100 * value:.0f}% of children)", AS_PRESET), ("always", 1.0), ("never", 0.0)]


class SimulationLab(widgets.VBox):
    """Paired what-if runs of the missing-episode model, with a progress bar, a plot and a table."""

    def __init__(self, preset: str = "practice-2016", reps: int = 300, seed: int = CALIBRATION_SEED):
        style = {"description_width": "initial"}

        def stacked(widget: widgets.Widget) -> widgets.Widget:
            widget.add_class(STACKED)
            return widget

        def layout() -> widgets.Layout:
            return widgets.Layout(width="100%", max_width="42em")

        self.preset = stacked(widgets.Dropdown(options=[(preset_label(n), n) for n in PRESET_NAMES], value=preset,
                                               description="start from", style=style, layout=layout()))
        self.delays = {name: stacked(widgets.SelectionSlider(options=[(hours_label(0), 0.0)], description=label,
                                                             style=style, layout=layout(), continuous_update=False))
                       for name, label in DELAYS.items()}
        self.records = {name: stacked(widgets.ToggleButtons(options=[(AS_PRESET, AS_PRESET)], description=label,
                                                            style=style | {"button_width": "auto"}))
                        for name, label in RECORDS.items()}
        self.meeting = widgets.Checkbox(description="hold a strategy meeting", indent=False)
        self.reps = stacked(widgets.IntSlider(value=reps, min=50, max=2000, step=50, description="children simulated",
                                              style=style, layout=layout()))
        self.seed = stacked(widgets.BoundedIntText(value=seed, min=0, max=2**31 - 1,
                                                   description="which children (a number)", style=style,
                                                   layout=widgets.Layout(width="100%", max_width="20em")))
        self.run_button = widgets.Button(description="Run the comparison", button_style="primary", icon="play",
                                         layout=widgets.Layout(width="auto"))
        self.progress = widgets.IntProgress(value=0, min=0, max=1, description="progress")
        # Hidden until the first run: an empty image shows as a broken-image icon.
        self.figure = widgets.Image(format="png", layout=widgets.Layout(max_width="100%", width="820px",
                                                                         display="none"))
        self.table = widgets.HTML()
        self.caption = widgets.HTML()
        self.status = widgets.HTML()
        self.sources = widgets.HTML()
        self.last_comparison: Comparison | None = None

        self.preset.observe(lambda _: self.load_preset(), names="value")
        self.meeting.observe(lambda _: self._sync_meeting(), names="value")
        self.run_button.on_click(lambda _: self.run())
        self.load_preset()
        sources = widgets.Accordion(children=[self.sources], titles=("Where the numbers come from",))
        sources.selected_index = None
        super().__init__([
            widgets.HTML(LAB_CSS + "<b>Simulation lab</b>: change what happens around a missing child and "
                         "compare with the starting point. <i>A teaching model: its numbers illustrate, they do "
                         "not predict.</i>"),
            self.preset,
            widgets.HTML("<b>Delays</b>"), *self.delays.values(),
            widgets.HTML("<b>Records and meetings</b>"), *self.records.values(), self.meeting,
            widgets.HTML("<b>How many children</b>: more simulated children give steadier figures but take longer. "
                         "Each number stands for one group of simulated children: the same number meets the same "
                         "children every time; change it to meet others."),
            self.reps, self.seed,
            widgets.HBox([self.run_button, self.progress], layout=widgets.Layout(flex_flow="row wrap")),
            self.status, self.figure, self.caption, self.table, sources,
        ])
        self.add_class(LAB)

    # -- controls <-> parameters ------------------------------------------------------------------
    def baseline(self) -> Params:
        return preset_params(self.preset.value)

    def load_preset(self) -> None:
        """Set every control to the chosen preset's values."""
        base = self.baseline()
        for name, slider in self.delays.items():
            value = getattr(base, name)
            slider.options = delay_options(value)
            slider.value = value
        for name, toggle in self.records.items():
            toggle.options = _record_options(getattr(base, name))
            toggle.value = AS_PRESET
        self.meeting.value = math.isfinite(base.strategy_meeting_h)
        self._sync_meeting()
        self._show_sources(base)

    def _sync_meeting(self) -> None:
        slider = self.delays["strategy_meeting_h"]
        slider.disabled = not self.meeting.value
        if self.meeting.value and math.isinf(slider.value):
            slider.value = 24.0

    def settings(self) -> Params:
        """The parameters the controls describe: the preset with the changes made in the lab."""
        changes = {name: slider.value for name, slider in self.delays.items()}
        if not self.meeting.value:
            changes["strategy_meeting_h"] = NEVER
        changes |= {name: toggle.value for name, toggle in self.records.items() if toggle.value != AS_PRESET}
        return self.baseline().replace(**changes)

    def _show_sources(self, params: Params) -> None:
        self.sources.value = (
            "<p>Values marked <b>assumption</b> are the model's own, chosen for the reason given beside them; "
            "values marked <b>guidance</b> follow the guidance.</p>" + sources_html(self.preset.value, params))

    # -- running -----------------------------------------------------------------------------------
    def _on_progress(self, done: int, total: int) -> None:
        self.progress.max = total
        self.progress.value = done

    def _clear_results(self) -> None:
        self.figure.layout.display = "none"
        self.caption.value = self.table.value = ""
        self.last_comparison = None

    def run(self) -> Comparison | None:
        """Run the preset and the lab's settings on the same seed and show the comparison; with
        nothing changed, say so instead of showing a table of zeros."""
        try:
            alternative = self.settings()
        except ParameterError as exc:
            self.status.value = f"<span style='color:#b00020'>{html.escape(str(exc))}</span>"
            return None
        if alternative == self.baseline():
            self._clear_results()
            self.status.value = f"<p>{UNCHANGED}</p>"
            return None
        self.status.value = "running..."
        self.run_button.disabled = True
        try:
            comparison = compare(self.baseline(), alternative, self.reps.value, self.seed.value,
                                 labels=(preset_label(self.preset.value), "your settings"),
                                 progress=self._on_progress)
        finally:
            self.run_button.disabled = False
        # The teaching line goes under the picture as text, where screen readers find it too.
        self.figure.value = figure_png(comparison_figure(comparison, with_note=False))
        self.figure.layout.display = None
        self.caption.value = note_html(teaching_note(comparison))
        self.table.value = READING + comparison_html(comparison)
        self._show_sources(alternative)
        self.status.value = ""
        self.last_comparison = comparison
        return comparison
