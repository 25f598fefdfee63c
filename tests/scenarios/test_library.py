"""The shipped library is valid and keeps the rules every other part relies on."""

from __future__ import annotations

import pytest

from scenarios.errors import ScenarioError
from scenarios.library import CASES_DIR, load_library
from scenarios.models import ActionQuestion, Rating, RiskQuestion


def test_every_scenario_has_three_stages_and_a_decision_point_each(library):
    assert library.scenarios, "the library ships no scenarios"
    for scenario in library.scenarios.values():
        assert len(scenario.stages) >= 3, scenario.id
        assert all(stage.questions for stage in scenario.stages), scenario.id


def test_every_action_question_offers_an_essential_and_a_harmful_option(library):
    for scenario in library.scenarios.values():
        for q in scenario.questions():
            if isinstance(q, ActionQuestion):
                ratings = {o.rating for o in q.options}
                assert {Rating.ESSENTIAL, Rating.HARMFUL} <= ratings, q.id
                assert all(o.action in library.actions for o in q.options), q.id


def test_every_risk_question_key_is_a_level_it_offers(library):
    level_ids = {lv.id for lv in library.risk_scale.levels}
    for scenario in library.scenarios.values():
        for q in scenario.questions():
            if isinstance(q, RiskQuestion):
                assert q.key in q.levels and set(q.levels) <= level_ids, q.id


def test_every_citation_resolves_to_the_register(library):
    sections = {d.key: set(d.section_names) for d in library.guidance.documents}
    from scenarios.library import _all_citations

    citations = list(_all_citations(library))
    assert citations
    for _, where, citation in citations:
        key, _, section = citation.partition(" §")
        assert section in sections.get(key, set()), (where, citation)


def test_register_holds_exactly_the_seed_keys(library):
    assert {d.key for d in library.guidance.documents} == {"GP2024", "HO2025", "HBTH2016", "WF2026", "NSPCC-CTAC"}


def test_risk_rank_rises_with_risk_and_absent_is_retired(library):
    by_id = {lv.id: lv for lv in library.risk_scale.levels}
    assert by_id["high"].rank > by_id["medium"].rank > by_id["low"].rank > by_id["absent"].rank
    assert not by_id["absent"].in_use
    assert all(by_id[k].in_use for k in ("high", "medium", "low"))


def test_exploitation_rule_demands_high(library):
    rule = next(r for r in library.risk_scale.rules if r.id == "exploitation-means-high")
    assert rule.minimum_level == "high" and "trafficking" in rule.when_any


def test_hbth_cases_say_they_come_from_the_report(library):
    for scenario in library.scenarios.values():
        if scenario.source.kind == "hbth2016-case":
            assert scenario.source.citation.startswith("HBTH2016 §")
            assert "Heading back to harm" in scenario.source.note


def test_a_citation_to_an_unknown_section_names_file_and_field(tmp_path):
    text = (CASES_DIR / "kim.yaml").read_text().replace("HBTH2016 §Case study: Kim", "HBTH2016 §Nowhere", 1)
    bad = tmp_path / "kim.yaml"
    bad.write_text(text)
    with pytest.raises(ScenarioError) as err:
        load_library([bad])
    assert err.value.file == str(bad)
    assert err.value.fields == ["source.citation"]


def test_an_unknown_action_id_is_reported(tmp_path):
    text = (CASES_DIR / "kim.yaml").read_text().replace("action: nrm-referral", "action: no-such-action", 1)
    bad = tmp_path / "kim.yaml"
    bad.write_text(text)
    with pytest.raises(ScenarioError, match="no-such-action") as err:
        load_library([bad])
    assert err.value.fields == ["stages.0.questions.0.options.1.action"]


def test_two_files_with_one_id_are_refused(tmp_path):
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text((CASES_DIR / "kim.yaml").read_text())
    with pytest.raises(ScenarioError, match="unique scenario id"):
        load_library(sorted(tmp_path.glob("*.yaml")))


def test_a_reference_level_below_a_rule_is_refused(tmp_path):
    text = (CASES_DIR / "kim.yaml").read_text()
    assert "key: high\n        indicators: [trafficking, unaccompanied]" in text
    bad = tmp_path / "kim.yaml"
    bad.write_text(text.replace("key: high\n        indicators: [trafficking, unaccompanied",
                                "key: medium\n        indicators: [trafficking, unaccompanied", 1))
    with pytest.raises(ScenarioError, match="exploitation-means-high") as err:
        load_library([bad])
    assert err.value.fields[0].endswith(".key")
