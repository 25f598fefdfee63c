"""One full round of the multi-agency exercise in Chromium: the trainer opens a room, three
trainees join on phones and take seats, two pass a card to the police, the police seat sees them a
round later, and the trainer plays the clock out to the debrief curve and card table. Nobody
presses anything to see what others did: the trainer's page counts the seats and the cards passed
on as they happen, and the trainees' pages move on with the trainer's clock, by themselves."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from exercises.words import ADDED_CARD, ADDED_SEAT
from workshop.process import running

from .carers_server import page_url, running_carers
from .notebook_ui import RUN_TIMEOUT_MS, open_voila
from .pages import MOBILE, assert_no_horizontal_scroll

PAGES = Path(__file__).resolve().parents[2] / "course" / "workshop"
POLICE = "Police missing person coordinator"
DEBRIEF_TIMEOUT_MS = 120_000


@pytest.fixture
def service(tmp_path):
    with running(f"sqlite:///{tmp_path}/workshop.sqlite", tmp_path / "answers") as url:
        yield url


def _take_seat(page: Page, url: str, code: str, name: str, seat: str) -> None:
    open_voila(page, url)
    page.get_by_label("Room code").fill(code)
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Join the room").click()
    page.get_by_role("button", name=seat, exact=True).click()
    expect(page.get_by_text("Round 1 of 6")).to_be_visible(timeout=RUN_TIMEOUT_MS)


def _pass_on(page: Page, card: str, to: str) -> None:
    box = page.locator(".mfc-ex-card", has_text=card)
    box.get_by_role("combobox").select_option(label=to)
    box.get_by_role("button", name="Pass it on").click()
    expect(page.locator(".mfc-ex-card", has_text=card).get_by_text(f"you passed it to: {to}")).to_be_visible()


@pytest.fixture
def pages(service, output_dir):
    """The pages as a workshop serves them (``mfc carers --pages course/workshop``)."""
    with running_carers("--max-kernels", "8", pages=PAGES, log_dir=output_dir,
                        env={"MFC_WORKSHOP_URL": service}) as server:
        yield server


def test_one_round_of_the_exercise_ends_in_the_debrief_curve(new_context, pages, screenshot, page_log):
    trainer = new_context(viewport={"width": 1280, "height": 900}).new_page()
    open_voila(trainer, page_url(pages, "exercise-trainer.ipynb"))
    trainer.get_by_role("button", name="Open a room for the exercise").click()
    code_box = trainer.locator(".mfc-ex-code")
    expect(code_box).to_be_visible(timeout=RUN_TIMEOUT_MS)
    code = code_box.inner_text().strip()

    seat_url = page_url(pages, "exercise.ipynb")
    carer, social, police = (new_context(**MOBILE).new_page() for _ in range(3))
    _take_seat(carer, seat_url, code, "Ana", "Foster carer")
    _take_seat(social, seat_url, code, "Ben", "Social worker")
    _take_seat(police, seat_url, code, "Cat", POLICE)
    expect(police.get_by_text("You hold no information yet")).to_be_visible()
    expect(police.get_by_text("A mobile phone in Kim's things")).to_have_count(0)  # not hers to see yet
    expect(carer.get_by_text(ADDED_SEAT)).to_be_visible()
    expect(carer.locator(".mfc-ex-card", has_text="The car's number plate").get_by_text(ADDED_CARD)).to_be_visible()
    expect(carer.locator(".mfc-ex-card", has_text="A mobile phone").get_by_text(ADDED_CARD)).to_have_count(0)
    carer.get_by_text(ADDED_CARD).scroll_into_view_if_needed()
    screenshot(carer, "carer-added-card-375", full_page=False)

    _pass_on(carer, "A mobile phone in Kim's things", POLICE)
    _pass_on(social, "A recent photo of Kim", POLICE)
    screenshot(carer, "carer-375")
    assert_no_horizontal_scroll(carer)

    expect(trainer.get_by_text("passed on this round: 2")).to_be_visible()  # with nothing pressed there
    expect(trainer.get_by_text(f"{POLICE}: 1")).to_be_visible()
    screenshot(trainer, "trainer-round-1-1280")
    trainer.get_by_role("button", name="Move on to the next round").click()
    expect(trainer.get_by_text("Round 2 of 6")).to_be_visible()

    expect(police.get_by_text("Round 2 of 6")).to_be_visible()  # the trainer's clock reached this page by itself
    expect(police.get_by_text("Passed to you by the foster carer")).to_be_visible()
    expect(police.get_by_text("A recent photo of Kim")).to_be_visible()
    screenshot(police, "police-round-2-375")
    assert_no_horizontal_scroll(police)

    for number in range(3, 7):  # as a trainer would: each round on the screen before the next click
        trainer.get_by_role("button", name="Move on to the next round").click()
        expect(trainer.get_by_text(f"Round {number} of 6")).to_be_visible()
    trainer.get_by_role("button", name="End the last round and show the debrief").click()
    expect(trainer.get_by_text("Debrief: Who knows what")).to_be_visible(timeout=DEBRIEF_TIMEOUT_MS)
    expect(trainer.get_by_role("img")).to_be_visible()
    expect(trainer.get_by_role("cell", name="A mobile phone in Kim's things")).to_be_visible()
    expect(trainer.get_by_role("cell", name="The car's number plate (added for the exercise)")).to_be_visible()
    expect(trainer.get_by_text("What happened to Kim")).to_be_visible()
    expect(trainer.get_by_text("teaching model", exact=False).first).to_be_visible()
    screenshot(trainer, "debrief-1280")
    trainer.get_by_text("Where each piece of information sat").scroll_into_view_if_needed()
    screenshot(trainer, "debrief-table-1280", full_page=False)
    trainer.get_by_text("What happened to Kim").scroll_into_view_if_needed()
    screenshot(trainer, "debrief-what-happened-1280", full_page=False)

    police.get_by_role("button", name="See the debrief").click()
    expect(police.get_by_text("Where each piece of information sat")).to_be_visible(timeout=RUN_TIMEOUT_MS)
    screenshot(police, "debrief-375")
    police.get_by_text("Where each piece of information sat").scroll_into_view_if_needed()
    screenshot(police, "debrief-table-375", full_page=False)
    police.get_by_text("What happened to Kim").scroll_into_view_if_needed()
    screenshot(police, "debrief-what-happened-375", full_page=False)
    assert_no_horizontal_scroll(police)
    assert not page_log.unexpected_errors(r"RUNTIME-012")
