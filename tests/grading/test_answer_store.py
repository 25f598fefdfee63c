"""The answer store: the file format, defaults, bad files moved aside (never overwritten),
atomic writes, and writers that take turns."""

from __future__ import annotations

import json
import logging
import multiprocessing
import re
from datetime import datetime

import pytest

from grading import answers as answers_module
from grading.answers import AnswerFile, AnswerFileError, AnswerStore, read_answer_file

CORRUPT_NAME = re.compile(r"kim\.answers\.json\.corrupt-\d{8}T\d{6}Z(-\d+)?")


@pytest.fixture
def store(tmp_path) -> AnswerStore:
    return AnswerStore(tmp_path, trainee="alice")


def test_records_round_trip_in_the_documented_format(store, tmp_path):
    store.record("kim", "kim-night-risk", "high", reason="She left in a car at night.")
    store.record("kim", "kim-night-actions", ["report-missing-to-police-now", "give-police-vehicle-details"])
    assert store.path("kim") == tmp_path / "kim.answers.json"
    data = json.loads(store.path("kim").read_text())
    assert data["schema"] == 1 and data["scenario"] == "kim" and data["trainee"] == "alice"
    assert data["answers"] == {"kim-night-risk": "high",
                               "kim-night-actions": ["report-missing-to-police-now", "give-police-vehicle-details"]}
    assert data["reasons"] == {"kim-night-risk": "She left in a car at night."}
    assert datetime.fromisoformat(data["updated"]).tzinfo is not None
    assert AnswerStore(tmp_path, trainee="bob").load("kim") == read_answer_file(store.path("kim"))


def test_a_new_answer_replaces_the_old_one_and_its_reason(store):
    store.record("kim", "kim-night-risk", "medium", reason="first thoughts")
    answers = store.record("kim", "kim-night-risk", "high")
    assert answers.answers == {"kim-night-risk": "high"} and answers.reasons == {}
    assert store.load("kim") == answers


def test_loading_nothing_yet_gives_an_empty_file_and_writes_nothing(tmp_path):
    store = AnswerStore(tmp_path / "not-yet", trainee="alice")
    assert store.load("kim") == AnswerFile("kim", "alice")
    assert not (tmp_path / "not-yet").exists()


def test_directory_and_trainee_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("MFC_ANSWERS_DIR", "MFC_TRAINEE", "JUPYTERHUB_USER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(answers_module.getpass, "getuser", lambda: "login-name")
    assert AnswerStore().directory == tmp_path and AnswerStore().trainee == "login-name"
    monkeypatch.setenv("JUPYTERHUB_USER", "hub-user")
    assert AnswerStore().trainee == "hub-user"
    monkeypatch.setenv("MFC_TRAINEE", "named")
    monkeypatch.setenv("MFC_ANSWERS_DIR", str(tmp_path / "elsewhere"))
    store = AnswerStore()
    assert store.trainee == "named" and store.directory == tmp_path / "elsewhere"
    store.record("kim", "q", "high")
    assert (tmp_path / "elsewhere" / "kim.answers.json").exists()


def test_extra_fields_are_kept_through_every_write(store):
    store.annotate("kim", variant_seed=7, cohort={"name": "spring"})
    store.record("kim", "kim-night-risk", "high")
    loaded = store.load("kim")
    assert loaded.extra == {"variant_seed": 7, "cohort": {"name": "spring"}, "started": loaded.updated}
    assert json.loads(store.path("kim").read_text())["variant_seed"] == 7


def test_extra_fields_written_by_another_tool_are_kept(store):
    document = {"scenario": "kim", "trainee": "alice", "answers": {}, "lms_id": "X-12"}
    store.path("kim").write_text(json.dumps(document))
    store.record("kim", "kim-night-risk", "high")
    assert json.loads(store.path("kim").read_text())["lms_id"] == "X-12"


def test_annotate_refuses_standard_fields_and_values_json_cannot_hold(store):
    with pytest.raises(AnswerFileError, match="answers"):
        store.annotate("kim", answers={})
    with pytest.raises(AnswerFileError, match="JSON values"):
        store.annotate("kim", seed=object())


@pytest.mark.parametrize("content, problem", [
    ("{not json", "not valid JSON"),
    ("\udcff".encode("utf-8", "surrogateescape"), "cannot be read"),
    ("[1, 2]", "a JSON object"),
    ('{"schema": 2, "scenario": "kim", "trainee": "alice"}', "schema"),
    ('{"scenario": "bao", "trainee": "alice"}', "scenario: expected 'kim'"),
    ('{"scenario": "kim", "trainee": "alice", "answers": {"q": 5}}', "q: an answer is"),
    ('{"scenario": "kim", "trainee": "alice", "answers": []}', "answers:"),
    ('{"scenario": "kim", "trainee": "alice", "reasons": {"q": 1}}', "reasons:"),
    ('{"scenario": "kim", "trainee": "alice", "updated": 5}', "updated:"),
    ('{"scenario": "kim"}', "trainee: a non-empty string"),
])
def test_a_bad_file_is_moved_aside_with_a_warning_and_never_overwritten(store, tmp_path, caplog, content, problem):
    raw = content if isinstance(content, bytes) else content.encode()
    store.path("kim").write_bytes(raw)
    (tmp_path / "bao.answers.json").write_text('{"scenario": "bao", "trainee": "alice", "answers": {"b": "high"}}')
    with caplog.at_level(logging.WARNING, logger="grading.answers"):
        assert store.load("kim") == AnswerFile("kim", "alice")
    assert problem in caplog.text and "kept it as" in caplog.text
    (kept,) = [p for p in tmp_path.iterdir() if p.name.startswith("kim.answers.json.corrupt-")]
    assert CORRUPT_NAME.fullmatch(kept.name) and kept.read_bytes() == raw
    store.record("kim", "kim-night-risk", "high")
    assert kept.read_bytes() == raw
    assert AnswerStore(tmp_path, trainee="alice").load("bao").answers == {"b": "high"}


def test_two_bad_files_in_the_same_second_are_both_kept(store, tmp_path):
    for n in range(3):
        store.path("kim").write_text(f"broken {n}")
        store.load("kim")
    kept = sorted(p.read_text() for p in tmp_path.glob("kim.answers.json.corrupt-*"))
    assert kept == ["broken 0", "broken 1", "broken 2"]


def test_another_trainees_file_can_be_read_but_not_written(store, tmp_path):
    # nbgrader re-runs a trainee's notebook as the course lead: reading must work.
    store.record("kim", "kim-night-risk", "high")
    before = store.path("kim").read_bytes()
    lead = AnswerStore(tmp_path, trainee="course-lead")
    assert lead.load("kim").answers == {"kim-night-risk": "high"}
    with pytest.raises(AnswerFileError, match="holds the answers of trainee 'alice', not 'course-lead'"):
        lead.record("kim", "kim-night-risk", "low")
    assert store.path("kim").read_bytes() == before


@pytest.mark.parametrize("question_id, answer, reason, problem", [
    ("", "high", None, "question ids are non-empty strings"),
    ("q", 3, None, "q: an answer is a level id or a list"),
    ("q", ["a", 2], None, "q: an answer is"),
    ("q", "high", 7, "q: a reason is text"),
])
def test_bad_answers_are_refused_before_anything_is_written(store, question_id, answer, reason, problem):
    with pytest.raises(AnswerFileError, match=problem):
        store.record("kim", question_id, answer, reason=reason)
    assert not store.path("kim").exists()


@pytest.mark.parametrize("scenario_id", ["../escape", "Kim", "", "kim/x", None])
def test_scenario_ids_cannot_leave_the_folder(store, scenario_id):
    with pytest.raises(AnswerFileError, match="scenario id"):
        store.path(scenario_id)


def test_a_failed_write_leaves_the_old_file_whole_and_no_temporary_file(store, tmp_path, monkeypatch):
    store.record("kim", "kim-night-risk", "high")
    before = store.path("kim").read_bytes()

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(answers_module.os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        store.record("kim", "kim-weeks-risk", "high")
    assert store.path("kim").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["kim.answers.json"]


def test_temporary_files_left_by_a_crash_are_cleared_by_the_next_write(store, tmp_path):
    leftover = tmp_path / ".kim.answers.json.abc123.tmp"
    leftover.write_text('{"half": ')
    store.record("kim", "kim-night-risk", "high")
    assert not leftover.exists()


def test_files_are_readable_by_the_course_lead_and_keep_a_chosen_mode(store):
    store.record("kim", "q", "high")
    assert store.path("kim").stat().st_mode & 0o777 == 0o644
    store.path("kim").chmod(0o600)
    store.record("kim", "q", "low")
    assert store.path("kim").stat().st_mode & 0o777 == 0o600


def _record_many(directory: str, prefix: str, count: int) -> None:
    store = AnswerStore(directory, trainee="alice")
    for i in range(count):
        store.record("kim", f"{prefix}-{i}", "high")


def test_two_writers_at_once_lose_nothing(tmp_path):
    context = multiprocessing.get_context("fork")
    writers = [context.Process(target=_record_many, args=(str(tmp_path), name, 60)) for name in ("a", "b")]
    for w in writers:
        w.start()
    for w in writers:
        w.join(timeout=60)
        assert w.exitcode == 0
    answers = AnswerStore(tmp_path, trainee="alice").load("kim").answers
    assert set(answers) == {f"{name}-{i}" for name in ("a", "b") for i in range(60)}


def test_read_answer_file_names_the_file(tmp_path):
    with pytest.raises(AnswerFileError, match="nope.json: no such file"):
        read_answer_file(tmp_path / "nope.json")
    with pytest.raises(AnswerFileError, match=f"{tmp_path}: cannot be read"):
        read_answer_file(tmp_path)
    (tmp_path / "bool.json").write_text('{"schema": true, "scenario": "kim", "trainee": "a"}')
    with pytest.raises(AnswerFileError, match="bool.json: schema"):
        read_answer_file(tmp_path / "bool.json")
