"""Autograding in parallel processes without corrupting the SQLite gradebook.

nbgrader grades one submission after another (jupyter/nbgrader#174), and its SQLite gradebook
is not safe for several writers at once (nbgrader's FAQ). Design: **separate gradebooks, merged**.

1. Each worker process gets its own copy of the course gradebook (taken with SQLite's backup
   API, after ``release`` put the assignment in it) and autogrades with nbgrader's own API
   against that copy. Workers share nothing writable except ``autograded/<student>/``, which is
   one folder per trainee, so no two workers touch the same file. (A gradebook on a database
   server, such as PostgreSQL at a configured ``db_url``, takes several writers itself: there,
   every worker writes to it directly and nothing is copied or merged.)
2. Trainees are handed out one at a time (a pool with a queue), so a slow notebook does not hold
   up a whole batch, and each finished trainee moves the progress bar.
3. When every worker is done, the parent alone copies each trainee's results (student,
   submission time, every grade and comment, flags) from the worker's gradebook into the course
   gradebook through nbgrader's Gradebook API, then deletes the copies.
4. Workers' grading kernels talk to them over local sockets in a private folder, not TCP ports.
   A kernel's TCP ports are picked free by one process and bound later by another, so kernels
   that two workers start at the same moment could pick the same port; the loser died at start
   ("Address already in use") and its trainee's notebook was not graded (seen in the benchmark).
   Each worker names its sockets after its process id, so no two kernels share one. A socket's
   path has a length limit (104 bytes on macOS, 108 on Linux); under a temporary folder with a
   path too long for it, workers keep TCP.

Why not serialised writes to one gradebook: nbgrader opens and commits to the gradebook at many
points while it grades one notebook, so a lock around "the writes" would have to wrap nearly all
of the work, and SQLite's own file locking makes concurrent writers fail with "database is
locked" rather than wait for long. Copies need no locks at all, and the merge is short.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import closing
from pathlib import Path

from grading.assessment.course import AssessmentError, Course, quiet_nbgrader
from grading.assessment.spec import ASSIGNMENT_ID
from grading.assessment.steps import GradedSubmission, Progress, autograde_serial, no_progress

_GRADE_FIELDS = ("auto_score", "manual_score", "extra_credit", "needs_manual_grade")
_COMMENT_FIELDS = ("auto_comment", "manual_comment")
_worker_api = None  # this worker process's NbGraderAPI, on its own gradebook
_worker_book = ""  # that gradebook's URL
SOCKET_PATH_LIMIT = 104  # bytes in a local socket's path, on macOS (Linux allows 108)


def autograde(course: Course, students: Iterable[str], workers: int = 1, assignment: str = ASSIGNMENT_ID,
              progress: Progress = no_progress) -> list[GradedSubmission]:
    """Autograde ``students`` with ``workers`` processes (serially when 1); same marks either way."""
    students = list(students)
    if workers < 1:
        raise AssessmentError(f"--workers must be at least 1; got {workers}")
    course.require_gradebook()
    if workers == 1 or len(students) < 2:
        return autograde_serial(course, students, assignment, progress)
    scratch = Path(tempfile.mkdtemp(prefix=".autograde-workers-", dir=course.root))
    # Apart from scratch: a socket's path must stay short (about 100 bytes), and a course root may not be.
    sockets = Path(tempfile.mkdtemp(prefix="mfc-kernels-"))
    try:
        return _autograde_in_pool(course, students, min(workers, len(students)), assignment, progress, scratch,
                                  sockets)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.rmtree(sockets, ignore_errors=True)


def _autograde_in_pool(course: Course, students: list[str], workers: int, assignment: str, progress: Progress,
                       scratch: Path, sockets: Path) -> list[GradedSubmission]:
    shared = course.gradebook_file is None  # on a database server, which takes several writers
    books = [course.db_url] * workers if shared else _sqlite_copies(course.gradebook_file, scratch, workers)
    # spawn, not fork: a forked child would inherit the parent's open database handles and any
    # asyncio or ZeroMQ state, which nbgrader's kernel clients do not expect.
    context = multiprocessing.get_context("spawn")
    free_books = context.Queue()
    for book in books:
        free_books.put(book)
    graded: dict[str, tuple[GradedSubmission, str]] = {}
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                             initargs=(str(course.root), str(course.exchange), free_books, str(sockets))) as pool:
        futures = [pool.submit(_grade_one, assignment, student) for student in students]
        for future in as_completed(futures):
            student, result, book = future.result()
            graded[student] = (GradedSubmission.from_result(student, result), book)
            progress(student)
    by_book: dict[str, list[str]] = {}
    for student, (submission, book) in graded.items():
        if submission.ok:
            by_book.setdefault(book, []).append(student)
    if not shared:
        for book, merged in by_book.items():
            merge_gradebook(book, course.db_url, assignment, merged)
    return [graded[student][0] for student in students]


def _sqlite_copies(gradebook: Path, scratch: Path, count: int) -> list[str]:
    """``count`` copies of a SQLite gradebook in ``scratch``, as URLs, one per worker."""
    copies = [scratch / f"gradebook-{n}.db" for n in range(count)]
    for copy in copies:
        copy_gradebook(gradebook, copy)
    return [f"sqlite:///{copy}" for copy in copies]


def copy_gradebook(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite gradebook (the backup API, not a file copy, so a reader
    never sees a half-written page)."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def _start_worker(root: str, exchange: str, free_books, sockets: str) -> None:
    """Runs once in each worker process: claim a gradebook copy and open nbgrader's API on it,
    with kernels on this worker's own local sockets (see the module's docstring, point 4)."""
    global _worker_api, _worker_book
    skip_iri_grammar()
    _worker_book = free_books.get()
    course = Course(Path(root), Path(exchange))
    config = course.config(db_url=_worker_book)
    prefix = str(Path(sockets) / f"worker-{os.getpid()}")
    if len(prefix.encode()) + len("-65535") < SOCKET_PATH_LIMIT:  # jupyter_client appends "-<n>"
        config.KernelManager.transport = "ipc"
        config.KernelManager.ip = prefix
    _worker_api = course.api(config)


def skip_iri_grammar() -> None:
    """Keep jsonschema from compiling its IRI grammar in this process.

    nbgrader imports nbformat, which imports jsonschema, which, because ``rfc3987_syntax`` is
    installed (jupyter-events asks for jsonschema's format extras), compiles a full IRI grammar at
    import: about a second of CPU, in every worker of every ``autograde --workers`` call, for the
    "iri" string formats that no notebook or nbgrader schema uses. A worker only grades, so it
    goes without them (a ``None`` in ``sys.modules`` makes that import fail, which jsonschema
    expects and handles by leaving those two formats unchecked).
    """
    sys.modules.setdefault("rfc3987_syntax", None)


def _grade_one(assignment: str, student: str) -> tuple[str, dict, str]:
    with quiet_nbgrader():
        result = _worker_api.autograde(assignment, student, force=True, create=True)
    # Only plain strings cross back to the parent process.
    return student, {k: result.get(k) for k in ("success", "log", "error") if k in result}, _worker_book


def merge_gradebook(source_url: str, target_url: str, assignment: str, students: Iterable[str]) -> None:
    """Copy these trainees' autograde results from one gradebook into another."""
    from nbgrader.api import Gradebook

    with quiet_nbgrader(), Gradebook(source_url) as source, Gradebook(target_url) as target:
        for student in students:
            _merge_submission(source, target, assignment, student)


def _merge_submission(source, target, assignment: str, student: str) -> None:
    submission = source.find_submission(assignment, student)
    who = submission.student
    target.update_or_create_student(student, first_name=who.first_name, last_name=who.last_name,
                                    email=who.email, lms_user_id=who.lms_user_id)
    target.update_or_create_submission(assignment, student, timestamp=submission.timestamp)
    for notebook in submission.notebooks:
        copy = target.find_submission_notebook(notebook.name, assignment, student)
        copy.flagged = notebook.flagged
        copy.late_submission_penalty = notebook.late_submission_penalty
        for grade in notebook.grades:
            _copy_fields(grade, target.find_grade(grade.name, notebook.name, assignment, student), _GRADE_FIELDS)
        for comment in notebook.comments:
            _copy_fields(comment, target.find_comment(comment.name, notebook.name, assignment, student),
                         _COMMENT_FIELDS)
    target.db.commit()


def _copy_fields(source, target, fields: tuple[str, ...]) -> None:
    for name in fields:
        setattr(target, name, getattr(source, name))
