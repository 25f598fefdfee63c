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
from simulations.plots import comparison_figure, comparison_table, figure_png, teaching_note
from simulations.presets import PRESET_NAMES, preset_params
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


def delay_options(value: float) -> list[tuple[str, float]]:
    """The slider's stops, with the preset's own value added if it is not one of them."""
    stops = sorted(set(DELAY_STEPS) | {value})
    return [(hours_label(h), h) for h in stops]


def _record_options(value: float) -> list[tuple[str, object]]:
    return [(f"{AS_PRESET} ({100 * value:.0f}% of children)", AS_PRESET), ("always", 1.0), ("never", 0.0)]


class SimulationLab(widgets.VBox):
    """Paired what-if runs of the missing-episode model, with a progress bar, a plot and a table."""

    def __init__(self, preset: str = "practice-2016", reps: int = 300, seed: int = CALIBRATION_SEED):
        self.preset = widgets.Dropdown(options=PRESET_NAMES, value=preset, description="start from")
        style = {"description_width": "20em"}
        layout = widgets.Layout(width="42em")
        self.delays = {name: widgets.SelectionSlider(options=[("0 h", 0.0)], description=label, style=style,
                                                     layout=layout, continuous_update=False)
                       for name, label in DELAYS.items()}
        self.records = {name: widgets.ToggleButtons(options=[(AS_PRESET, AS_PRESET)], description=label,
                                                    style=style | {"button_width": "auto"})
                        for name, label in RECORDS.items()}
        self.meeting = widgets.Checkbox(description="hold a strategy meeting", indent=False)
        self.reps = widgets.IntSlider(value=reps, min=50, max=2000, step=50, description="replications")
        self.seed = widgets.BoundedIntText(value=seed, min=0, max=2**31 - 1, description="seed")
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
            widgets.HTML("<b>Simulation lab</b>: change what happens around a missing child and compare with the "
                         "starting point. <i>A teaching model: its numbers illustrate, they do not predict.</i>"),
            self.preset,
            widgets.HTML("<b>Delays</b>"), *self.delays.values(),
            widgets.HTML("<b>Records and meetings</b>"), *self.records.values(), self.meeting,
            widgets.HBox([self.reps, self.seed]), widgets.HBox([self.run_button, self.progress]),
            self.status, self.figure, self.caption, self.table, sources,
        ])

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

    def run(self) -> Comparison | None:
        """Run the preset and the lab's settings on the same seed and show the comparison."""
        try:
            alternative = self.settings()
        except ParameterError as exc:
            self.status.value = f"<span style='color:#b00020'>{html.escape(str(exc))}</span>"
            return None
        self.status.value = "running..."
        self.run_button.disabled = True
        try:
            comparison = compare(self.baseline(), alternative, self.reps.value, self.seed.value,
                                 labels=(f"{self.preset.value} as set", "your settings"),
                                 progress=self._on_progress)
        finally:
            self.run_button.disabled = False
        # The teaching line goes under the picture as text, where screen readers find it too.
        self.figure.value = figure_png(comparison_figure(comparison, with_note=False))
        self.figure.layout.display = None
        self.caption.value = f"<p><i>{html.escape(teaching_note(comparison))}</i></p>"
        self.table.value = comparison_table(comparison).to_html(index=False, escape=True)
        self._show_sources(alternative)
        self.status.value = ""
        self.last_comparison = comparison
        return comparison
