"""A workshop in Chromium: a trainer and four trainees, each in their own browser context, in one
room, through the real pages (``course/workshop``, served by ``mfc carers --pages``) and the real
service. Trainees join and answer, and the dashboard counts each answer as it arrives while the
trainer's page sends nothing at all (no click, no widget message: it follows the room by itself).
A trainee who asks for the next stage too early waits for it; Reveal shows the reference on the
board and each trainee's mark on their own page; the trainer opens the next stage and it appears
on the waiting trainee's page by itself. Screenshots (the dashboard and the join page at 1280 px
and 375 px) go to test-output/test_workshop_room/.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from scenarios.library import shipped_library
from workshop.process import running

from .carers_server import page_url, running_carers
from .notebook_ui import RUN_TIMEOUT_MS, open_voila
from .pages import MOBILE, assert_no_horizontal_scroll

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "course" / "workshop"
WAIT_MS = 60_000
KIM = shipped_library().scenario("kim")
# What the four trainees tick at the first decision point: a spread for the dashboard to show.
PICKS = [["nrm-referral"], ["nrm-referral", "arrange-interpreter"], ["detain-as-adult"], ["nrm-referral"]]


class SentByPage:
    """The messages a page sends its kernel (a click, a ticked box): none while nobody touches it."""

    def __init__(self, page: Page):
        self.frames: list[str] = []
        page.on("websocket", lambda socket: socket.on("framesent", self._sent))

    def _sent(self, payload) -> None:
        text = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else payload
        if "comm_msg" in text:
            self.frames.append(text)


def _open(page: Page, url: str) -> None:
    page.set_default_navigation_timeout(RUN_TIMEOUT_MS)
    page.set_default_timeout(WAIT_MS)
    open_voila(page, url)


def _join(page: Page, code: str, name: str) -> None:
    page.get_by_label("Room code").fill(code)
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Join the room").click()
    expect(page.get_by_text(re.compile(r"You have joined room"))).to_be_visible()
    page.get_by_role("button", name="Start the case").click()


def _answer_actions(page: Page, stage_index: int, labels: list[str]) -> None:
    title = re.compile(re.escape(KIM.stages[stage_index].title))
    stage = page.locator(".mfc-player").get_by_role("heading", name=title)
    expect(stage).to_be_visible()
    for label in labels:
        page.get_by_role("checkbox", name=label, exact=True).last.check()
    page.get_by_role("button", name="Save my answer").last.click()
    expect(page.get_by_text("the trainer's screen has it").last).to_be_visible()


def test_a_trainer_and_four_trainees_in_one_room(new_context, screenshot, tmp_path, page_log):
    library = shipped_library()
    label = {action: library.action(action).label for action in
             ["nrm-referral", "arrange-interpreter", "detain-as-adult"]}
    with running(f"sqlite:///{tmp_path}/workshop.sqlite", tmp_path / "answers") as service, \
            running_carers("--max-kernels", "12", pages=PAGES, log_dir=ROOT / "test-output" / "workshop-server",
                           env={"MFC_WORKSHOP_URL": service}) as pages:
        trainer = new_context(viewport={"width": 1280, "height": 900}).new_page()
        sent_by_trainer = SentByPage(trainer)
        _open(trainer, page_url(pages, "dashboard.ipynb"))
        trainer.get_by_role("button", name="Create the room").click()
        code = trainer.locator(".mfc-dashboard .code").inner_text(timeout=WAIT_MS).strip()
        assert re.fullmatch(r"[A-Z0-9]{6}", code)
        board = trainer.locator(".mfc-dashboard")
        expect(board).to_contain_text("(0 answered)")
        clicks_so_far = len(sent_by_trainer.frames)
        assert clicks_so_far > 0, "the press of 'Create the room' was not seen: the watch on the page is broken"

        trainees = []
        for n, picks in enumerate(PICKS):
            page = new_context(**MOBILE).new_page() if n == 0 else new_context().new_page()
            _open(page, page_url(pages, "index.ipynb"))
            if n < 2:
                expect(page.get_by_role("button", name="Join the room")).to_be_visible()
                screenshot(page, "join-375" if n == 0 else "join-1280")
            _join(page, code, f"Trainee person {n}")
            _answer_actions(page, 0, [label[a] for a in picks])
            expect(board).to_contain_text(f"{n + 1} joined")
            expect(board).to_contain_text(f"({n + 1} answered)")  # each answer, as it arrives
            trainees.append(page)
        assert sent_by_trainer.frames[clicks_so_far:] == [], "the dashboard was asked; it should follow by itself"
        phone = trainees[0]
        assert_no_horizontal_scroll(phone)
        assert "Trainee person" not in board.inner_text()  # pseudonymous unless asked
        expect(board).not_to_contain_text("(reference)")
        screenshot(trainer, "dashboard-before-reveal")

        # The phone asks for the next stage before the trainer has opened it, and waits.
        player = phone.locator(".mfc-player")
        player.get_by_role("button", name="Continue the case").first.click()
        waiting = player.get_by_text("opens the next stage when the room is ready")
        expect(waiting).to_be_visible()
        waiting.scroll_into_view_if_needed()
        screenshot(phone, "trainee-375-waiting")

        trainer.get_by_role("button", name="Reveal").click()
        expect(board).to_contain_text("(reference)")
        for page in trainees:  # each trainee's own mark, with nothing pressed on their page
            expect(page.locator(".mfc-player")).to_contain_text("Your score")
        expect(player).to_contain_text("shown the answer for part 1")
        player.get_by_text("Your score").first.scroll_into_view_if_needed()
        screenshot(phone, "trainee-375-revealed")
        screenshot(trainees[1], "trainee-1280-revealed")

        trainer.get_by_role("button", name="Open the next part").click()
        expect(board).to_contain_text(f"part 2 of {len(KIM.stages)} open")
        next_stage = re.compile(re.escape(KIM.stages[1].title))
        expect(player.get_by_role("heading", name=next_stage)).to_be_visible()  # appeared by itself
        expect(trainees[1].locator(".mfc-player")).to_contain_text("opened the next stage")

        _answer_actions(phone, 1, [library.action(KIM.stages[1].questions[0].options[0].action).label])
        expect(board).to_contain_text("(1 answered)")
        screenshot(trainer, "dashboard")
        screenshot(phone, "trainee-375-stage-2")
        trainer.set_viewport_size({"width": 375, "height": 812})
        assert_no_horizontal_scroll(trainer)
        screenshot(trainer, "dashboard-375")
    assert not page_log.unexpected_errors()
