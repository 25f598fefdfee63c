"""The player in room mode inside a real IPython kernel, as JupyterLab runs it: the follower's
thread hands the room's news to the kernel's own event loop, which changes the widgets between the
messages it handles (the browser test covers the same in Voila)."""

from __future__ import annotations

import time

from jupyter_client.manager import start_new_kernel

SETUP = """
from grading.answers import AnswerStore
from grading.player import ScenarioPlayer
player = ScenarioPlayer("kim", room={code!r}, store=AnswerStore({folder!r}, trainee="sam"))
player.start()
player.stages[0].questions[0].choice.boxes["nrm-referral"].value = True
player.stages[0].questions[0].submit()
player.stages[0].go_on()
print("waiting" if player.stages[1] not in player.shown_stages else "shown too early")
"""
CHECK = 'print("shown" if player.stages[1] in player.shown_stages else "not yet")'


def _run(client, code: str) -> str:
    out = []
    client.execute_interactive(code, timeout=60, output_hook=lambda msg: out.append(
        msg["content"].get("text", "") if msg["msg_type"] == "stream" else ""))
    return "".join(out).strip()


def test_the_next_stage_reaches_a_player_in_a_kernel(room, tmp_path, monkeypatch):
    monkeypatch.setenv("MFC_WORKSHOP_URL", room.base_url)
    manager, client = start_new_kernel(kernel_name="python3")
    try:
        assert _run(client, SETUP.format(code=room.code, folder=str(tmp_path))) == "waiting"
        room.open_next()
        deadline = time.monotonic() + 30
        while (seen := _run(client, CHECK)) != "shown":
            assert time.monotonic() < deadline, seen
            time.sleep(0.2)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
