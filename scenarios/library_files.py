"""Where the shipped case library's files are, and which files its checked form depends on.

Plain paths, apart from the models and the loader, so that a process which only needs a cache
key (a graded cell in nbgrader's kernel, see :mod:`grading.assessment.marking_sheet`) can work
it out without loading the library's code.
"""

from __future__ import annotations

from pathlib import Path

LIBRARY_DIR = Path(__file__).parent / "library"
CASES_DIR = LIBRARY_DIR / "cases"


def library_inputs(package: Path = LIBRARY_DIR.parent) -> list[Path]:
    """The files the checked library is made from: its YAML and the package's code that checks it."""
    return [*(package / LIBRARY_DIR.name).rglob("*.yaml"), *package.glob("*.py")]
