"""Consistent keys: an action the library rates harmful at one decision point and essential or
helpful at another, or essential at one and neutral at another, teaches two things at once unless
the option says why the context differs. So does rating a practice the catalogue records as
documented harm as anything but harmful. Each such option carries a written `context`."""

from __future__ import annotations

from collections import defaultdict

from scenarios.models import ActionOption, ActionQuestion, Rating

# Rating pairs that contradict each other unless the context explains the difference.
CONFLICTS = [
    ({Rating.HARMFUL}, {Rating.ESSENTIAL, Rating.HELPFUL}),
    ({Rating.NEUTRAL}, {Rating.ESSENTIAL}),
]


def _options_by_action(library) -> dict[str, list[tuple[str, ActionOption]]]:
    found: dict[str, list[tuple[str, ActionOption]]] = defaultdict(list)
    for scenario in library.scenarios.values():
        for question in scenario.questions():
            if isinstance(question, ActionQuestion):
                for option in question.options:
                    found[option.action].append((question.id, option))
    return found


def inconsistencies(library) -> list[str]:
    """Every option whose rating contradicts the same action's rating elsewhere (or the
    catalogue's documented harm) and that gives no reason why its context differs."""
    problems = []
    for action_id, uses in _options_by_action(library).items():
        ratings = {option.rating for _, option in uses}
        for lower, higher in CONFLICTS:
            if ratings & lower and ratings & higher:
                # The reason belongs on the exception: the option on the less common side.
                lower_uses = [u for u in uses if u[1].rating in lower]
                higher_uses = [u for u in uses if u[1].rating in higher]
                for qid, option in min(lower_uses, higher_uses, key=len):
                    if not option.context:
                        problems.append(f"{qid}: {action_id} is {option.rating.value} here but "
                                        f"{'/'.join(sorted(r.value for r in ratings - {option.rating}))} elsewhere")
        if library.action(action_id).documented_harm:
            problems += [f"{qid}: {action_id} is documented harm but rated {option.rating.value} here"
                         for qid, option in uses if option.rating != Rating.HARMFUL and not option.context]
    return sorted(set(problems))


def test_every_contradictory_rating_says_why_the_context_differs(library):
    assert inconsistencies(library) == []


def test_the_check_finds_a_contradiction_with_no_reason(library):
    """Strip the written reasons and the known exceptions must be found again."""
    stripped = {
        sid: scenario.model_copy(update={"stages": [
            stage.model_copy(update={"questions": [
                q.model_copy(update={"options": [o.model_copy(update={"context": None}) for o in q.options]})
                if isinstance(q, ActionQuestion) else q
                for q in stage.questions
            ]})
            for stage in scenario.stages
        ]})
        for sid, scenario in library.scenarios.items()
    }
    found = inconsistencies(type(library)(library.guidance, library.risk_scale, library.actions, stripped))
    assert any("stage-two-missing-meeting is neutral here but essential elsewhere" in p for p in found)
    assert any("report-curfew-breach-alone is documented harm but rated neutral here" in p for p in found)


def test_every_written_context_explains_a_real_difference(library):
    """A `context` on an option whose action is rated the same way everywhere explains nothing."""
    for action_id, uses in _options_by_action(library).items():
        ratings = {option.rating for _, option in uses}
        contradicts = any(ratings & lower and ratings & higher for lower, higher in CONFLICTS) or (
            library.action(action_id).documented_harm and ratings != {Rating.HARMFUL})
        for qid, option in uses:
            assert not option.context or contradicts, f"{qid}: {action_id} has a context but no contradiction"
