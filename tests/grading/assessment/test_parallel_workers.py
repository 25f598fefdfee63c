"""A grading worker process starts without work it does not need (see ``skip_iri_grammar``), and
its kernels listen on its own local sockets rather than on TCP ports another worker could pick."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import tempfile
from pathlib import Path

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


def _worker_kernels(course, sockets: Path, monkeypatch):
    """The kernel settings a worker started with ``sockets`` as its socket folder grades with."""
    monkeypatch.setattr(parallel, "_worker_api", None)
    monkeypatch.setattr(parallel, "_worker_book", "")
    books = multiprocessing.get_context("spawn").Queue()
    books.put(course.db_url)
    parallel._start_worker(str(course.root), str(course.exchange), books, str(sockets))
    return parallel._worker_api.config.KernelManager


def test_a_workers_kernels_use_local_sockets_named_after_the_worker(course, monkeypatch):
    sockets = Path(tempfile.mkdtemp(prefix="mfc-kernels-"))  # where autograde puts them: short
    try:
        kernels = _worker_kernels(course, sockets, monkeypatch)
    finally:
        sockets.rmdir()
    assert kernels.transport == "ipc"
    assert kernels.ip == str(sockets / f"worker-{os.getpid()}")


def test_a_worker_keeps_tcp_where_a_socket_path_would_be_too_long(course, tmp_path, monkeypatch):
    sockets = tmp_path / ("x" * parallel.SOCKET_PATH_LIMIT)
    kernels = _worker_kernels(course, sockets, monkeypatch)
    assert "transport" not in kernels and "ip" not in kernels  # jupyter_client's default: TCP on localhost
