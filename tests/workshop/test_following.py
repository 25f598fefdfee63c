"""Pages that change by themselves: a trainee's page hears of the trainer's moves (a stage opened,
a reveal, the room closed) through a long-poll that answers are not allowed to wake, and the
trainer's dashboard shows joins and answers without anyone pressing a button."""

from __future__ import annotations

import threading
import time

import pytest
from helpers.player_driver import answer
from helpers.workshop_requests import error_of, join, raw

from grading.answers import AnswerStore
from grading.player import ScenarioPlayer
from workshop.pages.dashboard import TrainerDashboard

pytestmark = pytest.mark.usefixtures("no_borrowed_event_loop")

FIRST_QUESTION = "kim-detention-actions"  # stage 0 of Kim
WAIT = 30.0


def wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {what}"
        time.sleep(0.05)


def test_a_trainees_wait_ends_on_the_trainers_move_not_on_answers(room):
    sam, ali = join(room, "Sam"), join(room, "Ali")
    moves = sam.room["moves"]
    assert sam.state(after_moves=moves - 1)["moves"] == moves  # already past: answered at once
    got = {}
    waiting = threading.Thread(target=lambda: got.update(sam.state(after_moves=moves)))
    waiting.start()
    ali.send(FIRST_QUESTION, ["nrm-referral"])
    waiting.join(1.5)
    assert waiting.is_alive(), "an answer woke a trainee's page"
    room.open_next()
    waiting.join(WAIT)
    assert got["stages_open"] == 2 and got["moves"] == moves + 1
    room.reveal(0)
    assert sam.state(after_moves=moves + 1)["reference"][FIRST_QUESTION]


def test_the_moves_to_wait_for_must_be_a_number(room):
    sam = join(room)
    status, message = error_of(raw(room.base_url, "GET", f"/api/rooms/{room.code}?moves=soon", token=sam.token))
    assert status == 400 and "whole number" in message


def test_the_player_follows_the_room(room, tmp_path, monkeypatch):
    monkeypatch.setenv("MFC_WORKSHOP_URL", room.base_url)
    player = ScenarioPlayer("kim", room=room.code, store=AnswerStore(tmp_path, trainee="sam"))
    player.start_button.click()
    first = player.stages[0]
    answer(first.questions[0], ["nrm-referral"])
    assert "Your score" not in first.questions[0].result.value  # held back until Reveal
    first.next_button.click()
    assert player.stages[1] not in player.shown_stages
    assert "opens the next stage" in player.room_note.value

    room.open_next()
    wait_until(lambda: player.stages[1] in player.shown_stages, "the opened stage appears")
    assert player.room_note not in player.children  # nothing left to say

    room.reveal(0)
    wait_until(lambda: "Your score" in first.questions[0].result.value, "the mark after Reveal")
    assert first.questions[0].button.disabled  # a marked answer stays as it was marked
    assert "shown the answer for part 1" in player.room_note.value

    room.close()
    wait_until(lambda: "closed the room" in player.room_note.value, "the room's close is said")


def test_the_dashboard_updates_by_itself(room):
    dashboard = TrainerDashboard(url=room.base_url)
    dashboard.create()
    assert "0 joined" in dashboard.board.value
    sam = join(dashboard.trainer, "Sam")
    sam.send(FIRST_QUESTION, ["nrm-referral"])
    wait_until(lambda: "(1 answered)" in dashboard.board.value, "the answer on the board")
    assert "1 joined" in dashboard.board.value and "Sam" not in dashboard.board.value
    dashboard.names.value = True
    assert "Sam" in dashboard.board.value  # from the reply it has: no request, no wait
    dashboard.close_button.click()
    assert "closed" in dashboard.board.value and dashboard.reveal_button.disabled


def test_a_room_of_forty_waiting_pages_still_takes_answers(room):
    """Every trainee's page holds a request open; none may hold a database connection while it
    waits, or the forty would starve the pool and the room would stop taking answers."""
    trainees = [join(room, f"T{n}") for n in range(40)]
    heard = []
    waiting = [threading.Thread(target=lambda t=t: heard.append(t.state(after_moves=t.room["moves"])))
               for t in trainees]
    for thread in waiting:
        thread.start()
    time.sleep(1)
    for trainee in trainees[:5]:
        assert trainee.send(FIRST_QUESTION, ["nrm-referral"])["stored"] is True
    assert room.dashboard()["questions"][0]["answered"] == 5 and heard == []
    room.open_next()
    for thread in waiting:
        thread.join(WAIT)
    assert len(heard) == 40 and {state["stages_open"] for state in heard} == {2}


def test_a_dashboard_opened_again_takes_its_room_back(service, tmp_path, monkeypatch):
    """The projector's page reloaded mid-session: the new page offers the room still open (with
    its controls) and not the ones closed; a rooms file it cannot read is started afresh."""
    rooms = tmp_path / "rooms.json"
    monkeypatch.setenv("MFC_WORKSHOP_ROOMS", str(rooms))
    rooms.write_text("not json")
    closed, kept = TrainerDashboard(url=service), TrainerDashboard(url=service)
    closed.create()
    kept.create()
    closed.close_button.click()
    assert rooms.stat().st_mode & 0o077 == 0  # the trainer's tokens: readable by the trainer alone

    again = TrainerDashboard(url=service)
    offers = [child for child in again.setup.children if getattr(child, "description", "").startswith("Go back")]
    assert [offer.description for offer in offers] == [f"Go back to room {kept.trainer.code}"]
    offers[0].click()
    assert again.trainer.code == kept.trainer.code and "0 joined" in again.board.value
    again.reveal_button.click()
    assert "(reference)" in again.board.value  # the controls work: it is the trainer's room again
    again.close_button.click()


def test_the_exercise_pages_follow_the_room(service):
    """The trainer's page counts a seat taken with nothing pressed; a trainee's page moves to the
    next round when the trainer's clock does."""
    from workshop.exercise_widgets import ExerciseSeatPage, ExerciseTrainerPage

    def text(page) -> str:
        return " ".join(getattr(child, "value", "") for child in page.body.children)

    trainer = ExerciseTrainerPage(base_url=service)
    trainer._start()
    seat = ExerciseSeatPage(base_url=service)
    seat.code.value, seat.name.value = trainer.trainer.code, "Cat"
    seat._join()
    seat._take("police")
    wait_until(lambda: "coordinator: 1" in text(trainer), "the seat taken, on the trainer's page")
    assert "Round 1 of 6" in text(seat)
    trainer._next()
    wait_until(lambda: "Round 2 of 6" in text(seat), "the next round, on the trainee's page")
