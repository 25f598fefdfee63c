"""The service killed with SIGKILL again and again while trainees answer, on SQLite and on a
real PostgreSQL: every answer it acknowledged is in the database afterwards, exactly as sent.

Each round forks the service from this process (already warm, so a restart costs milliseconds
rather than seconds of imports), lets six trainees answer as fast as they can, and kills the
service at a random moment 20-300 ms in, mid-request more often than not (the test counts the
requests cut off, so it can tell the crash path was really taken).
"""

from __future__ import annotations

import os
import random
import signal
import threading
import time
import uuid

import pytest
from sqlalchemy import select

from workshop.client import ServiceError, TraineeSession, TrainerSession
from workshop.db import open_engine, session_factory
from workshop.demo import made_up_answer
from workshop.models import Answer
from workshop.process import free_port, wait_until_up

TRAINEES = 6
# Kills per database in `make test`; set MFC_WORKSHOP_KILLS for a longer soak.
KILLS = int(os.environ.get("MFC_WORKSHOP_KILLS", "8"))
pytestmark = pytest.mark.slow


def _fork_service(db_url: str, port: int, export_dir) -> int:
    pid = os.fork()
    if pid == 0:  # the child never returns into pytest
        try:
            from workshop.app import serve

            serve(db_url, port, "127.0.0.1", export_dir)
        finally:
            os._exit(0)
    return pid


def _answer_until_stopped(trainee: TraineeSession, questions, stop: threading.Event, acknowledged: dict,
                          cut_off: list, seed: int) -> None:
    rng = random.Random(seed)
    while not stop.is_set():
        question = rng.choice(questions)
        answer, key = made_up_answer(question, rng), uuid.uuid4().hex
        try:
            trainee.send(question.id, answer, key=key)
        except ServiceError:
            cut_off.append(key)
            return
        acknowledged[key] = (question.id, answer)


def _kill_rounds(db_url: str, tmp_path, library, kills: int) -> tuple[dict, list]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    pid = _fork_service(db_url, port, tmp_path / "answers")
    wait_until_up(url)
    trainer = TrainerSession.create(url, "kim", paced=False)
    trainees = [TraineeSession.join(url, trainer.code, f"T{n}") for n in range(TRAINEES)]
    questions = [q for stage in library.scenario("kim").stages for q in stage.questions]
    acknowledged, cut_off, rng = {}, [], random.Random(14)
    round_number = 0
    # On a busy machine a round may end before any answer got through: then keep killing, up to
    # three times the rounds, until as many answers were acknowledged as there were kills.
    while round_number < kills or (len(acknowledged) < kills and round_number < 3 * kills):
        if round_number:
            pid = _fork_service(db_url, port, tmp_path / "answers")
            wait_until_up(url)
        stop = threading.Event()
        threads = [threading.Thread(target=_answer_until_stopped,
                                    args=(t, questions, stop, acknowledged, cut_off, round_number * 100 + n))
                   for n, t in enumerate(trainees)]
        for thread in threads:
            thread.start()
        time.sleep(rng.uniform(0.02, 0.3))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        stop.set()
        for thread in threads:
            thread.join()
        round_number += 1
    return acknowledged, cut_off


def _stored(db_url: str) -> dict:
    engine = open_engine(db_url)
    try:
        with session_factory(engine)() as session:
            return {row.key: (row.question, row.answer) for row in session.scalars(select(Answer))}
    finally:
        engine.dispose()


def _check(db_url: str, tmp_path, library, kills: int) -> None:
    acknowledged, cut_off = _kill_rounds(db_url, tmp_path, library, kills)
    stored = _stored(db_url)
    missing = {key: value for key, value in acknowledged.items() if stored.get(key) != value}
    assert not missing, f"{len(missing)} of {len(acknowledged)} acknowledged answers lost"
    # the test must have done its job: answers acknowledged, and requests cut off by the kills
    assert len(acknowledged) >= kills and len(cut_off) >= kills, (len(acknowledged), len(cut_off))


def test_sigkill_on_sqlite_loses_no_acknowledged_answer(tmp_path, library):
    _check(f"sqlite:///{tmp_path}/workshop.sqlite", tmp_path, library, KILLS)


def test_sigkill_on_postgresql_loses_no_acknowledged_answer(tmp_path, library, postgres):
    _check(postgres.create_database("workshop_crash"), tmp_path, library, max(2, KILLS // 2))
