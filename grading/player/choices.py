"""The input controls of a decision point: radio buttons for a risk grading, checkboxes for
an action choice.

Both are real form inputs with their text as the label (ipywidgets renders ``<label><input>``),
so a screen reader reads each option and a keyboard reaches each one with Tab and toggles it with
Space. Each class has the same small surface (``widget``, ``answer``, ``show``, ``lock``) so the
question panel does not care which kind it holds.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from grading.player.option_order import variant_order
from scenarios.library import Library
from scenarios.models import ActionQuestion, RiskLevel, RiskQuestion

FULL_WIDTH = {"width": "100%"}


def level_text(level: RiskLevel) -> str:
    """A level's option text: its name and the police scale's own definition of it.

    Deliberately not ``for_children``: the rules for grading children are what the question
    tests, so they belong in the teaching and in the feedback, not in the options themselves
    (an option that says "the report asks for high" or "not to be used" gives the answer away).
    """
    return f"{level.label}: {level.definition}"


def retired_note(levels: list[RiskLevel]) -> str:
    """A line under the options naming any retired level. It stays selectable, because choosing
    it is a mistake worth learning from, but nobody should think it is current practice."""
    retired = [level.label for level in levels if not level.in_use]
    if not retired:
        return ""
    names = " and ".join(f"'{escape(label)}'" for label in retired)
    what = "is a retired police category" if len(retired) == 1 else "are retired police categories"
    return f'<p class="mfc-illustrative">{names} {what}, listed because you may still meet it in older records.</p>'



class RiskChoice:
    """One radio button per level the question offers, none chosen to begin with."""

    def __init__(self, question: RiskQuestion, library: Library, seed: int | str | None):
        levels = [library.level(level_id) for level_id in variant_order(question.levels, seed, question.id)]
        self.radios = widgets.RadioButtons(
            options=[(level_text(level), level.id) for level in levels],
            value=None,
            description="Risk level",
            layout=widgets.Layout(**FULL_WIDTH),
            style={"description_width": "initial"},
        )
        self.widget = widgets.VBox([self.radios, widgets.HTML(retired_note(levels))])

    def answer(self) -> str | None:
        """The chosen level id, or None before a choice."""
        return self.radios.value

    def missing(self) -> str:
        return "Choose a risk level first."

    def show(self, answer: str) -> None:
        self.radios.value = answer

    def lock(self) -> None:
        self.radios.disabled = True


class ActionChoice:
    """One checkbox per action option, labelled with the action's plain-language label."""

    def __init__(self, question: ActionQuestion, library: Library, seed: int | str | None):
        options = variant_order(question.options, seed, question.id)
        self.boxes = {
            option.action: widgets.Checkbox(
                value=False,
                description=library.action(option.action).label,
                indent=False,
                layout=widgets.Layout(**FULL_WIDTH),
            )
            for option in options
        }
        self.widget = widgets.VBox(list(self.boxes.values()), layout=widgets.Layout(**FULL_WIDTH))

    def answer(self) -> list[str] | None:
        """The ticked action ids in the order shown, or None while nothing is ticked."""
        ticked = [action_id for action_id, box in self.boxes.items() if box.value]
        return ticked or None

    def missing(self) -> str:
        return "Tick at least one action first."

    def show(self, answer: list[str]) -> None:
        for action_id, box in self.boxes.items():
            box.value = action_id in answer

    def lock(self) -> None:
        for box in self.boxes.values():
            box.disabled = True


def choice_for(question: RiskQuestion | ActionQuestion, library: Library, seed: int | str | None):
    """The control that fits the question's kind."""
    if isinstance(question, RiskQuestion):
        return RiskChoice(question, library, seed)
    return ActionChoice(question, library, seed)
