"""Scoring a trainee's risk grading or action choice against a scenario's reference answer.

Pure functions: no randomness and no I/O, so the same answer earns the same Mark in the player,
in nbgrader's re-run and in ``mfc score``. Every feedback item carries the citations it rests on.

The formula (also in README.md, "Scoring"; the arithmetic itself is :mod:`grading.points`):

Risk grading, out of ``RISK_MAXIMUM`` (2 points). Levels are compared by their steps on the
police scale (levels ordered by ``rank``; one step = one level).

- the reference level: 2 points ("right");
- where the question accepts a range (``accepts``: the guidance allows two levels), any level in
  it: 2 points ("right"), with the question's ``tension`` explaining why both are defensible;
  "too high" and "too low" below are then measured from the nearest end of the range;
- one level too high: 1 point ("over-cautious"): caution costs the police time but not the child;
- two or more levels too high: 0 ("over-cautious");
- any level too low: 0 ("under-graded"): under-estimating risk is the error that costs children;
- below the ``minimum_level`` of a rule in ``risk_scale.yaml`` whose ``when_any`` indicators the
  question lists: 0, with a "rule" item naming each broken rule;
- a retired level (``in_use: false``, i.e. 'absent') also gets a "rule" item saying why it is
  not used.

Action choice, out of ``ACTIONS_MAXIMUM`` (4 points). With E, H the essential and helpful
options, e, h how many of them were chosen and x the number of harmful options chosen::

    gain   = 4 * (3/4 * e/|E| + 1/4 * h/|H|)     # 4 * e/|E| when there are no helpful options
    points = max(0, gain - x * 2)                # each harmful choice costs half the maximum

rounded to two decimals. Neutral options neither add nor cost. So the reference answer (every
essential and helpful option) earns 4; choosing every option earns at most 2 when there is a
harmful option. Feedback: each harmful choice ("harmful": the option's ``why`` and its
citations, else the action's), each missed essential or helpful option ("missed"), each
essential or helpful choice ("right"). A neutral choice gets no item.

An unanswered question earns 0 with one "missed" item giving the reference answer.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from grading.marks import Feedback, Mark, ScenarioMark
from grading.points import ACTIONS_MAXIMUM, OVER_BY_ONE_SHARE, RISK_MAXIMUM, action_points
from scenarios.library import Library
from scenarios.models import ActionOption, ActionQuestion, Rating, RiskLevel, RiskQuestion, RiskRule, Scenario

Answer = str | Collection[str]


class AnswerError(ValueError):
    """An answer that cannot be scored: an unknown scenario, question, level or action id, or
    an answer of the wrong type. The message names the id at fault."""


def _cited(*groups: Iterable[str]) -> tuple[str, ...]:
    """The citations of several sources, each once, in the order first given."""
    return tuple(dict.fromkeys(c for group in groups for c in group))


# ----------------------------------------------------------------------------- risk grading


def _steps(library: Library) -> dict[str, int]:
    """Each level's position on the scale, lowest first: 'one level too high' means one step."""
    ordered = sorted(library.risk_scale.levels, key=lambda level: level.rank)
    return {level.id: step for step, level in enumerate(ordered)}


def broken_rules(question: RiskQuestion, level_id: str, library: Library) -> list[RiskRule]:
    """The scale's rules for this child that a grading of ``level_id`` falls below."""
    return library.rules_broken(question, level_id)


def _reference(question: RiskQuestion, library: Library) -> str:
    """The reference answer in words: one level, or the accepted range."""
    labels = [library.level(level).label for level in question.accepted]
    return labels[0] if len(labels) == 1 else " or ".join(labels)


def _explanation(question: RiskQuestion) -> str:
    return f"{question.rationale} {question.tension}" if question.tension else question.rationale


def _grading_item(question: RiskQuestion, chosen: RiskLevel, reference: str, distance: int) -> Feedback:
    """What the grading's distance from the reference (or the accepted range) means, in plain words."""
    cited = tuple(question.citations)
    if distance == 0:
        return Feedback("right", f"You graded {chosen.label}. {_explanation(question)}", cited)
    if distance > 0:
        how_far = "one level" if distance == 1 else f"{distance} levels"
        credit = ("Erring towards caution earns part of the marks" if distance == 1
                  else "A grading this far above the facts earns nothing")
        text = (f"You graded {chosen.label}, {how_far} above the course's answer ({reference}). {credit}; "
                f"the grading should still match what is known. {_explanation(question)}")
        return Feedback("over-cautious", text, cited)
    text = (f"You graded {chosen.label}, below the course's answer ({reference}). Under-estimating risk is the "
            f"error that costs children most: a lower grading means a slower, smaller search. {_explanation(question)}")
    return Feedback("under-graded", text, cited)


def _distance(question: RiskQuestion, level_id: str, library: Library) -> int:
    """Steps from the accepted level(s): 0 inside, positive above, negative below."""
    steps = _steps(library)
    accepted = [steps[level] for level in question.accepted]
    chosen = steps[level_id]
    if chosen > max(accepted):
        return chosen - max(accepted)
    return min(0, chosen - min(accepted))


def score_risk(question: RiskQuestion, level_id: str, library: Library) -> Mark:
    """Score one risk grading (a level id) against the question's reference level or range."""
    if not isinstance(level_id, str):
        raise AnswerError(f"{question.id}: a risk grading is one level id (a string); got {type(level_id).__name__}")
    if level_id not in question.levels:
        raise AnswerError(f"{question.id}: unknown risk level {level_id!r}; offered: {', '.join(question.levels)}")
    chosen = library.level(level_id)
    distance = _distance(question, level_id, library)
    broken = broken_rules(question, level_id, library)
    if broken or distance < 0 or distance > 1:
        points = 0.0
    else:
        points = RISK_MAXIMUM if distance == 0 else RISK_MAXIMUM * OVER_BY_ONE_SHARE
    feedback = [_grading_item(question, chosen, _reference(question, library), distance)]
    feedback += [
        Feedback("rule", f"Your grading goes against it: {rule.statement}", tuple(rule.citations))
        for rule in broken
    ]
    if not chosen.in_use:
        feedback.append(Feedback("rule", f"'{chosen.label}' is a retired category. {chosen.for_children}",
                                 tuple(chosen.citations)))
    return Mark(question.id, "risk", points, RISK_MAXIMUM, tuple(feedback))


# ----------------------------------------------------------------------------- action choice


def _chosen_ids(question: ActionQuestion, chosen: object, library: Library) -> set[str]:
    """The chosen action ids as a set (choosing twice is choosing once), every one checked."""
    if isinstance(chosen, str | bytes) or not isinstance(chosen, Collection):
        raise AnswerError(f"{question.id}: an action choice is a list of action ids; got {type(chosen).__name__}")
    offered = {o.action for o in question.options}
    for action_id in chosen:
        if not isinstance(action_id, str):
            raise AnswerError(f"{question.id}: action ids are strings; got {action_id!r}")
        if action_id not in offered:
            why = "is not an option of this question" if action_id in library.actions else "is not a known action"
            raise AnswerError(f"{question.id}: action {action_id!r} {why}; offered: {', '.join(sorted(offered))}")
    return set(chosen)


def option_citations(option: ActionOption, library: Library) -> tuple[str, ...]:
    """What an option's feedback cites: its own citations, else its action's."""
    return tuple(option.citations or library.action(option.action).citations)


# How each action item opens. The player shows a badge first ("Right", "Missed", "Harmful"), so
# each opening goes on from it as a person would say it ("Missed: an essential step you left out"),
# never a second label beside the first ("Missed Essential:").
CHOSE_HARMFUL = "You chose this, and it can do harm"
MISSED_ESSENTIAL = "An essential step you left out"
CHOSE_ESSENTIAL = "An essential step, and you took it"
CHOSE_HELPFUL = "A helpful step, and you took it"
MISSED_HELPFUL = "A step that would also have helped"


def _option_item(kind: str, opening: str, option: ActionOption, library: Library) -> Feedback:
    label = library.action(option.action).label
    return Feedback(kind, f"{opening}: {label}. {option.why}", option_citations(option, library))


def score_actions(question: ActionQuestion, chosen: Collection[str], library: Library) -> Mark:
    """Score one set of chosen actions against the ratings of the question's options."""
    picked = _chosen_ids(question, chosen, library)
    by_rating = {rating: [o for o in question.options if o.rating == rating] for rating in Rating}
    essential, helpful, harmful = by_rating[Rating.ESSENTIAL], by_rating[Rating.HELPFUL], by_rating[Rating.HARMFUL]

    def chosen_of(options: list[ActionOption]) -> tuple[int, int]:
        return sum(o.action in picked for o in options), len(options)

    harms = [o for o in harmful if o.action in picked]
    points = action_points(chosen_of(essential), chosen_of(helpful), len(harms))

    feedback = [_option_item("harmful", CHOSE_HARMFUL, o, library) for o in harms]
    feedback += [_option_item("missed", MISSED_ESSENTIAL, o, library) for o in essential if o.action not in picked]
    feedback += [_option_item("right", CHOSE_ESSENTIAL, o, library) for o in essential if o.action in picked]
    feedback += [_option_item("right", CHOSE_HELPFUL, o, library) for o in helpful if o.action in picked]
    feedback += [_option_item("missed", MISSED_HELPFUL, o, library) for o in helpful if o.action not in picked]
    return Mark(question.id, "actions", points, ACTIONS_MAXIMUM, tuple(feedback))


# ----------------------------------------------------------------------------- whole answers


def unanswered(question: RiskQuestion | ActionQuestion, library: Library) -> Mark:
    """The Mark of a question left unanswered: nothing, and what the reference answer was."""
    if isinstance(question, RiskQuestion):
        text = f"Not answered. The reference grading is {_reference(question, library)}. {_explanation(question)}"
        return Mark(question.id, "risk", 0.0, RISK_MAXIMUM, (Feedback("missed", text, tuple(question.citations)),))
    needed = "; ".join(library.action(o.action).label for o in question.options if o.rating == Rating.ESSENTIAL)
    text = f"Not answered. Essential here: {needed}. {question.rationale}"
    return Mark(question.id, "actions", 0.0, ACTIONS_MAXIMUM, (Feedback("missed", text, tuple(question.citations)),))


def _scenario(library: Library, scenario_id: str) -> Scenario:
    if not isinstance(scenario_id, str) or scenario_id not in library.scenarios:
        raise AnswerError(f"unknown scenario {scenario_id!r}; known: {', '.join(library.scenarios)}")
    return library.scenarios[scenario_id]


def _question(scenario: Scenario, question_id: str) -> RiskQuestion | ActionQuestion:
    for question in scenario.questions():
        if question.id == question_id:
            return question
    raise AnswerError(f"unknown question {question_id!r} in scenario {scenario.id!r}")


def _score(question: RiskQuestion | ActionQuestion, answer: Answer, library: Library) -> Mark:
    if isinstance(question, RiskQuestion):
        return score_risk(question, answer, library)
    return score_actions(question, answer, library)


def score_answer(library: Library, scenario_id: str, question_id: str, answer: Answer) -> Mark:
    """Score one answer: a level id for a risk question, a list of action ids for an action one."""
    return _score(_question(_scenario(library, scenario_id), question_id), answer, library)


def score_answers(library: Library, scenario_id: str, answers: Mapping[str, Answer]) -> list[Mark]:
    """A Mark for every question of the scenario, in order; unanswered questions score 0."""
    scenario = _scenario(library, scenario_id)
    if not isinstance(answers, Mapping):
        raise AnswerError(f"answers must map question ids to answers; got {type(answers).__name__}")
    for question_id in answers:
        _question(scenario, question_id)
    return [
        _score(q, answers[q.id], library) if q.id in answers else unanswered(q, library)
        for q in scenario.questions()
    ]


def score_scenario(library: Library, scenario_id: str, answers: Mapping[str, Answer]) -> ScenarioMark:
    """The marks of every question of a scenario, with their total."""
    return ScenarioMark.of(scenario_id, score_answers(library, scenario_id, answers))
