"""The lab widget, driven without a browser: set controls, press Run, read what it shows."""

from __future__ import annotations

import math
import re

import ipywidgets as widgets
import pytest

from simulations.lab import AS_PRESET, DELAYS, LAB, LAB_CSS, RECORDS, STACKED, SimulationLab, delay_options, hours_label
from simulations.presets import PRESET_NAMES, preset_params

PNG = b"\x89PNG"


@pytest.fixture
def lab():
    return SimulationLab(reps=50)


def test_controls_start_at_the_preset(lab):
    base = preset_params("practice-2016")
    for name, slider in lab.delays.items():
        assert slider.value == getattr(base, name)
    assert all(toggle.value == AS_PRESET for toggle in lab.records.values())
    assert lab.settings() == base
    assert set(lab.delays) == set(DELAYS) and set(lab.records) == set(RECORDS)


def test_choosing_a_preset_moves_every_control(lab):
    for name in PRESET_NAMES:
        lab.preset.value = name
        base = preset_params(name)
        assert lab.settings() == base, name
        assert lab.meeting.value == math.isfinite(base.strategy_meeting_h)


def test_run_shows_a_paired_picture_a_table_and_the_teaching_line(lab):
    assert lab.figure.layout.display == "none"  # no empty (broken) picture before the first run
    lab.delays["carer_checks_h"].value = 0.0
    lab.records["photo_on_file"].value = 1.0
    comparison = lab.run()
    assert comparison is lab.last_comparison and comparison.reps == 50
    assert bytes(lab.figure.value).startswith(PNG) and lab.figure.layout.display is None
    assert "located within 7 days" in lab.table.value and "your settings" in lab.table.value
    assert "Teaching model" in lab.caption.value
    assert lab.progress.value == lab.progress.max == 100
    assert not comparison.baseline.equals(comparison.alternative)
    assert "Changed for this run" in lab.sources.value


def test_running_with_nothing_changed_says_so_instead_of_a_table_of_zeros(lab):
    assert lab.run() is None
    assert "You have not changed anything yet" in lab.status.value
    assert lab.table.value == "" and lab.figure.layout.display == "none"
    lab.delays["carer_checks_h"].value = 0.0
    assert lab.run() is not None and lab.status.value == "" and "located within 7 days" in lab.table.value
    lab.delays["carer_checks_h"].value = preset_params("practice-2016").carer_checks_h
    assert lab.run() is None and lab.table.value == "" and lab.last_comparison is None


def test_what_the_lab_shows_is_in_plain_words(lab):
    assert [label for label, _ in lab.preset.options] == [
        "Practice in 2016", "Good practice today", "Kim's case", "Kojo's case", "Bao's case"]
    assert [name for _, name in lab.preset.options] == list(PRESET_NAMES)
    assert (lab.reps.description, lab.seed.description) == ("children simulated", "which children (a number)")
    lab.preset.value = "kim"
    lab.delays["reclassify_delay_h"].value = 0.0
    lab.run()
    shown = lab.table.value + lab.caption.value + lab.sources.value
    assert "Kim&#x27;s case" in lab.table.value and "range we are fairly sure of" in lab.table.value
    assert re.search(r"\d days", lab.table.value)
    for internal in ("practice-2016", ">kim<", "replication", "seed", "horizon", "95% CI", "e-05", "x 0.",
                     "(exponential)", "exclusive", " h<", " h ("):
        assert internal not in shown, internal


def test_controls_fit_a_narrow_screen(lab):
    """Names above controls, controls as wide as the screen allows (no fixed 42em)."""
    for control in (lab.preset, *lab.delays.values(), *lab.records.values(), lab.reps, lab.seed):
        assert STACKED in control._dom_classes and control.style.description_width == "initial"
    for control in (lab.preset, *lab.delays.values(), lab.reps):
        assert control.layout.width == "100%" and control.layout.max_width == "42em"


def test_the_lab_s_text_takes_the_page_s_size_and_styles_only_the_lab(lab):
    """ipywidgets draws 13px text; the lab's controls take the page's size, under the lab's own class."""
    assert LAB in lab._dom_classes
    rules = re.findall(r"([^{}]+)\{([^}]*)\}", LAB_CSS.removeprefix("<style>").removesuffix("</style>"))
    assert rules and all(
        all(part.strip().startswith((f".{LAB} ", f".{STACKED}")) for part in selectors.split(","))
        for selectors, _ in rules)
    sized = " ".join(selectors for selectors, body in rules if "font-size:var(--jp-content-font-size1" in body)
    for part in (".widget-label", ".widget-readout", ".widget-html-content", "select", ".widget-text input",
                 ".jupyter-button", ".jupyter-widget-Collapse-header"):
        assert f".{LAB} {part}" in sized, part


def test_no_statistician_s_words_on_the_controls(lab):
    lab.delays["carer_checks_h"].value = 0.0
    lab.run()
    shown = " ".join(child.value for child in lab.children if isinstance(child, widgets.HTML)) + lab.caption.value
    assert "which children: 2016" in lab.caption.value
    for word in ("random start", "seed", "paired", "Sobol"):
        assert word not in shown and word not in lab.seed.description, word


def test_changing_a_control_changes_the_outputs(lab):
    lab.delays["photo_delay_h"].value = 0.0
    lab.run()
    first_table, first_figure = lab.table.value, bytes(lab.figure.value)
    lab.delays["found_notify_other_force_mean_h"].value = 0.0
    lab.delays["found_notify_mean_h"].value = 0.0
    lab.run()
    assert lab.table.value != first_table
    assert lab.last_comparison.differences().loc["rhi_within_72h", "difference"] > 0
    lab.delays["carer_checks_h"].value = 0.0
    lab.run()
    assert bytes(lab.figure.value) != first_figure  # locating changed, so the curves did


def test_switching_off_the_strategy_meeting_means_never(lab):
    lab.meeting.value = False
    assert lab.delays["strategy_meeting_h"].disabled
    assert lab.settings().strategy_meeting_h == math.inf
    lab.meeting.value = True
    assert lab.settings().strategy_meeting_h == 168


def test_record_toggles_set_always_or_never(lab):
    lab.records["philomena_on_file"].value = 1.0
    lab.records["phone_on_file"].value = 0.0
    settings = lab.settings()
    assert settings.philomena_on_file == 1.0 and settings.phone_on_file == 0.0


def test_sources_mark_assumptions(lab):
    shown = lab.sources.value
    assert "assumption" in shown and "guidance" in shown and "carer_checks_h" not in shown
    assert "…" not in shown and "WF2026 §Joint Responsibility" in shown


def test_slider_labels_read_as_time():
    assert [hours_label(h) for h in (0, 2, 24, 72, 168, 504, math.inf)] == [
        "0 hours", "2 hours", "1 day", "3 days", "1 week", "3 weeks", "never"]
    assert (hours_label(7.5), 7.5) in delay_options(7.5)
