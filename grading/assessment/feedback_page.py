"""The page a trainee reads after marking: nbgrader's ``generate_feedback`` with the course's own
exporter and template, instead of nbgrader's.

Why not nbgrader's page: it is the graded notebook printed out, so a trainee (a social worker, a
police officer, a foster carer) would read every cell's code (``grade("...", "...")``, which they
never wrote), In/Out prompts and a header "Grade cell: <question id>" per item, in a layout that
crowds on a phone. This page names each item in the words the trainee read in the case player
(the case, the part of the case, the question) and shows its points, the sealed feedback its
graded cell gave (:mod:`grading.assessment.sealed_feedback`) and the total; no code, no ids.

How, through nbgrader's own extension points: :func:`grading.assessment.course.configure` makes
:class:`FeedbackPage` nbgrader's feedback exporter (``GenerateFeedback.exporter_class``) with the
template in ``templates/trainee_feedback``, so ``mfc assess feedback``, formgrader's button and
``nbgrader generate_feedback`` all write this page. The exporter adds one preprocessor,
:class:`PageSections`, which lays the page out; the points come from nbgrader's own ``GetGrades``
preprocessor (the gradebook's score, so a course lead's change in formgrader shows).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from nbconvert.exporters import HTMLExporter
from nbconvert.preprocessors import Preprocessor

from grading.assessment.spec import SCENARIOS

TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "trainee_feedback"
OTHER_ITEMS = "Other marked items"


@dataclass(frozen=True)
class Item:
    """One marked item: its graded cell's place in the notebook (where the template finds
    nbgrader's score), the words that name it, and the sealed feedback its graded cell gave, as
    markdown ("" if it gave none)."""

    cell: int
    part: str
    question: str
    explanation: str


@dataclass(frozen=True)
class Case:
    """One section of the page: its heading ("Case 1" and the case's title) and its items."""

    label: str
    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class ItemName:
    """The words that name an assessed question, as the trainee read them."""

    case_label: str  # "Case 1", as the assessment notebook heads the case
    case_title: str
    part: str  # "Part 2 of 4: The first morning", as the case player heads the stage
    question: str


@cache
def item_names() -> dict[str, ItemName]:
    """Every assessed question's words, by question id (a graded cell's ``grade_id``).

    From the shipped library, not the trainee's variant: a variant only adds scene-setting details
    and reorders options, so the words are the same for every trainee (a test checks a variant
    leaves the questions untouched).
    """
    from grading.player.render import part_label
    from scenarios.library import shipped_library

    library = shipped_library()
    names = {}
    for number, scenario_id in enumerate(SCENARIOS, start=1):
        scenario = library.scenario(scenario_id)
        for index, stage in enumerate(scenario.stages):
            part = f"{part_label(scenario, index)}: {stage.title}"
            for question in stage.questions:
                names[question.id] = ItemName(f"Case {number}", scenario.title, part, question.prompt)
    return names


def explanation(cell) -> str:
    """The sealed feedback a graded cell gave while autograding: its output's markdown form."""
    return next((output["data"]["text/markdown"] for output in cell.get("outputs", [])
                 if "text/markdown" in output.get("data", {})), "")


def cases(notebook) -> list[Case]:
    """The page's sections: each assessed case with its marked items, in notebook order, then any
    graded cell the assessed questions do not name (a course lead's own) under "Other marked items"."""
    names = item_names()
    sections: dict[tuple[str, str], list[Item]] = {}
    others: list[Item] = []
    for index, cell in enumerate(notebook.cells):
        grade = cell.metadata.get("nbgrader", {})
        if not grade.get("grade"):
            continue
        name = names.get(grade.get("grade_id"))
        if name is None:
            others.append(Item(index, "", f"Item {len(others) + 1}", explanation(cell)))
        else:
            item = Item(index, name.part, name.question, explanation(cell))
            sections.setdefault((name.case_label, name.case_title), []).append(item)
    if others:
        sections[("", OTHER_ITEMS)] = others
    return [Case(label, title, tuple(items)) for (label, title), items in sections.items()]


class PageSections(Preprocessor):
    """Puts the page's sections (:func:`cases`) into the resources the template reads, as
    ``resources["feedback_cases"]``; the notebook itself is left as it is."""

    def preprocess(self, nb, resources):
        resources["feedback_cases"] = cases(nb)
        return nb, resources


class FeedbackPage(HTMLExporter):
    """nbgrader's feedback exporter for this course: an HTML page from ``templates/trainee_feedback``,
    with :class:`PageSections` before nbgrader's own preprocessors (which it adds after this one).

    The template is chosen by settings for this class (see :func:`grading.assessment.course.configure`):
    they outrank the ``HTMLExporter`` settings nbgrader writes for its own template, as its API does
    on every ``generate_feedback`` call."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.register_preprocessor(PageSections, enabled=True)
