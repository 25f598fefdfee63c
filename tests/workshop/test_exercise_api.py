"""The multi-agency exercise through the service: seats, private cards, shares that land a round
later, the trainer's clock, and the debrief stored once the last round ends."""

from __future__ import annotations

import pytest
from helpers.workshop_requests import error_of, raw

from workshop.client import ServiceError
from workshop.exercise_client import ExercisePlayer, ExerciseTrainer

KIM = "kim-who-knows-what"


@pytest.fixture
def exercise(service) -> ExerciseTrainer:
    return ExerciseTrainer.create(service, KIM)


def _seated(exercise: ExerciseTrainer, role: str) -> ExercisePlayer:
    player = ExercisePlayer.join(exercise.session.base_url, exercise.code, role.title())
    player.take_role(role)
    return player


def _card_ids(view: dict) -> set[str]:
    return {card["id"] for card in view["cards"]}


def test_a_role_sees_only_its_own_cards_until_one_is_shared_with_it_a_round_later(exercise):
    carer, police = _seated(exercise, "foster-carer"), _seated(exercise, "police")
    assert _card_ids(carer.state()) == {"car-plate", "mobile-phone"}
    assert _card_ids(police.state()) == set()
    reply = carer.share("mobile-phone", "police")
    assert reply["stored"] and reply["view"]["shared_this_round"] == [{"card": "mobile-phone", "to": "police"}]
    assert _card_ids(police.state()) == set()  # it lands when the round's moment comes
    exercise.next_round()
    view = police.state()
    assert _card_ids(view) == {"mobile-phone"}
    assert view["cards"][0]["from"] == "Foster carer" and "text" in view["cards"][0]
    assert "car-plate" not in str(view)


def test_the_seat_view_says_which_briefing_and_cards_the_exercise_made_up(exercise):
    view = _seated(exercise, "foster-carer").state()
    assert view["role"]["illustrative"] is True
    assert {card["id"]: card["illustrative"] for card in view["cards"]} == {"car-plate": True, "mobile-phone": False}


def test_a_trainee_cannot_share_another_roles_card_or_before_choosing_a_role(exercise):
    carer = _seated(exercise, "foster-carer")
    with pytest.raises(ServiceError, match="not one of your cards") as caught:
        carer.share("uncle", "police")
    assert caught.value.status == 403
    newcomer = ExercisePlayer.join(exercise.session.base_url, exercise.code, "Lee")
    with pytest.raises(ServiceError, match="Choose your role first"):
        newcomer.share("car-plate", "police")
    assert newcomer.state()["cards"] == []


def test_sharing_twice_stores_once_and_changing_seat_is_refused(exercise):
    carer = _seated(exercise, "foster-carer")
    assert carer.share("car-plate", "police")["stored"]
    assert carer.share("car-plate", "police")["stored"] is False
    assert exercise.state()["shares"] == 1
    with pytest.raises(ServiceError, match="already playing the foster carer"):
        carer.take_role("police")


def test_only_the_trainer_moves_the_clock_and_trainees_see_no_counts_of_others(exercise, service):
    carer = _seated(exercise, "foster-carer")
    status, message = error_of(raw(service, "POST", f"/api/rooms/{exercise.code}/exercise/next", b"{}",
                                   token=carer.session.token))
    assert status == 403 and "trainer" in message
    assert "seats" not in carer.state() and exercise.state()["seats"]["foster-carer"] == 1


def test_the_last_round_runs_the_debrief_for_everyone_in_the_room(exercise):
    carer = _seated(exercise, "foster-carer")
    carer.share("car-plate", "police")
    with pytest.raises(ServiceError, match="once the trainer has ended the last round") as caught:
        carer.debrief()
    assert caught.value.status == 409
    for _ in range(6):
        state = exercise.next_round()
    assert state["over"] and state["debrief_ready"] and state["round"] is None
    debrief = carer.debrief()
    assert debrief == exercise.debrief()
    assert [run["key"] for run in debrief["runs"]] == ["practice-2016", "room", "good-practice"]
    plate = next(card for card in debrief["cards"] if card["id"] == "car-plate")
    assert plate["reached_hours"] == 1 and not plate["late"]
    with pytest.raises(ServiceError, match="Every round has been played"):
        exercise.next_round()
    with pytest.raises(ServiceError, match="last round is over"):
        carer.share("mobile-phone", "police")


def test_bad_exercise_requests_get_a_clear_4xx(exercise, room):
    with pytest.raises(ServiceError, match="Unknown exercise") as caught:
        room_trainer = ExerciseTrainer(room)
        room_trainer.start("nope")
    assert caught.value.status == 400
    with pytest.raises(ServiceError, match="already playing an exercise"):
        exercise.start(KIM)
    player = ExercisePlayer.join(room.base_url, room.code, "Sam")
    with pytest.raises(ServiceError, match="No exercise has started") as caught:
        player.state()
    assert caught.value.status == 404
    with pytest.raises(ServiceError, match="Choose one of the roles"):
        _seated(exercise, "mayor")
