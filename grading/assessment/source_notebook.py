"""Builds the assessment's source notebook, ``source/<assignment>/<assignment>.ipynb``, from
:mod:`grading.assessment.spec` and the case library.

Why build it rather than edit it by hand: every graded cell's points must equal the rubric's
maximum for its question, and every assessed question needs exactly one graded cell; a builder
gets both right by construction, and a test checks the committed notebook is what it builds.
Run ``python -m grading.assessment.source_notebook`` after changing the spec or the library.

Every cell is read-only to nbgrader (``locked``), so an edited cell is noticed by its checksum
and restored at autograde. Trainees never type code: they click in the player.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from grading.assessment.course import DEFAULT_ROOT
from grading.assessment.spec import ASSIGNMENT_ID, SCENARIOS
from grading.rubric import unanswered
from scenarios.library import Library, shipped_library

INTRODUCTION = """\
# Graded assessment: grading risk and choosing actions

**Content note.** The cases below are about children who were trafficked or exploited and then
went missing from care. Some are retold, with changed names, from real cases in *Heading back to
harm* (ECPAT UK and Missing People, 2016). They mention exploitation without describing it.
Take a break whenever you need one, and talk to your course lead or supervisor if a case
stays with you.

**How it works.** There are {cases} cases. In each one you read what happened, stage by stage,
and at each decision point you either grade the risk to the child or choose what should be done.
You answer by clicking, then press **Save my answer**. Nothing here asks you to write code.

- Your answers are saved each time you press *Save my answer*. You can close this page and come
  back later: your saved answers will still be there.
- You get no marks or feedback yet. After your course lead marks the assessment you receive a
  score and a reason for each item, with the sections of the guidance to read.
- The options appear in a different order for each trainee, and some small scene-setting
  details differ. That is on purpose; the right answers are the same for everyone.

**Handing in.** When you have answered every case, go back to the graded assessment page (the
link at the top of this page, or *The graded assessment* on your course home) and press **Hand in
my answers**. Under each case, a line for each marked item says whether an answer to it is saved.

*If you opened this in JupyterLab:* choose *Run All Cells* from the *Run* menu, do not change the
cells (any change is undone at marking and reported to your course lead), and hand in from the
Assignment List.
"""

CASE_HEADING = """\
## Case {number}: {title}

Read the content note at the top of the case before you begin. Under the case, one line for each
of its {count} marked items says whether your answer to it is saved.
"""

SETUP = "from grading.assessment import grade, player"


def _locked(cell, grade_id: str, points: float | None = None):
    """Mark a cell read-only for nbgrader; with ``points``, also an autograded test cell."""
    cell.metadata["nbgrader"] = {
        "grade": points is not None,
        "grade_id": grade_id,
        "locked": True,
        "schema_version": 3,
        "solution": False,
        "task": False,
        **({"points": points} if points is not None else {}),
    }
    return cell


def build_notebook(library: Library) -> nbformat.NotebookNode:
    """The source notebook: an introduction, then per case its player and one graded cell per
    question, worth the rubric's maximum for that question."""
    cells = [
        _locked(new_markdown_cell(INTRODUCTION.format(cases=len(SCENARIOS))), "introduction"),
        _locked(new_code_cell(SETUP), "setup"),
    ]
    for number, scenario_id in enumerate(SCENARIOS, start=1):
        scenario = library.scenario(scenario_id)
        questions = scenario.questions()
        heading = CASE_HEADING.format(number=number, title=scenario.title, count=len(questions))
        cells.append(_locked(new_markdown_cell(heading), f"{scenario_id}-heading"))
        cells.append(_locked(new_code_cell(f'player("{scenario_id}")'), f"{scenario_id}-player"))
        for question in questions:
            points = unanswered(question, library).maximum
            cells.append(_locked(new_code_cell(f'grade("{scenario_id}", "{question.id}")'), question.id, points))
    for index, cell in enumerate(cells):
        cell.id = f"cell-{index}"  # stable ids, so building twice gives the same file
    notebook = new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.metadata["language_info"] = {"name": "python"}
    return notebook


def source_path(root: Path = DEFAULT_ROOT) -> Path:
    return root / "source" / ASSIGNMENT_ID / f"{ASSIGNMENT_ID}.ipynb"


def write_source(root: Path = DEFAULT_ROOT, library: Library | None = None) -> Path:
    """(Re)write the committed source notebook under ``root``."""
    path = source_path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(build_notebook(library or shipped_library()), path)
    return path


if __name__ == "__main__":
    print(f"wrote {write_source(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_ROOT)}")
