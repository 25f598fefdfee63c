"""Keep the course's notebooks as committed when a trainer or author opens them in JupyterLab.

JupyterLab saves a notebook on its own (autosave) as soon as anything in it changes, and things
change without anyone editing: starting the kernel rewrites the notebook's kernel name and
language details (which name the exact Python version of the machine), and running a cell adds
its output. Every such save would leave the checkout modified, and the project commits its
notebooks without outputs. So ``make lab`` installs :func:`keep_committed_form` as the server's
pre-save hook: a course notebook is saved with what an author wrote (cells, their text, their
metadata) and nothing a run adds. Notebooks outside the course folder are saved untouched.
"""

from __future__ import annotations

from pathlib import Path

from grading.course_answers import START_PAGE

# What every course notebook commits as its kernel and language: the names only, nothing that
# depends on the machine (the version of Python, the display name of the installed kernel).
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
LANGUAGE_INFO = {"name": "python"}


def committed_form(notebook: dict) -> dict:
    """The notebook (nbformat JSON as a dict) with outputs, execution counts and machine-specific
    metadata removed, as the project commits it. Changes and returns ``notebook``."""
    metadata = notebook.setdefault("metadata", {})
    metadata["kernelspec"] = dict(KERNELSPEC)
    metadata["language_info"] = dict(LANGUAGE_INFO)
    metadata.pop("widgets", None)  # widget state saved by the widget manager after a run
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
            for transient in ("execution", "scrolled", "collapsed"):
                cell.get("metadata", {}).pop(transient, None)
    return notebook


def _in_course(path: str, contents_manager) -> bool:
    """True for a notebook in a course folder (one holding the start page) or below it."""
    notebook = (Path(getattr(contents_manager, "root_dir", ".")) / path).resolve()
    return any((folder / START_PAGE).is_file() for folder in notebook.parents)


def keep_committed_form(model: dict, path: str, contents_manager, **kwargs) -> None:
    """jupyter-server's ``ContentsManager.pre_save_hook``: a course notebook is saved in its
    committed form (see :func:`committed_form`)."""
    notebook = model.get("content")
    if model.get("type") == "notebook" and isinstance(notebook, dict) and _in_course(path, contents_manager):
        committed_form(notebook)
