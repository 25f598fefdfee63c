"""JupyterLab's defaults shipped for trainees (deploy/labconfig), and how a running JupyterLab sees them.

A trainee opens JupyterLab only for the assessment's Assignment List; without these defaults it asks
them, in a pop-up, whether to fetch Jupyter's news. JupyterLab's settings API gives a plugin's schema,
whose defaults already include the overrides found on Jupyter's config path (where every deployment
copies deploy/labconfig), and the person's own settings, which win over them. The tests read both, so
they check what JupyterLab will do, not only that a file was copied.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAB_DEFAULTS = ROOT / "deploy" / "labconfig" / "default_setting_overrides.json"
NOTIFICATIONS = "@jupyterlab/apputils-extension:notification"
SETTINGS_PATH = f"lab/api/settings/{NOTIFICATIONS}"


def assert_quiet(settings_answer: dict) -> None:
    """``settings_answer``: the JSON JupyterLab's settings API gave for ``SETTINGS_PATH``."""
    defaults = {name: spec.get("default") for name, spec in settings_answer["schema"]["properties"].items()}
    composite = defaults | settings_answer["settings"]
    assert composite["fetchNews"] == "false", f"JupyterLab would ask about Jupyter's news: {composite}"
    assert composite["checkForUpdates"] is False, f"JupyterLab would check for updates: {composite}"
