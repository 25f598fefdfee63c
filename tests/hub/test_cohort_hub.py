"""A cohort on a real JupyterHub: the lead releases, three trainees fetch, answer and submit, the
lead collects and autogrades, and every mark is the rubric's.

Each step runs as the user who would do it: the lead's commands in a kernel on the lead's own
server (as in a JupyterLab terminal), the trainees' fetch and submit through nbgrader's
assignment-list API on their servers (what the Assignments tab calls), and their answers recorded
by the answer store in a kernel on their servers (what the scenario player does). The exchange is
one folder on this machine, as on a one-server hub, and crosses four real accounts.
"""

from __future__ import annotations

import csv
import io
import json

import nbformat
import pytest

from grading.rubric import score_answers
from scenarios.models import Rating

pytestmark = pytest.mark.slow

ASSIGNMENT = "ps1"
SCENARIO = "kim"
QUESTIONS = ("kim-night-risk", "kim-night-actions")


def _graded_cell(question_id: str, points: int) -> nbformat.NotebookNode:
    """A read-only cell that scores the saved answer to one question; nbgrader takes the number
    it returns as partial credit."""
    source = (f"from grading.answers import AnswerStore\nfrom grading.rubric import score_answers\n"
              f"from scenarios.library import shipped_library\n"
              f"answers = AnswerStore().load({SCENARIO!r}).answers\n"
              f"marks = score_answers(shipped_library(), {SCENARIO!r}, answers)\n"
              f"next(m.points for m in marks if m.question_id == {question_id!r})")
    return nbformat.v4.new_code_cell(source, metadata={"nbgrader": {
        "grade": True, "solution": False, "locked": True, "task": False, "points": points,
        "grade_id": question_id, "schema_version": 3}})


def tiny_assignment(library) -> str:
    questions = {q.id: q for q in library.scenario(SCENARIO).questions()}
    cells = [nbformat.v4.new_markdown_cell("Answer Kim's night questions in the player, then submit.",
                                           metadata={"nbgrader": {"grade": False, "solution": False,
                                                                  "locked": True, "task": False,
                                                                  "grade_id": "intro", "schema_version": 3}})]
    cells += [_graded_cell(qid, 2 if questions[qid].kind == "risk" else 4) for qid in QUESTIONS]
    return nbformat.writes(nbformat.v4.new_notebook(cells=cells))


def answers_for(library) -> dict[str, dict[str, object]]:
    """Three ways through Kim's night: the guidance's answer, an under-grading with harmful
    actions, and a middle course (medium risk, essential actions only)."""
    risk, actions = (next(q for q in library.scenario(SCENARIO).questions() if q.id == qid) for qid in QUESTIONS)
    rated = {rating: [o.action for o in actions.options if o.rating == rating] for rating in Rating}
    return {
        "key": {risk.id: risk.key, actions.id: rated[Rating.ESSENTIAL] + rated[Rating.HELPFUL]},
        "harm": {risk.id: "low", actions.id: rated[Rating.HARMFUL]},
        "middle": {risk.id: "medium", actions.id: rated[Rating.ESSENTIAL]},
    }


def test_a_cohort_releases_fetches_submits_collects_and_autogrades(cohort, library):
    lead = cohort.kernel(cohort.lead)
    course = str(cohort.course_root)
    lead.run(f"""
        from pathlib import Path
        source = Path({course!r}) / "source" / {ASSIGNMENT!r}
        source.mkdir(parents=True)
        (source / "{ASSIGNMENT}.ipynb").write_text({tiny_assignment(library)!r})
    """)
    lead.check("nbgrader", "generate_assignment", ASSIGNMENT, cwd=course)
    lead.check("nbgrader", "release_assignment", ASSIGNMENT, cwd=course)

    plans = dict(zip((t.name for t in cohort.trainees), answers_for(library).values(), strict=True))
    for trainee in cohort.trainees:
        listed = cohort.hub.user_api(trainee.name, "GET", "assignments", params={"course_id": "missing-from-care"})
        assert [(a["assignment_id"], a["status"]) for a in listed.json()["value"]] == [(ASSIGNMENT, "released")]
        fetched = cohort.hub.user_api(trainee.name, "POST", "assignments/fetch",
                                      data={"course_id": "missing-from-care", "assignment_id": ASSIGNMENT})
        assert [a["status"] for a in fetched.json()["value"]] == ["fetched"]
        kernel = cohort.kernel(trainee, ASSIGNMENT)
        kernel.run(f"""
            from grading.answers import AnswerStore
            store = AnswerStore()
            for question, answer in {plans[trainee.name]!r}.items():
                store.record({SCENARIO!r}, question, answer)
        """)
        submitted = cohort.hub.user_api(trainee.name, "POST", "assignments/submit",
                                        data={"course_id": "missing-from-care", "assignment_id": ASSIGNMENT})
        assert submitted.json()["success"], submitted.text

    inbound = cohort.exchange / "missing-from-care" / "inbound"
    owners = sorted(path.owner() for path in inbound.iterdir())
    assert owners == sorted(t.name for t in cohort.trainees), "each submission belongs to its trainee's account"
    snooper = cohort.kernel(cohort.trainees[1])
    assert json.loads(snooper.run(f"""
        import json, os
        try:
            print(json.dumps(os.listdir({str(inbound)!r})))
        except PermissionError:
            print(json.dumps("refused"))
    """)) == "refused", "a trainee must not see other trainees' submissions"

    lead.check("nbgrader", "collect", ASSIGNMENT, cwd=course)
    lead.check("nbgrader", "autograde", ASSIGNMENT, cwd=course)
    lead.check("nbgrader", "export", "--to=marks.csv", cwd=course)
    rows = list(csv.DictReader(io.StringIO((cohort.course_root / "marks.csv").read_text())))

    marks = {row["student_id"]: float(row["raw_score"]) for row in rows}
    expected = {name: sum(m.points for m in score_answers(library, SCENARIO, plan) if m.question_id in QUESTIONS)
                for name, plan in plans.items()}
    assert marks == pytest.approx(expected)
    assert max(marks.values()) == float(rows[0]["max_score"]) == 6.0, "the guidance's answer earns full marks"
    assert len(set(marks.values())) == 3, "three different ways through earn three different marks"
