"""What a trainer wants to know about a cohort, computed from the tidy table of
:mod:`grading.cohort.table`: how trainees graded each risk question and how often below the reference,
how they agree, which essential actions they missed and which harmful ones they chose, and how
they scored per scenario.

Rates count answered questions only: a question left blank is not a grading and not a choice.
Rows whose answers are unknown (marks from nbgrader with no answers file) count in the scores
but not here. Actions are counted by their catalogue id across scenarios, so 'report to the
police now' missed in three scenarios is one line with three scenarios' worth of chances.
"""

from __future__ import annotations

import pandas as pd

from grading.answer_key import AnswerKey
from grading.cohort.agreement import agreement_by_scenario
from scenarios.library import Library
from scenarios.models import Rating, RiskLevel

TOP = 10  # actions shown in each 'most missed' / 'most chosen' list


def levels_high_to_low(library: Library) -> list[RiskLevel]:
    """The scale's levels from the highest risk down, the order a trainer reads them in."""
    return sorted(library.risk_scale.levels, key=lambda level: level.rank, reverse=True)


def levels_by_rank(key: AnswerKey) -> list[str]:
    """The level ids, highest risk first."""
    return [level.id for level in levels_high_to_low(key.library)]


def in_library_order(table: pd.DataFrame, key: AnswerKey) -> pd.DataFrame:
    """The rows sorted by their scenario's place in the library (stable within a scenario), so
    every table of the report lists scenarios in the order the course presents them."""
    place = {scenario_id: index for index, scenario_id in enumerate(key.library.scenarios)}
    return table.sort_values("scenario", key=lambda column: column.map(place), kind="stable")


def risk_gradings(answers: pd.DataFrame) -> pd.DataFrame:
    """The answered risk questions: one row per trainee and question."""
    known = answers["answered"].fillna(False).astype(bool)
    return answers[known & (answers["kind"] == "risk")]


def risk_distribution(answers: pd.DataFrame, key: AnswerKey) -> pd.DataFrame:
    """Per risk question (in library order): scenario, question, reference level, how many
    answered, how many chose each level (a column per level id, highest risk first), how many
    graded below the reference and that share."""
    gradings = risk_gradings(answers)
    levels = levels_by_rank(key)
    columns = ["scenario", "question", "reference", "answered", *levels, "under_graded", "under_graded_rate"]
    if gradings.empty:
        return pd.DataFrame(columns=columns)
    counts = pd.crosstab(gradings["question"], gradings["answer"]).reindex(columns=levels, fill_value=0)
    under = gradings.groupby("question")["under_graded"].sum()
    rows = []
    for scenario_id in key.library.scenarios:
        for question in key.questions(scenario_id):
            if question.id in counts.index:
                row = counts.loc[question.id]
                answered = int(row.sum())
                rows.append({"scenario": scenario_id, "question": question.id, "reference": question.key,
                             "answered": answered, **row.astype(int).to_dict(),
                             "under_graded": int(under[question.id]),
                             "under_graded_rate": int(under[question.id]) / answered})
    return pd.DataFrame(rows, columns=columns)


def agreement(answers: pd.DataFrame, key: AnswerKey) -> pd.DataFrame:
    """Fleiss' kappa per scenario and over all risk questions (see :mod:`grading.cohort.agreement`)."""
    return agreement_by_scenario(in_library_order(risk_gradings(answers), key), levels_by_rank(key))


def option_choices(answers: pd.DataFrame, key: AnswerKey) -> pd.DataFrame:
    """Every option offered in an answered action question: trainee, scenario, question, action,
    rating, chosen. The table the action counts are made from."""
    known = answers["answered"].fillna(False).astype(bool)
    answered = answers.loc[known & (answers["kind"] == "actions"), ["trainee", "scenario", "question", "answer"]]
    offered = answered.drop(columns="answer").merge(key.options_table(), on="question")
    chosen = (answered[["trainee", "question", "answer"]].explode("answer").dropna()
              .rename(columns={"answer": "action"}).assign(chosen=True))
    table = offered.merge(chosen, on=["trainee", "question", "action"], how="left")
    table["chosen"] = table["chosen"].fillna(False).astype(bool)
    return table[["trainee", "scenario", "question", "action", "rating", "chosen"]]


def _action_counts(choices: pd.DataFrame, rating: Rating, counted: str, key: AnswerKey, top: int) -> pd.DataFrame:
    """Per action of one rating: how often offered, how often ``counted`` ('missed' or
    'chosen'), its share, in how many scenarios; the ``top`` highest shares first."""
    columns = ["action", "label", "offered", counted, "share", "scenarios"]
    rated = choices[choices["rating"] == rating.value]
    if rated.empty:
        return pd.DataFrame(columns=columns)
    hit = ~rated["chosen"] if counted == "missed" else rated["chosen"]
    table = (rated.assign(hit=hit).groupby("action")
             .agg(offered=("hit", "size"), counted=("hit", "sum"), scenarios=("scenario", "nunique"))
             .rename(columns={"counted": counted}).reset_index())
    table = table[table[counted] > 0]
    table["share"] = table[counted] / table["offered"]
    table["label"] = table["action"].map(lambda action_id: key.library.action(action_id).label)
    table = table.sort_values(["share", counted, "action"], ascending=[False, False, True]).head(top)
    return table[columns].reset_index(drop=True)


def missed_essentials(choices: pd.DataFrame, key: AnswerKey, top: int = TOP) -> pd.DataFrame:
    """The essential actions left out most often (share of the times they were essential)."""
    return _action_counts(choices, Rating.ESSENTIAL, "missed", key, top)


def harmful_choices(choices: pd.DataFrame, key: AnswerKey, top: int = TOP) -> pd.DataFrame:
    """The harmful actions chosen most often (share of the times they were offered)."""
    return _action_counts(choices, Rating.HARMFUL, "chosen", key, top)


def scenario_scores(answers: pd.DataFrame, key: AnswerKey) -> pd.DataFrame:
    """Per scenario: trainees, maximum, and the mean, lowest and highest score as a share."""
    per_trainee = in_library_order(answers, key).groupby(["scenario", "trainee"], sort=False)[["points", "max"]].sum()
    per_trainee["share"] = per_trainee["points"] / per_trainee["max"]
    summary = per_trainee.groupby(level="scenario", sort=False).agg(
        trainees=("share", "size"), max=("max", "max"), mean=("share", "mean"),
        lowest=("share", "min"), highest=("share", "max"))
    return summary.reset_index()
