"""Benchmark: autograding the summative assessment (``make bench``; never part of ``make test``).

Two ratios, each against a baseline measured in the same run:

1. Per submission, nbgrader autograding our notebook against nbgrader autograding an "empty"
   notebook with the same cells (same count, kinds and nbgrader metadata, every source blank):
   what our graded cells add on top of nbgrader's own cost (kernel start, sanitising, the
   gradebook). Goal: at most 1.3x. nbclient skips a blank cell without asking the kernel, so a
   third notebook whose code cells are ``pass`` shows how much of the difference is simply
   running that many cells, and how much is our code.
2. The same submissions graded with ``--workers 2`` against serially. Goal: at most 0.6x.

The machine is shared (two cores, other jobs), so every figure is taken in interleaved rounds:
each round grades one block of submissions in every variant, in an order that rotates, so all
see the same load; ratios are the median over rounds. Beside wall-clock time each variant's CPU
time per submission is measured (this process and every process it waited for: kernels, grading
workers and their kernels), which other jobs barely disturb. From it follows what two workers
could reach on two idle cores: their CPU time spread over both cores, against serial's CPU time
(a serial run on an idle machine takes at least its CPU time).

``MFC_BENCH_SUBMISSIONS`` (default 100) sets how many generated submissions each side grades.
"""

from __future__ import annotations

import os
import random
import resource
import statistics
import time
from dataclasses import dataclass, field

import nbformat
from helpers.trainees import place_submission

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
    for student in students:
        folder = place_submission(course, student)
        if with_answers:
            rng = random.Random(student)
            store = AnswerStore(folder, student)
            for sid in SCENARIOS:
                for question in library.scenario(sid).questions():
                    store.record(sid, question.id, _random_answer(question, rng))
                store.annotate(sid, variant={"seed": variant_seed(student)})


@dataclass
class Cost:
    """Wall-clock and CPU seconds spent by one variant, round by round."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def per_submission(self, submissions: int) -> tuple[float, float]:
        return sum(self.wall) / submissions, sum(self.cpu) / submissions


def _cpu_seconds() -> float:
    """CPU time of this process and of every child process it has waited for (and theirs)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _grade(course: Course, students: list[str], workers: int, cost: Cost) -> None:
    wall, cpu = time.perf_counter(), _cpu_seconds()
    results = autograde(course, students, workers)
    cost.wall.append(time.perf_counter() - wall)
    cost.cpu.append(_cpu_seconds() - cpu)
    assert all(r.ok for r in results), [r.problem for r in results if not r.ok]


def _median_ratio(top: Cost, bottom: Cost) -> float:
    return statistics.median(t / b for t, b in zip(top.wall, bottom.wall, strict=True))


def test_autograde_cost_against_an_empty_notebook_and_parallel_against_serial(tmp_path, monkeypatch):
    monkeypatch.delenv("MFC_EXCHANGE", raising=False)  # each course keeps its own exchange
    library = shipped_library()
    students = [f"trainee-{n:03d}" for n in range(SUBMISSIONS)]
    courses = {"ours": _course(tmp_path, "ours"), "blank": _course(tmp_path, "blank", code=""),
               "pass": _course(tmp_path, "pass", code="pass"), "2 workers": _course(tmp_path, "parallel")}
    for name, course in courses.items():
        _submit_generated(course, students, library, with_answers=name in ("ours", "2 workers"))
    for course in courses.values():  # warm up: the first grading imports nbgrader's converters
        _grade(course, students[:1], 1, Cost())

    costs = {name: Cost() for name in courses}
    names = list(courses)
    for round_number, start in enumerate(range(0, SUBMISSIONS, BLOCK)):
        block = students[start:start + BLOCK]
        for name in names[round_number % len(names):] + names[:round_number % len(names)]:
            _grade(courses[name], block, 2 if name == "2 workers" else 1, costs[name])

    per = {name: cost.per_submission(SUBMISSIONS) for name, cost in costs.items()}
    serial_cpu = per["ours"][1]
    rounds = len(costs["ours"].wall)
    print(f"\nautograde, {SUBMISSIONS} generated submissions in {rounds} interleaved rounds, "
          f"{len(nbformat.read(source_path(), 4).cells)} cells; per submission (wall, CPU):")
    for name, label in [("ours", "our notebook"), ("blank", "empty notebook (same cells, blank sources)"),
                        ("pass", "'pass' notebook (same cells, code cells run 'pass')"),
                        ("2 workers", "our notebook, 2 workers")]:
        print(f"  {label:52} {per[name][0]:.2f} s, {per[name][1]:.2f} s CPU")
    print(f"  ratio ours / empty: {_median_ratio(costs['ours'], costs['blank']):.2f}x wall (median of rounds), "
          f"{serial_cpu / per['blank'][1]:.2f}x CPU (goal <= 1.3x); "
          f"ours / 'pass': {_median_ratio(costs['ours'], costs['pass']):.2f}x wall")
    parallel_cpu = per["2 workers"][1]
    print(f"  2 workers / serial: {_median_ratio(costs['2 workers'], costs['ours']):.2f}x wall (median of rounds; "
          f"goal <= 0.6x) on {os.cpu_count()} cores; CPU per submission {parallel_cpu / serial_cpu:.2f}x serial's; "
          f"if both cores were free: about {parallel_cpu / 2 / serial_cpu:.2f}x")
    print(f"  load average at the end (other work on this machine): {os.getloadavg()[0]:.1f}")
