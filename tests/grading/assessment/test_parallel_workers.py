"""A grading worker process starts without work it does not need (see ``skip_iri_grammar``), and
its kernels listen on its own local sockets rather than on TCP ports another worker could pick."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys

from grading.assessment import parallel

IMPORT_NBFORMAT = (
    "import sys, nbformat\n"
    "nbformat.validate(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('grade()')]))\n"
    "print('lark' in sys.modules)\n"
)


def _fresh_python(script: str) -> str:
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=True)
    return done.stdout.strip()


def test_nbformat_still_compiles_the_iri_grammar_elsewhere():
    """Why the worker needs the skip at all; if this fails, the dependency is gone and so is the need."""
    assert _fresh_python(IMPORT_NBFORMAT) == "True"


def test_a_worker_validates_notebooks_without_compiling_the_iri_grammar():
    skip = "from grading.assessment.parallel import skip_iri_grammar\nskip_iri_grammar()\n"
    assert _fresh_python(skip + IMPORT_NBFORMAT) == "False"


def test_a_workers_kernels_use_local_sockets_named_after_the_worker(course, tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "_worker_api", None)
    monkeypatch.setattr(parallel, "_worker_book", "")
    books = multiprocessing.get_context("spawn").Queue()
    books.put(course.db_url)
    parallel._start_worker(str(course.root), str(course.exchange), books, str(tmp_path))
    kernels = parallel._worker_api.config.KernelManager
    assert kernels.transport == "ipc"
    assert kernels.ip == str(tmp_path / f"worker-{os.getpid()}")
