"""Benchmarks for cohort scoring and reports (run by `make bench`; never part of `make test`, and
never asserting times). Each prints its figures beside a baseline measured in the same run:

- scoring 100,000 made-up answers with the AnswerKey, against the rubric's ``score_answer`` on
  the same answers and against pandas merely tabulating them;
- the cohort report for 500 made-up trainees x every scenario (6,500 answer files): loading and
  scoring the files, the statistics, the HTML with its charts and the gradebook, against pandas
  alone loading the same files (``json.load`` + ``pd.DataFrame``).

Each timing is the best of ``REPEATS`` runs, alternating the contenders, after one untimed read
of every file, so both sides see a warm disk cache.
"""

from __future__ import annotations

import json
import time
from itertools import islice

import pandas as pd

from grading.answer_key import AnswerKey
from grading.cohort import stats as cohort_stats
from grading.cohort.lms_csv import gradebook, write_gradebook
from grading.cohort.report import ReportFacts, render_report
from grading.cohort.synthetic import made_up_documents, write_made_up_cohort
from grading.cohort.table import find_answer_files, load_cohort
from grading.rubric import score_answer
from scenarios.library import shipped_library

ANSWERS = 100_000
TRAINEES = 500
REPEATS = 3


def best_of(*contenders):
    """Time each callable REPEATS times, taking turns; return each one's best time and last result."""
    best, results = [float("inf")] * len(contenders), [None] * len(contenders)
    for _ in range(REPEATS):
        for index, contender in enumerate(contenders):
            started = time.perf_counter()
            results[index] = contender()
            best[index] = min(best[index], time.perf_counter() - started)
    return best, results


def made_up_answers(library, count: int) -> list[tuple[str, str, object]]:
    """``count`` (scenario, question, answer) triples from made-up trainees answering everything."""
    questions_per_trainee = sum(len(s.questions()) for s in library.scenarios.values())
    documents = made_up_documents(library, trainees=-(-count // questions_per_trainee), seed=100)
    triples = ((d["scenario"], qid, answer) for d in documents for qid, answer in d["answers"].items())
    return list(islice(triples, count))


def line(name: str, seconds: float, note: str = "") -> str:
    return f"  {name:<48} {seconds:7.3f} s  {note}"


def test_scoring_100k_answers_against_the_rubric_and_pandas():
    library = shipped_library()
    answers = made_up_answers(library, ANSWERS)
    assert len(answers) == ANSWERS
    started = time.perf_counter()
    key = AnswerKey(library)
    [key.score(s, q, a) for s, q, a in answers]
    cold = time.perf_counter() - started  # a fresh key: every distinct answer scored by the rubric once
    (keyed, rubric, tabulating), (keyed_marks, rubric_marks, table) = best_of(
        lambda: [key.score(s, q, a) for s, q, a in answers],
        lambda: [score_answer(library, s, q, a) for s, q, a in answers],
        lambda: pd.DataFrame.from_records(answers, columns=["scenario", "question", "answer"]),
    )
    assert keyed_marks == rubric_marks and len(table) == ANSWERS
    print(f"\nscoring {ANSWERS:,} made-up answers ({key.distinct_answers():,} distinct), best of {REPEATS}:")
    print(line("AnswerKey.score, fresh key (one run)", cold, f"{ANSWERS / cold:>9,.0f} answers/s"))
    print(line("AnswerKey.score, key in use", keyed, f"{ANSWERS / keyed:>9,.0f} answers/s"))
    print(line("rubric.score_answer (baseline)", rubric, f"{ANSWERS / rubric:>9,.0f} answers/s"))
    print(line("pandas DataFrame of the answers (baseline)", tabulating, f"{ANSWERS / tabulating:>9,.0f} answers/s"))
    print(f"  ratios: rubric / fresh key {rubric / cold:.1f}x, rubric / key in use {rubric / keyed:.1f}x; "
          f"key in use / pandas tabulating {keyed / tabulating:.1f}x")


def pandas_load(files) -> pd.DataFrame:
    """The baseline: pandas alone loading the same answers, one row per answered question."""
    rows = []
    for path in files:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
        rows += [(document["trainee"], document["scenario"], question, answer)
                 for question, answer in document["answers"].items()]
    return pd.DataFrame.from_records(rows, columns=["trainee", "scenario", "question", "answer"])


def statistics(answers: pd.DataFrame, key: AnswerKey) -> None:
    choices = cohort_stats.option_choices(answers, key)
    cohort_stats.risk_distribution(answers, key)
    cohort_stats.agreement(answers, key)
    cohort_stats.missed_essentials(choices, key)
    cohort_stats.harmful_choices(choices, key)
    cohort_stats.scenario_scores(answers, key)


def test_cohort_report_for_500_trainees_against_pandas_loading_the_same_files(tmp_path):
    library = shipped_library()
    write_made_up_cohort(tmp_path / "cohort", library, trainees=TRAINEES, seed=500, answer_share=0.95)
    files = find_answer_files(tmp_path / "cohort")
    pandas_load(files)  # one untimed read, so the disk cache is warm for both sides
    (loading, baseline), (cohort, plain) = best_of(lambda: load_cohort(files, AnswerKey(library)),
                                                   lambda: pandas_load(files))
    assert cohort.skipped == () and cohort.trainees == TRAINEES
    assert int(cohort.answers["answered"].sum()) == len(plain)

    key, answers = AnswerKey(library), cohort.answers
    facts = ReportFacts(title="benchmark", files_read=len(files), files_skipped=0, pseudonymised=True)
    stages = {
        "statistics (risk, kappa, actions, scores)": lambda: statistics(answers, key),
        "HTML report with 3 charts": lambda: render_report(answers, key, facts),
        "gradebook CSV": lambda: write_gradebook(gradebook(answers, library), tmp_path / "gradebook.csv"),
    }
    timings, _ = best_of(*stages.values())
    total = loading + sum(timings)
    print(f"\ncohort report, {TRAINEES} made-up trainees x {len(library.scenarios)} scenarios = {len(files):,} files, "
          f"{len(answers):,} rows, best of {REPEATS}:")
    print(line("load, check and score the files", loading, f"{len(files) / loading:>7,.0f} files/s"))
    for name, seconds in zip(stages, timings, strict=True):
        print(line(name, seconds))
    print(line("whole report", total))
    print(line("pandas alone loading the files (baseline)", baseline, f"{len(files) / baseline:>7,.0f} files/s"))
    print(f"  ratios: loading and scoring / pandas load {loading / baseline:.1f}x; "
          f"whole report / pandas load {total / baseline:.1f}x")
