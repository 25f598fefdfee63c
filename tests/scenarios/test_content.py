"""The content of the shipped library: the catalogue covers the harms the 2016 report documents,
the scenarios the course and the assessment rely on exist with the right shape, and the carers'
scenarios are written in plain language."""

from __future__ import annotations

import pytest

from scenarios.models import ActionQuestion, RiskQuestion

# Practices the 2016 report (and the procedures) show doing harm. Scenarios offer them as the
# harmful options, and cohort reports count them, so each must stay in the catalogue, flagged.
DOCUMENTED_HARMS = [
    "record-as-absconder",
    "wait-before-reporting",
    "lower-risk-at-18",
    "age-assessment-immediately",
    "disclose-placement-to-unverified-caller",
    "remove-phone-without-explanation",
    "place-in-bnb",
    "prosecute-for-cannabis-cultivation",
    "grade-absent",
    "uniformed-interview-without-interpreter",
    "detain-as-adult",
    "take-no-action-on-disclosure",
    "leave-nrm-referral-to-others",
    # Harms the 2016 report documents, added after the content review of December 2026.
    "repeat-confidences-to-carer",
    "dismiss-food-and-faith",
    "criminal-first-wanted-on-bail",
    "carer-unprepared-first-hours",
    "insecure-assessment-centre",
    "publicise-without-weighing-risk",
    "let-stayed-nrm-drift",
]
HBTH_RETELLINGS = {"kim", "kojo", "bao", "nigerian-girls", "carer-kim-night", "carer-bao-sim"}
PROCEDURE_CASES = {"newly-arrived-15", "curfew-16", "returning-child", "out-of-area", "hidden-phone"}
ASSESSMENT_CASES = {"turning-18", "cannabis-farm"}
CARER_CASES = {"carer-kim-night", "carer-bao-sim"}
PLAIN_LANGUAGE = 60  # Flesch reading ease: 60-70 is plain English a 13-15-year-old reads easily


def test_catalogue_has_at_least_45_actions(library):
    assert len(library.actions) >= 45


@pytest.mark.parametrize("action_id", DOCUMENTED_HARMS)
def test_documented_harm_is_in_the_catalogue_and_flagged(library, action_id):
    assert action_id in library.actions, f"{action_id} missing from actions.yaml"
    assert library.actions[action_id].documented_harm, f"{action_id} must be marked documented_harm"


def test_every_catalogue_action_is_offered_somewhere(library):
    offered = {o.action for s in library.scenarios.values() for q in s.questions()
               if isinstance(q, ActionQuestion) for o in q.options}
    assert set(library.actions) - offered == set(), "actions no scenario offers"


def test_the_planned_scenarios_ship(library):
    assert HBTH_RETELLINGS | PROCEDURE_CASES | ASSESSMENT_CASES <= set(library.scenarios)
    for sid in HBTH_RETELLINGS:
        assert library.scenario(sid).source.kind == "hbth2016-case", sid
    for sid in PROCEDURE_CASES | ASSESSMENT_CASES:
        assert library.scenario(sid).source.kind == "procedure", sid


def test_retellings_say_the_names_are_not_real(library):
    for sid in HBTH_RETELLINGS:
        note = library.scenario(sid).source.note.lower()
        assert "heading back to harm" in note and "not" in note and "real" in note, sid


def test_question_ids_start_with_their_scenario_id(library):
    for scenario in library.scenarios.values():
        for q in scenario.questions():
            assert q.id.startswith(scenario.id + "-"), q.id


def test_assessment_scenarios_are_held_back_and_have_enough_questions(library):
    held_back = {s.id for s in library.scenarios.values() if s.assessment_only}
    assert held_back == ASSESSMENT_CASES
    for sid in ASSESSMENT_CASES:
        questions = library.scenario(sid).questions()
        assert sum(isinstance(q, RiskQuestion) for q in questions) >= 2, sid
        assert sum(isinstance(q, ActionQuestion) for q in questions) >= 2, sid


def test_every_scenario_has_a_content_note_and_a_debrief(library):
    for scenario in library.scenarios.values():
        assert len(scenario.content_note.split()) >= 10, scenario.id
        assert scenario.debrief.what_happened and scenario.debrief.what_guidance_says, scenario.id


def test_carers_scenarios_are_for_foster_carers_only(library):
    for sid in CARER_CASES:
        assert library.scenario(sid).audiences == ["foster-carer"], sid


@pytest.mark.parametrize("sid", sorted(CARER_CASES))
def test_carers_narratives_are_plain_language(library, flesch, sid):
    for stage in library.scenario(sid).stages:
        score = flesch(stage.narrative)
        assert score >= PLAIN_LANGUAGE, f"{sid}/{stage.id}: Flesch {score:.0f} < {PLAIN_LANGUAGE}"


def test_the_readability_measure_tells_dense_prose_from_plain(flesch):
    dense = ("Notwithstanding jurisdictional considerations, multi-agency safeguarding arrangements "
             "necessitate comprehensive, contemporaneous documentation of exploitation indicators.")
    plain = "Ring the police now. Tell them what she wore. Give them the car's number plate."
    assert flesch(dense) < PLAIN_LANGUAGE <= flesch(plain)
