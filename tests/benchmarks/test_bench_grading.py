"""Benchmarks for grading (run by `make bench`; never part of `make test`, never asserting times).

- What a safe answer costs: ``AnswerStore.record`` (lock, temporary file, fsync, rename) against
  a plain overwrite of the same document, and against a plain overwrite plus fsync, measured
  interleaved in one run so both see the same disk.
- What scoring costs in a cohort report: ``score_scenario`` over many trainees' answers against
  just parsing those answers from JSON.
"""

from __future__ import annotations

import json
import os
import random
import time

from grading.answers import AnswerStore
from grading.rubric import score_scenario
from scenarios.library import shipped_library
from scenarios.models import RiskQuestion

WRITES = 200
TRAINEES = 2000


def _plain_write(path, text: str, sync: bool) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
        if sync:
            handle.flush()
            os.fsync(handle.fileno())


def test_record_against_a_plain_write(tmp_path):
    store = AnswerStore(tmp_path / "store", trainee="bench")
    timings = {"record": 0.0, "plain write": 0.0, "plain write + fsync": 0.0}
    for i in range(WRITES):
        started = time.perf_counter()
        saved = store.record("kim", f"question-{i % 12}", ["report-missing-to-police-now"])
        timings["record"] += time.perf_counter() - started
        text = json.dumps(saved.to_json(), indent=2)
        for name, sync in (("plain write", False), ("plain write + fsync", True)):
            started = time.perf_counter()
            _plain_write(tmp_path / f"{name}.json", text, sync)
            timings[name] += time.perf_counter() - started
    assert len(store.load("kim").answers) == 12
    record = timings["record"]
    print(f"\nAnswerStore.record: {record / WRITES * 1000:.2f} ms per answer over {WRITES} writes; "
          f"{record / timings['plain write']:.1f}x a plain overwrite, "
          f"{record / timings['plain write + fsync']:.2f}x a plain overwrite + fsync")


def test_scoring_a_cohort_against_parsing_its_answers():
    library = shipped_library()
    rng = random.Random(72)
    documents = []
    for scenario in library.scenarios.values():
        for _ in range(TRAINEES // len(library.scenarios)):
            answers = {
                q.id: rng.choice(q.levels) if isinstance(q, RiskQuestion)
                else [o.action for o in q.options if rng.random() < 0.5]
                for q in scenario.questions()
            }
            documents.append(json.dumps({"scenario": scenario.id, "answers": answers}))
    started = time.perf_counter()
    parsed = [json.loads(d) for d in documents]
    parsing = time.perf_counter() - started
    started = time.perf_counter()
    marks = [score_scenario(library, d["scenario"], d["answers"]) for d in parsed]
    scoring = time.perf_counter() - started
    assert len(marks) == len(documents)
    print(f"\nscore_scenario: {scoring / len(documents) * 1e6:.0f} µs per trainee's scenario over {len(documents)}; "
          f"{scoring / parsing:.0f}x parsing the same answers from JSON")
