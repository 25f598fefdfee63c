"""Old module names that files outside this package still import, kept working for one release.

Course roots made by ``mfc assess init`` before grading/ was split into subpackages carry an
``nbgrader_config.py`` that imports ``grading.assessment_course``; formgrader and the ``nbgrader``
command read that file, so a lead who upgrades must not find their course root broken. This
finder answers the old names with the new modules (the same module objects, so state is shared)
and warns once, telling the lead how to refresh the file. Remove after the next release.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import warnings

RENAMED = {"grading.assessment_course": "grading.assessment.course"}


class _AliasLoader(importlib.abc.Loader):
    def __init__(self, new_name: str):
        self.new_name = new_name

    def create_module(self, spec):
        return importlib.import_module(self.new_name)

    def exec_module(self, module) -> None:
        """Nothing to run: the module object is the new module, already executed."""


class RenamedModuleFinder(importlib.abc.MetaPathFinder):
    """Finds each old name in :data:`RENAMED` as its new module, with a DeprecationWarning."""

    def find_spec(self, fullname, path=None, target=None):
        new_name = RENAMED.get(fullname)
        if new_name is None:
            return None
        warnings.warn(
            f"{fullname} is now {new_name}; run 'mfc assess init' on a fresh folder, or copy its "
            "nbgrader_config.py over this course root's, to stop this warning.",
            DeprecationWarning,
            stacklevel=2,
        )
        return importlib.machinery.ModuleSpec(fullname, _AliasLoader(new_name))


def install() -> None:
    """Put the finder on ``sys.meta_path`` once."""
    if not any(isinstance(finder, RenamedModuleFinder) for finder in sys.meta_path):
        sys.meta_path.append(RenamedModuleFinder())
