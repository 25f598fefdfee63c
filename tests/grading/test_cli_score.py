"""`mfc score`: the JSON contract, the readable report, and one-line errors for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from grading.answers import AnswerStore
from grading.rubric import score_scenario
from mfc.cli import main
from scenarios.library import shipped_library
from scenarios.models import ActionQuestion, Rating, RiskQuestion

MFC = Path(sys.executable).parent / "mfc"


def first_questions(library):
    """A scenario with both kinds of question, and its first risk and first action question."""
    for scenario in library.scenarios.values():
        risk = next((q for q in scenario.questions() if isinstance(q, RiskQuestion)), None)
        actions = next((q for q in scenario.questions() if isinstance(q, ActionQuestion)), None)
        if risk and actions:
            return scenario, risk, actions
    raise AssertionError("no scenario has both a risk and an action question")


@pytest.fixture
def answers_file(library, tmp_path):
    scenario, risk, actions = first_questions(library)
    harmful = next(o.action for o in actions.options if o.rating == Rating.HARMFUL)
    essential = next(o.action for o in actions.options if o.rating == Rating.ESSENTIAL)
    document = {"scenario": scenario.id, "trainee": "alice", "variant_seed": 3,
                "answers": {risk.id: risk.key, actions.id: [essential, harmful]}}
    path = tmp_path / f"{scenario.id}.answers.json"
    path.write_text(json.dumps(document))
    return path, document


def test_json_contract(library, answers_file, capsys):
    path, document = answers_file
    assert main(["score", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"scenario", "trainee", "points", "max", "items"}
    assert data["scenario"] == document["scenario"] and data["trainee"] == "alice"
    questions = library.scenario(document["scenario"]).questions()
    assert [item["question"] for item in data["items"]] == [q.id for q in questions]
    assert data["points"] == round(sum(item["points"] for item in data["items"]), 2)
    assert data["max"] == sum(item["max"] for item in data["items"])
    assert data == {**score_scenario(library, document["scenario"], document["answers"]).to_dict(), "trainee": "alice"}
    for item in data["items"]:
        assert set(item) == {"question", "kind", "points", "max", "feedback"}
        for feedback in item["feedback"]:
            assert set(feedback) == {"kind", "text", "citations"} and feedback["citations"]
    kinds = {fb["kind"] for item in data["items"] for fb in item["feedback"]}
    assert {"right", "harmful", "missed"} <= kinds


def test_readable_report_shows_every_question_and_the_total(library, answers_file, capsys):
    path, document = answers_file
    assert main(["score", str(path)]) == 0
    out = capsys.readouterr().out
    result = score_scenario(library, document["scenario"], document["answers"])
    assert f"score: {result.points:g} / {result.maximum:g}" in out and "trainee: alice" in out
    for mark in result.marks:
        assert f"{mark.question_id} ({mark.kind}): {mark.points:g} / {mark.maximum:g}" in out
    assert all(len(line) <= 100 for line in out.splitlines())


def test_a_file_the_store_wrote_scores_as_its_answers(library, tmp_path, capsys):
    scenario, risk, _ = first_questions(library)
    store = AnswerStore(tmp_path, trainee="bob")
    store.record(scenario.id, risk.id, risk.key, reason="because")
    assert main(["score", str(store.path(scenario.id)), "--json"]) == 0
    items = {item["question"]: item for item in json.loads(capsys.readouterr().out)["items"]}
    assert items[risk.id]["points"] == items[risk.id]["max"]


def bad_documents(library):
    scenario, risk, actions = first_questions(library)
    base = {"scenario": scenario.id, "trainee": "alice"}
    return [
        ("unknown-scenario", {**base, "scenario": "nobody"}, "unknown scenario 'nobody'"),
        ("unknown-question", {**base, "answers": {"made-up": "high"}}, "unknown question 'made-up'"),
        ("unknown-action", {**base, "answers": {actions.id: ["fly-away"]}}, "'fly-away' is not a known action"),
        ("unknown-level", {**base, "answers": {risk.id: "extreme"}}, "unknown risk level 'extreme'"),
        ("risk-as-list", {**base, "answers": {risk.id: [risk.key]}}, f"{risk.id}: a risk grading is one level id"),
        ("actions-as-text", {**base, "answers": {actions.id: "report"}}, f"{actions.id}: an action choice is a list"),
        ("answer-a-number", {**base, "answers": {risk.id: 3}}, f"{risk.id}: an answer is a level id"),
        ("no-trainee", {"scenario": scenario.id}, "trainee: a non-empty string"),
        ("not-an-object", [1, 2], "an answers file is a JSON object"),
    ]


BAD = bad_documents(shipped_library())


@pytest.mark.parametrize("name, document, message", BAD, ids=[name for name, _, _ in BAD])
def test_bad_answers_are_one_line_and_exit_2(tmp_path, capsys, name, document, message):
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(document))
    assert main(["score", str(path)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and message in err and str(path) in err, err


@pytest.mark.parametrize("content, message", [("{broken", "not valid JSON"), (b"\xff\xfe", "cannot be read")])
def test_unreadable_files_are_one_line_and_exit_2(tmp_path, capsys, content, message):
    path = tmp_path / "bad.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    assert main(["score", str(path), "--json"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and message in err


@pytest.mark.parametrize("command", [[str(MFC)], [sys.executable, "-m", "mfc.cli"]], ids=["script", "module"])
@pytest.mark.parametrize("target", ["missing.json", "."])
def test_missing_file_or_folder_is_one_line_with_no_traceback(tmp_path, command, target):
    result = subprocess.run([*command, "score", str(tmp_path / target)], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.startswith("mfc score: ") and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr and result.stdout == ""
