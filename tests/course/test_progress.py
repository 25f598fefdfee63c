"""Progress from the answer folder, the completion rule and stamp, the course home and the record,
and ``mfc completion`` over a cohort of answer folders."""

from __future__ import annotations

import csv
import json
from datetime import datetime, timedelta
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from helpers.course_trainee import answer_case, answer_every_module
from helpers.trainees import chooses_harm
from nbclient import NotebookClient

from coursesite.pages import navigation, render_home, render_record
from grading.answers import AnswerStore, read_answer_file
from grading.cohort.completion_table import COLUMNS
from grading.completion import CLOSING_PAGE, completion, stamp_if_complete
from grading.course_answers import shipped_course
from grading.progress import State, VisitLog, progress
from mfc.cli import main

COURSE = shipped_course()
MODULE = "04_reporting_and_risk"


@pytest.fixture
def store(tmp_path):
    return AnswerStore(tmp_path / "answers", trainee="trainee-1")


def test_nothing_done_yet(store, library):
    found = progress(store, COURSE, library)
    assert [m.name for m in found.modules][:2] == ["00_start_here", "01_why_children_go_missing"]
    assert all(not name.startswith("carers/") for name in (p.name for p in (*found.modules, *found.cases)))
    assert {p.state for p in (*found.modules, *found.cases)} == {State.NOT_STARTED}
    assert found.started is None and found.decision_points_answered == 0


def test_a_module_moves_from_visited_to_in_progress_to_done(store, library):
    visits = VisitLog(store.directory)
    visits.record(MODULE)
    module = progress(store, COURSE, library).page(MODULE)
    assert module.state is State.IN_PROGRESS and module.answered == 0 and module.questions > 0
    scenario_id = module.scenarios[0]
    first = library.scenario(scenario_id).questions()[0]
    answer_case(store, library, scenario_id)
    done = progress(store, COURSE, library).page(MODULE)
    assert done.state is State.DONE and done.answered == done.questions
    assert done.maximum > 0 and 0 <= done.points <= done.maximum
    # the case page playing the same scenario shares its answers
    assert progress(store, COURSE, library).page(f"cases/{scenario_id}").state is State.DONE
    assert first.id in store.load(scenario_id).answers


def run_page(cells: list[str], folder: Path) -> nbformat.NotebookNode:
    """Run a page's code cells in a kernel as Voila would, in ``folder``, carrying on past errors
    (as JupyterLab's "run all" would) so the last cell runs even after a failure."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in cells])
    NotebookClient(notebook, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(folder)}}).execute()
    return notebook


def shown_cell(page: str) -> str:
    return f'from grading.completion import page_shown\npage_shown("{page}")'


def test_a_page_without_a_case_is_done_only_once_it_was_shown_not_when_it_failed(store, library, monkeypatch):
    monkeypatch.setenv("MFC_ANSWERS_DIR", str(store.directory))
    VisitLog(store.directory).record("07_simulation_lab")  # the server notes the page was asked for
    assert progress(store, COURSE, library).page("07_simulation_lab").state is State.IN_PROGRESS
    run_page(['raise FileNotFoundError("coverage.yaml")', shown_cell("07_simulation_lab")], COURSE)
    lab = progress(store, COURSE, library).page("07_simulation_lab")
    assert lab.state is State.IN_PROGRESS and lab.finished_at is None, "a page that failed is not done"
    run_page(["1 + 1", shown_cell("07_simulation_lab")], COURSE)
    lab = progress(store, COURSE, library).page("07_simulation_lab")
    assert lab.state is State.DONE and lab.finished_at is not None
    VisitLog(store.directory).record("07_simulation_lab")
    assert progress(store, COURSE, library).page("07_simulation_lab").state is State.DONE, "a later visit keeps it"


def code_cells(name: str) -> list[str]:
    return [c.source for c in nbformat.read(COURSE / f"{name}.ipynb", as_version=4).cells if c.cell_type == "code"]


def test_the_closing_page_completes_the_course_only_when_it_rendered(store, library, monkeypatch, tmp_path):
    monkeypatch.setenv("MFC_ANSWERS_DIR", str(store.directory))
    answer_every_module(store, library, COURSE)
    visits = VisitLog(store.directory)
    run_page([shown_cell("07_simulation_lab")], COURSE)
    assert not completion(progress(store, COURSE, library), visits).completed, "only the closing page completes it"
    broken = code_cells(CLOSING_PAGE)
    broken[0] = 'raise FileNotFoundError("coverage.yaml")'  # the summary fails, as in a copy without it
    run_page(broken, COURSE)
    found = progress(store, COURSE, library)
    assert found.page(CLOSING_PAGE).state is not State.DONE and not completion(found, visits).completed
    assert found.page(CLOSING_PAGE).title not in completion(found, visits).modules_done

    run_page(code_cells(CLOSING_PAGE), COURSE)
    found = progress(store, COURSE, library)
    assert found.page(CLOSING_PAGE).state is State.DONE and completion(found, visits).completed


def test_every_page_without_questions_notes_itself_shown_in_its_last_cell(library):
    """Without that call such a page could never count as done."""
    for module in progress(AnswerStore(Path("/nonexistent")), COURSE, library).modules:
        if not module.questions:
            assert f'page_shown("{module.name}")' in code_cells(module.name)[-1], module.name


def test_time_on_task_runs_from_the_first_answer_to_the_last(store, library):
    scenario_id = progress(store, COURSE, library).page(MODULE).scenarios[0]
    answer_case(store, library, scenario_id)
    path = store.path(scenario_id)
    data = json.loads(path.read_text())
    start = datetime.fromisoformat(data["started"])
    data["updated"] = (start + timedelta(minutes=25)).isoformat()
    path.write_text(json.dumps(data))
    assert progress(store, COURSE, library).page(MODULE).minutes_on_task == pytest.approx(25)


def test_the_first_answer_time_is_kept_on_later_answers(store, library):
    scenario_id = "kim"
    question = library.scenario(scenario_id).questions()[0]
    answer_case(store, library, scenario_id)
    started = read_answer_file(store.path(scenario_id)).extra["started"]
    store.record(scenario_id, question.id, store.load(scenario_id).answers[question.id])
    assert read_answer_file(store.path(scenario_id)).extra["started"] == started


def test_visits_keep_the_first_time_and_survive_a_corrupt_log(store):
    visits = VisitLog(store.directory)
    visits.record(MODULE)
    first = visits.read()[MODULE]["first"]
    visits.record(MODULE)
    assert visits.read()[MODULE]["first"] == first
    visits.path.write_text("{not json")
    assert visits.read() == {} and visits.completed_at() is None
    visits.record(MODULE)
    assert MODULE in visits.read()


def test_completion_needs_every_case_then_the_closing_page(store, library):
    visits = VisitLog(store.directory)
    found = progress(store, COURSE, library)
    assert not stamp_if_complete(found, visits)
    answer_every_module(store, library, COURSE)
    found = progress(store, COURSE, library)
    assert not completion(found, visits).completed
    assert stamp_if_complete(found, visits)
    stamped = completion(progress(store, COURSE, library), visits)
    assert stamped.completed and stamped.minutes_planned > 0
    visits.mark_completed()
    assert visits.completed_at() == stamped.completed_at, "the first completion date stands"


def test_home_lists_every_module_and_case_with_its_state(store, library):
    VisitLog(store.directory).record(MODULE)
    found = progress(store, COURSE, library)
    html = render_home(found, completion(found, VisitLog(store.directory)), base_url="/", assessment_url=None)
    for page in (*found.modules, *found.cases):
        assert page.title in html
        assert f'href="/voila/render/{page.name}.ipynb"' in html
    assert "In progress" in html and "Not started" in html
    assert "graded assessment" not in html
    with_assessment = render_home(found, completion(found, VisitLog(store.directory)), base_url="/user/a/course/",
                                  assessment_url="/user/a/course/assessment")
    assert 'href="/user/a/course/assessment"' in with_assessment


def home(store, library) -> BeautifulSoup:
    found = progress(store, COURSE, library)
    return BeautifulSoup(render_home(found, completion(found, VisitLog(store.directory)), base_url="/",
                                     assessment_url=None), "html.parser")


def row(page: BeautifulSoup, title: str):
    return page.find("a", class_="title", string=title).parent


def test_home_says_which_page_to_open_next(store, library):
    found = progress(store, COURSE, library)
    first, second = found.modules[0], found.modules[1]
    assert home(store, library).find("a", string=first.title).parent.get_text(" ", strip=True).startswith("Start with")
    answer_case(store, library, first.scenarios[0])
    carry_on = home(store, library).find("div", class_="summary").find("a", string=second.title)
    assert carry_on.parent.get_text(" ", strip=True) == f"Carry on with {second.title} ."
    assert carry_on["href"] == f"/voila/render/{second.name}.ipynb"


def test_a_case_a_module_plays_says_so_on_the_home(store, library):
    page = home(store, library)
    found = progress(store, COURSE, library)
    module = found.page(MODULE)
    assert f"The case of {module.title}" in row(page, found.page(f"cases/{module.scenarios[0]}").title).get_text()
    played = {s for m in found.modules for s in m.scenarios}
    extra = next(c for c in found.cases if not set(c.scenarios) & played)
    assert "The case of" not in row(page, extra.title).get_text(), "an extra case belongs to no module"


def test_the_closing_page_seen_too_early_is_not_done_until_it_completes_the_course(store, library):
    visits = VisitLog(store.directory)
    visits.record(CLOSING_PAGE)
    visits.record_shown(CLOSING_PAGE)
    found = progress(store, COURSE, library)
    assert found.page(CLOSING_PAGE).state is State.DONE, "shown in full, before any case was answered"
    closing = found.page(CLOSING_PAGE).title
    assert "In progress" in row(home(store, library), closing).get_text()
    assert closing in completion(found, visits).modules_left
    answer_every_module(store, library, COURSE)
    assert stamp_if_complete(progress(store, COURSE, library), visits)
    assert "Done" in row(home(store, library), closing).get_text()


def test_record_shows_what_a_cpd_record_needs(store, library):
    visits = VisitLog(store.directory)
    found = progress(store, COURSE, library)
    assert "Still to do" in render_record(found, completion(found, visits), library, name="", base_url="/")
    answer_every_module(store, library, COURSE)
    answer_case(store, library, "kim", chooses_harm)
    found = progress(store, COURSE, library)
    stamp_if_complete(found, visits)
    html = render_record(found, completion(found, visits), library, name="Ada Okafor", base_url="/")
    assert "Ada Okafor" in html and datetime.now().strftime("%B %Y") in html
    for document in library.guidance.documents:
        assert document.version in html
    assert f"{library.guidance.content_checked:%-d %B %Y}" in html
    for heading in ("What I learned", "How it changes my practice", "Evidence"):
        assert heading in html
    assert "You chose a harmful action" in html
    assert "<script" not in html.replace('onclick="window.print()"', "")


def test_navigation_links_modules_in_order_and_back_home():
    nav = navigation(COURSE, "/")
    assert nav["00_start_here"]["previous"]["url"] == "/home"
    assert nav["00_start_here"]["next"]["url"] == "/voila/render/01_why_children_go_missing.ipynb"
    assert nav["08_closing"]["next"]["url"] == "/home"
    assert nav["kim"]["home"]["url"] == "/home"
    assert "index" not in nav, "the carers' pages are not course pages"


def test_mfc_completion_writes_one_row_per_trainee(tmp_path, library, capsys):
    done = AnswerStore(tmp_path / "cohort" / "ada", trainee="ada")
    answer_every_module(done, library, COURSE)
    stamp_if_complete(progress(done, COURSE, library), VisitLog(done.directory))
    answer_case(AnswerStore(tmp_path / "cohort" / "ben", trainee="ben"), library, "kim")
    out = tmp_path / "completion.csv"
    assert main(["completion", str(tmp_path / "cohort"), "--csv", str(out), "--json"]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == COLUMNS
    assert [(r["trainee"], r["completed"]) for r in rows] == [("ada", "1"), ("ben", "0")]
    assert rows[1]["completed_on"] == "" and rows[0]["completed_on"] == datetime.now().date().isoformat()
    shown = json.loads(capsys.readouterr().out)
    assert shown["trainees"][0]["completed"] is True and shown["trainees"][1]["completed_on"] is None
    assert set(shown["trainees"][0]) == {"trainee", "folder", "completed", "completed_on", "hours",
                                          "modules_done", "modules"}


def test_mfc_completion_refuses_bad_input_in_one_line(tmp_path, capsys):
    assert main(["completion", str(tmp_path / "nowhere")]) == 2
    assert main(["completion", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "no such folder" in err and "no answer files" in err and "Traceback" not in err
