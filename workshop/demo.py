"""``mfc workshop demo``: N made-up trainees answer a whole case at once, through the same API
and client the pages use, and the service's export is checked against what was acknowledged.

It measures what a trainer cares about before a session: does every acknowledged answer end up
in the room (``lost`` must be 0), and how long does a trainee wait for the acknowledgement
(``p50_ms``, ``p95_ms``)?
"""

from __future__ import annotations

import random
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from scenarios.library import Library, shipped_library
from scenarios.models import RiskQuestion
from workshop.client import TraineeSession, TrainerSession

SCENARIO = "kim"


def made_up_answer(question, rng: random.Random):
    if isinstance(question, RiskQuestion):
        return rng.choice(question.levels)
    options = [option.action for option in question.options]
    return rng.sample(options, rng.randint(1, len(options)))


def _answer_everything(session: TraineeSession, questions: list, seed: int) -> tuple[list[tuple], list[float]]:
    rng = random.Random(seed)
    acknowledged, waits = [], []
    for question in questions:
        answer = made_up_answer(question, rng)
        started = time.perf_counter()
        session.send(question.id, answer)
        waits.append((time.perf_counter() - started) * 1000)
        acknowledged.append((session.pseudonym, question.id, answer))
    return acknowledged, waits


def run_demo(base_url: str, trainees: int, library: Library | None = None, scenario: str = SCENARIO) -> dict:
    library = library or shipped_library()
    questions = [q for stage in library.scenario(scenario).stages for q in stage.questions]
    trainer = TrainerSession.create(base_url, scenario, paced=False)
    sessions = [TraineeSession.join(base_url, trainer.code, f"Demo trainee {n + 1}") for n in range(trainees)]
    with ThreadPoolExecutor(max_workers=min(trainees, 64)) as pool:
        results = list(pool.map(lambda pair: _answer_everything(pair[1], questions, pair[0]), enumerate(sessions)))
    acknowledged = [item for sent, _ in results for item in sent]
    waits = [wait for _, timings in results for wait in timings]
    files = trainer.export()["files"]
    stored = sum(len(file["answers"]) for file in files)
    by_number = {session.pseudonym: f"{trainer.code.lower()}-trainee-{session.pseudonym.split()[-1]}"
                 for session in sessions}
    kept = {(file["trainee"], qid): answer for file in files for qid, answer in file["answers"].items()}
    lost = sum(kept.get((by_number[who], qid)) != answer for who, qid, answer in acknowledged)
    trainer.close()
    return {
        "trainees": trainees,
        "answers_sent": len(acknowledged),
        "answers_stored": stored,
        "lost": lost,
        "p50_ms": round(float(np.percentile(waits, 50)), 1) if waits else None,
        "p95_ms": round(float(np.percentile(waits, 95)), 1) if waits else None,
    }
