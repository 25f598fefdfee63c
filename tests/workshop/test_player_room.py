"""``ScenarioPlayer("kim", room=CODE)``: each saved answer reaches the room as well as the
trainee's own answers file; a refusal (a stage not opened yet) is said on the page and the
answer stays saved locally."""

from __future__ import annotations

from helpers.player_driver import answer, play_through

from grading.answers import AnswerStore
from grading.player import ScenarioPlayer


def test_room_mode_sends_every_answer_and_keeps_the_local_file(room, tmp_path, monkeypatch):
    monkeypatch.setenv("MFC_WORKSHOP_URL", room.base_url)
    room.open_next(), room.open_next(), room.open_next(), room.open_next()
    store = AnswerStore(tmp_path, trainee="kim-trainee")
    player = ScenarioPlayer("kim", room=room.code, store=store)
    assert player.feedback is False  # the reference waits for the trainer's Reveal
    play_through(player)
    sent = room.export()["files"]
    local = store.load("kim").answers
    assert len(sent) == 1 and sent[0]["answers"] == local and len(local) == 7
    assert room.dashboard(names=True)["names"] == ["kim-trainee"]


def test_a_stage_not_yet_open_is_explained_and_saved_locally(room, tmp_path, monkeypatch):
    monkeypatch.setenv("MFC_WORKSHOP_URL", room.base_url)
    store = AnswerStore(tmp_path, trainee="ali")
    player = ScenarioPlayer("kim", room=room.code, store=store)
    player.start_button.click()
    player.stages[0].next_button.click()
    panel = player.stages[1].questions[0]
    answer(panel, [panel.question.options[0].action])
    assert "room did not get it" in panel.result.value and "not opened" in panel.result.value
    assert panel.question.id in store.load("kim").answers
    room.open_next()
    answer(panel, [panel.question.options[0].action])
    assert "room did not get it" not in panel.result.value
    assert room.export()["files"][0]["answers"] == store.load("kim").answers


def test_a_network_failure_is_said_in_one_line(room):
    from workshop.link import RoomLink
    from workshop.process import free_port

    link = RoomLink(room.code, "Sam", url=room.base_url)
    link.session.base_url = f"http://127.0.0.1:{free_port()}"  # the venue's network drops
    message = link.send("kim-detention-actions", ["nrm-referral"], None)
    assert message.startswith("Saved on this device, but the room did not get it: Cannot reach")
