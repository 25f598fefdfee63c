"""The exercise's two pages, as widgets (the Voila notebooks in course/workshop/ show one each).

``ExerciseSeatPage``: a trainee joins with the room's code and a name, takes a seat, reads their
cards and chooses, card by card, whom to pass each to; when the trainer moves the clock on, the
page shows the next round and the cards others passed on by itself. ``ExerciseTrainerPage``: the
trainer opens a room with the exercise, shows the code and how many sit in each seat and what has
been passed on (both as they change), moves the clock on round by round and, after the last,
shows the debrief: the curve and the card table. Both follow the room (:mod:`workshop.follow`),
talk to the service only through :mod:`workshop.exercise_client`, and lay out in one column that
fits a 375 px phone.
"""

from __future__ import annotations

from html import escape

import ipywidgets as w

from exercises.library import shipped_exercise
from exercises.plots import debrief_figure
from exercises.words import ADDED_CARD, ADDED_SEAT, card_rows
from simulations.plots import figure_png
from workshop.client import ServiceError
from workshop.exercise_client import ExercisePlayer, ExerciseTrainer
from workshop.follow import Follower
from workshop.link import hub_token, workshop_url

DEFAULT_EXERCISE = "kim-who-knows-what"
STYLE = """<style>
.mfc-ex{max-width:46rem;font-size:1rem;line-height:1.5;padding-right:.5rem;box-sizing:border-box}
.mfc-ex .widget-html-content{white-space:normal;overflow-wrap:break-word}
.mfc-ex .widget-button,.mfc-ex .widget-text,.mfc-ex .widget-dropdown{max-width:100%}
.mfc-ex-card{border:2px solid #0072B2;border-radius:6px;padding:.25rem .75rem;margin:.5rem 0}
.mfc-ex-problem{color:#8a1c00;font-weight:600}
.mfc-ex-added{font-style:italic;color:#444}
.mfc-ex table{border-collapse:collapse;width:100%;font-size:.9rem}
.mfc-ex th,.mfc-ex td{border:1px solid #bbb;padding:.3rem;text-align:left;vertical-align:top}
.mfc-ex-code{font-size:3rem;letter-spacing:.3rem;font-weight:700}
@media (max-width:600px){.mfc-ex table,.mfc-ex tbody,.mfc-ex tr,.mfc-ex td{display:block}
.mfc-ex thead{display:none}.mfc-ex td{border:none;padding:.1rem 0}.mfc-ex tr{border-top:1px solid #bbb;padding:.4rem 0}}
</style>"""
FULL = w.Layout(width="100%")


def _html(text: str) -> w.HTML:
    return w.HTML(text, layout=FULL)


def _button(label: str, style: str = "primary") -> w.Button:
    return w.Button(description=label, button_style=style, layout=w.Layout(width="auto", min_width="12rem"))


class _Page:
    """One column: a problem line, then the page's current content."""

    def __init__(self):
        self.problem = _html("")
        self.body = w.VBox(layout=FULL)
        self._what_counts = None  # set by follow(): what in a view this page shows
        self._shown = None
        self.widget = w.VBox([_html(STYLE), self.problem, self.body], layout=FULL)
        self.widget.add_class("mfc-ex")

    def show(self, *children: w.Widget) -> None:
        self.problem.value = ""
        self.body.children = children

    def say_problem(self, message: str) -> None:
        self.problem.value = f'<p class="mfc-ex-problem" role="alert">{escape(message)}</p>'

    def follow(self, fetch, what_counts, done) -> None:
        """Show the first view, then each view the room's changes bring when ``what_counts(view)``
        differs from what is on the page (so a change that does not concern this page does not
        rebuild it under the person's fingers); stop following once ``done(view)``."""
        self._what_counts = what_counts
        first = fetch(None)
        self.show_view(first)
        Follower(fetch, self._news, trouble=self._trouble, keep_going=lambda view: not done(view) and
                 self.widget.comm is not None, last=first).start()

    def show_view(self, view: dict) -> None:
        """Put ``view`` on the page (``render``, which each page defines), whatever was there."""
        self._shown = self._what_counts(view)
        try:
            self.render(view)
        except ServiceError as exc:
            self.say_problem(str(exc))

    def _news(self, view: dict) -> None:
        if self._what_counts(view) != self._shown:
            self.show_view(view)

    def _trouble(self, message: str | None) -> None:
        if message:
            self.say_problem(f"Lost touch with the room: {message}")
        else:
            self.problem.value = ""

    def guarded(self, action):
        """A click handler that shows the service's sentence instead of failing silently."""
        def run(_button=None):
            try:
                action()
            except ServiceError as exc:
                self.say_problem(str(exc))
        return run


class ExerciseSeatPage(_Page):
    """The trainee's page."""

    def __init__(self, base_url: str | None = None):
        super().__init__()
        self.base_url = base_url or workshop_url()
        self.player: ExercisePlayer | None = None
        self.code = w.Text(description="Room code", layout=FULL, style={"description_width": "6rem"})
        self.name = w.Text(description="Your name", layout=FULL, style={"description_width": "6rem"})
        join = _button("Join the room")
        join.on_click(self.guarded(self._join))
        self.show(_html("<h2>Join the exercise</h2><p>Type the code on the trainer's screen and a first name "
                        "or nickname. Only the trainer sees names.</p>"), self.code, self.name, join)

    def _join(self) -> None:
        self.player = ExercisePlayer.join(self.base_url, self.code.value.strip(), self.name.value, hub_token())
        self.follow(lambda last: self.player.state(since=None if last is None else last["version"]),
                    what_counts=lambda view: (view["role"] is None, view["round"], view["debrief_ready"]),
                    done=lambda view: view["debrief_ready"])

    def refresh(self) -> None:
        self.show_view(self.player.state())

    def render(self, view: dict) -> None:
        if view["role"] is None:
            self._choose_role(view)
        elif view["over"]:
            self._over(view)
        else:
            self._round(view)

    def _choose_role(self, view: dict) -> None:
        header = _html(f"<h2>{escape(view['title'])}</h2><p><strong>Content note.</strong> "
                       f"{escape(view['content_note'])}</p><p>{escape(view['situation'])}</p>"
                       "<h3>Which seat are you in?</h3>")
        buttons = []
        for role in view["roles"]:
            button = _button(role["title"], "")
            button.on_click(self.guarded(lambda _b=None, rid=role["id"]: self._take(rid)))
            buttons.append(button)
        self.show(header, *buttons)

    def _take(self, role_id: str) -> None:
        self.player.take_role(role_id)
        self.refresh()

    def _card(self, card: dict, view: dict) -> w.Widget:
        if card["from"]:  # the card speaks to its first holder; say whose words they are
            body = (f"<p><em>Passed to you by the {escape(card['from'].lower())}. Their card says:</em></p>"
                    f"<blockquote>{escape(card['text'])}</blockquote>")
        else:
            body = f"<p>{escape(card['text'])}</p>"
        if card["illustrative"]:
            body += f'<p class="mfc-ex-added">{escape(ADDED_CARD)}</p>'
        text = _html(f"<h4>{escape(card['title'])}</h4>{body}")
        others = [(r["title"], r["id"]) for r in view["roles"] if r["id"] != view["role"]["id"]]
        sent = [escape(title) for title, rid in others
                if {"card": card["id"], "to": rid} in view["shared_this_round"]]
        to = w.Dropdown(options=[("Choose who to tell", "")] + others, layout=FULL,
                        description="Tell", style={"description_width": "3rem"})
        share = _button("Pass it on", "")
        share.on_click(self.guarded(lambda _b=None: self._share(card["id"], to.value)))
        already = _html(f"<p>This round you passed it to: {', '.join(sent)}.</p>" if sent else "")
        box = w.VBox([text, already, to, share], layout=FULL)
        box.add_class("mfc-ex-card")
        return box

    def _share(self, card_id: str, to: str) -> None:
        if not to:
            self.say_problem("Choose who to pass the card to first.")
            return
        self.player.share(card_id, to)
        self.refresh()

    def _round(self, view: dict) -> None:
        r = view["round"]
        header = _html(f"<h2>{escape(r['title'])}</h2><p>Round {r['number']} of {view['rounds']}. "
                       f"{escape(r['narrative'])}</p><p>You are the <strong>{escape(view['role']['title'].lower())}"
                       f"</strong>. {escape(view['role']['briefing'])}</p>"
                       + (f'<p class="mfc-ex-added">{escape(ADDED_SEAT)}</p>' if view["role"]["illustrative"] else "")
                       + ("<h3>What you know</h3>" if view["cards"] else
                          "<p>You hold no information yet. Others may pass some to you.</p>"))
        follows = _html("<p><em>When the trainer moves the clock on, the next round and anything passed to you "
                        "appear here by themselves.</em></p>")
        self.show(header, *[self._card(card, view) for card in view["cards"]], follows)

    def _over(self, view: dict) -> None:
        if not view["debrief_ready"]:
            self.show(_html("<h2>The last round is over</h2><p>The debrief is being worked out from what the "
                            "room passed on; it will be ready here in a moment.</p>"))
            return
        see = _button("See the debrief", "info")
        see.on_click(self.guarded(self._debrief))
        self.show(_html("<h2>The last round is over</h2><p>Look at the trainer's screen for the debrief, "
                        "or open it here.</p>"), see)

    def _debrief(self) -> None:
        self.show(*debrief_widgets(self.player.debrief()))


def debrief_widgets(data: dict) -> list[w.Widget]:
    """The curve, the plain words and the card table of a stored debrief."""
    exercise = shipped_exercise(data["exercise"])
    image = w.Image(value=figure_png(debrief_figure(data, exercise.child.name)), format="png",
                    layout=w.Layout(width="100%", max_width="46rem", height="auto"))
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in data["words"].split("\n\n")[:2])
    rows = "".join(
        f"<tr><td><strong>{escape(r['card'])}</strong></td><td>{escape(r['held_by'])}, {escape(r['sat'])}</td>"
        f"<td>{escape(r['needed_by'])}: {escape(r['reached'])}"
        f"{'' if r['verdict'] == 'never' else ' (' + escape(r['verdict']) + ')'}</td>"
        f"<td>{escape(r['guidance'])}</td></tr>" for r in card_rows(exercise, data))
    table = ("<h3>Where each piece of information sat</h3><table><thead><tr><th>Information</th>"
             "<th>Who held it</th><th>Who needed it, and when it got there</th><th>What the guidance says</th>"
             f"</tr></thead><tbody>{rows}</tbody></table>")
    happened = (f"<h3>What happened to {escape(exercise.child.name)}</h3>"
                f"<p>{escape(exercise.debrief.what_happened)}</p>")
    note = data["words"].split("\n\n")[-1]
    return [_html(f"<h2>Debrief: {escape(exercise.title)}</h2>{paragraphs}"), image, _html(table),
            _html(happened), _html(f"<p><em>{escape(note)}</em></p>")]


class ExerciseTrainerPage(_Page):
    """The trainer's page (for the projector)."""

    def __init__(self, base_url: str | None = None, exercise: str = DEFAULT_EXERCISE):
        super().__init__()
        self.base_url = base_url or workshop_url()
        self.exercise = exercise
        self.trainer: ExerciseTrainer | None = None
        start = _button("Open a room for the exercise")
        start.on_click(self.guarded(self._start))
        title = shipped_exercise(exercise).title
        self.show(_html(f"<h2>{escape(title)}</h2><p>Open a room, then give the room code to the group. "
                        "Each person joins on their own device and takes a seat.</p>"), start)

    def _start(self) -> None:
        self.trainer = ExerciseTrainer.create(self.base_url, self.exercise, hub_token=hub_token())
        self.follow(lambda last: self.trainer.state(since=None if last is None else last["version"]),
                    what_counts=lambda view: {key: value for key, value in view.items() if key != "version"},
                    done=lambda view: view["debrief_ready"])

    def refresh(self) -> None:
        self.show_view(self.trainer.state())

    def render(self, view: dict) -> None:
        if view["over"] and not view["debrief_ready"]:
            self.show(_html("<h2>The last round is over</h2><p>Working out the debrief from what the room passed "
                            "on: a moment.</p>"))
            return
        if view["over"]:
            self.show(*debrief_widgets(self.trainer.debrief()))
            return
        r = view["round"]
        titles = {role["id"]: role["title"] for role in view["roles"]}
        seats = "".join(f"<li>{escape(titles[rid])}: {n}</li>" for rid, n in view["seats"].items())
        last = r["number"] == view["rounds"]
        step = _button("End the last round and show the debrief" if last else "Move on to the next round")
        step.on_click(self.guarded(self._next))
        self.show(_html(f'<p>Room code</p><p class="mfc-ex-code" aria-label="Room code">{escape(self.trainer.code)}'
                        f"</p><h2>{escape(r['title'])}</h2><p>Round {r['number']} of {view['rounds']}. "
                        f"{escape(r['narrative'])}</p><p>Pieces of information passed on this round: "
                        f"{view['shares_this_round']}.</p><h3>Who is in each seat</h3><ul>{seats}</ul>"),
                  step)

    def _next(self) -> None:
        self.trainer.next_round()
        self.refresh()
