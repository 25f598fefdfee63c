"""Benchmark: autograding the summative assessment (``make bench``; never part of ``make test``).

Two ratios, each against a baseline measured in the same run:

1. Per submission, nbgrader autograding our notebook against nbgrader autograding an "empty"
   notebook with the same cells (same count, kinds and nbgrader metadata, every source blank):
   what our graded cells add on top of nbgrader's own cost (kernel start, sanitising, the
   gradebook). Goal: at most 1.3x. nbclient skips a blank cell without asking the kernel, so a
   third notebook whose code cells are ``pass`` shows how much of the difference is simply
   running that many cells, and how much is our code. The three are graded in alternating
   blocks, so all see the same machine load.
2. The same submissions graded with ``--workers 2`` against serially, on this 2-core machine,
   in blocks of 20 interleaved with the serial blocks (so the two see the same load; each block
   pays the pool's start-up again, which makes the figure a little pessimistic). Goal: at most 0.6x.

``MFC_BENCH_SUBMISSIONS`` (default 100) sets how many generated submissions each side grades.
"""

from __future__ import annotations

import os
import random
import shutil
import time

import nbformat

from grading.answers import AnswerStore
from grading.assessment.course import Course, init_course
from grading.assessment.parallel import autograde
from grading.assessment.source_notebook import source_path
from grading.assessment.spec import SCENARIOS, variant_seed
from grading.assessment.steps import release
from scenarios.library import shipped_library
from scenarios.models import RiskQuestion

SUBMISSIONS = int(os.environ.get("MFC_BENCH_SUBMISSIONS", "100"))
BLOCK = 10


def _replace_sources(course: Course, code: str) -> None:
    """Keep the source notebook's shape; every markdown cell becomes blank, every code cell ``code``."""
    path = source_path(course.root)
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        cell.source = code if cell.cell_type == "code" else ""
    nbformat.write(notebook, path)


def _course(base, name: str, code: str | None = None) -> Course:
    course = init_course(base / name)
    if code is not None:
        _replace_sources(course, code)
    release(course)
    return course


def _random_answer(question, rng: random.Random):
    if isinstance(question, RiskQuestion):
        return rng.choice(question.levels)
    options = [o.action for o in question.options]
    return rng.sample(options, rng.randint(0, len(options)))


def _submit_generated(course: Course, students: list[str], library, with_answers: bool) -> None:
    released = course.folder("release") / "summative.ipynb"
    for student in students:
        folder = course.folder("submitted", student)
        folder.mkdir(parents=True)
        shutil.copy(released, folder)
        (folder / "timestamp.txt").write_text("2026-03-02 09:00:00.000000 UTC")
        if with_answers:
            rng = random.Random(student)
            store = AnswerStore(folder, student)
            for sid in SCENARIOS:
                for question in library.scenario(sid).questions():
                    store.record(sid, question.id, _random_answer(question, rng))
                store.annotate(sid, variant={"seed": variant_seed(student)})


def _timed(course: Course, students: list[str], workers: int) -> float:
    started = time.perf_counter()
    results = autograde(course, students, workers)
    elapsed = time.perf_counter() - started
    assert all(r.ok for r in results), [r.problem for r in results if not r.ok]
    return elapsed


def test_autograde_cost_against_an_empty_notebook_and_parallel_against_serial(tmp_path, monkeypatch):
    monkeypatch.delenv("MFC_EXCHANGE", raising=False)  # each course keeps its own exchange
    library = shipped_library()
    students = [f"trainee-{n:03d}" for n in range(SUBMISSIONS)]
    courses = {"ours": _course(tmp_path, "ours"), "blank": _course(tmp_path, "blank", code=""),
               "pass": _course(tmp_path, "pass", code="pass")}
    parallel = _course(tmp_path, "parallel")
    for name, course in [*courses.items(), ("parallel", parallel)]:
        _submit_generated(course, students, library, with_answers=name in ("ours", "parallel"))
    for course in courses.values():  # warm up: the first grading imports nbgrader's converters
        _timed(course, students[:1], 1)

    serial, in_parallel = dict.fromkeys(courses, 0.0), 0.0
    for start in range(0, SUBMISSIONS, BLOCK):
        block = students[start:start + BLOCK]
        for name, course in courses.items():
            serial[name] += _timed(course, block, 1)
        if (start // BLOCK) % 2 or start + BLOCK >= SUBMISSIONS:  # the last two blocks (or one), in parallel
            in_parallel += _timed(parallel, students[start - start % (2 * BLOCK):start + BLOCK], 2)

    per = {name: seconds / SUBMISSIONS for name, seconds in serial.items()}
    print(f"\nautograde, {SUBMISSIONS} generated submissions, {len(nbformat.read(source_path(), 4).cells)} cells:")
    print(f"  our notebook   {per['ours']:.2f} s per submission (serial)")
    print(f"  empty notebook {per['blank']:.2f} s per submission (serial, same cells, blank sources)")
    print(f"  'pass' notebook {per['pass']:.2f} s per submission (serial, same cells, code cells run 'pass')")
    print(f"  ratio ours / empty: {per['ours'] / per['blank']:.2f}x (goal <= 1.3x); "
          f"ours / 'pass': {per['ours'] / per['pass']:.2f}x")
    print(f"  2 workers: {in_parallel:.1f} s against {serial['ours']:.1f} s serial: "
          f"{in_parallel / serial['ours']:.2f}x (goal <= 0.6x) on {os.cpu_count()} cores")
    print(f"  load average at the end (other work on this machine): {os.getloadavg()[0]:.1f}")
