"""A notebook re-executed headlessly, as nbgrader does when it autogrades, finds the answers file
beside it and shows the stages already answered, with their feedback."""

from __future__ import annotations

import json

import nbformat
from nbclient import NotebookClient

from grading.answers import AnswerStore

REPORT = """
print(json.dumps({
    "shown": len(player.shown_stages),
    "answered": [p.question.id for s in player.stages for p in s.questions if p.answered],
    "first_result": player.stages[0].questions[0].result.value,
}))
"""


def test_a_reexecuted_notebook_restores_answers_saved_beside_it(tmp_path, monkeypatch, library):
    # No answers folder set: the player must use the notebook's own folder, as under nbgrader.
    monkeypatch.delenv("MFC_ANSWERS_DIR", raising=False)
    kim = library.scenario("kim")
    first = kim.stages[0].questions[0]
    AnswerStore(tmp_path, trainee="trainee-a").record("kim", first.id, ["nrm-referral", "detain-as-adult"])

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell('import json\nfrom grading.player import ScenarioPlayer\n\n'
                                  'player = ScenarioPlayer("kim")\nplayer'),
        nbformat.v4.new_code_cell(REPORT),
    ]
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()

    widget_output = nb.cells[0].outputs[0]
    assert "application/vnd.jupyter.widget-view+json" in widget_output["data"]
    report = json.loads(nb.cells[1].outputs[0]["text"])
    assert report["shown"] == 2  # the answered stage and the next one
    assert report["answered"] == [first.id]
    assert "Harmful</span>" in report["first_result"] and "<cite>" in report["first_result"]
    # The saved widget state (what a notebook viewer shows) carries the same feedback.
    state = json.dumps(nb.metadata["widgets"])
    assert "Your score:" in state
