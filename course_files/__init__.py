"""Where the course's notebooks are, in a git checkout and in an installed wheel alike.

The course folder (the modules, the case pages, the carers' pages and the coverage matrix) sits
at the top of a checkout as ``course/``, because that is what trainees open. It ships in the
wheel as package data of this small package: ``course_files/course`` is a link to ``../course``,
which setuptools follows when it builds the wheel, so an installed copy holds the real files at
the same place. Every command finds the course through :func:`shipped_course`, never through the
checkout's layout.
"""

from __future__ import annotations

from pathlib import Path


def shipped_course() -> Path:
    """The course folder that came with this installation (read-only on a hub: copy it into a
    home folder with ``mfc course init`` before anyone answers in it)."""
    return (Path(__file__).parent / "course").resolve()
