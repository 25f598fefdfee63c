"""The assignment itself: what it assesses, the committed source notebook, and per-learner variants."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from grading.assessment.source_notebook import build_notebook, source_path
from grading.assessment.spec import ASSIGNMENT_ID, SCENARIOS, variant_seed
from grading.assessment.variants import DETAILS, chosen_details, variant_library
from grading.rubric import unanswered
from scenarios.models import ActionQuestion, RiskQuestion

ROOT = Path(__file__).resolve().parents[2]


def test_the_assessment_covers_enough_questions_and_a_held_back_case(library, assessed):
    assert len(SCENARIOS) >= 3
    assert sum(isinstance(q, RiskQuestion) for _, q in assessed) >= 6
    assert sum(isinstance(q, ActionQuestion) for _, q in assessed) >= 6
    assert any(library.scenario(sid).assessment_only for sid in SCENARIOS)


def test_the_formative_course_never_uses_a_held_back_case(library):
    held_back = [sid for sid in SCENARIOS if library.scenario(sid).assessment_only]
    course_text = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "course").rglob("*.ipynb"))
    for sid in held_back:
        assert f'"{sid}"' not in course_text and f"'{sid}'" not in course_text, sid


def test_the_committed_source_notebook_is_what_the_builder_makes(library):
    committed = json.loads(source_path().read_text(encoding="utf-8"))
    built = json.loads(nbformat.writes(build_notebook(library)))
    assert committed == built, "run `python -m grading.assessment.source_notebook` and commit the result"


def test_each_assessed_question_has_one_graded_cell_worth_the_rubrics_maximum(library, assessed):
    notebook = build_notebook(library)
    graded = {c.metadata.nbgrader["grade_id"]: c for c in notebook.cells if c.metadata.nbgrader["grade"]}
    assert list(graded) == [q.id for _, q in assessed]
    for sid, question in assessed:
        cell = graded[question.id]
        assert cell.metadata.nbgrader["points"] == unanswered(question, library).maximum
        assert cell.source == f'grade("{sid}", "{question.id}")'  # one call into the package


def test_every_cell_is_read_only_and_the_notebook_has_no_outputs(library):
    for cell in build_notebook(library).cells:
        assert cell.metadata.nbgrader["locked"], cell.source
        assert not cell.get("outputs")


def test_variant_seeds_are_stable_and_differ_between_learners_and_assignments():
    assert variant_seed("alice") == variant_seed("alice")
    assert variant_seed("alice") != variant_seed("bob")
    assert variant_seed("alice", ASSIGNMENT_ID) != variant_seed("alice", "another-assignment")


def test_every_variant_detail_belongs_to_a_stage_of_an_assessed_case(library):
    for sid, stages in DETAILS.items():
        assert sid in SCENARIOS, sid
        stage_ids = {stage.id for stage in library.scenario(sid).stages}
        assert set(stages) <= stage_ids, sid
        assert all(len(options) >= 2 for options in stages.values()), sid


@pytest.mark.parametrize("learner", ["alice", "bob", "carol", "trainee-0042", "ó-unicode"])
def test_a_variant_adds_details_but_never_changes_a_question(library, learner):
    seed = variant_seed(learner)
    variant = variant_library(seed, library)
    for sid in SCENARIOS:
        original, changed = library.scenario(sid), variant.scenario(sid)
        assert changed.questions() == original.questions()
        for before, after in zip(original.stages, changed.stages, strict=True):
            assert after.illustrative[: len(before.illustrative)] == before.illustrative
            added = after.illustrative[len(before.illustrative):]
            assert added == ([chosen_details(seed, original)[before.id]] if before.id in DETAILS[sid] else [])


def test_different_learners_read_different_details(library):
    scenario = library.scenario(SCENARIOS[-1])
    seen = {tuple(chosen_details(variant_seed(f"trainee-{n}"), scenario).values()) for n in range(20)}
    assert len(seen) > 1
