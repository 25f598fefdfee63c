"""Made-up cohorts: answer files from trainees who do not exist.

Why in the package: a trainer can show what a cohort report looks like before any real trainee
has answered, the benchmark needs cohorts of any size, and the tests need cohorts whose answers
they know. No real person's answers are ever needed for any of these.

Each made-up trainee has a leaning, drawn once: some grade risk at the reference level, some a
level above or below it; each chooses essential options often, helpful ones less often, and
harmful ones now and then. So the report has something to show (spread, under-grading, missed
essentials, harmful choices) the way a real cohort would. The same seed gives the same cohort.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from grading.answers import SUFFIX
from scenarios.library import Library
from scenarios.models import ActionQuestion, Rating, RiskQuestion

# Chance that a made-up trainee of ordinary diligence chooses an option, by its rating.
CHOICE_CHANCE = {Rating.ESSENTIAL: 0.8, Rating.HELPFUL: 0.55, Rating.NEUTRAL: 0.3, Rating.HARMFUL: 0.12}
# How far from the reference a grading falls, in steps, and how likely each is; a trainee's
# habit is drawn from these once, and each grading follows the habit with HABIT_STRENGTH.
GRADING_STEPS = (-2, -1, 0, 1)
GRADING_WEIGHTS = (0.05, 0.2, 0.65, 0.1)
HABIT_STRENGTH = 0.7
DILIGENCE = (0.7, 1.2)  # a trainee's diligence scales the chances of good choices, and divides harmful ones


@dataclass(frozen=True)
class MadeUpTrainee:
    habit: int  # steps from the reference this trainee's gradings usually fall
    diligence: float

    @classmethod
    def draw(cls, rng: random.Random) -> MadeUpTrainee:
        return cls(rng.choices(GRADING_STEPS, GRADING_WEIGHTS)[0], rng.uniform(*DILIGENCE))

    def grading(self, question: RiskQuestion, by_step: list[str], rng: random.Random) -> str:
        steps = self.habit if rng.random() < HABIT_STRENGTH else rng.choices(GRADING_STEPS, GRADING_WEIGHTS)[0]
        level = by_step[min(max(by_step.index(question.key) + steps, 0), len(by_step) - 1)]
        return level if level in question.levels else question.key

    def choice(self, question: ActionQuestion, rng: random.Random) -> list[str]:
        def chance(rating: Rating) -> float:
            scale = 1 / self.diligence if rating == Rating.HARMFUL else self.diligence
            return min(0.98, CHOICE_CHANCE[rating] * scale)

        return [o.action for o in question.options if rng.random() < chance(o.rating)]

    def answers(self, library: Library, scenario_id: str, rng: random.Random,
                answer_share: float = 1.0) -> dict[str, str | list[str]]:
        """This trainee's answers to one scenario; each question answered with chance ``answer_share``."""
        by_step = [level.id for level in sorted(library.risk_scale.levels, key=lambda level: level.rank)]
        return {
            q.id: self.grading(q, by_step, rng) if isinstance(q, RiskQuestion) else self.choice(q, rng)
            for q in library.scenario(scenario_id).questions()
            if rng.random() < answer_share
        }


def trainee_ids(count: int) -> list[str]:
    return [f"made-up-{n:04d}" for n in range(1, count + 1)]


def made_up_documents(library: Library, trainees: int, scenarios: list[str] | None = None, seed: int = 0,
                      answer_share: float = 1.0) -> Iterator[dict]:
    """Answers-file documents (README, "Answer files") for each made-up trainee and scenario."""
    rng = random.Random(seed)
    for trainee in trainee_ids(trainees):
        made_up = MadeUpTrainee.draw(rng)
        for scenario_id in scenarios or list(library.scenarios):
            yield {"schema": 1, "scenario": scenario_id, "trainee": trainee,
                   "answers": made_up.answers(library, scenario_id, rng, answer_share)}


def write_made_up_cohort(folder: Path, library: Library, trainees: int, scenarios: list[str] | None = None,
                         seed: int = 0, answer_share: float = 1.0) -> list[Path]:
    """Write a cohort folder the way a course lead collects one: a sub-folder per trainee holding
    ``<scenario>.answers.json`` files. Returns the files written."""
    written = []
    for document in made_up_documents(library, trainees, scenarios, seed, answer_share):
        path = Path(folder) / document["trainee"] / f"{document['scenario']}{SUFFIX}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(document), encoding="utf-8")
        written.append(path)
    return written
