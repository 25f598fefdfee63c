"""nbgrader settings of the course's graded assessment (this folder is the course root).

Formgrader and the `nbgrader` command read this file; `mfc assess` reads the same settings
through grading.assessment.course.configure, so they are written down once, there.
Set MFC_EXCHANGE to the folder every user shares (on a hub); by default it is exchange/ here.
"""

from pathlib import Path

from grading.assessment.course import configure

configure(get_config(), Path(__file__).resolve().parent)  # noqa: F821 (traitlets provides get_config)
