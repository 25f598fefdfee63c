"""The join page and the dashboard as widgets (the browser test drives them for real): what a
trainee is told when joining fails, and what the projector shows before and after Reveal."""

from __future__ import annotations

from helpers.workshop_requests import join

from workshop.pages.dashboard import render_board
from workshop.pages.join import JoinPage


def test_join_page_says_what_to_do(room):
    page = JoinPage(url=room.base_url)
    page.join()
    assert "Type both the room code and a name" in page.message.value
    page.code.value, page.name.value = "NOPE99", "Sam"
    page.join()
    assert "There is no room with the code" in page.message.value and page.player is None
    page.code.value = room.code.lower()
    page.join()
    assert page.player is not None and page.player.room.code == room.code
    assert "You have joined room" in page.children[0].value


def test_board_hides_the_reference_and_under_grading_until_reveal(room):
    trainees = [join(room, name) for name in ("Sam", "Ali", "Jo")]
    for _ in range(3):
        room.open_next()
    for trainee, level in zip(trainees, ["high", "low", "medium"], strict=True):
        trainee.send("kim-night-risk", level)
    before = render_board(room.dashboard())
    assert "(3 answered)" in before and "(reference)" not in before and "Graded below" not in before
    assert "Sam" not in before
    room.reveal(3)
    after = render_board(room.dashboard())
    assert "(reference)" in after and "Graded below the reference: 67%" in after
    assert "Sam" not in render_board(room.dashboard(names=True))  # the page shows names only when asked
    assert "Sam" in render_board(room.dashboard(names=True), names=True)
