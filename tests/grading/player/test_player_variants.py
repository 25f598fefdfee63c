"""Per-learner variants: a seed changes the order of options, never the options or the key."""

from __future__ import annotations

import pytest
from helpers.player_driver import answer, play_through, reference_answer

from grading.answers import AnswerStore
from grading.player import ScenarioPlayer
from grading.player.choices import RiskChoice
from grading.player.option_order import variant_order
from grading.rubric import score_answer

SEEDS = [1, 2, 3, 17, "learner-42"]


@pytest.fixture
def store(tmp_path):
    return AnswerStore(tmp_path, trainee="trainee-a")


def shown_order(player: ScenarioPlayer) -> dict[str, list[str]]:
    """Each question's options (level or action ids) in the order the trainee sees them."""
    order = {}
    for stage in player.stages:
        for panel in stage.questions:
            if isinstance(panel.choice, RiskChoice):
                order[panel.question.id] = [value for _, value in panel.choice.radios.options]
            else:
                order[panel.question.id] = list(panel.choice.boxes)
    return order


def library_order(player: ScenarioPlayer) -> dict[str, list[str]]:
    return {
        q.id: list(q.levels) if q.kind == "risk" else [o.action for o in q.options]
        for q in player.scenario.questions()
    }


def test_without_a_seed_the_library_order_is_kept(store):
    player = ScenarioPlayer("kim", store=store)
    assert shown_order(player) == library_order(player)


def test_the_same_seed_gives_the_same_order_every_time(tmp_path):
    first = ScenarioPlayer("kim", variant_seed=7, store=AnswerStore(tmp_path / "a", trainee="a"))
    second = ScenarioPlayer("kim", variant_seed=7, store=AnswerStore(tmp_path / "b", trainee="b"))
    assert shown_order(first) == shown_order(second)


def test_seeds_change_the_order_but_not_the_options(tmp_path):
    orders = []
    for seed in SEEDS:
        player = ScenarioPlayer("kim", variant_seed=seed, store=AnswerStore(tmp_path / str(seed), trainee="t"))
        shown, reference = shown_order(player), library_order(player)
        assert {q: sorted(ids) for q, ids in shown.items()} == {q: sorted(ids) for q, ids in reference.items()}
        orders.append(shown)
    # Five seeds over Kim's seven questions: each question is shown in more than one order.
    for question_id in orders[0]:
        assert len({tuple(order[question_id]) for order in orders}) > 1, question_id


@pytest.mark.parametrize("seed", SEEDS)
def test_the_key_is_the_same_in_every_variant(seed, tmp_path):
    """The reference answer earns full marks whatever the order, and the marks of a variant's
    answers equal the marks of the same answers given without a variant."""
    player = ScenarioPlayer("kim", variant_seed=seed, store=AnswerStore(tmp_path, trainee="t"))
    play_through(player)
    for stage in player.stages:
        for panel in stage.questions:
            full = score_answer(player.library, "kim", panel.question.id, reference_answer(panel))
            assert full.points == full.maximum
            assert f"Your score: {full.maximum:g} out of {full.maximum:g}." in panel.result.value


def test_the_seed_is_recorded_in_the_answers_file(store):
    player = ScenarioPlayer("kim", variant_seed=11, store=store)
    player.start_button.click()
    panel = player.stages[0].questions[0]
    answer(panel, reference_answer(panel))
    assert store.load("kim").extra["variant"] == {"seed": 11}


def test_a_rerun_without_the_seed_reuses_the_recorded_one(store):
    player = ScenarioPlayer("kim", variant_seed="learner-42", store=store)
    player.start_button.click()
    panel = player.stages[0].questions[0]
    answer(panel, reference_answer(panel))
    again = ScenarioPlayer("kim", store=store)
    assert again.variant_seed == "learner-42"
    assert shown_order(again) == shown_order(player)


def test_variant_order_is_a_permutation_fixed_by_seed_and_question():
    items = list(range(10))
    assert variant_order(items, None, "q") == items
    assert sorted(variant_order(items, 3, "q")) == items
    assert variant_order(items, 3, "q") == variant_order(items, 3, "q")
    assert variant_order(items, 3, "q") != variant_order(items, 3, "other-q")
