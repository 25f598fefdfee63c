"""The HTML report, its charts and the gradebook CSV."""

from __future__ import annotations

import base64
import re

import pandas as pd
import pytest

from grading.answer_key import AnswerKey
from grading.answers import AnswerStore
from grading.cohort.lms_csv import gradebook, write_gradebook
from grading.cohort.plots import png, ranked_actions_figure, risk_distribution_figure
from grading.cohort.report import ReportFacts, render_report
from grading.cohort.stats import risk_distribution
from grading.cohort.synthetic import write_made_up_cohort
from grading.cohort.table import find_answer_files, load_cohort
from grading.rubric import score_scenario
from scenarios.library import shipped_library

LIBRARY = shipped_library()
KEY = AnswerKey(LIBRARY)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
FACTS = ReportFacts(title="Cohort report: week-3", files_read=26, files_skipped=0, pseudonymised=True)


@pytest.fixture(scope="module")
def made_up(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cohort")
    write_made_up_cohort(folder, LIBRARY, trainees=12, seed=2, answer_share=0.9)
    return load_cohort(find_answer_files(folder), KEY).answers


@pytest.fixture(scope="module")
def report_html(made_up):
    return render_report(made_up, KEY, FACTS)


@pytest.fixture
def no_risk_questions(tmp_path):
    """One trainee's answer to one action question of a scenario without risk questions: a report
    with no charts, quick to render."""
    question = LIBRARY.scenario("carer-bao-sim").questions()[0]
    essential = [o.action for o in question.options if o.rating == "essential"]
    AnswerStore(tmp_path / "t1", "t1").record("carer-bao-sim", question.id, essential)
    return load_cohort(find_answer_files(tmp_path), KEY).answers


def images(html: str) -> list[bytes]:
    return [base64.b64decode(data) for data in re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html)]


def test_the_report_is_one_self_contained_page(report_html, output_dir):
    html = report_html
    (output_dir / "report.html").write_text(html, encoding="utf-8")  # kept for a look by eye
    pictures = images(html)
    assert len(pictures) == 3 and all(p.startswith(PNG_MAGIC) for p in pictures)
    assert not re.search(r"<(script|link|iframe)\b", html)
    assert not re.search(r'(src|href)="(?!data:)', html), "nothing is fetched from elsewhere"
    assert html.count("alt=") == 3


def test_the_report_has_a_content_note_the_privacy_line_and_every_section(report_html):
    html = report_html
    assert "<h1>Cohort report: week-3</h1>" in html
    assert "Content note." in html and "Trainee ids are pseudonymised." in html and "HMAC-SHA256" in html
    for section in ('id="scores"', 'id="risk"', 'id="agreement"', 'id="missed"', 'id="chosen"'):
        assert section in html
    assert "12 trainees; 26 answer files found." in html
    assert "could not be used" not in html


def test_the_report_names_no_trainee(made_up, report_html):
    assert not any(trainee in report_html for trainee in made_up["trainee"].unique())


def test_the_risk_table_marks_the_reference_and_cites_the_guidance(made_up, report_html):
    html = report_html
    for row in risk_distribution(made_up, KEY).itertuples():
        question = next(q for q in KEY.questions(row.scenario) if q.id == row.question)
        assert f'<th scope="row">{row.question}</th>' in html
        assert "; ".join(question.citations).replace("'", "&#39;") in html
    assert 'class="number reference"' in html


def test_revealed_names_skipped_files_and_nbgrader_marks_are_said(no_risk_questions):
    facts = ReportFacts(title="t", files_read=30, files_skipped=2, pseudonymised=False, nbgrader_marks=5)
    html = render_report(no_risk_questions, KEY, facts)
    assert "Trainee ids are not pseudonymised" in html and "--reveal-names" in html
    assert "2 answer files\n  could not be used and are left out." in html
    assert "5 marks from the nbgrader export" in html


def test_text_from_files_is_escaped(no_risk_questions):
    html = render_report(no_risk_questions, KEY, ReportFacts(title="<b>week</b>", files_read=1, files_skipped=0,
                                                   pseudonymised=True))
    assert "<b>week</b>" not in html and "&lt;b&gt;week&lt;/b&gt;" in html


def test_a_cohort_without_risk_questions_or_harm_says_so(no_risk_questions):
    html = render_report(no_risk_questions, KEY, FACTS)
    assert html.count("No risk gradings in this cohort.") == 2
    assert "No essential action was missed." in html and "No harmful action was chosen." in html
    assert images(html) == []


def test_the_risk_chart_names_the_reference_in_text_and_hatches_it(made_up):
    distribution = risk_distribution(made_up, KEY)
    figure = risk_distribution_figure(distribution, LIBRARY)
    axes = figure.axes[0]
    labels = [tick.get_text() for tick in axes.get_yticklabels()]
    for row in distribution.itertuples():
        assert f"{row.question}\nreference: {LIBRARY.level(row.reference).label}" in labels
    hatched = [patch for patch in axes.patches if patch.get_hatch()]
    assert len(hatched) == len(distribution[distribution.apply(lambda r: r[r["reference"]] > 0, axis=1)])
    assert png(figure).startswith(PNG_MAGIC)


def test_action_charts_label_every_bar_with_its_numbers():
    actions = pd.DataFrame({"action": ["a", "b"], "label": ["First action", "Second action"], "offered": [10, 4],
                            "missed": [5, 1], "share": [0.5, 0.25], "scenarios": [2, 1]})
    axes = ranked_actions_figure(actions, "missed", "Missed", "#000000").axes[0]
    texts = {text.get_text() for text in axes.texts}
    assert {"5 of 10 (50%)", "1 of 4 (25%)"} <= texts
    assert [t.get_text() for t in axes.get_yticklabels()] == ["Second action", "First action"]


def test_gradebook_has_a_row_per_trainee_a_column_per_scenario_and_totals(tmp_path):
    AnswerStore(tmp_path / "bob", "bob").record("kim", "kim-night-risk", "high")
    alice = AnswerStore(tmp_path / "alice", "alice")
    alice.record("kim", "kim-night-risk", "medium")
    alice.record("bao", "bao-gone-risk", "high")
    answers = load_cohort(find_answer_files(tmp_path), KEY).answers
    table = gradebook(answers, LIBRARY)
    order = [sid for sid in LIBRARY.scenarios if sid in {"kim", "bao"}]
    assert list(table.columns) == ["trainee", *order, "total", "max", "percent"]
    assert list(table["trainee"]) == ["alice", "bob"]
    kim_alice = score_scenario(LIBRARY, "kim", {"kim-night-risk": "medium"})
    bao_alice = score_scenario(LIBRARY, "bao", {"bao-gone-risk": "high"})
    kim_bob = score_scenario(LIBRARY, "kim", {"kim-night-risk": "high"})
    alice_row, bob_row = table.to_dict("records")
    assert (alice_row["kim"], alice_row["bao"]) == (kim_alice.points, bao_alice.points)
    assert alice_row["total"] == kim_alice.points + bao_alice.points
    assert alice_row["max"] == kim_alice.maximum + bao_alice.maximum
    assert bob_row["percent"] == round(100 * kim_bob.points / kim_bob.maximum, 1)
    assert pd.isna(bob_row["bao"]) and bob_row["max"] == kim_bob.maximum  # no answers to bao: no grade, not 0

    path = tmp_path / "gradebook.csv"
    write_gradebook(table, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == ",".join(table.columns)
    assert lines[2].startswith("bob,") and ",," in lines[2]  # the blank cell for bao
    pd.testing.assert_frame_equal(pd.read_csv(path), table, check_dtype=False)
