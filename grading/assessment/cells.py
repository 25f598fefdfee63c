"""What the assessment notebook calls: ``player(scenario)`` and ``grade(scenario, question)``.

The notebook stays thin: each of its code cells is one of these calls, so everything that can go
wrong is here, where it is tested.

The same notebook runs in two places. A trainee opens it (a course page, or JupyterLab): ``player``
shows the scenario player in assessment mode (their own variant, answers saved without marks, no
debrief) and ``grade`` only says whether an answer is saved, as a line of text naming the item (a
widget showing prose, not a program's output), which the player changes as it saves. nbgrader re-
runs it to autograde (it sets ``NBGRADER_EXECUTION=autograde``): ``player`` then only says where the
answers are read from, and ``grade`` reads the saved answer beside the notebook and returns its mark
as the cell's one output: the points as plain text, which nbgrader takes as the cell's partial
credit, and the sealed feedback (:mod:`grading.assessment.sealed_feedback`) rendered, which the
trainee's feedback page shows. It marks from the assessment's marking sheet
(:mod:`grading.assessment.marking_sheet`), so nbgrader's kernel never loads the case library itself:
that used to be most of what autograding a submission cost.

nbgrader gives a graded cell 0 if anything reaches stderr, so ``grade`` runs with warnings and
logging silenced and stderr caught: a library's passing warning cannot cost a trainee marks.
"""

from __future__ import annotations

import io
import logging
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr
from dataclasses import dataclass
from html import escape

import ipywidgets as widgets
from IPython.display import display

from grading.answers import AnswerStore
from grading.assessment.marking_sheet import MarkedItem, mark_answer, shipped_sheet
from grading.assessment.spec import variant_seed
from scenarios.errors import UnknownIdError

# The line under a case for each marked item, on the page while the trainee answers it: it names the
# item as the player heads it, and changes from the first to the second when an answer is saved.
NOT_SAVED = "No answer saved yet:"
SAVED = "Answer saved:"
# Each item's line on the page, by (case, item), so that the player can change it when it saves.
_item_lines: dict[tuple[str, str], widgets.HTML] = {}


def autograding() -> bool:
    """True while nbgrader autogrades this notebook."""
    return os.environ.get("NBGRADER_EXECUTION") == "autograde"


@contextmanager
def silenced() -> Iterator[None]:
    """Nothing inside reaches stderr: no warnings, no log records, no stray prints."""
    previous = logging.root.manager.disable
    logging.disable(logging.CRITICAL)
    try:
        with warnings.catch_warnings(), redirect_stderr(io.StringIO()):
            warnings.simplefilter("ignore")
            yield
    finally:
        logging.disable(previous)


def player(scenario_id: str, store: AnswerStore | None = None):
    """The scenario player for this trainee's variant, saving answers without marking them."""
    if autograding():
        print(f"Marking reads the answers saved in {scenario_id}.answers.json.")
        return None
    from grading.assessment.variants import variant_library
    from grading.player import ScenarioPlayer
    from scenarios.library import shipped_library

    store = store or AnswerStore()
    seed = variant_seed(store.trainee)
    return ScenarioPlayer(scenario_id, variant_seed=seed, store=store, feedback=False, show_debrief=False,
                          library=variant_library(seed, shipped_library()),
                          on_saved=lambda question_id: _show_saved(scenario_id, question_id))


@dataclass(frozen=True)
class GradedCellResult:
    """What a graded cell shows while autograding, as one output: its plain form is the points,
    from which nbgrader takes the cell's partial credit, and its rendered form the sealed feedback,
    which nbgrader's feedback page and formgrader show. One output, not a printed text beside a
    number: nbclient and nbgrader handle, check and store every output of every submission."""

    item: MarkedItem

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        return {"text/plain": f"{self.item.points:g}", "text/markdown": self.item.markdown()}

    def __str__(self) -> str:
        return self.item.text()


def grade(scenario_id: str, question_id: str, store: AnswerStore | None = None) -> GradedCellResult | None:
    """A graded cell's whole body. While autograding: the points and why (:class:`GradedCellResult`).
    Otherwise: say whether an answer is saved, and return nothing (no mark before grading)."""
    with silenced():
        store = store or AnswerStore()
        saved = store.load(scenario_id)
        item = _marked(scenario_id, question_id, saved.answers.get(question_id)) if autograding() else None
    if item is None:
        line = widgets.HTML(_said_of(question_id, SAVED if question_id in saved.answers else NOT_SAVED))
        line.add_class("mfc-item-line")  # styled with the player (grading.player.render.STYLE)
        _item_lines[scenario_id, question_id] = line
        display(line)
        return None
    return GradedCellResult(item)


def _said_of(question_id: str, status: str) -> str:
    """An item's line, naming it as the trainee read it ("Part 3 of 4: An empty bed: What happens in
    the first hour?"): nineteen lines that all said "this item" would not say which one is missing."""
    from grading.assessment.feedback_page import item_names

    name = item_names().get(question_id)
    item = f"{name.part}: {name.question}" if name else "this item"
    return f"<p><strong>{escape(status)}</strong> {escape(item)}</p>"


def _show_saved(scenario_id: str, question_id: str) -> None:
    """The player saved an answer: its item's line says so at once. A widget, not Markdown: a
    course page (Voila) draws printed output once, on the server, and only widgets change after."""
    line = _item_lines.get((scenario_id, question_id))
    if line is not None:
        line.value = _said_of(question_id, SAVED)


def _marked(scenario_id: str, question_id: str, answer: object) -> MarkedItem:
    entry = shipped_sheet().get(scenario_id, {}).get(question_id)
    if entry is None:
        raise UnknownIdError(f"unknown assessed question {question_id!r} in scenario {scenario_id!r}")
    return mark_answer(question_id, entry, answer)
