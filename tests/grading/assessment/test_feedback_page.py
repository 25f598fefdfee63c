"""The trainee's feedback page, without nbgrader's round trip: how the page names and groups the
marked items, and what its template shows from an autograded notebook. The end-to-end test
(test_end_to_end.py) checks the pages nbgrader really writes; the browser test how they look."""

from __future__ import annotations

import html

from bs4 import BeautifulSoup
from nbformat.v4 import new_code_cell, new_output
from traitlets.config import Config

from grading.assessment.course import configure
from grading.assessment.feedback_page import OTHER_ITEMS, TEMPLATE_NAME, FeedbackPage, cases, explanation
from grading.assessment.marking_sheet import MarkedItem
from grading.assessment.source_notebook import build_notebook
from grading.assessment.spec import SCENARIOS

EXPLAINED = MarkedItem("any", 1.0, 2.0, ("A reason <in words>.",), ("WF2026 §Some section",))


def _autograded(library, scores: dict[str, float] | None = None):
    """The source notebook as nbgrader's feedback step sees it: every graded cell with the one
    output a graded cell gives while autograding, and the score nbgrader's GetGrades adds."""
    notebook = build_notebook(library)
    for cell in notebook.cells:
        grade = cell.metadata["nbgrader"]
        if grade["grade"]:
            cell.outputs = [new_output("execute_result", {"text/plain": "1", "text/markdown": EXPLAINED.markdown()},
                                       execution_count=1)]
            grade["score"] = (scores or {}).get(grade["grade_id"], 1.0)
    return notebook


def _render(notebook, late_penalty: float = 0.0) -> BeautifulSoup:
    """The page as nbgrader writes it, through the exporter and settings the course configures;
    ``HTMLExporter.template_name`` is set as nbgrader's API sets it on every call, and loses."""
    config = configure(Config(), "/nowhere")
    config.HTMLExporter.template_name = "feedback"
    graded = [c.metadata.nbgrader for c in notebook.cells if c.metadata.nbgrader["grade"]]
    score = sum(g["score"] for g in graded)
    resources = {"nbgrader": {"score": score - late_penalty, "max_score": sum(g["points"] for g in graded),
                              "late_penalty": late_penalty}}
    exporter = FeedbackPage(config=config)
    assert exporter.template_name == TEMPLATE_NAME
    page, _ = exporter.from_notebook_node(notebook, resources)
    return BeautifulSoup(page, "html.parser")


def test_items_are_named_as_the_trainee_read_them_and_grouped_by_case(library, assessed):
    sections = cases(_autograded(library))
    assert [(case.label, case.title) for case in sections] == [
        (f"Case {n}", library.scenario(sid).title) for n, sid in enumerate(SCENARIOS, start=1)]
    items = [item for case in sections for item in case.items]
    assert [item.question for item in items] == [q.prompt for _, q in assessed]
    for (sid, question), item in zip(assessed, items, strict=True):
        scenario = library.scenario(sid)
        index = next(i for i, stage in enumerate(scenario.stages) if question in stage.questions)
        assert item.part == f"Part {index + 1} of {len(scenario.stages)}: {scenario.stages[index].title}"
        assert item.explanation == EXPLAINED.markdown()


def test_a_graded_cell_the_course_does_not_name_comes_last_and_other_cells_are_left_out(library):
    notebook = _autograded(library)
    grade = {**notebook.cells[-1].metadata.nbgrader, "grade_id": "course-leads-own"}
    notebook.cells.append(new_code_cell("assert True", metadata={"nbgrader": grade}))
    sections = cases(notebook)
    assert sections[-1].title == OTHER_ITEMS
    (item,) = sections[-1].items
    assert (item.cell, item.question, item.explanation) == (len(notebook.cells) - 1, "Item 1", "")
    graded = {i for i, c in enumerate(notebook.cells) if c.metadata.nbgrader["grade"]}
    assert {item.cell for case in sections for item in case.items} == graded


def test_the_explanation_is_the_markdown_output_and_nothing_else():
    stream = new_output("stream", name="stdout", text="Marking reads the answers.")
    marked = new_output("display_data", {"text/plain": "2", "text/markdown": "- why"})
    assert explanation({"outputs": [stream, marked]}) == "- why"
    assert explanation({"outputs": [stream]}) == ""


def test_the_page_shows_words_points_and_reasons_but_no_code_or_ids(library, assessed):
    first = assessed[0][1].id
    notebook = _autograded(library, {first: 0.5})
    maxima = {c.metadata.nbgrader["grade_id"]: c.metadata.nbgrader["points"] for c in notebook.cells
              if c.metadata.nbgrader["grade"]}
    page = _render(notebook)
    assert page.h1.get_text() == "Your feedback on the graded assessment"
    total = f"Your total: {0.5 + len(assessed) - 1:g} of {sum(maxima.values()):g} points"
    assert page.select_one(".total").get_text(" ", strip=True) == total
    items = page.select("li.item")
    for (_, question), item in zip(assessed, items, strict=True):
        assert item.h3.get_text(" ", strip=True).endswith(question.prompt)
        score = 0.5 if question.id == first else 1
        assert item.select_one(".points").get_text() == f"{score:g} of {maxima[question.id]:g} points"
        assert "A reason <in words>." in item.get_text() and "WF2026 §Some section" in item.get_text()
    assert "<in words>" not in str(page), "library and feedback text is escaped"
    text = html.unescape(page.get_text(" "))
    for forbidden in ("grade(", "player(", "import", "In [", "Out[", "Grade cell", "summative", "handed in late"):
        assert forbidden not in text, forbidden
    for sid, question in assessed:
        assert question.id not in str(page) and sid not in str(page)


def test_a_late_penalty_is_said_in_words(library):
    text = _render(_autograded(library), late_penalty=2.0).get_text(" ")
    assert "2 points taken off because the assessment was handed in late" in " ".join(text.split())
