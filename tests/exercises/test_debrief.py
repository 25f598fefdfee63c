"""The debrief: the room's arrival times drive the model, on the same random numbers as the two
presets, and the words, the JSON and the picture say what happened to each card."""

from __future__ import annotations

import json
import math

import numpy as np
from helpers.exercise_rooms import share
from PIL import Image

from exercises.debrief import debrief_json, room_params, settings
from exercises.plots import debrief_figure
from exercises.sharing import card_outcomes, lead_arrivals
from exercises.words import TEACHING_MODEL, debrief_words


def test_room_parameters_carry_the_rooms_arrival_times(kim):
    shares = [share("first-day", "foster-carer", "mobile-phone", "police")]
    params = room_params(kim, lead_arrivals(card_outcomes(kim, shares)))
    assert params.phone_delay_h == 24 and params.phone_on_file == 1
    assert math.isinf(params.photo_delay_h) and math.isinf(params.strategy_meeting_h)
    assert params.carer_notice_mean_h == 0 and params.p_report_at_once == 1  # the case's own facts


def test_the_two_references_hold_the_same_leads_as_the_room(kim):
    practice, room, good = settings(kim, {})
    for params in (practice.params, room.params, good.params):
        assert params.phone_on_file == params.photo_on_file == params.contacts_on_file == 1
    assert practice.params.phone_delay_h == 168 and good.params.phone_delay_h == 0


def test_sharing_everything_at_once_finds_kim_sooner_than_sharing_nothing_in_every_paired_run(debriefs):
    nothing, everything = debriefs["nothing"].results["room"], debriefs["everything"].results["room"]
    # Common random numbers: the same child, only the sharing differs (re-armed clocks can differ
    # in the last bits of a float, hence the tolerance).
    earlier = everything["hours_to_locate"].fillna(math.inf) <= nothing["hours_to_locate"].fillna(math.inf) + 1e-6
    assert earlier.all()
    assert everything["located_7d"].mean() > nothing["located_7d"].mean()


def test_the_room_that_shares_at_once_sits_above_2016_practice_and_the_silent_room_below_it(debriefs):
    at_once, silent = debriefs["everything"], debriefs["nothing"]
    week = 7 * 24
    assert at_once.located_share("room", week) > at_once.located_share("practice-2016", week)
    assert silent.located_share("room", week) <= silent.located_share("practice-2016", week)
    assert at_once.located_share("good-practice", week) >= at_once.located_share("room", week) - 0.05


def test_json_is_serialisable_and_names_every_card(debriefs, kim):
    data = json.loads(json.dumps(debrief_json(debriefs["nothing"])))
    assert [run["key"] for run in data["runs"]] == ["practice-2016", "room", "good-practice"]
    assert {c["id"] for c in data["cards"]} == {c.id for c in kim.cards}
    phone = next(c for c in data["cards"] if c["id"] == "mobile-phone")
    assert phone["reached_hours"] is None and phone["late"] and phone["citations"]
    assert len(data["curves"]["days"]) == len(data["curves"]["room"])
    curve = np.array(data["curves"]["room"])
    assert (np.diff(curve) >= 0).all() and 0 <= curve[0] <= curve[-1] <= 1


def test_words_tell_each_card_without_ids_or_hour_counts(debriefs, kim):
    words = debrief_words(debriefs["nothing"])
    text = words.text()
    assert TEACHING_MODEL in text
    assert "A mobile phone in Kim's things. It stayed with the foster carer and nobody else ever knew it." in text
    ids = {c.id for c in kim.cards} | {r.id for r in kim.roles} | {r.id for r in kim.rounds}
    assert not [i for i in ids if "-" in i and i in text]  # no internal ids
    assert " h " not in text and "hours" not in text.replace("two hours", "")
    at_once = debrief_words(debriefs["everything"]).text()
    assert "The foster carer gave it to the police coordinator within the first hour. That was in time." in at_once


def test_the_figure_draws_three_curves_and_the_teaching_model_line(debriefs, output_dir):
    figure = debrief_figure(debrief_json(debriefs["everything"]), "Kim")
    ax = figure.axes[0]
    assert [line.get_label() for line in ax.get_lines() if not line.get_label().startswith("_")] == \
        ["Practice in 2016", "Your room", "Today's guidance"]
    assert any("Teaching model" in text.get_text() for text in figure.texts)
    path = output_dir / "debrief.png"
    figure.savefig(path, dpi=80, bbox_inches="tight")
    assert Image.open(path).size[0] > 400


def test_card_table_rows_say_where_each_card_sat_in_words(debriefs, kim):
    from exercises.words import card_rows

    rows = {r["card"]: r for r in card_rows(kim, debrief_json(debriefs["everything"]))}
    plate = rows["The car's number plate (added for the exercise)"]
    assert plate == plate | {"held_by": "Foster carer", "sat": "passed on within the first hour",
                             "needed_by": "Police missing person coordinator", "reached": "within the first hour",
                             "verdict": "in time"}
    silent = {r["card"]: r for r in card_rows(kim, debrief_json(debriefs["nothing"]))}
    uncle = silent["A man Kim calls 'uncle' (added for the exercise)"]
    assert uncle["sat"] == "never passed on" and uncle["verdict"] == "never"


def test_the_debrief_marks_the_cards_the_exercise_made_up_and_only_those(debriefs, kim):
    from exercises.words import card_rows

    names = {r["card"] for r in card_rows(kim, debrief_json(debriefs["nothing"]))}
    made_up = {"The car's number plate", "A recent photo of Kim", "Kim's Home Office reference",
               "A number on Kim's immigration record", "A man Kim calls 'uncle'", "Kim's social media account"}
    assert names == {f"{title} (added for the exercise)" for title in made_up} | {"A mobile phone in Kim's things"}
    text = debrief_words(debriefs["nothing"]).text()
    assert "The car's number plate (added for the exercise). It stayed with the foster carer" in text
