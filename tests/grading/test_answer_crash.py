"""The crash path: a writer killed with SIGKILL at random moments, 200 times, never loses an
answer it had recorded and never leaves a file that does not parse.

Each round forks a writer that records answers as fast as it can and reports each one down a
pipe once ``record`` has returned, then kills it and reads the file the way the scorer does.
Half the kills come at a uniformly random moment, 0-80 ms after the fork. A write is only part
of each ``record``, so the other half wait until a write is under way (its temporary file
exists) and strike a random 0-2 ms later. A kill that lands mid-write leaves a temporary file
behind, which is how the test counts them; the file starts with 500 answers so that a write
lasts long enough to be hit."""

from __future__ import annotations

import json
import os
import random
import signal
import time

import pytest

from grading.answers import AnswerFile, AnswerStore, read_answer_file, write_atomically

KILLS = 200
PRELOADED = 500
pytestmark = pytest.mark.slow


def answer_for(question_id: str) -> list[str]:
    """A distinct answer per question, so a mixed-up file would show."""
    return [f"{question_id}-first", f"{question_id}-second"]


def _write_until_killed(directory, round_number: int, report_fd: int) -> None:
    """The child: record answers forever, reporting each one after it is saved."""
    store = AnswerStore(directory, trainee="alice")
    i = 0
    while True:
        question_id = f"round{round_number}-q{i}"
        store.record("kim", question_id, answer_for(question_id))
        os.write(report_fd, f"{question_id}\n".encode())
        i += 1


def _wait_for_a_write(directory, limit: float = 1.0) -> None:
    """Return as soon as a writer's temporary file exists (or after ``limit`` seconds)."""
    deadline = time.perf_counter() + limit
    while not any(directory.glob(".kim.answers.json.*.tmp")) and time.perf_counter() < deadline:
        pass


def _run_and_kill(directory, round_number: int, delay: float, mid_write: bool) -> list[str]:
    """Fork a writer and SIGKILL it ``delay`` seconds after the fork (or, with ``mid_write``,
    after a write has begun); return the answers it reported saved."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child never returns into pytest
        os.close(read_fd)
        try:
            _write_until_killed(directory, round_number, write_fd)
        finally:
            os._exit(1)
    os.close(write_fd)
    if mid_write:
        _wait_for_a_write(directory)
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, "the writer stopped on its own"
    with os.fdopen(read_fd, "rb") as reports:
        return [line.decode() for line in reports.read().splitlines()]


def test_killing_a_writer_at_random_moments_loses_and_corrupts_nothing(tmp_path):
    store = AnswerStore(tmp_path, trainee="alice")
    preloaded = {f"pre-{i}": answer_for(f"pre-{i}") for i in range(PRELOADED)}
    write_atomically(store.path("kim"), json.dumps(AnswerFile("kim", "alice", preloaded).to_json()))
    saved = dict(preloaded)
    rng = random.Random(20161107)
    landed_mid_write = 0
    started = time.perf_counter()
    round_number = 0
    # At least KILLS kills, and more (up to 3x) until a quarter of KILLS have landed mid-write: how many
    # do depends on how fast this machine writes.
    while round_number < KILLS or (landed_mid_write < KILLS // 4 and round_number < 3 * KILLS):
        mid_write = round_number % 2 == 1
        delay = rng.uniform(0, 0.002) if mid_write else rng.uniform(0, 0.08)
        for question_id in _run_and_kill(tmp_path, round_number, delay, mid_write):
            saved[question_id] = answer_for(question_id)
        landed_mid_write += any(tmp_path.glob(".kim.answers.json.*.tmp"))
        on_disk = read_answer_file(store.path("kim")).answers  # raises if the file does not parse
        lost = [q for q, answer in saved.items() if on_disk.get(q) != answer]
        assert not lost, f"round {round_number}: lost {len(lost)} answers, e.g. {lost[:3]}"
        round_number += 1
    elapsed = time.perf_counter() - started

    assert not list(tmp_path.glob("*.corrupt-*"))
    store.record("kim", "after-the-kills", ["done"])  # the next write clears the killed writers' leftovers
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kim.answers.json"]
    print(f"\ncrash test: {round_number} SIGKILLs in {elapsed:.1f} s, {landed_mid_write} left a half-written temporary "
          f"file; {len(saved) - PRELOADED} answers recorded before a kill, none lost; file always parsed")
    # A crash test whose kills never interrupt a write proves nothing.
    assert landed_mid_write >= KILLS // 4
