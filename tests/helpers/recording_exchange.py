"""An nbgrader exchange plugin for tests: the folder exchange's release step, which also leaves a
note in the course root saying it ran. A course that names it in its ``nbgrader_config.py`` (as a
hub names ngshare's classes) must have ``mfc assess release`` go through it."""

from __future__ import annotations

from pathlib import Path

from nbgrader.exchange.default import ExchangeReleaseAssignment

NOTE = "released-through-the-plugin"


class RecordingReleaseAssignment(ExchangeReleaseAssignment):
    def copy_files(self):
        super().copy_files()
        (Path(self.coursedir.root) / NOTE).write_text(self.coursedir.assignment_id)
