"""The closing page's self-check: scores what was answered, flags under-graded risks and harmful
choices, names modules to revisit from the coverage matrix, and never marks the assessment."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from grading.answers import AnswerStore
from grading.course_answers import course_answers, course_dir
from grading.selfcheck import self_check
from scenarios.coverage import COURSE_DIR, CoverageMatrix, MatrixRow
from scenarios.library import CASES_DIR, load_library
from scenarios.models import ActionQuestion, Rating, RiskQuestion

CASE = "kim"


@pytest.fixture
def store(tmp_path):
    return AnswerStore(tmp_path / "answers", trainee="trainee-1")


def risk_question(library):
    return next(q for q in library.scenario(CASE).questions() if isinstance(q, RiskQuestion))


def action_question(library) -> ActionQuestion:
    return next(q for q in library.scenario(CASE).questions() if isinstance(q, ActionQuestion))


def lowest_level(library, question: RiskQuestion) -> str:
    return min(question.levels, key=lambda level: library.level(level).rank)


def matrix_for(library) -> CoverageMatrix:
    """The risk question is tied to Module 4 by id; the action question's citations to Module 2."""
    risk, actions = risk_question(library), action_question(library)
    rows = {"WF2026 §Medium Risk": MatrixRow(modules=["04_reporting_and_risk"], questions=[risk.id])}
    for citation in actions.citations:
        rows[citation] = MatrixRow(modules=["02_preventing_missing", f"cases/{CASE}"])
    return CoverageMatrix(sections=rows)


def test_no_answers_yet(library, store):
    check = self_check(store, library, matrix_for(library))
    assert check.cases == () and check.flags == ()
    assert "No answers yet" in check._repr_html_()


def test_under_grading_and_harmful_choices_are_flagged_with_modules_to_revisit(library, store):
    risk, actions = risk_question(library), action_question(library)
    harmful = next(o for o in actions.options if o.rating == Rating.HARMFUL)
    store.record(CASE, risk.id, lowest_level(library, risk))
    store.record(CASE, actions.id, [harmful.action])
    check = self_check(store, library, matrix_for(library))

    (case,) = check.cases
    assert (case.scenario_id, case.answered, case.total) == (CASE, 2, len(library.scenario(CASE).questions()))
    assert case.points == 0 and case.maximum > 0
    by_question = {flag.question_id: flag for flag in check.flags}
    assert by_question[risk.id].under_graded and by_question[risk.id].harmful == ()
    assert by_question[actions.id].harmful == (library.action(harmful.action).label,)
    assert by_question[risk.id].modules[0] == "04_reporting_and_risk"
    assert "cases/kim" not in by_question[actions.id].modules  # the trainee has just been there
    assert set(check.revisit) == {"04_reporting_and_risk", "02_preventing_missing"}

    html = check._repr_html_()
    assert "You have answered <strong>2</strong> decision points in <strong>1</strong> case." in html
    assert "Decision points to look at again" in html and "Modules to revisit" in html
    assert "You graded the risk lower than the guidance does." in html
    assert "teaching aid" in html


def test_answers_matching_the_guidance_raise_no_flags(library, store):
    risk, actions = risk_question(library), action_question(library)
    store.record(CASE, risk.id, risk.key)
    store.record(CASE, actions.id, [o.action for o in actions.options if o.rating == Rating.ESSENTIAL])
    check = self_check(store, library, matrix_for(library))
    assert check.flags == () and check.revisit == ()
    assert "No under-graded risks and no harmful choices" in check._repr_html_()


def test_modules_most_needed_come_first(library, store):
    risks = [q for q in library.scenario(CASE).questions() if isinstance(q, RiskQuestion)]
    assert len(risks) > 1, "kim has more than one risk question"
    # Sections kim does not cite, so only the ids tie questions to modules. The module needed by
    # every flag sorts after the other by name, so the order cannot come from the names alone.
    matrix = CoverageMatrix(sections={
        "GP2024 §Background": MatrixRow(modules=["01_why_children_go_missing"], questions=[risks[0].id]),
        "GP2024 §Push factors": MatrixRow(modules=["06_return_and_review"], questions=[q.id for q in risks]),
    })
    for question in risks:
        store.record(CASE, question.id, lowest_level(library, question))
    assert self_check(store, library, matrix).revisit == ("06_return_and_review", "01_why_children_go_missing")


def test_the_advice_names_a_few_modules_in_course_order_not_all_of_them(library, store):
    risks = [q for q in library.scenario(CASE).questions() if isinstance(q, RiskQuestion)]
    tied_to_all = [q.id for q in risks]
    matrix = CoverageMatrix(sections={
        "GP2024 §Background": MatrixRow(modules=["06_return_and_review", "03_preparing_for_missing"],
                                        questions=tied_to_all),
        "GP2024 §Push factors": MatrixRow(modules=["05_the_investigation", "01_why_children_go_missing"],
                                          questions=[risks[0].id]),
        risks[0].citations[0]: MatrixRow(modules=["02_preventing_missing", "cases/kim"], questions=[]),
    })
    for question in risks:
        store.record(CASE, question.id, lowest_level(library, question))
    check = self_check(store, library, matrix)
    first = next(flag for flag in check.flags if flag.question_id == risks[0].id)
    assert first.modules == ("01_why_children_go_missing", "03_preparing_for_missing"), "tied to it, course order"
    # 03 is named for both decision points; then the rest by course order, three in all.
    assert check.revisit == ("03_preparing_for_missing", "01_why_children_go_missing", "06_return_and_review")


def test_assessment_only_answers_are_never_marked(tmp_path, store):
    data = yaml.safe_load((CASES_DIR / f"{CASE}.yaml").read_text(encoding="utf-8"))
    data.update(id="held-back", assessment_only=True)
    path = tmp_path / "held-back.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    library = load_library([path])
    question = library.scenario("held-back").questions()[0]
    store.record("held-back", question.id, "low" if isinstance(question, RiskQuestion) else [])
    assert self_check(store, library, CoverageMatrix(sections={})).cases == ()


def test_an_answer_that_no_longer_fits_is_listed_to_answer_again(library, store):
    risk = risk_question(library)
    store.record(CASE, risk.id, "not-a-level")
    check = self_check(store, library, matrix_for(library))
    assert check.stale == (f"{CASE}: {risk.id}",)
    assert check.cases[0].answered == 0
    assert "answer them again" in check._repr_html_()


def test_to_dict_is_plain_data(library, store):
    risk = risk_question(library)
    store.record(CASE, risk.id, lowest_level(library, risk))
    data = self_check(store, library, matrix_for(library)).to_dict()
    assert data["cases"][0]["scenario_id"] == CASE
    assert data["flags"][0]["modules"] == ["04_reporting_and_risk"]
    assert set(data) == {"cases", "flags", "revisit", "stale"}


def test_course_dir_is_found_from_a_case_page_folder(tmp_path, monkeypatch):
    (tmp_path / "00_start_here.ipynb").write_text("{}")
    (tmp_path / "cases").mkdir()
    assert course_dir(tmp_path / "cases") == tmp_path


def test_answers_live_outside_the_course_by_default(tmp_path, monkeypatch):
    monkeypatch.delenv("MFC_ANSWERS_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert course_answers().directory == tmp_path / "data" / "missing-from-care" / "answers"
    assert not course_answers().directory.is_relative_to(COURSE_DIR)


def test_course_dir_falls_back_to_the_checkout(tmp_path):
    assert course_dir(tmp_path) == COURSE_DIR
    assert (COURSE_DIR / "00_start_here.ipynb").is_file()


def test_the_answers_folder_can_be_set_for_tests_and_hubs(tmp_path, monkeypatch):
    monkeypatch.setenv("MFC_ANSWERS_DIR", str(tmp_path))
    assert course_answers().directory == Path(tmp_path)
