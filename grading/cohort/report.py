"""The cohort report: one self-contained HTML page a trainer can open, project or email.

Why self-contained (charts inline as base64 PNG, styles inline, no scripts): workshop rooms are
often offline, and a single file can be attached to an email or put on a learning system without
its images going missing. Every chart is followed by a table of the same numbers, for screen
readers and for anyone who cannot see the chart.

The page names no trainee: it is about the cohort's patterns, not about any one person.
"""

from __future__ import annotations

import base64
import math
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
from jinja2 import Environment, PackageLoader, StrictUndefined

from grading.answer_key import AnswerKey
from grading.cohort import plots as cohort_plots
from grading.cohort import stats as cohort_stats


@dataclass(frozen=True)
class ReportFacts:
    """What the report says about where its numbers come from."""

    title: str
    files_read: int
    files_skipped: int
    pseudonymised: bool
    nbgrader_marks: int = 0


def _png_data_uri(figure) -> str:
    return "data:image/png;base64," + base64.b64encode(cohort_plots.png(figure)).decode("ascii")


def _share(value: float) -> str:
    return "—" if pd.isna(value) else f"{value:.0%}"


def _kappa(value: float) -> str:
    return "not defined" if math.isnan(value) else f"{value:.2f}"


def _environment() -> Environment:
    environment = Environment(loader=PackageLoader("grading.cohort", "templates"), autoescape=True,
                              undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    environment.filters.update(share=_share, kappa=_kappa)
    return environment


def _risk_section(answers: pd.DataFrame, key: AnswerKey) -> dict:
    distribution = cohort_stats.risk_distribution(answers, key)
    levels = cohort_stats.levels_high_to_low(key.library)
    questions = {q.id: q for sid in key.library.scenarios for q in key.questions(sid)}
    rows = [
        {**row, "citations": questions[row["question"]].citations,
         "reference_label": key.library.level(row["reference"]).label}
        for row in distribution.to_dict("records")
    ]
    chart = _png_data_uri(cohort_plots.risk_distribution_figure(distribution, key.library)) if rows else None
    return {"rows": rows, "levels": levels, "chart": chart}


def _actions_section(table: pd.DataFrame, figure_of, key: AnswerKey) -> dict:
    rows = [{**row, "citations": key.library.action(row["action"]).citations} for row in table.to_dict("records")]
    return {"rows": rows, "chart": _png_data_uri(figure_of(table)) if rows else None}


def render_report(answers: pd.DataFrame, key: AnswerKey, facts: ReportFacts, top: int = cohort_stats.TOP) -> str:
    """The HTML page for a cohort's tidy table (see :mod:`grading.cohort.table`)."""
    choices = cohort_stats.option_choices(answers, key)
    missed = cohort_stats.missed_essentials(choices, key, top)
    harmful = cohort_stats.harmful_choices(choices, key, top)
    scenario_titles = {sid: s.title for sid, s in key.library.scenarios.items()}
    return _environment().get_template("report.html.j2").render(
        facts=facts,
        generated=datetime.now(UTC).strftime("%d %B %Y, %H:%M UTC"),
        trainees=answers["trainee"].nunique(),
        scenario_titles=scenario_titles,
        scores=cohort_stats.scenario_scores(answers, key).to_dict("records"),
        risk=_risk_section(answers, key),
        agreement=cohort_stats.agreement(answers, key).to_dict("records"),
        missed=_actions_section(missed, cohort_plots.missed_essentials_figure, key),
        harmful=_actions_section(harmful, cohort_plots.harmful_choices_figure, key),
        top=top,
    )
