"""Loading a cohort folder into the tidy table: which files count, what each row holds, and how
bad files are left out with a reason while the good ones still count."""

from __future__ import annotations

import json

import pytest

from grading.answer_key import AnswerKey
from grading.answers import AnswerStore
from grading.cohort.synthetic import write_made_up_cohort
from grading.cohort.table import COLUMNS, find_answer_files, load_cohort
from grading.rubric import score_scenario
from scenarios.library import shipped_library
from scenarios.models import ActionQuestion, Rating, RiskQuestion

LIBRARY = shipped_library()
KIM = LIBRARY.scenario("kim")
KIM_RISK = next(q for q in KIM.questions() if isinstance(q, RiskQuestion))
KIM_ACTIONS = next(q for q in KIM.questions() if isinstance(q, ActionQuestion))


def rated(question: ActionQuestion, rating: Rating) -> list[str]:
    return [o.action for o in question.options if o.rating == rating]


def level_below(question: RiskQuestion) -> str:
    rank = LIBRARY.level(question.key).rank
    return next(lv for lv in question.levels if LIBRARY.level(lv).rank < rank)


def record(folder, trainee, scenario, answers: dict):
    store = AnswerStore(folder / trainee, trainee)
    for question_id, answer in answers.items():
        store.record(scenario, question_id, answer)
    return store.path(scenario)


def load(folder):
    return load_cohort(find_answer_files(folder), AnswerKey(LIBRARY))


def test_answer_files_are_found_at_any_depth_whatever_they_are_called(tmp_path):
    wanted = [tmp_path / "a" / "kim.answers.json", tmp_path / "b" / "c" / "anything.answers.json",
              tmp_path / "loose.answers.json"]
    ignored = [tmp_path / "notes.json", tmp_path / "a" / "kim.answers.json.corrupt-20260101T000000Z",
               tmp_path / ".ipynb_checkpoints" / "kim.answers.json", tmp_path / "a" / ".kim.answers.json.x.tmp",
               tmp_path / "a" / ".hidden.answers.json"]
    for path in wanted + ignored:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{}")
    (tmp_path / "folder.answers.json").mkdir()
    assert find_answer_files(tmp_path) == sorted(wanted)


def test_every_question_of_every_file_is_a_row_scored_as_the_rubric_scores_it(tmp_path):
    files = write_made_up_cohort(tmp_path, LIBRARY, trainees=6, seed=11, answer_share=0.8)
    cohort = load(tmp_path)
    assert cohort.skipped == () and cohort.files_read == len(files) and cohort.trainees == 6
    table = cohort.answers
    assert list(table.columns) == COLUMNS
    assert len(table) == 6 * sum(len(s.questions()) for s in LIBRARY.scenarios.values())
    for path in files:
        document = json.loads(path.read_text())
        expected = score_scenario(LIBRARY, document["scenario"], document["answers"])
        rows = table[(table["trainee"] == document["trainee"]) & (table["scenario"] == document["scenario"])]
        assert list(rows["question"]) == [m.question_id for m in expected.marks]
        assert list(rows["points"]) == [m.points for m in expected.marks]
        assert list(rows["max"]) == [m.maximum for m in expected.marks]
        assert list(rows["answered"]) == [m.question_id in document["answers"] for m in expected.marks]
    assert set(table["source"]) == {"answers"}


def test_rows_say_what_was_answered_under_graded_and_harmful(tmp_path):
    below, harmful = level_below(KIM_RISK), rated(KIM_ACTIONS, Rating.HARMFUL)
    chosen = [*harmful, *rated(KIM_ACTIONS, Rating.ESSENTIAL), harmful[0]]  # a repeat counts once
    record(tmp_path, "low-grader", "kim", {KIM_RISK.id: below, KIM_ACTIONS.id: chosen})
    record(tmp_path, "careful", "kim", {KIM_RISK.id: KIM_RISK.key})
    table = load(tmp_path).answers.set_index(["trainee", "question"])

    low = table.loc[("low-grader", KIM_RISK.id)]
    assert low["answer"] == below and low["under_graded"] and low["harmful_chosen"] == 0 and low["points"] == 0
    careful = table.loc[("careful", KIM_RISK.id)]
    assert careful["answer"] == KIM_RISK.key and not careful["under_graded"] and careful["points"] == careful["max"]

    actions = table.loc[("low-grader", KIM_ACTIONS.id)]
    assert actions["answer"] == tuple(sorted(set(chosen)))
    assert actions["harmful_chosen"] == len(harmful) and not actions["under_graded"]

    blank = table.loc[("careful", KIM_ACTIONS.id)]
    assert not blank["answered"] and blank["answer"] is None and blank["points"] == 0
    assert not blank["under_graded"] and blank["harmful_chosen"] == 0


BAD_FILES = {
    "not JSON": ("{not json", "not valid JSON"),
    "foreign JSON": (json.dumps({"title": "someone else's file"}), "scenario: a non-empty string is required"),
    "a list": ("[]", "an answers file is a JSON object"),
    "unknown scenario": (json.dumps({"scenario": "no-such-case", "trainee": "t", "answers": {}}),
                         "unknown scenario 'no-such-case'"),
    "unknown question": (json.dumps({"scenario": "kim", "trainee": "t", "answers": {"kim-nope": "high"}}),
                         "unknown question 'kim-nope' in scenario 'kim'"),
    "unknown level": (json.dumps({"scenario": "kim", "trainee": "t", "answers": {KIM_RISK.id: "purple"}}),
                      "unknown risk level 'purple'"),
    "action not offered": (json.dumps({"scenario": "kim", "trainee": "t",
                                       "answers": {KIM_RISK.id: "high", KIM_ACTIONS.id: ["made-up-action"]}}),
                           "'made-up-action' is not a known action"),
    "wrong type": (json.dumps({"scenario": "kim", "trainee": "t", "answers": {KIM_RISK.id: 3}}),
                   "an answer is a level id or a list of action ids"),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_a_bad_file_is_skipped_with_its_reason_and_the_rest_still_count(tmp_path, case):
    text, reason = BAD_FILES[case]
    record(tmp_path, "good", "kim", {KIM_RISK.id: KIM_RISK.key})
    bad = tmp_path / "bad" / "kim.answers.json"
    bad.parent.mkdir()
    bad.write_text(text)
    cohort = load(tmp_path)
    assert cohort.files_read == 2 and cohort.trainees == 1
    (skipped,) = cohort.skipped
    assert skipped.path == bad and reason in skipped.reason
    assert "\n" not in skipped.reason and not skipped.reason.startswith(str(bad))
    assert set(cohort.answers["trainee"]) == {"good"}  # nothing from the bad file, not even its good answers


def test_a_second_file_for_the_same_trainee_and_scenario_is_skipped(tmp_path):
    first = record(tmp_path, "alice", "kim", {KIM_RISK.id: KIM_RISK.key})
    copy = tmp_path / "zz-copies" / "kim-again.answers.json"
    copy.parent.mkdir()
    copy.write_text(first.read_text())
    cohort = load(tmp_path)
    (skipped,) = cohort.skipped
    assert skipped.path == copy and f"second answers file for trainee 'alice' and scenario 'kim' (kept {first})" \
        in skipped.reason
    assert len(cohort.answers) == len(KIM.questions())


def test_no_files_make_an_empty_table_with_the_columns_and_types(tmp_path):
    cohort = load(tmp_path)
    assert cohort.answers.empty and list(cohort.answers.columns) == COLUMNS
    assert cohort.answers["answered"].dtype == "boolean" and cohort.trainees == 0


def test_the_progress_bar_goes_to_stderr_only_when_asked(tmp_path, capsys):
    files = write_made_up_cohort(tmp_path, LIBRARY, trainees=1, scenarios=["kim"])
    load_cohort(files, AnswerKey(LIBRARY), progress=True)
    captured = capsys.readouterr()
    assert "answer files" in captured.err and "100%" in captured.err and captured.out == ""
    load_cohort(files, AnswerKey(LIBRARY), progress=False)
    assert capsys.readouterr().err == ""


def test_made_up_cohorts_are_the_same_for_the_same_seed(tmp_path):
    first = write_made_up_cohort(tmp_path / "a", LIBRARY, trainees=3, seed=4)
    second = write_made_up_cohort(tmp_path / "b", LIBRARY, trainees=3, seed=4)
    assert [p.read_text() for p in first] == [p.read_text() for p in second]
    table = load(tmp_path / "a").answers
    assert table["under_graded"].any() and (table["harmful_chosen"] > 0).any()  # something to report on
