"""Parameters refuse what the model would silently ignore, and every value says where it comes from."""

from __future__ import annotations

import math
import pickle

import pytest

from simulations.calibration import TARGETS
from simulations.errors import ParameterError
from simulations.parameters import PARAMETER_NAMES, Params, is_assumed, kind_of, parse_assignment, source_of
from simulations.presets import (
    PRESETS,
    all_citations,
    parameter_table,
    preset,
    preset_params,
    without_reported_delays,
)


def test_a_misspelt_name_is_refused_with_a_suggestion():
    params = Params()
    with pytest.raises(ParameterError, match=r"unknown parameter 'carer_check_h' \(did you mean 'carer_checks_h'\?\)"):
        params.carer_check_h = 2
    assert not hasattr(params, "carer_check_h")


def test_replace_refuses_unknown_names_too():
    with pytest.raises(ParameterError, match="unknown parameter 'photo_ondfile'"):
        Params().replace(photo_ondfile=1.0)


@pytest.mark.parametrize(("name", "value", "message"), [
    ("p_graded_high", 1.5, "must be 0 to 1 probability"),
    ("carer_checks_h", -1, "must be at least 0 hours"),
    ("search_rate_high_per_h", math.inf, "per hour"),
    ("hidden_locate_factor", 2, "0 to 1 multiplier"),
    ("photo_delay_h", "soon", "needs a number"),
    ("photo_delay_h", True, "needs a number"),
    ("photo_delay_h", math.nan, "needs a number"),
])
def test_impossible_values_are_refused_and_the_old_value_kept(name, value, message):
    params = Params()
    before = getattr(params, name)
    with pytest.raises(ParameterError, match=message):
        setattr(params, name, value)
    assert getattr(params, name) == before


def test_rules_across_fields_are_checked_on_assignment():
    params = Params()
    with pytest.raises(ParameterError, match="age_min_years"):
        params.age_min_years = 19
    assert params.age_min_years == 15
    with pytest.raises(ParameterError, match="horizon_h"):
        Params(horizon_h=math.inf)
    with pytest.raises(ParameterError, match="ho_contact_interval_h"):
        Params(ho_contact_interval_h=0)


def test_delays_may_be_never_but_rates_may_not():
    assert Params(photo_delay_h=math.inf).photo_delay_h == math.inf
    assert kind_of("photo_delay_h").allows_never and not kind_of("photo_rate_per_h").allows_never


@pytest.mark.parametrize(("text", "expected"), [
    ("carer_checks_h=2", ("carer_checks_h", 2.0)),
    (" phone_delay_h = never ", ("phone_delay_h", math.inf)),
    ("phone_delay_h=INF", ("phone_delay_h", math.inf)),
])
def test_command_line_assignments_are_parsed(text, expected):
    assert parse_assignment(text) == expected


@pytest.mark.parametrize(("text", "message"), [
    ("carer_checks_h", "NAME=VALUE"),
    ("=2", "NAME=VALUE"),
    ("carer_check_h=2", "did you mean 'carer_checks_h'"),
    ("carer_checks_h=two", "needs a number"),
    ("p_graded_high=never", "must be 0 to 1"),
])
def test_bad_assignments_name_the_problem(text, message):
    with pytest.raises(ParameterError, match=message):
        parse_assignment(text)


def test_parameters_survive_pickling_for_worker_processes():
    params = Params(carer_checks_h=2)
    copy = pickle.loads(pickle.dumps(params))
    assert copy == params
    with pytest.raises(ParameterError):
        copy.not_a_parameter = 1


def test_every_parameter_has_a_unit_a_meaning_and_a_source():
    for name in PARAMETER_NAMES:
        source = source_of(name)
        assert source, name
        assert source.startswith("assumption: ") == is_assumed(name), name
        assert kind_of(name).unit


def test_every_citation_names_a_section_in_the_guidance_register(library):
    sections = {d.key: set(d.section_names) for d in library.guidance.documents}
    cited = list(all_citations()) + [(f"calibration {t.target}", t.source) for t in TARGETS]
    assert cited
    for where, citation in cited:
        key, _, section = citation.partition(" §")
        assert section in sections.get(key, set()), f"{where}: {citation!r} is not in guidance.yaml"


def test_presets_set_only_real_parameters_to_valid_values():
    for p in PRESETS.values():
        params = preset_params(p.name)
        for name, setting in {**p.settings, **p.remedies}.items():
            assert name in PARAMETER_NAMES, (p.name, name)
            kind_of(name).check(name, setting.value)
        assert params == Params(**{k: s.value for k, s in p.settings.items()})


def test_defaults_are_the_2016_preset():
    assert preset_params("practice-2016") == Params()


def test_unknown_preset_lists_the_known_ones():
    with pytest.raises(ParameterError, match="unknown preset 'kimm'; known: practice-2016, good-practice"):
        preset("kimm")


def test_replays_put_right_what_the_report_criticises():
    for name in ("kim", "kojo", "bao"):
        fixed = without_reported_delays(name)
        for param, remedy in preset(name).remedies.items():
            assert getattr(fixed, param) == remedy.value
    assert without_reported_delays("kim").phone_delay_h == 0 and preset_params("kim").phone_delay_h == math.inf
    with pytest.raises(ParameterError, match="not a case replay"):
        without_reported_delays("good-practice")


def test_parameter_table_marks_assumptions_and_changes():
    table = parameter_table("good-practice", preset_params("good-practice", carer_checks_h=5)).set_index("parameter")
    assert list(table.index) == list(PARAMETER_NAMES)
    assert table.at["carer_checks_h", "set_by"] == "you" and table.at["carer_checks_h", "assumed"]
    assert table.at["p_graded_high", "set_by"] == "good-practice" and not table.at["p_graded_high", "assumed"]
    assert "Recommendation 5" in table.at["p_graded_high", "source"]
    assert table.at["phone_on_file", "source"].startswith("assumption: ")
    assert table.at["search_rate_high_per_h", "set_by"] == "default" and table.at["search_rate_high_per_h", "assumed"]
