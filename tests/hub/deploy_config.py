"""Read the deployment's Jupyter config files as JupyterHub and Jupyter would, so the tests check
(and the hub test runs with) the very settings deploy/README.md tells an administrator to copy."""

from __future__ import annotations

from pathlib import Path

from traitlets.config import Config

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
TLJH_HUB_SNIPPET = DEPLOY / "tljh" / "jupyterhub_config.d" / "missing-from-care.py"
# Every user's server reads it: jupyter-server-proxy's entry that starts the course pages.
SERVER_CONFIG = DEPLOY / "jupyter_server_config.json"
# Both hubs load it: trainees' servers read TRAINEE_JUPYTER_CONFIG first, which hides the instructor tools.
TRAINEE_TOOLS = DEPLOY / "hub" / "trainee_tools.py"
TRAINEE_JUPYTER_CONFIG = DEPLOY / "trainee-jupyter"


def run_config(source: str, filename: str) -> Config:
    """Execute a Jupyter config file the way traitlets does: with ``get_config`` in scope."""
    config = Config()
    exec(compile(source, filename, "exec"), {"get_config": lambda: config, "__file__": filename})
    return config


def tljh_hub_config() -> Config:
    """What the TLJH snippet sets."""
    return run_config(TLJH_HUB_SNIPPET.read_text(), str(TLJH_HUB_SNIPPET))


def trainee_tools_source(installed_at: Path) -> str:
    """Hub config lines that load deploy/hub/trainee_tools.py as a hub does, with the trainee
    config folder where a test put it instead of the deployments' /etc path. (The snippet's
    hook reads the folder from its own globals when a server starts, so changing it there works.)"""
    return "\n".join([
        "# deploy/hub/trainee_tools.py, as a hub loads it, with the trainee config folder moved",
        "snippet = {'get_config': get_config}  # noqa: F821",
        f"exec(compile(open({str(TRAINEE_TOOLS)!r}).read(), {str(TRAINEE_TOOLS)!r}, 'exec'), snippet)",
        f"snippet['TRAINEE_JUPYTER_CONFIG'] = {str(installed_at)!r}",
    ])
