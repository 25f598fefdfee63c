"""Marking one assessed item and explaining the mark without giving the key away.

In the formative course the rubric's feedback names the reference answer, which is how a trainee
learns. In the summative assessment that would publish the key: the assessment-only cases are
kept back so they can be used again, and nbgrader shows whatever a graded cell prints in the
feedback page (jupyter/nbgrader#917). So a graded cell shows the rubric's feedback *sealed*:

- the score, and for every item a reason in words: the kind of error the rubric found (graded
  lower than the guidance supports, over-cautious, a rule for children broken, harmful choices)
  and, for an action choice, how many essential and helpful actions were chosen and how many
  harmful ones, never which;
- the guidance sections the rubric's items cite, so the trainee knows what to read; a section
  whose name is a risk level (e.g. "High Risk") would name the answer, so it is replaced by the
  risk scale's general sections.

Never printed: a level or action id, an action's label, a rationale or an option's ``why``.

What here depends on the library is worked out once per question, into the assessment's marking
sheet (:func:`build_sheet`); every answer is then marked from its question's sheet entry by
:func:`grading.assessment.marking_sheet.mark_answer`, which is what nbgrader's kernel runs.
"""

from __future__ import annotations

from collections.abc import Iterable

from grading.answers import AnswerFile
from grading.assessment.marking_sheet import MarkedItem, Sheet, mark_answer
from grading.assessment.spec import SCENARIOS
from grading.marks import Mark
from grading.rubric import option_citations, score_risk, unanswered
from scenarios.errors import UnknownIdError
from scenarios.library import Library
from scenarios.models import ActionQuestion, RiskQuestion

RISK_REASONS = {
    "right": "Your grading matches what the guidance supports for this child.",
    "over-cautious-partial": ("Your grading is higher than the guidance supports. Erring towards caution "
                              "earns part of the marks: it costs police time, not the child's safety."),
    "over-cautious-none": "Your grading is well above what the facts support, which earns no marks.",
    "under-graded": ("Your grading is lower than the guidance supports. Under-grading is the error that "
                     "costs children most: a lower grading means a slower, smaller search. It earns no marks."),
    "rule": ("It also falls below the minimum the guidance sets for a child in these circumstances "
             "(for example, signs of trafficking or exploitation)."),
    "retired": "You chose a category current guidance no longer uses for missing children.",
}


def mark_item(library: Library, scenario_id: str, question_id: str, saved: AnswerFile) -> MarkedItem:
    """Score the saved answer to one question and explain the score in sealed words."""
    entry = sheet_entry(_question(library, scenario_id, question_id), library)
    return mark_answer(question_id, entry, saved.answers.get(question_id))


def build_sheet(library: Library, scenario_ids: Iterable[str] = SCENARIOS) -> Sheet:
    """The marking sheet of the assessed scenarios: scenario id -> question id -> entry."""
    return {sid: {q.id: sheet_entry(q, library) for q in library.scenario(sid).questions()} for sid in scenario_ids}


def sheet_entry(question: RiskQuestion | ActionQuestion, library: Library) -> dict:
    """What marking any answer to ``question`` needs, as plain values (the shape is in
    :mod:`grading.assessment.marking_sheet`): worked out by the rubric, sealed."""
    nothing = unanswered(question, library)
    entry = {"kind": nothing.kind, "maximum": nothing.maximum, "unanswered": _sealed(nothing, library)}
    if isinstance(question, RiskQuestion):
        entry["levels"] = {level: _level_entry(score_risk(question, level, library), level, library)
                           for level in question.levels}
    else:
        entry["options"] = {o.action: {"rating": o.rating.value,
                                       "citations": list(sealed_citations(option_citations(o, library), library))}
                            for o in question.options}
    return entry


def _question(library: Library, scenario_id: str, question_id: str) -> RiskQuestion | ActionQuestion:
    for question in library.scenario(scenario_id).questions():
        if question.id == question_id:
            return question
    raise UnknownIdError(f"unknown question {question_id!r} in scenario {scenario_id!r}")


def _level_entry(mark: Mark, level_id: str, library: Library) -> dict:
    return {"points": mark.points, "reasons": _risk_reasons(mark, level_id, library),
            "citations": _sealed(mark, library)}


def _risk_reasons(mark: Mark, level_id: str, library: Library) -> list[str]:
    kinds = {item.kind for item in mark.feedback}
    if "right" in kinds:
        reasons = [RISK_REASONS["right"]]
    elif "under-graded" in kinds:
        reasons = [RISK_REASONS["under-graded"]]
    else:
        reasons = [RISK_REASONS["over-cautious-partial" if mark.points else "over-cautious-none"]]
    retired = not library.level(level_id).in_use
    broken_rule = len(mark.items("rule")) > int(retired)
    if broken_rule:
        reasons.append(RISK_REASONS["rule"])
    if retired:
        reasons.append(RISK_REASONS["retired"])
    return reasons


def _sealed(mark: Mark, library: Library) -> list[str]:
    return list(sealed_citations((c for item in mark.feedback for c in item.citations), library))


def sealed_citations(cited: Iterable[str], library: Library) -> tuple[str, ...]:
    """The citations, each once, with any section named after a risk level (which would name the
    reference grading) replaced by the risk scale's general sections."""
    labels = [level.label.lower() for level in library.risk_scale.levels]
    kept: list[str] = []
    for citation in cited:
        section = citation.partition(" §")[2].lower()
        if any(label in section for label in labels):
            kept.extend(library.risk_scale.citations)
        else:
            kept.append(citation)
    return tuple(dict.fromkeys(kept))
