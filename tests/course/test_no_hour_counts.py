"""No text a trainee or carer reads shows how the course is built: an hour count ("4400 hours",
"the hour count puts it..."), a day number ("Day 184") or a stage count ("(stage 1 of 4)").

The scenarios keep ``at_hours`` (the simulation and the order of stages use it); what is shown is
said as a person would say it ("Six months after Leah arrived"). Checked on everything the
player shows for every case (opening, each stage, feedback on every option, debrief) and on the
prose of every course page, the carers' pages included.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers.course_pages import COURSE_PAGES, page_id, prose

from grading.player import render
from grading.rubric import score_answer, unanswered

RAW_TIME = re.compile(
    r"hour count|at_hours|\bhour \d|\bday \d{2,}|\b\d{3,}\s?(?:h|hrs?|hours?)\b|\b\d+(?:\.\d+)?h\b|\bstage \d+ of \d+",
    re.IGNORECASE)


def raw_times(text: str) -> list[str]:
    return [match.group(0) for match in RAW_TIME.finditer(text)]


@pytest.mark.parametrize("text", ["Day 184 (stage 1 of 4)", "the hour count puts it about six months into care",
                                  "at 4400 hours", "after 96h", "hour 12 of the search"])
def test_the_check_catches_what_trainees_were_shown(text):
    assert raw_times(text)


@pytest.mark.parametrize("text", ["Six months after Leah arrived", "Three hours later",
                                  "a return home interview within 72 hours", "a strategy meeting within 24 hours"])
def test_the_check_lets_plain_times_through(text):
    assert not raw_times(text)


def everything_the_player_shows(library, scenario) -> str:
    parts = [render.opening(scenario), render.debrief(scenario)]
    parts += [render.stage(scenario, index) for index in range(len(scenario.stages))]
    for question in scenario.questions():
        answers = list(question.levels) if question.kind == "risk" else [[o.action for o in question.options]]
        marks = [score_answer(library, scenario.id, question.id, answer) for answer in answers]
        parts += [render.mark(mark) for mark in [*marks, unanswered(question, library)]]
    return "\n".join(parts)


def test_no_case_shows_a_raw_time(library):
    found = {scenario.id: raw_times(everything_the_player_shows(library, scenario))
             for scenario in library.scenarios.values()}
    assert not {sid: times for sid, times in found.items() if times}


@pytest.mark.parametrize("page", COURSE_PAGES, ids=page_id)
def test_no_course_page_shows_a_raw_time(page: Path):
    assert not raw_times(prose(page))
