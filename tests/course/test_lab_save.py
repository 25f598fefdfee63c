"""Opening a course notebook in JupyterLab leaves the checkout as committed.

What JupyterLab does to an open notebook, done here through jupyter-server's own contents manager
(the code that writes the file when JupyterLab saves): the kernel's start rewrites the kernel
name and the language details (ipykernel's own ``language_info``, with this machine's Python
version), a run adds outputs, execution counts and widget state, and autosave writes it back.
With ``make lab``'s pre-save hook the bytes on disk must not change; without it they do (so the
test can tell).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from ipykernel.ipkernel import IPythonKernel
from jupyter_server.services.contents.filemanager import FileContentsManager

from coursesite.lab_save import KERNELSPEC, keep_committed_form
from grading.course_answers import shipped_course

# jupyter-server warns when the hook is given as a setting, as `make lab` does; harmless.
pytestmark = pytest.mark.filterwarnings("ignore:Overriding existing pre_save_hook")
COURSE = shipped_course()
NOTEBOOKS = sorted(p.relative_to(COURSE).as_posix() for p in COURSE.rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)


@pytest.fixture(scope="module")
def course_copy(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(COURSE, root / "course", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return root


def as_jupyterlab_leaves_it(model: dict) -> dict:
    """The notebook after its kernel started and every code cell ran."""
    notebook = model["content"]
    notebook.metadata.kernelspec = nbformat.NotebookNode(KERNELSPEC)
    notebook.metadata.language_info = nbformat.NotebookNode(IPythonKernel.language_info)
    notebook.metadata.widgets = {"application/vnd.jupyter.widget-state+json": {"state": {}, "version_major": 2,
                                                                               "version_minor": 0}}
    for count, cell in enumerate((c for c in notebook.cells if c.cell_type == "code"), start=1):
        cell.execution_count = count
        cell.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "ScenarioPlayer()"},
                                               execution_count=count)]
        cell.metadata["execution"] = {"iopub.status.idle": "2026-01-01T00:00:00Z"}
    return {"type": "notebook", "format": "json", "content": notebook}


def open_run_and_save(root: Path, path: str, hook) -> bytes:
    manager = FileContentsManager(root_dir=str(root), **({"pre_save_hook": hook} if hook else {}))
    manager.save(as_jupyterlab_leaves_it(manager.get(path)), path)
    return (root / path).read_bytes()


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_saving_an_opened_course_notebook_changes_nothing(course_copy, name):
    assert open_run_and_save(course_copy, f"course/{name}", keep_committed_form) == (COURSE / name).read_bytes()


def test_without_the_hook_the_same_save_would_change_the_file(tmp_path):
    shutil.copytree(COURSE, tmp_path / "course", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    saved = open_run_and_save(tmp_path, "course/08_closing.ipynb", None)
    assert saved != (COURSE / "08_closing.ipynb").read_bytes()


def test_notebooks_outside_the_course_are_saved_as_they_are(tmp_path):
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")]), tmp_path / "scratch.ipynb")
    saved = nbformat.reads(open_run_and_save(tmp_path, "scratch.ipynb", keep_committed_form).decode(), 4)
    assert saved.cells[0].outputs and saved.metadata.language_info.version

