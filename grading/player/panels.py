"""The widgets of one stage: its text, one panel per decision point, and the way on.

Panels know nothing about files or scoring. A question panel hands the trainee's answer to a
``submit`` function the player gives it and shows whatever HTML comes back, so the same panel
serves the course (feedback at once) and the assessment (saved, not marked).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as widgets

from grading.player import render
from grading.player.choices import FULL_WIDTH, choice_for
from scenarios.library import Library
from scenarios.models import ActionQuestion, RiskQuestion, Scenario

Question = RiskQuestion | ActionQuestion
# submit(panel, answer, reason) -> (HTML to show, whether the answer was accepted)
Submit = Callable[["QuestionPanel", object, str | None], tuple[str, bool]]

NO_REASON = "No reason given."
HEADINGS = {"risk": "Grade the risk.", "actions": "Choose what to do. Tick every action you would take."}


def button(description: str, **options) -> widgets.Button:
    """A button as wide as its words (in a column ipywidgets would stretch it across the page)."""
    return widgets.Button(description=description, layout=widgets.Layout(width="auto", align_self="flex-start"),
                          **options)


def hide(widget: widgets.DOMWidget) -> None:
    widget.layout.display = "none"


class QuestionPanel(widgets.VBox):
    """A decision point: the prompt, the options, an optional reason, a button and the result."""

    def __init__(self, question: Question, library: Library, seed: int | str | None, submit: Submit,
                 *, lock_when_answered: bool, button_text: str):
        self.question = question
        self.choice = choice_for(question, library, seed)
        self.answered = False
        self._submit = submit
        self.lock_when_answered = lock_when_answered
        self.reason = widgets.Textarea(
            description="Your reason (optional)",
            placeholder="What in the story led you to this answer?",
            rows=2,
            layout=widgets.Layout(**FULL_WIDTH),
            style={"description_width": "initial"},
        )
        self.button = button(button_text, button_style="primary")
        self.button.on_click(lambda _: self.submit())
        self.result = widgets.HTML()
        self.on_answered: Callable[[], None] = lambda: None
        prompt = widgets.HTML(f"<p><strong>{HEADINGS[question.kind]}</strong> {escape(question.prompt)}</p>")
        super().__init__([prompt, self.choice.widget, self.reason, self.button, self.result],
                         layout=widgets.Layout(**FULL_WIDTH, margin="0 0 1rem 0"))

    def submit(self) -> None:
        """Hand the current answer on, as the button does; a missing answer gets a prompt."""
        answer = self.choice.answer()
        if answer is None:
            self.result.value = render.problem(self.choice.missing())
            return
        html, accepted = self._submit(self, answer, self.reason.value.strip() or None)
        self.result.value = html
        if accepted:
            self._settle()

    def restore(self, answer: object, reason: str | None, html: str) -> None:
        """Show an answer saved earlier, with its result, as if it had just been given."""
        self.choice.show(answer)
        self.reason.value = reason or ""
        self.result.value = html
        self._settle()

    def show_result(self, html: str) -> None:
        """Show a new result for the answer given (a workshop's Reveal brings the mark held back)."""
        self.result.value = html
        self._settle()

    def _settle(self) -> None:
        # Once feedback is shown, the answer it speaks about must stay on screen unchanged.
        if self.lock_when_answered:
            self.choice.lock()
            self.reason.disabled = True
            if not self.reason.value:  # the locked box's placeholder would read as a reason not given
                self.reason.placeholder = NO_REASON
            self.button.disabled = True
        first_time, self.answered = not self.answered, True
        if first_time:
            self.on_answered()


class StagePanel(widgets.VBox):
    """One stage of the timeline, with its decision points and the button to go on."""

    def __init__(self, scenario: Scenario, index: int, questions: list[QuestionPanel], next_text: str | None):
        self.index = index
        self.questions = questions
        self.text = widgets.HTML(render.stage(scenario, index))
        self.on_next: Callable[[], None] = lambda: None
        self.next_button = button(next_text or "", disabled=True)
        self.next_button.on_click(lambda _: self.go_on())
        self.hint = widgets.HTML(self._hint_text())
        # With nothing to click (the assessment's last stage), answering it is the end.
        self._advance_by_itself = next_text is None
        if self._advance_by_itself:
            hide(self.next_button)
        for panel in questions:
            panel.on_answered = self._question_answered
        navigation = widgets.HBox([self.next_button, self.hint], layout=widgets.Layout(align_items="center"))
        super().__init__([self.text, *questions, navigation],
                         layout=widgets.Layout(**FULL_WIDTH, border_top="1px solid #999", padding="0.5rem 0"))

    @property
    def complete(self) -> bool:
        return all(panel.answered for panel in self.questions)

    def _hint_text(self) -> str:
        if self.complete:
            return ""
        many = "each question" if len(self.questions) > 1 else "the question"
        return f'<em class="mfc-hint">Answer {many} above to go on.</em>'

    def _question_answered(self) -> None:
        self.hint.value = self._hint_text()
        if self.complete:
            self.next_button.disabled = False
            if self._advance_by_itself:
                self.go_on()

    def go_on(self) -> None:
        """Reveal what comes next, once; the button then stays as a marker of where the next
        stage begins, so keyboard focus moves straight on into it."""
        if self.complete and not self.next_button.disabled:
            self.next_button.disabled = True
            self.on_next()
