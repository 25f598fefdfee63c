"""Marking one assessed item and explaining the mark without giving the key away.

In the formative course the rubric's feedback names the reference answer, which is how a trainee
learns. In the summative assessment that would publish the key: the assessment-only cases are
kept back so they can be used again, and nbgrader shows whatever a graded cell prints in the
feedback page (jupyter/nbgrader#917). So a graded cell prints the rubric's feedback *sealed*:

- the score, and for every item a reason in words: the kind of error the rubric found (graded
  lower than the guidance supports, over-cautious, a rule for children broken, harmful choices)
  and, for an action choice, how many essential and helpful actions were chosen and how many
  harmful ones, never which;
- the guidance sections the rubric's items cite, so the trainee knows what to read; a section
  whose name is a risk level (e.g. "High Risk") would name the answer, so it is replaced by the
  risk scale's general sections.

Never printed: a level or action id, an action's label, a rationale or an option's ``why``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from grading.answers import AnswerFile
from grading.marks import Mark
from grading.rubric import ACTIONS_MAXIMUM, HARM_COST_SHARE, AnswerError, score_answer, unanswered
from scenarios.errors import UnknownIdError
from scenarios.library import Library
from scenarios.models import ActionQuestion, Rating, RiskQuestion

NOT_ANSWERED = "No answer was saved for this item, so it earns no marks."
UNREADABLE = "The saved answer does not fit this question (it may have been edited by hand), so it earns no marks."
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


@dataclass(frozen=True)
class MarkedItem:
    """One assessed item: the points for nbgrader and the sealed explanation for the trainee."""

    question_id: str
    points: float
    maximum: float
    reasons: tuple[str, ...]
    citations: tuple[str, ...]

    def text(self) -> str:
        lines = [f"Score: {self.points:g} of {self.maximum:g} points.", *self.reasons]
        if self.citations:
            lines.append("Guidance to read: " + "; ".join(self.citations) + ".")
        return "\n".join(lines)


def mark_item(library: Library, scenario_id: str, question_id: str, saved: AnswerFile) -> MarkedItem:
    """Score the saved answer to one question and explain the score in sealed words."""
    question = _question(library, scenario_id, question_id)
    answer = saved.answers.get(question_id)
    if answer is None:
        mark = unanswered(question, library)
        return _item(mark, [NOT_ANSWERED], library)
    try:
        mark = score_answer(library, scenario_id, question_id, answer)
    except AnswerError:
        return _item(unanswered(question, library), [UNREADABLE], library)
    if isinstance(question, RiskQuestion):
        return _item(mark, _risk_reasons(mark, answer, library), library)
    return _item(mark, _action_reasons(question, set(answer)), library)


def _question(library: Library, scenario_id: str, question_id: str) -> RiskQuestion | ActionQuestion:
    for question in library.scenario(scenario_id).questions():
        if question.id == question_id:
            return question
    raise UnknownIdError(f"unknown question {question_id!r} in scenario {scenario_id!r}")


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


def _action_reasons(question: ActionQuestion, chosen: set[str]) -> list[str]:
    def count(rating: Rating) -> tuple[int, int]:
        offered = [o.action for o in question.options if o.rating == rating]
        return sum(a in chosen for a in offered), len(offered)

    essential, essential_total = count(Rating.ESSENTIAL)
    helpful, helpful_total = count(Rating.HELPFUL)
    harmful, _ = count(Rating.HARMFUL)
    reasons = [f"You chose {essential} of the {_actions(essential_total)} the guidance treats as essential "
               f"at this point."]
    if helpful_total:
        reasons.append(f"You chose {helpful} of the {_actions(helpful_total)} that would also help.")
    if harmful:
        cost = HARM_COST_SHARE * ACTIONS_MAXIMUM
        reasons.append(f"{_count_words(harmful)} of your choices could harm the child at this point; "
                       f"each costs {cost:g} points.")
    else:
        reasons.append("None of your choices would harm the child at this point.")
    return reasons


def _actions(n: int) -> str:
    return "1 action" if n == 1 else f"{n} actions"


def _count_words(n: int) -> str:
    return "One" if n == 1 else str(n)


def _item(mark: Mark, reasons: Iterable[str], library: Library) -> MarkedItem:
    cited = [c for item in mark.feedback for c in item.citations]
    return MarkedItem(mark.question_id, mark.points, mark.maximum, tuple(reasons), sealed_citations(cited, library))


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
