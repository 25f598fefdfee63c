"""The notebook-facing calls, run in a real kernel the way nbgrader and a trainee run them.

nbgrader scores a graded cell 0 if anything at all reaches stderr, so the first test makes every
kind of noise a library makes inside ``grade`` (a warning, a log record through a handler on
the real stderr, a print to sys.stderr, and a corrupt answers file,
which the answer store reports with a logged warning) and checks that nbgrader's own scoring
function still gives the rubric's points. A control cell makes the same noise outside ``grade``
to show the kernel would have caught it.
"""

from __future__ import annotations

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook
from nbgrader.utils import determine_grade

from grading.answers import AnswerStore
from grading.rubric import score_answer

RISK = ("turning-18", "turning-18-gone-risk")
ACTIONS = ("turning-18", "turning-18-gone-actions")
CORRUPT = ("cannabis-farm", "cannabis-farm-gone-risk")

NOISE = """\
import logging, sys, warnings
import grading.assessment.cells as cells
logging.basicConfig()  # a handler holding the real stderr, as a library might install one

def make_noise():
    warnings.warn("a library's passing warning")
    logging.getLogger("noisy").warning("a log record")
    print("a stray print", file=sys.stderr)

_mark = cells.mark_answer
def noisy_mark(*args, **kwargs):
    make_noise()
    return _mark(*args, **kwargs)
cells.mark_answer = noisy_mark
"""


def _call(function: str, scenario_question: tuple[str, str]) -> str:
    return '{}("{}", "{}")'.format(function, *scenario_question)


def _graded(source: str, points: float):
    cell = new_code_cell(source)
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "grade_id": "x",
                                 "points": points, "schema_version": 3}
    return cell


def _run(cells, folder):
    notebook = new_notebook(cells=cells)
    resources = {"metadata": {"path": str(folder)}}
    NotebookClient(notebook, timeout=120, kernel_name="python3", resources=resources).execute()
    return notebook


def _streams(cell, name: str) -> str:
    return "".join(o.text for o in cell.outputs if o.output_type == "stream" and o.name == name)


def _shown(cell) -> str:
    """The feedback a graded cell shows: its one output's rendered (markdown) form."""
    (output,) = cell.outputs
    return output.data["text/markdown"]


def test_graded_cells_score_the_rubric_and_nothing_reaches_stderr(tmp_path, monkeypatch, library):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    store = AnswerStore(tmp_path, "alice")
    store.record(*RISK, "medium")
    store.record(*ACTIONS, [o.action for o in library.scenario("turning-18").questions()[2].options][:3])
    (tmp_path / f"{CORRUPT[0]}.answers.json").write_text("{ not json", encoding="utf-8")
    expected = {q: score_answer(library, s, q, store.load(s).answers[q]) for s, q in (RISK, ACTIONS)}

    notebook = _run([
        new_code_cell(NOISE),
        new_code_cell("make_noise()"),  # the control
        _graded("from grading.assessment import grade\n" + _call("grade", RISK), 2.0),
        _graded(_call("grade", ACTIONS), 4.0),
        _graded(_call("grade", CORRUPT), 2.0),
    ], tmp_path)

    control, risk, actions, corrupt = notebook.cells[1:]
    assert "a stray print" in _streams(control, "stderr")
    assert "a library's passing warning" in _streams(control, "stderr")
    for cell in (risk, actions, corrupt):
        assert not _streams(cell, "stderr"), cell.source
        assert not [o for o in cell.outputs if o.output_type == "error"], cell.source
    assert determine_grade(risk) == (expected[RISK[1]].points, 2.0)
    assert determine_grade(actions) == (expected[ACTIONS[1]].points, 4.0)
    assert determine_grade(corrupt) == (0.0, 2.0)
    assert "lower than the guidance supports" in _shown(risk) and "Guidance to read:" in _shown(risk)
    assert "Score" not in _shown(risk), "the page shows nbgrader's score, which a course lead may change"
    assert "No answer was saved" in _shown(corrupt)
    assert list(tmp_path.glob(f"{CORRUPT[0]}.answers.json.corrupt-*")), "the corrupt file is kept for the course lead"


def test_a_trainee_sees_the_player_and_whether_answers_are_saved_but_no_marks(tmp_path, monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.setenv("MFC_TRAINEE", "bob")
    AnswerStore(tmp_path, "bob").record(*RISK, "high")
    notebook = _run([
        new_code_cell(f'from grading.assessment import grade, player\nplayer("{RISK[0]}")'),
        new_code_cell(_call("grade", RISK)),
        new_code_cell(_call("grade", ACTIONS)),
    ], tmp_path)
    shown, saved, unsaved = notebook.cells
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in shown.outputs)
    for cell in (saved, unsaved):
        assert not [o for o in cell.outputs if o.output_type in ("execute_result", "error", "stream")], cell.outputs
        assert "Score" not in _said(notebook, cell)
    assert _said(notebook, saved).startswith("<p><strong>Answer saved:</strong> Part ")
    assert _said(notebook, unsaved).startswith("<p><strong>No answer saved yet:</strong> Part "), "it names its item"
    assert _said(notebook, saved).split("</strong>")[1] != _said(notebook, unsaved).split("</strong>")[1]


def test_an_items_line_says_saved_as_soon_as_the_player_saves_it(tmp_path, monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.setenv("MFC_TRAINEE", "bob")
    notebook = _run([
        new_code_cell(f'from grading.assessment import grade, player\ncase = player("{ACTIONS[0]}")\ncase'),
        new_code_cell(_call("grade", RISK)),
        new_code_cell(_call("grade", ACTIONS)),
        # The trainee answers the actions question in the player and saves it, as a click would.
        new_code_cell("case.start()\n"
                      f"panel = next(p for s in case.stages for p in s.questions if p.question.id == '{ACTIONS[1]}')\n"
                      "next(iter(panel.choice.boxes.values())).value = True\n"
                      "panel.button.click()"),
    ], tmp_path)
    _, risk, actions, _ = notebook.cells
    assert _said(notebook, actions).startswith("<p><strong>Answer saved:</strong> Part "), "changed with no reload"
    assert _said(notebook, risk).startswith("<p><strong>No answer saved yet:</strong> Part "), "only the one answered"


def _said(notebook, cell) -> str:
    """A graded cell's line for the trainee: a widget showing prose (a course page redraws only
    widgets once it is drawn), read from the widgets' state the kernel left in the notebook."""
    (view,) = [o.data["application/vnd.jupyter.widget-view+json"] for o in cell.outputs
               if o.output_type == "display_data"]
    state = notebook.metadata.widgets["application/vnd.jupyter.widget-state+json"]["state"]
    return state[view["model_id"]]["state"]["value"]


def test_nbformat_reads_what_the_kernel_wrote(tmp_path):
    # Guards the helper above: a notebook executed here round-trips through nbformat unchanged.
    notebook = _run([new_code_cell("1 + 1")], tmp_path)
    assert nbformat.reads(nbformat.writes(notebook), as_version=4).cells[0].outputs[0].data["text/plain"] == "2"
