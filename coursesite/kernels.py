"""The course server's kernels: the carers' kernel ceiling, plus one page served from outside the
course folder, the trainee's graded assessment.

Why it needs its own rule: the assessment's player saves answers beside its notebook (the folder
nbgrader fetched into the trainee's home), because that folder is what handing in sends and what
marking reads. Voila starts a page's kernel in the page's folder, but jupyter_server reads that
folder as a path inside the served folder (the course), so the trainee's home could not be named.
The assessment page names its folder absolutely (a path the server chooses, never one from an
address: the course's own pages are read through the course folder, which refuses any other), and
this manager starts that kernel there, with ``MFC_ANSWERS_DIR`` pointing at it so that the course's
own answer folder, when the server runs with one set, does not take the assessment's answers.
"""

from __future__ import annotations

import os

from carers.kernel_cap import CappedKernelManager

ANSWERS_DIR_VARIABLE = "MFC_ANSWERS_DIR"  # read by grading.answers.AnswerStore


class CourseKernelManager(CappedKernelManager):
    def cwd_for_path(self, path, **kwargs) -> str:
        if path and os.path.isabs(path):
            return path
        return super().cwd_for_path(path, **kwargs)

    async def start_kernel(self, *, path: str | None = None, **kwargs) -> str:
        if path and os.path.isabs(path):
            kwargs["env"] = {**kwargs.get("env", os.environ), ANSWERS_DIR_VARIABLE: path}
        return await super().start_kernel(path=path, **kwargs)
