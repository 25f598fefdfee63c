"""Fact ledgers: every sentence a retold case tells about a real child is tied to a fact that is
either sourced (section and locator in a public document) or marked illustrative."""

from __future__ import annotations

import shutil

import pytest
import yaml
from pydantic import ValidationError

from scenarios.errors import ScenarioError
from scenarios.ledger import Ledger, LedgerFact, ledger_file, ledger_problems, marked_sentences
from scenarios.library import CASES_DIR, load_library

# Every case retold from the 2016 report has a ledger.
LEDGERED = {"kim", "carer-kim-night", "kojo", "bao", "carer-bao-sim", "nigerian-girls"}


def _raw(case_id: str) -> dict:
    return yaml.safe_load((CASES_DIR / f"{case_id}.yaml").read_text(encoding="utf-8"))


def _ledger(case_id: str) -> Ledger:
    return Ledger.model_validate(yaml.safe_load(ledger_file(CASES_DIR / f"{case_id}.yaml").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def sections(library):
    return {d.key: set(d.section_names) for d in library.guidance.documents}


def test_every_case_retold_from_the_report_has_a_ledger(library):
    retold = {sid for sid, s in library.scenarios.items() if s.source.kind == "hbth2016-case"}
    assert retold == LEDGERED


@pytest.mark.parametrize("case_id", sorted(LEDGERED))
def test_every_sentence_about_the_child_is_tied_to_a_ledger_fact(case_id, sections):
    assert ledger_file(CASES_DIR / f"{case_id}.yaml").exists()
    assert ledger_problems(_raw(case_id), _ledger(case_id), sections) == []
    assert len(list(marked_sentences(_raw(case_id)))) >= 15


@pytest.mark.parametrize("case_id", sorted(LEDGERED))
def test_the_report_retellings_source_their_facts_to_the_case_study(case_id, library):
    cited = library.scenario(case_id).source.citation
    sourced = [f for f in _ledger(case_id).facts.values() if f.source == cited]
    assert len(sourced) >= 10 and all(f.locator for f in sourced)


def test_the_marks_never_reach_the_reader(library):
    for case_id in LEDGERED:
        dumped = library.scenario(case_id).model_dump_json()
        assert "{" not in dumped.replace('{"', "").replace("{}", ""), case_id


def test_an_unmarked_sentence_is_refused(sections):
    raw = _raw("kim")
    raw["stages"][0]["narrative"] += " She liked the food there."
    problems = ledger_problems(raw, _ledger("kim"), sections)
    assert [p.field for p in problems] == ["stages.0.narrative"]
    assert "She liked the food there." in problems[0].expected


def test_a_claim_in_feedback_that_names_the_child_needs_a_mark(sections):
    raw = _raw("kim")
    raw["stages"][1]["questions"][0]["options"][0]["why"] += " Kim thanked them for it."
    fields = [p.field for p in ledger_problems(raw, _ledger("kim"), sections)]
    assert fields == ["stages.1.questions.0.options.0.why"]


def test_an_unknown_id_and_an_unused_fact_are_refused(sections):
    raw = _raw("kim")
    raw["child"]["background"] = raw["child"]["background"].replace("{kim-girl-vietnam}", "{kim-made-up}")
    expected = {p.expected for p in ledger_problems(raw, _ledger("kim"), sections)}
    assert "a fact id from the ledger; got 'kim-made-up'" in expected
    assert "a fact some sentence of the case rests on" in expected


@pytest.mark.parametrize("fact", [
    {"claim": "x"},
    {"claim": "x", "source": "HBTH2016 §Case study: Kim", "locator": "p1", "illustrative": "y"},
    {"claim": "x", "source": "HBTH2016 §Case study: Kim"},
])
def test_a_fact_is_sourced_with_a_locator_or_illustrative(fact):
    with pytest.raises(ValidationError):
        LedgerFact.model_validate(fact)


def test_mfc_check_refuses_a_case_that_breaks_its_ledger(tmp_path):
    (tmp_path / "cases").mkdir()
    (tmp_path / "ledgers").mkdir()
    case = tmp_path / "cases" / "kim.yaml"
    text = (CASES_DIR / "kim.yaml").read_text(encoding="utf-8")
    case.write_text(text.replace(" {kim-arrest-cell}", "", 1), encoding="utf-8")
    shutil.copy(ledger_file(CASES_DIR / "kim.yaml"), tmp_path / "ledgers" / "kim.yaml")
    with pytest.raises(ScenarioError) as err:
        load_library([case])
    assert "stages.0.narrative" in err.value.fields
