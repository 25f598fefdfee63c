"""The trainer's dashboard, for the projector: the join code, how many have joined, and for each
open decision point the room's spread of answers; the reference, and how many graded below it,
only once the trainer reveals that part. Controls: open the next part, reveal, close.

Why the share graded too low waits for Reveal: shown earlier, it gives the reference away.
A room opened from this computer and still open is offered again when the page is opened again
(:mod:`workshop.trainer_rooms`), so reloading the projector's page does not lose the room.
The board changes by itself as people join and answer: it follows the room
(:mod:`workshop.follow`, a long-poll answered the moment something changes), so the trainer never
has to press anything to see the room's latest answers.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from grading.player.panels import button
from grading.player.render import problem
from scenarios.library import shipped_library
from workshop.client import ServiceError, TrainerSession
from workshop.follow import Follower
from workshop.link import hub_token, workshop_url
from workshop.trainer_rooms import recent, remember

EARLIER_ROOMS = 3  # the newest rooms still open, offered again: more would be old ones left open

STYLE = """<style>
.mfc-dashboard { max-width: 64rem; font-size: 1.05rem; }
.mfc-dashboard .code { font-size: 2.6rem; letter-spacing: .3rem; font-weight: bold; }
.mfc-dashboard table { border-collapse: collapse; margin: .3rem 0 1rem 0; width: 100%; }
.mfc-dashboard td { padding: .15rem .4rem; vertical-align: middle; }
.mfc-dashboard td.label { width: 45%; }
.mfc-dashboard .bar { background: #1f5f99; height: 1.1rem; display: inline-block; }
.mfc-dashboard .bar.reference { background: #1a7f37; }
.mfc-dashboard .count { padding-left: .4rem; }
</style>"""


def _bars(question: dict) -> str:
    counts, labels = question["counts"], question["labels"]
    most = max(counts.values(), default=0) or 1
    reference = question["reference"]
    chosen = set(reference if isinstance(reference, list) else [reference]) if reference is not None else set()
    rows = []
    for key, count in counts.items():
        mark = " reference" if key in chosen else ""
        tick = " <strong>(reference)</strong>" if key in chosen else ""
        rows.append(f"<tr><td class='label'>{escape(labels[key])}{tick}</td><td><span class='bar{mark}' "
                    f"style='width:{70 * count / most:.0f}%'></span><span class='count'>{count}</span></td></tr>")
    return "<table>" + "".join(rows) + "</table>"


def _kappa_words(kappa: float) -> str:
    if kappa < 0.2:
        return "little more than chance"
    if kappa < 0.4:
        return "fair"
    if kappa < 0.6:
        return "moderate"
    return "strong" if kappa < 0.8 else "very strong"


def render_board(board: dict, names: bool = False) -> str:
    """The dashboard as HTML, from the service's dashboard reply; who joined, by name, only with
    ``names`` (and a reply that has them)."""
    status = "closed" if board["status"] == "closed" else f"part {board['stages_open']} of {board['stages']} open"
    parts = [STYLE, "<div class='mfc-dashboard'>",
             f"<p>Join at the workshop page with the code</p><p class='code'>{escape(board['code'])}</p>",
             f"<p><strong>{escape(board['title'])}</strong>: {status}. "
             f"{board['joined']} joined.</p>"]
    if names and "names" in board:
        parts.append(f"<p>Joined: {escape(', '.join(board['names'])) or 'nobody yet'}</p>")
    if board["kappa"] is not None:
        parts.append(f"<p>Agreement on risk (Fleiss' kappa): {board['kappa']:.2f}, "
                     f"{_kappa_words(board['kappa'])}.</p>")
    for question in board["questions"]:
        heading = "Risk grading" if question["kind"] == "risk" else "Actions chosen"
        parts.append(f"<h4>{escape(question['stage_title'])}: {heading} ({question['answered']} answered)</h4>"
                     f"<p>{escape(question['prompt'])}</p>{_bars(question)}")
        if question["reference"] is not None and question["under_graded"] is not None:
            parts.append(f"<p><strong>Graded below the reference: {question['under_graded']:.0%}</strong></p>")
    parts.append("</div>")
    return "".join(parts)


class TrainerDashboard(widgets.VBox):
    def __init__(self, url: str | None = None, scenario: str = "kim"):
        self.url = url or workshop_url()
        library = shipped_library()
        self.trainer: TrainerSession | None = None
        self.latest: dict | None = None  # the newest dashboard reply shown
        self.follower: Follower | None = None
        self.scenario = widgets.Dropdown(options=[(s.title, s.id) for s in library.scenarios.values()],
                                         value=scenario, description="Case", layout=widgets.Layout(width="auto"))
        self.paced = widgets.Checkbox(value=True, description="Open the case part by part", indent=False)
        self.create_button = button("Create the room", button_style="primary")
        self.create_button.on_click(lambda _: self.create())
        self.board = widgets.HTML()
        self.message = widgets.HTML()
        self.names = widgets.Checkbox(value=False, description="Show names", indent=False)
        self.names.observe(lambda _: self.show(self.latest) if self.latest else None, "value")
        self.next_button = button("Open the next part")
        self.reveal_button = button("Reveal")
        self.close_button = button("Close the room", button_style="danger")
        self.next_button.on_click(lambda _: self._act(lambda t: t.open_next()))
        self.reveal_button.on_click(lambda _: self._act(lambda t: t.reveal()))
        self.close_button.on_click(lambda _: self._act(lambda t: t.close()))
        for control in (self.next_button, self.reveal_button, self.close_button, self.names):
            control.layout.flex = "0 0 auto"  # on a narrow screen the controls wrap, never shrink to "Clos…"
        self.controls = widgets.HBox([self.next_button, self.reveal_button, self.close_button, self.names],
                                     layout=widgets.Layout(flex_flow="row wrap"))
        self.setup = widgets.VBox([self.scenario, self.paced, self.create_button, *self._earlier_rooms()])
        super().__init__([self.setup, self.message], layout=widgets.Layout(width="100%"))
        self.add_class("mfc-dashboard-page")

    def create(self) -> None:
        try:
            trainer = TrainerSession.create(self.url, self.scenario.value, self.paced.value, hub_token())
        except ServiceError as exc:
            self.message.value = problem(str(exc))
            return
        remember(trainer)
        self.take(trainer)

    def take(self, trainer: TrainerSession) -> None:
        """Run this room from this page: show its board and follow it."""
        try:
            board = trainer.dashboard(names=True)
        except ServiceError as exc:
            self.message.value = problem(str(exc))
            return
        self.trainer = trainer
        self.children = [self.controls, self.message, self.board]
        self.show(board)
        self.follower = Follower(self._fetch, self.show, trouble=self._trouble, keep_going=self._still_wanted,
                                 last=board).start()

    def _earlier_rooms(self) -> list[widgets.Widget]:
        """A way back to each room opened from this computer that is still open."""
        offers = []
        for trainer in recent(self.url):
            try:
                board = trainer.dashboard()
            except ServiceError:
                continue  # the room is gone, or the service moved: nothing to go back to
            if board["status"] == "closed":
                continue
            again = button(f"Go back to room {trainer.code}")
            again.on_click(lambda _, trainer=trainer: self.take(trainer))
            offers.append(widgets.HTML(f"<p>Still open: room {escape(trainer.code)}, {escape(board['title'])}, "
                                       f"{board['joined']} joined.</p>"))
            offers.append(again)
            if len(offers) == 2 * EARLIER_ROOMS:
                break
        if offers:
            offers.insert(0, widgets.HTML("<h4>Or go back to a room you opened from this computer</h4>"))
        return offers

    def show(self, board: dict) -> None:
        """Put a dashboard reply on the board, unless a newer one is there already (an action's
        own reply and the follower's may arrive in either order)."""
        if self.latest is not None and board["version"] < self.latest["version"]:
            return
        self.latest = board
        self.board.value = render_board(board, names=self.names.value)
        closed = board["status"] == "closed"
        for control in (self.next_button, self.reveal_button, self.close_button):
            control.disabled = closed
        self.next_button.disabled = closed or board["stages_open"] >= board["stages"]

    def _fetch(self, last: dict | None) -> dict:
        """The board once it is newer than ``last`` (names always come; the page shows them only
        when asked, so ticking "Show names" needs no new request)."""
        return self.trainer.dashboard(since=None if last is None else last["version"], names=True)

    def _act(self, action) -> None:
        try:
            action(self.trainer)
            self.message.value = ""
            self.show(self._fetch(None))
        except ServiceError as exc:
            self.message.value = problem(str(exc))

    def _trouble(self, message: str | None) -> None:
        self.message.value = problem(message) if message else ""

    def _still_wanted(self, board: dict) -> bool:
        """Follow until the room closes or this dashboard is closed (a cell run again in JupyterLab)."""
        return board["status"] != "closed" and self.comm is not None
