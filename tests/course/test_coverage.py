"""The coverage matrix: the shipped one covers every section, and the check catches each kind of
false claim (each test plants one and expects exactly that problem)."""

from __future__ import annotations

from pathlib import Path

import pytest

from grading.rubric import score_actions
from scenarios.course_pages import CoursePage
from scenarios.coverage import (
    CoverageMatrix,
    MatrixRow,
    check_matrix,
    course_coverage,
    question_index,
    summary,
)
from scenarios.models import ActionQuestion, Rating

SECTION = "WF2026 §Return Home Interviews"
# A decision point of the shipped library that cites SECTION, and the scenario it belongs to.
QUESTION = "returning-child-interview-actions"
SCENARIO = "returning-child"


def page(name: str, citations=(), played=()) -> CoursePage:
    return CoursePage(name, Path(f"{name}.ipynb"), tuple(citations), tuple(played), ("Title",))


def full_matrix(library, **override: MatrixRow) -> CoverageMatrix:
    """A matrix claiming every section for one page and one question; `override` replaces rows."""
    rows = {f"{d.key} §{s}": MatrixRow(modules=["m"], questions=[QUESTION])
            for d in library.guidance.documents for s in d.section_names}
    rows.update(override)
    return CoverageMatrix(sections=rows)


def problems_of(library, row: MatrixRow, pages, section: str = SECTION) -> tuple[str, ...]:
    rows = check_matrix(full_matrix(library, **{section: row}), library, pages)
    return next(r for r in rows if r.citation == section).problems


@pytest.fixture
def pages():
    return {"m": page("m", [SECTION]), "cases/x": page("cases/x", played=[SCENARIO])}


def test_the_shipped_matrix_covers_every_section(library):
    rows = course_coverage(library)
    gaps = [f"{row.citation}: {'; '.join(row.problems)}" for row in rows if not row.covered]
    assert not gaps, "\n".join(gaps)
    register = {f"{d.key} §{s}" for d in library.guidance.documents for s in d.section_names}
    assert {row.citation for row in rows} == register


def test_a_true_claim_has_no_problems(library, pages):
    assert problems_of(library, MatrixRow(modules=["m"], questions=[QUESTION]), pages) == ()


def test_a_page_that_does_not_exist(library, pages):
    found = problems_of(library, MatrixRow(modules=["m", "99_nowhere"], questions=[QUESTION]), pages)
    assert found == ("page 99_nowhere does not exist (no course/99_nowhere.ipynb)",)


def test_a_page_that_does_not_cite_the_section(library, pages):
    pages["quiet"] = page("quiet", ["WF2026 §High Risk"])
    assert problems_of(library, MatrixRow(modules=["quiet"], questions=[QUESTION]), pages) == (
        "page quiet does not cite it",)


def test_no_page_at_all(library, pages):
    assert problems_of(library, MatrixRow(questions=[QUESTION]), pages) == ("no course page teaches it",)


def test_no_decision_point_names_the_ones_that_could_fill_the_gap(library, pages):
    (problem,) = problems_of(library, MatrixRow(modules=["m"]), pages)
    assert problem.startswith("no decision point assesses it (decision points that cite it: ")
    citing = sorted(q for q, info in question_index(library).items() if SECTION in info.citations)
    assert citing[0] in problem


def test_a_decision_point_that_does_not_exist(library, pages):
    assert problems_of(library, MatrixRow(modules=["m"], questions=["made-up-question"]), pages) == (
        "decision point made-up-question does not exist in the case library",)


def test_a_decision_point_that_does_not_cite_the_section(library, pages):
    other = next(q for q, info in question_index(library).items()
                 if SECTION not in info.citations and info.scenario_id == SCENARIO)
    assert problems_of(library, MatrixRow(modules=["m"], questions=[other]), pages) == (
        f"decision point {other} does not cite it",)


def test_a_decision_point_no_page_plays(library, pages):
    del pages["cases/x"]
    assert problems_of(library, MatrixRow(modules=["m"], questions=[QUESTION]), pages) == (
        f"decision point {QUESTION} is in scenario {SCENARIO}, which no course page plays",)


def test_assessment_only_decision_points_count_without_a_page(library, pages):
    held_back = [(q, info) for q, info in question_index(library).items() if info.assessment_only]
    if not held_back:
        pytest.skip("the library has no assessment-only scenario")
    question, info = held_back[0]
    section = sorted(info.citations)[0]
    pages["m"] = page("m", [section])
    assert problems_of(library, MatrixRow(modules=["m"], questions=[question]), pages, section) == ()


def test_background_is_only_for_the_2016_report(library, pages):
    assert problems_of(library, MatrixRow(modules=["m"], background=True), pages) == (
        "only HBTH2016 sections may be background; every other section needs a decision point",)
    section = "HBTH2016 §Methodology"
    pages["m"] = page("m", [section])
    assert problems_of(library, MatrixRow(modules=["m"], background=True), pages, section) == ()


def test_sections_missing_from_the_matrix_and_rows_for_unknown_sections(library, pages):
    matrix = full_matrix(library)
    del matrix.sections[SECTION]
    matrix.sections["WF2026 §No Such Section"] = MatrixRow(modules=["m"], questions=[QUESTION])
    rows = check_matrix(matrix, library, pages)
    missing = next(r for r in rows if r.citation == SECTION)
    assert missing.problems == ("missing from the coverage matrix",) and not missing.covered
    unknown = rows[-1]
    assert unknown.citation == "WF2026 §No Such Section" and not unknown.in_register
    assert unknown.problems == ("not a section listed in guidance.yaml",)


def test_summary_counts_register_sections_per_document(library, pages):
    rows = check_matrix(full_matrix(library, **{SECTION: MatrixRow(modules=["m"])}), library, pages)
    totals = summary(rows)
    register = sum(len(d.sections) for d in library.guidance.documents)
    assert totals["sections"] == register
    # No row is covered: SECTION's row lacks a decision point, and page "m" cites nothing else.
    assert totals["covered"] == 0
    assert totals["documents"]["WF2026"]["sections"] == len(
        next(d for d in library.guidance.documents if d.key == "WF2026").sections)


def test_question_index_counts_what_the_feedback_cites(library):
    """An option's own citations, else its action's; a neutral option gets no feedback."""
    index = question_index(library)
    for scenario in library.scenarios.values():
        for question in scenario.questions():
            expected = set(question.citations)
            if isinstance(question, ActionQuestion):
                for option in question.options:
                    if option.rating != Rating.NEUTRAL:
                        expected |= set(option.citations or library.action(option.action).citations)
            assert index[question.id].citations == expected
            assert index[question.id].scenario_id == scenario.id


def test_feedback_citations_match_the_rubric(library):
    """The check counts exactly the citations the rubric shows for a wrong or right choice."""
    index = question_index(library)
    for scenario in library.scenarios.values():
        for question in scenario.questions():
            if isinstance(question, ActionQuestion):
                shown = {c for chosen in ([], [o.action for o in question.options])
                         for item in score_actions(question, chosen, library).feedback for c in item.citations}
                assert shown | set(question.citations) == index[question.id].citations
