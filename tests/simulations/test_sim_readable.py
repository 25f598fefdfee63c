"""What module 7 shows in words: the calibration, the sources, and which delay matters most."""

from __future__ import annotations

import math
import re
from html import unescape

from simulations.calibration import read_calibration_table
from simulations.parameters import PARAMETER_NAMES
from simulations.plots import figure_png, ranking_figure, ranking_note
from simulations.presets import preset_params
from simulations.readable import calibration_html, hours_in_words, meaning_in_words, ranking_html, sources_html
from simulations.sensitivity import FACTORS, OUTCOMES, SHIPPED_COMMAND, shipped_result


def visible_text(html: str) -> str:
    return unescape(re.sub(r"<style>.*?</style>|<[^>]+>", " ", html))


def test_calibration_reads_as_sentences_with_sources_in_full():
    text = visible_text(calibration_html(read_calibration_table()))
    assert "Episodes lasting more than 7 days" in text and "HBTH2016 §Duration of missing incidents" in text
    assert "model_value" not in text and "…" not in text and "0.3" not in text  # percentages, not fractions
    assert "Missing incidents per child in a year" in text and "2.4" in text and "240%" not in text


def test_a_table_becomes_cards_on_a_narrow_screen_each_cell_named_by_its_column():
    """On a phone a six-column table would need sideways scrolling and cut its caption off."""
    html = calibration_html(read_calibration_table())
    assert "@container (max-width:36em)" in html and "content:attr(data-label)" in html
    cells = re.findall(r"<td data-label='([^']*)'>", html)
    assert cells[:6] == ["What the study measured", "The study&#x27;s figure", "The model must land in",
                         "The model gives (95% interval)", "On target?", "Where to find it"]
    assert len(cells) == 6 * len(read_calibration_table())


def test_sources_name_no_internal_parameter_and_cut_nothing():
    text = visible_text(sources_html("kim"))
    assert not [name for name in PARAMETER_NAMES if name in text]
    assert "…" not in text and "The report says several weeks; read as three" in text
    assert "3 weeks" in text and "never" in text


def test_sources_say_whose_numbers_and_rates_as_waits_not_decimals():
    text = visible_text(sources_html("kim"))
    assert "The numbers behind: Kim's case" in text
    for internal in ("an hour", "e-05", "x 0.", "(exponential)", "exclusive", "uniform"):
        assert internal not in text, internal
    assert "on average after about 4.6 years" in text  # a hidden child's rate of coming back, 2.5e-05 an hour
    assert "How soon a hidden child escapes or is freed and comes back" in text
    meanings = [meaning_in_words(name) for name in PARAMETER_NAMES]
    assert not [meaning for meaning in meanings if re.search(r"\brates?\b", meaning, re.I)], \
        "a rate is shown as a wait, and named as one"
    assert "0.05% of the usual" in text  # locating once hidden, x 0.0005
    assert "Oldest age at leaving (children are younger than this" in text
    assert "The numbers behind: Practice in 2016 with your changes" in visible_text(
        sources_html("practice-2016", preset_params("practice-2016", carer_checks_h=0)))


def test_times_read_as_a_person_says_them():
    assert [hours_in_words(h) for h in (0, 1, 2, 24, 72, 168, 504, math.inf)] == [
        "0 hours", "1 hour", "2 hours", "1 day", "3 days", "1 week", "3 weeks", "never"]


def test_the_shipped_ranking_covers_every_factor_and_outcome():
    result = shipped_result()
    assert result["method"] == "sobol" and set(result["parameters"]) == set(FACTORS)
    assert f"--samples {result['samples']} --reps {result['reps']}" in SHIPPED_COMMAND
    for outcome in OUTCOMES:
        assert sorted(result["ranking"][outcome]) == sorted(FACTORS)
        totals = [result["outcomes"][outcome][name]["ST"] for name in result["ranking"][outcome]]
        assert totals == sorted(totals, reverse=True)


def test_the_ranking_view_is_in_words_with_guidance_and_the_teaching_line():
    result = shipped_result()
    text = visible_text(ranking_html(result, "located_7d"))
    assert not [name for name in FACTORS if name in text]
    for factor in FACTORS.values():
        assert factor.plain in text and factor.guidance[0] in text
    assert "teaching model" in ranking_note(result).lower()
    assert not [word for word in ("Sobol", "replication", "seed") if word in ranking_note(result)]
    assert figure_png(ranking_figure(result, "located_7d")).startswith(b"\x89PNG")


def test_an_interval_of_the_share_explained_stays_between_none_and_all():
    result = shipped_result()
    outcome = "nrm_decision_stayed"
    for name in result["parameters"]:
        result["outcomes"][outcome][name] = {"S1": 0.0, "S1_conf": 0.0, "ST": 0.0, "ST_conf": 0.0}
    top = result["ranking"][outcome][0]
    result["outcomes"][outcome][top] = {"S1": 0.9, "S1_conf": 0.2, "ST": 0.95, "ST_conf": 0.18}
    text = visible_text(ranking_html(result, outcome))
    assert "95% (77% to 100%)" in text and "113%" not in text
