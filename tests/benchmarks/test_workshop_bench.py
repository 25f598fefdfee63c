"""The workshop service under a room's load (``make bench``); figures printed, never asserted.

- 40 trainees answer one decision point at once (a burst started together), seven times, one per
  question of Kim: how long until all 40 are acknowledged, and for each answer the time from
  sending it to the trainer's dashboard showing a room version that includes it, p50/p95, against
  a bare echo through the same server (40 at once, same run). The dashboard and the 40 trainees'
  pages follow the room all along exactly as the pages do (:mod:`workshop.follow`, the same
  requests), up to the moment a page's kernel would change its widgets.
- The trainer's moves: for each Reveal, the time until every trainee's page has it, p50/p95.
- Memory per room: the service's resident memory and the database's size, before and after 20
  rooms of 40 trainees who each answered once, and the dashboard read for each.
"""

from __future__ import annotations

import os
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import psutil

from scenarios.library import shipped_library
from workshop.client import TraineeSession, TrainerSession, call
from workshop.demo import made_up_answer
from workshop.follow import Follower
from workshop.process import start

TRAINEES = 40
ROOMS_FOR_MEMORY = 20


def _percentiles(values) -> str:
    return f"p50 {np.percentile(values, 50):.0f} ms, p95 {np.percentile(values, 95):.0f} ms"


class Shown:
    """A page following the room (:class:`workshop.follow.Follower`, as the pages use it): when it
    was first handed each state, by the state's ``key`` (version or moves)."""

    def __init__(self, fetch, first: dict, key: str):
        self.key, self.shown, self.stop = key, [], threading.Event()
        self.follower = Follower(fetch, self._show, trouble=lambda _: None,
                                 keep_going=lambda _: not self.stop.is_set(), last=first).start()

    def _show(self, state: dict) -> None:
        self.shown.append((time.perf_counter(), state[self.key]))

    def shown_at(self, value: int) -> float:
        return next(t for t, v in self.shown if v >= value)


def dashboard_page(trainer: TrainerSession) -> Shown:
    return Shown(lambda last: trainer.dashboard(since=last["version"], names=True), trainer.dashboard(), "version")


def trainee_page(trainee: TraineeSession) -> Shown:
    return Shown(lambda last: trainee.state(after_moves=last["moves"]), trainee.room, "moves")


def _burst(pool, jobs) -> tuple[float, list]:
    barrier = threading.Barrier(len(jobs))

    def go(job):
        barrier.wait()
        started = time.perf_counter()
        return started, job(), time.perf_counter()

    began = time.perf_counter()
    results = list(pool.map(go, jobs))
    return time.perf_counter() - began, results


def test_forty_trainees_and_the_dashboard(tmp_path: Path):
    library = shipped_library()
    questions = [q for stage in library.scenario("kim").stages for q in stage.questions]
    process, url = start(f"sqlite:///{tmp_path}/bench.sqlite", tmp_path / "answers")
    try:
        trainer = TrainerSession.create(url, "kim", paced=False)
        trainees = [TraineeSession.join(url, trainer.code, f"T{n}") for n in range(TRAINEES)]
        watcher = dashboard_page(trainer)
        pages = [trainee_page(trainee) for trainee in trainees]
        rng = np.random.default_rng(14)
        bursts, to_board, acks, echoes, to_trainees = [], [], [], [], []
        with ThreadPoolExecutor(max_workers=TRAINEES) as pool:
            for question in questions:
                echo_time, echoed = _burst(pool, [lambda: call(url, "POST", "/api/echo", {"x": 1})] * TRAINEES)
                echoes += [(end - begin) * 1000 for begin, _, end in echoed]
                answers = [made_up_answer(question, random.Random(int(rng.integers(1e9)))) for _ in trainees]
                jobs = [lambda t=t, a=a, q=question.id: t.send(q, a) for t, a in zip(trainees, answers, strict=True)]
                took, results = _burst(pool, jobs)
                bursts.append(took)
                time.sleep(0.3)  # let the dashboard catch up before reading when it showed each
                for begin, reply, end in results:
                    acks.append((end - begin) * 1000)
                    to_board.append((watcher.shown_at(reply["version"]) - begin) * 1000)
        for stage in range(len(library.scenario("kim").stages)):
            began = time.perf_counter()
            moves = trainer.reveal(stage)["moves"]
            time.sleep(0.5)
            to_trainees += [(page.shown_at(moves) - began) * 1000 for page in pages]
        for page in [watcher, *pages]:
            page.stop.set()
        service = psutil.Process(process.pid)
        db_file = tmp_path / "bench.sqlite"
        rss_before, db_before = service.memory_info().rss, _db_size(db_file)
        for _ in range(ROOMS_FOR_MEMORY):
            room = TrainerSession.create(url, "kim", paced=False)
            for n in range(TRAINEES):
                TraineeSession.join(url, room.code, f"M{n}").send(questions[0].id, made_up_answer(
                    questions[0], random.Random(n)))
            room.dashboard()
        rss_after, db_after = service.memory_info().rss, _db_size(db_file)
    finally:
        process.terminate()
        process.wait()

    ratio = np.percentile(to_board, 95) / np.percentile(echoes, 95)
    print(f"\n[workshop] {TRAINEES} trainees at once, {len(questions)} bursts (machine shared with other work):")
    print(f"  all {TRAINEES} acknowledged within: median {np.median(bursts) * 1000:.0f} ms, "
          f"slowest {max(bursts) * 1000:.0f} ms")
    print(f"  answer acknowledged: {_percentiles(acks)}")
    print(f"  answer -> on the dashboard: {_percentiles(to_board)} (goal p95 <= 1000 ms)")
    print(f"  bare echo, same server, 40 at once: {_percentiles(echoes)}")
    print(f"  ratio dashboard p95 / echo p95: {ratio:.1f}x")
    print(f"  trainer's Reveal -> on each of the {TRAINEES} trainees' pages: {_percentiles(to_trainees)}")
    print(f"  memory per room (40 trainees, one answer each): service RSS "
          f"{(rss_after - rss_before) / ROOMS_FOR_MEMORY / 1024:.0f} KiB, database "
          f"{(db_after - db_before) / ROOMS_FOR_MEMORY / 1024:.0f} KiB")


def _db_size(path: Path) -> int:
    return sum(os.path.getsize(p) for p in (path, Path(f"{path}-wal")) if p.exists())
