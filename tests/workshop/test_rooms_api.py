"""The workshop service's HTTP API, as each role: trainer, trainee, a stranger; and every kind of
bad request answered with a 4xx and one readable sentence, never a traceback."""

from __future__ import annotations

import pytest
from helpers.workshop_requests import error_of, join, raw

from workshop.client import ServiceError, TraineeSession, TrainerSession

FIRST_QUESTION = "kim-detention-actions"  # stage 0 of Kim
RISK_QUESTION = "kim-night-risk"  # stage 3


def open_to(room: TrainerSession, stages: int) -> None:
    for _ in range(stages - 1):
        room.open_next()


def test_join_answer_and_idempotent_resend(room):
    sam = join(room)
    assert sam.pseudonym == "Trainee 1" and sam.room["stages_open"] == 1
    first = sam.send(FIRST_QUESTION, ["nrm-referral"], key="k1")
    assert first["stored"] is True and first["version"] > sam.room["version"]
    assert sam.send(FIRST_QUESTION, ["nrm-referral"], key="k1") == {"stored": False, "duplicate": True}
    # without a key, the same answer twice is also stored once
    body = {"question": FIRST_QUESTION, "answer": ["arrange-interpreter"]}
    from workshop.client import call
    path = f"/api/rooms/{room.code}/answers"
    assert call(room.base_url, "POST", path, body, token=sam.token)["stored"] is True
    assert call(room.base_url, "POST", path, body, token=sam.token)["duplicate"] is True
    files = room.export()["files"]
    assert len(files) == 1 and files[0]["answers"] == {FIRST_QUESTION: ["arrange-interpreter"]}


def test_codes_are_forgiving_to_type(room):
    messy = room.code[:3].lower() + " " + room.code[3:]
    assert TraineeSession.join(room.base_url, messy, "Ali").code == room.code


def test_paced_room_refuses_a_stage_not_yet_open(room):
    sam = join(room)
    with pytest.raises(ServiceError, match="not opened that part") as refused:
        sam.send(RISK_QUESTION, "high")
    assert refused.value.status == 409
    open_to(room, 4)
    assert sam.send(RISK_QUESTION, "high")["stored"] is True


def test_trainee_sees_no_names_answers_or_reference_before_reveal(room):
    sam, ali = join(room, "Sam"), join(room, "Ali")
    open_to(room, 4)
    sam.send(RISK_QUESTION, "low")
    state = ali.state()
    assert state["reference"] == {} and state["joined"] == 2
    assert "Sam" not in str(state) and "low" not in str(state)
    for action in ("/dashboard", "/export"):
        status, message = error_of(raw(room.base_url, "GET", f"/api/rooms/{room.code}{action}", token=ali.token))
        assert status == 403 and "trainer" in message
    room.reveal(3)
    assert ali.state()["reference"][RISK_QUESTION] == "high"
    assert "Sam" not in str(ali.state())


@pytest.mark.parametrize("action", ["/open", "/reveal", "/close"])
def test_only_the_trainer_controls_the_room(room, service, action):
    sam = join(room)
    other = TrainerSession.create(service, "kim")
    for token, status in ((sam.token, 403), (other.token, 403), (None, 401)):
        got, message = error_of(raw(service, "POST", f"/api/rooms/{room.code}{action}", b"{}", token=token))
        assert (got, "trainer" in message) == (status, True)
    assert room._call("POST", action, {})  # the trainer can


def test_a_trainee_of_another_room_cannot_answer_here(room, service):
    elsewhere = join(TrainerSession.create(service, "kim"))
    status, message = error_of(raw(service, "POST", f"/api/rooms/{room.code}/answers",
                                   b'{"question": "kim-detention-actions", "answer": ["nrm-referral"]}',
                                   token=elsewhere.token))
    assert status == 403 and "join" in message


def test_dashboard_counts_under_grading_kappa_and_names_only_when_asked(room):
    trainees = [join(room, f"Person {n}") for n in range(4)]
    open_to(room, 5)
    for trainee, night, weeks in zip(trainees, ["high", "high", "medium", "low"], ["high", "high", "high", "medium"],
                                     strict=True):
        trainee.send(RISK_QUESTION, night)
        trainee.send("kim-weeks-risk", weeks)
    board = room.dashboard()
    night = next(q for q in board["questions"] if q["id"] == RISK_QUESTION)
    assert night["counts"]["high"] == 2 and night["counts"]["low"] == 1 and night["answered"] == 4
    assert night["under_graded"] == 0.5 and night["reference"] is None
    assert isinstance(board["kappa"], float)
    assert "names" not in board and "Person" not in str(board)
    assert sorted(room.dashboard(names=True)["names"]) == [f"Person {n}" for n in range(4)]
    room.reveal(3)
    night = next(q for q in room.dashboard()["questions"] if q["id"] == RISK_QUESTION)
    assert night["reference"] == "high"


def test_dashboard_long_poll_returns_when_an_answer_arrives(room):
    import threading
    import time

    sam = join(room)
    version = room.dashboard()["version"]
    threading.Timer(0.3, lambda: sam.send(FIRST_QUESTION, ["nrm-referral"])).start()
    started = time.perf_counter()
    board = room.dashboard(since=version)
    assert board["version"] > version and board["questions"][0]["answered"] == 1
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(("method", "path", "data", "status", "words"), [
    ("POST", "/api/rooms", b"{not json", 400, "not valid JSON"),
    ("POST", "/api/rooms", b"[1, 2]", 400, "JSON object"),
    ("POST", "/api/rooms", b'{"scenario": "nobody"}', 400, "Unknown scenario"),
    ("POST", "/api/join", b'{"code": "ZZZZZZ", "name": "Sam"}', 404, "no room"),
    ("POST", "/api/join", b'{"code": "ZZZZZZ"}', 404, "no room"),
    ("GET", "/api/rooms/ZZZZZZ", None, 404, "no room"),
    ("GET", "/api/nothing-here", None, 404, "nothing at this address"),
    ("POST", "/api/echo", b'{"x": "' + b"a" * 20000 + b'"}', 413, "too large"),
])
def test_bad_requests_get_a_clear_4xx(service, method, path, data, status, words):
    got, text = raw(service, method, path, data)
    assert got == status and "Traceback" not in text
    assert words.lower() in error_of((got, text))[1].lower()


def test_bad_answers_get_a_clear_4xx(room):
    sam = join(room)
    for body, status, words in [
        (b'{"question": "no-such-question", "answer": "high"}', 404, "no question"),
        (b'{"question": "kim-detention-actions", "answer": "high"}', 400, "does not fit"),
        (b'{"question": "kim-detention-actions", "answer": ["not-an-action"]}', 400, "does not fit"),
        (b'{"question": "kim-detention-actions", "answer": ["nrm-referral"], "key": 7}', 400, "key"),
        (b'{"nonsense', 400, "JSON"),
    ]:
        got, message = error_of(raw(room.base_url, "POST", f"/api/rooms/{room.code}/answers", body, token=sam.token))
        assert got == status and words in message, (body, got, message)
    status, message = error_of(raw(room.base_url, "POST", "/api/join",
                                   f'{{"code": "{room.code}", "name": "  "}}'.encode()))
    assert status == 400 and "name" in message


def test_a_closed_room_says_so(room):
    sam = join(room)
    room.close()
    with pytest.raises(ServiceError, match="closed") as refused:
        sam.send(FIRST_QUESTION, ["nrm-referral"])
    assert refused.value.status == 409
    with pytest.raises(ServiceError, match="closed"):
        join(room, "Late")
    with pytest.raises(ServiceError, match="closed"):
        room.open_next()
