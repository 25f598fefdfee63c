"""Exercise files: the schema refuses unknown keys and wrong references with one error naming
file and field, and the shipped exercise is whole."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from exercises.debrief import LEAD_PARAMETERS
from exercises.library import EXERCISES_DIR, load_exercise, load_exercises
from exercises.models import LEADS
from scenarios.errors import ScenarioError
from simulations.parameters import PARAMETER_NAMES

SHIPPED = EXERCISES_DIR / "kim-who-knows-what.yaml"


def _edited(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "edited.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _error(tmp_path: Path, change) -> ScenarioError:
    with pytest.raises(ScenarioError) as caught:
        load_exercise(_edited(tmp_path, change))
    assert caught.value.file.endswith("edited.yaml")
    return caught.value


def test_the_kim_exercise_has_every_role_round_and_a_card_for_each_role_that_holds_one(kim):
    assert [r.at_hours for r in kim.rounds] == [1, 2, 24, 48, 72, 168]
    assert {r.id for r in kim.roles} == {"foster-carer", "social-worker", "police", "home-office",
                                         "return-interviewer", "trafficking-service"}
    assert {"car-plate", "mobile-phone", "photo", "uncle", "home-office-reference"} <= {c.id for c in kim.cards}
    assert all(c.citations and c.should_move for c in kim.cards)


def test_every_lead_word_maps_to_parameters_the_model_has():
    assert set(LEAD_PARAMETERS) == set(LEADS)
    for held, delay in LEAD_PARAMETERS.values():
        assert held in PARAMETER_NAMES and delay in PARAMETER_NAMES


def test_unknown_key_is_refused_naming_the_field(tmp_path):
    error = _error(tmp_path, lambda d: d["cards"][0].update(colour="red"))
    assert error.fields == ["cards.0.colour"]


def test_card_held_by_a_role_nobody_plays(tmp_path):
    error = _error(tmp_path, lambda d: d["cards"][1].update(held_by="neighbour"))
    assert error.fields == ["cards.1.held_by"] and "neighbour" in str(error)


def test_unknown_lead_is_refused(tmp_path):
    assert _error(tmp_path, lambda d: d["cards"][0].update(lead="fingerprints")).fields == ["cards.0.lead"]


def test_rounds_out_of_order(tmp_path):
    def swap(d):
        d["rounds"][1]["at_hours"] = 0.5
    assert _error(tmp_path, swap).fields == ["rounds.1.at_hours"]


def test_citation_to_an_unlisted_section(tmp_path):
    error = _error(tmp_path, lambda d: d["cards"][2].update(citations=["WF2026 §Nowhere"]))
    assert error.fields == ["cards.2.citations"]


def test_case_setting_the_model_does_not_know(tmp_path):
    def misspell(d):
        d["case_settings"][0]["parameter"] = "carer_notice_h"
    error = _error(tmp_path, misspell)
    assert error.fields == ["case_settings.0"] and "carer_notice_mean_h" in str(error)


def test_repeated_card_id(tmp_path):
    def repeat(d):
        d["cards"][1]["id"] = d["cards"][0]["id"]
    assert _error(tmp_path, repeat).fields == ["cards"]


def test_shipped_exercises_load_by_id():
    assert "kim-who-knows-what" in load_exercises()
