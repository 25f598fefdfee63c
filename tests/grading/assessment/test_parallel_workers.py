"""A grading worker process starts without work it does not need (see ``skip_iri_grammar``)."""

from __future__ import annotations

import subprocess
import sys

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
