"""The trainee's join page: type the code on the screen and a name, then play the room's case.

Answers are kept for the room; the page's own copy lives in a scratch folder of this page's
kernel (a phone in a training room has no answers folder of its own).
"""

from __future__ import annotations

import tempfile

import ipywidgets as widgets

from grading.answers import AnswerStore
from grading.player import ScenarioPlayer
from grading.player.panels import button, hide
from grading.player.render import problem
from workshop.client import ServiceError
from workshop.link import RoomLink

FIELD = {"width": "100%", "max_width": "22rem"}


class JoinPage(widgets.VBox):
    def __init__(self, url: str | None = None):
        self.url = url
        self.code = widgets.Text(description="Room code", placeholder="for example K7QM2P",
                                 style={"description_width": "initial"}, layout=widgets.Layout(**FIELD))
        self.name = widgets.Text(description="Your name", placeholder="a first name or a nickname",
                                 style={"description_width": "initial"}, layout=widgets.Layout(**FIELD))
        self.join_button = button("Join the room", button_style="primary")
        self.join_button.on_click(lambda _: self.join())
        self.message = widgets.HTML()
        self.player: ScenarioPlayer | None = None
        self.form = widgets.VBox([
            widgets.HTML("<p>Type the code your trainer shows on the screen, and a name. "
                         "The screen shows you as a number, not by name.</p>"),
            self.code, self.name, self.join_button, self.message])
        super().__init__([self.form], layout=widgets.Layout(width="100%"))
        self.add_class("mfc-join")

    def join(self) -> None:
        if not self.code.value.strip() or not self.name.value.strip():
            self.message.value = problem("Type both the room code and a name.")
            return
        try:
            link = RoomLink(self.code.value, self.name.value, url=self.url)
        except ServiceError as exc:
            self.message.value = problem(str(exc))
            return
        store = AnswerStore(tempfile.mkdtemp(prefix="mfc-workshop-"), trainee=link.session.pseudonym.lower()
                            .replace(" ", "-"))
        self.player = ScenarioPlayer(link.session.room["scenario"], room=link, store=store)
        hide(self.form)
        welcome = widgets.HTML(f"<p role='status'><strong>You have joined room {link.code} as "
                               f"{link.session.pseudonym}.</strong> Answer each stage when your trainer opens it. "
                               "This page follows the room: the next stage appears when the trainer opens it, "
                               "and your result when the trainer shows the answers.</p>")
        self.children = [welcome, self.player]
