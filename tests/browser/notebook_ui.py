"""Drive a notebook in JupyterLab or Voila the way a trainee would, and read back what it shows.

The waits are on what a person sees, not on timers: the status bar saying the kernel is idle,
every code cell's prompt holding an execution number, Voila's spinner giving way to the cells.
(JupyterLab's toolbar execution indicator reads "idle" before any kernel exists, so it is no signal.)
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from playwright.sync_api import Page, expect

from .servers import RunningServer

KERNEL_TIMEOUT_MS = 60_000
RUN_TIMEOUT_MS = 120_000
OPEN_NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"
_ALL_CELLS_RAN = """(notebook) => {
    const prompts = [...document.querySelectorAll(`${notebook} .jp-CodeCell .jp-InputArea-prompt`)];
    return prompts.length > 0 && !prompts.some(p => p.textContent.includes('*'))
        && prompts.some(p => /\\[\\d+\\]/.test(p.textContent));
}"""
_ERRORS_IN_MODEL = """() => {
    const errors = [];
    for (const cell of window.jupyterapp.shell.currentWidget.content.model.cells) {
        if (cell.type !== 'code') continue;
        for (const output of cell.outputs.toJSON()) {
            if (output.output_type === 'error') errors.push(`${output.ename}: ${output.evalue}`);
        }
    }
    return errors;
}"""


def open_lab_notebook(page: Page, server: RunningServer, notebook: str) -> None:
    """Open ``notebook`` (relative to the server's root) in JupyterLab and wait until its kernel is idle."""
    page.goto(server.lab_url(notebook))
    kernel_status = page.locator(f".jp-StatusBar-TextItem[title='Change kernel for {PurePosixPath(notebook).name}']")
    expect(kernel_status).to_have_text(re.compile(r"\|\s*Idle$"), timeout=KERNEL_TIMEOUT_MS)


def run_all_cells(page: Page, *, allow_errors: bool = False) -> None:
    """Run every cell of a freshly opened notebook through the Run menu and wait until all have run.

    Raises AssertionError naming each error (``"ValueError: ..."``) if a cell failed, unless ``allow_errors``.
    """
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    page.wait_for_function(_ALL_CELLS_RAN, arg=OPEN_NOTEBOOK, timeout=RUN_TIMEOUT_MS)
    errors = lab_cell_errors(page)
    if errors and not allow_errors:
        raise AssertionError("a cell failed: " + "; ".join(errors))


def lab_cell_errors(page: Page) -> list[str]:
    """``"Name: message"`` of every error output in the current notebook, read from its model.

    The model, not the page: JupyterLab draws tracebacks with the same markup as text printed to
    stderr, so only the model tells a failed cell from a warning.
    """
    return page.evaluate(_ERRORS_IN_MODEL)


def lab_output_text(page: Page) -> str:
    """The text of every output in the open notebook, in order (what a trainee reads under the cells)."""
    outputs = page.locator(f"{OPEN_NOTEBOOK} .jp-OutputArea-output")
    return "\n".join(outputs.all_inner_texts())


def open_voila(page: Page, url: str) -> None:
    """Open a Voila page and wait until it has run the notebook and shown the cells."""
    page.goto(url)
    expect(page.locator("#rendered_cells")).to_be_visible(timeout=RUN_TIMEOUT_MS)


def voila_output_text(page: Page) -> str:
    """The text of every output on a Voila page, in order."""
    return "\n".join(page.locator("#rendered_cells .jp-OutputArea-output").all_inner_texts())
