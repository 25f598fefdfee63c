"""``ScenarioPlayer``: a case scenario played stage by stage in a notebook or a Voila page.

The trainee reads the content note, chooses to start, and then meets each stage of the case in
time order: what happened, then a decision (grade the risk, choose the actions). Every answer is
saved to the trainee's answers file the moment it is checked, and a player built later on the
same file shows the same answers and results again. That is what lets nbgrader re-run a
trainee's notebook and see what they clicked.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from grading.answers import AnswerFile, AnswerFileError, AnswerStore
from grading.player import render
from grading.player.panels import QuestionPanel, StagePanel, button, hide
from grading.rubric import AnswerError, score_answer
from scenarios.library import Library, shipped_library
from scenarios.models import Scenario

CONTINUE = "Continue the case"


class ScenarioPlayer(widgets.VBox):
    """Play one scenario of the case library.

    ``variant_seed`` shuffles the order of risk levels and action options for one learner (the
    answer key is unchanged) and is saved in the answers file as ``"variant": {"seed": ...}``;
    without one, a seed saved earlier is reused so a re-run shows the same order.
    ``store`` says where answers are saved (by default ``AnswerStore()``: ``$MFC_ANSWERS_DIR``
    or the notebook's folder). ``feedback=False`` saves answers without marking them, and
    ``show_debrief=False`` holds back the debrief: both for the graded assessment.
    ``show_score=False`` gives the feedback without the number (the carers' pages).

    ``on_saved(question_id)`` is called after each answer is saved (the assessment's lines that
    say which items have an answer follow it).

    ``room="CODE"`` joins a live workshop room (:mod:`workshop.link`) and sends each saved answer
    there as well; in a room the mark is held back (``feedback=False``), since the trainer reveals
    the reference to everyone at once. ``room`` may also be a joined ``RoomLink``. The player then
    follows the room by itself: in a paced room the next stage appears once the trainer opens it,
    and when the trainer reveals a stage its answers get their marks.
    """

    def __init__(self, scenario_id: str, *, variant_seed: int | str | None = None, store: AnswerStore | None = None,
                 feedback: bool = True, show_debrief: bool = True, show_score: bool = True,
                 library: Library | None = None, room=None, on_saved: Callable[[str], None] | None = None):
        self.library = library or shipped_library()
        if scenario_id not in self.library.scenarios:
            known = ", ".join(self.library.scenarios)
            raise ValueError(f"unknown scenario {scenario_id!r}; the library has: {known}")
        self.scenario: Scenario = self.library.scenario(scenario_id)
        self.store = store or AnswerStore()
        self.room = _room_link(room, self.store.trainee)
        self.feedback = feedback and self.room is None
        self.show_debrief = show_debrief
        self.show_score = show_score
        self.on_saved = on_saved
        saved = self.store.load(scenario_id)
        self.variant_seed = variant_seed if variant_seed is not None else _saved_seed(saved)

        self.start_button = button("Start the case", button_style="primary")
        self.start_button.on_click(lambda _: self.start())
        self.stages = [self._stage_panel(index) for index in range(len(self.scenario.stages))]
        self.ending = widgets.HTML()
        self.room_note = widgets.HTML()  # what the trainer just did, under the stage on screen
        self.room_state = self.room.state if self.room else None
        self._waiting_for: int | None = None  # the stage asked for before the trainer opened it
        self._stage_of = {q.id: index for index, stage in enumerate(self.scenario.stages) for q in stage.questions}
        super().__init__([widgets.HTML(render.opening(self.scenario)), self.start_button],
                         layout=widgets.Layout(width="100%"))
        self.add_class("mfc-player")
        self._restore(saved)
        if self.room:
            self.room.follow(self.room_moved, self._room_trouble)

    # -- building

    def _stage_panel(self, index: int) -> StagePanel:
        questions = [
            QuestionPanel(question, self.library, self.variant_seed, self._submit,
                          lock_when_answered=self.feedback,
                          button_text="Check my answer" if self.feedback else "Save my answer")
            for question in self.scenario.stages[index].questions
        ]
        last = index == len(self.scenario.stages) - 1
        # Not just "Next": the page around the player has its own "Next: <page>" link.
        next_text = CONTINUE if not last else ("Read the debrief" if self.show_debrief else None)
        panel = StagePanel(self.scenario, index, questions, next_text)
        panel.on_next = lambda: self._reveal(index + 1)
        return panel

    # -- moving through the case

    @property
    def started(self) -> bool:
        return self.start_button.layout.display == "none"

    @property
    def shown_stages(self) -> list[StagePanel]:
        """The stages on screen so far, in order."""
        return [child for child in self.children if isinstance(child, StagePanel)]

    def start(self) -> None:
        """Leave the content note and show the first stage (the 'Start the case' button)."""
        if not self.started:
            hide(self.start_button)
            self._reveal(0)

    def _reveal(self, index: int) -> None:
        if index < len(self.stages) and not self._stage_open(index):
            self._waiting_for = index
            self._say("Your trainer opens the next stage when the room is ready. It will appear here by itself.")
        elif index < len(self.stages):
            self._lay_out(self.stages[index])
        else:
            self.ending.value = render.debrief(self.scenario) if self.show_debrief else render.finished()
            self._lay_out(self.ending)

    def _lay_out(self, *new: widgets.Widget) -> None:
        """Show ``new`` after what is on screen, with the room's note (if any) last, under it."""
        shown = [child for child in self.children if child is not self.room_note]
        self.children = [*shown, *new, *([self.room_note] if self.room_note.value else [])]

    # -- a workshop room

    def _stage_open(self, index: int) -> bool:
        return self.room_state is None or index < self.room_state["stages_open"]

    def _stage_revealed(self, index: int) -> bool:
        return self.room_state is not None and index in self.room_state["revealed"]

    def _say(self, note: str) -> None:
        self.room_note.value = render.room_note(note) if note else ""
        self._lay_out()

    def room_moved(self, state: dict) -> None:
        """The trainer moved the room on (its new state, from :mod:`workshop.follow`): mark the
        answers of stages now revealed, say what happened, and show a stage asked for and now open."""
        before, self.room_state = self.room_state, state
        revealed = [index for index in state["revealed"] if index not in before["revealed"]]
        if revealed:
            self._show_marks(revealed)
        if state["status"] == "closed":
            self._say("Your trainer has closed the room. Your answers stay saved on this device.")
        elif revealed:
            parts = " and ".join(str(index + 1) for index in revealed)
            self._say(f"Your trainer has shown the answer for part {parts}: your result is under your answer there.")
        elif state["stages_open"] > before["stages_open"] and self._waiting_for is None:
            self._say("Your trainer has opened the next stage: answer this one, then press Continue the case.")
        else:
            self._say("")
        if self._waiting_for is not None and self._stage_open(self._waiting_for):
            waiting, self._waiting_for = self._waiting_for, None
            self._reveal(waiting)

    def _show_marks(self, stages: list[int]) -> None:
        """The marks held back until the trainer's Reveal; from now on these answers stay as marked."""
        saved = self.store.load(self.scenario.id).answers
        for index in stages:
            for panel in self.stages[index].questions:
                panel.lock_when_answered = True
                if panel.question.id in saved:
                    panel.show_result(self._result(panel.question.id, saved[panel.question.id]))

    def _room_trouble(self, message: str | None) -> None:
        self.room_note.value = render.problem(f"Lost touch with the room: {message}") if message else ""
        self._lay_out()

    # -- answers

    def _result(self, question_id: str, answer: object) -> str:
        """The HTML shown after an answer. It is always scored, which also checks that an answer
        read back from a file still fits the question, but the mark is shown only with feedback."""
        result = score_answer(self.library, self.scenario.id, question_id, answer)
        if self.feedback or self._stage_revealed(self._stage_of[question_id]):
            return render.mark(result, score=self.show_score)
        return render.sent_to_room() if self.room else render.saved()

    def _submit(self, panel: QuestionPanel, answer: object, reason: str | None) -> tuple[str, bool]:
        """Save the answer, then show its result. A file that cannot be written is reported on
        the page in one line, and the answer counts as not given."""
        try:
            recorded = self.store.record(self.scenario.id, panel.question.id, answer, reason)
            if self.variant_seed is not None and recorded.extra.get("variant") != {"seed": self.variant_seed}:
                self.store.annotate(self.scenario.id, variant={"seed": self.variant_seed})
        except (AnswerFileError, OSError) as exc:
            return render.problem(f"Your answer could not be saved: {exc}"), False
        if self.on_saved:
            self.on_saved(panel.question.id)
        not_sent = self.room.send(panel.question.id, answer, reason) if self.room else None
        if not_sent:
            return render.problem(not_sent), True
        return self._result(panel.question.id, answer), True

    def _restore(self, saved: AnswerFile) -> None:
        """Show the stages already answered, with their results, and the next one to answer."""
        if not saved.answers:
            return
        self.start()
        for stage in self.stages:
            for panel in stage.questions:
                if panel.question.id in saved.answers:
                    self._restore_answer(panel, saved)
            if not stage.complete:
                break
            stage.go_on()

    def _restore_answer(self, panel: QuestionPanel, saved: AnswerFile) -> None:
        answer = saved.answers[panel.question.id]
        try:
            html = self._result(panel.question.id, answer)
            panel.restore(answer, saved.reasons.get(panel.question.id), html)
        except AnswerError as exc:
            # The library changed since the answer was saved (an option withdrawn): ask again.
            panel.result.value = render.problem(f"Your earlier answer no longer fits this question ({exc}); "
                                                "please answer again.")


def _room_link(room, name: str):
    """A RoomLink for a join code (imported only then: the course works without the workshop)."""
    if room is None or not isinstance(room, str):
        return room
    from workshop.link import RoomLink

    return RoomLink(room, name)


def _saved_seed(saved: AnswerFile) -> int | str | None:
    variant = saved.extra.get("variant")
    return variant.get("seed") if isinstance(variant, dict) else None
