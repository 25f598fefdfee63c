"""The cohort hub fixture: real users, a real JupyterHub on loopback, their servers running.

``cohort`` makes a course lead and three trainees as Linux users, starts JupyterHub (dummy
authenticator, local-process spawner, configurable-http-proxy from npm) with the one-server
deployment's settings as every user's server reads them (deploy/tljh/nbgrader_config.py for
nbgrader, deploy/jupyter_server_config.json for the course pages, deploy/labconfig for
JupyterLab's defaults, the TLJH snippet's landing page, deploy/hub/trainee_tools.py keeping the
instructor tools from trainees), starts all four servers at once, and
afterwards stops everything and deletes the users.
One hub serves every test in a module (starting it is the slow part).

The browser fixtures are the browser tests' own (Debian's Chromium, kept offline, logged).

It needs root (to create users and start servers as them) and ``npm ci`` (for the proxy). Without
either it skips with the reason on a developer's machine and fails in CI.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from browser.conftest import browser_type_launch_args, new_context, page_log, screenshot  # noqa: F401
from browser.machine import missing
from helpers.lab_defaults import LAB_DEFAULTS

from grading.assessment.spec import COURSE_ID

from .accounts import Account, accounts, unique_names
from .deploy_config import SERVER_CONFIG, TRAINEE_JUPYTER_CONFIG, tljh_hub_config, trainee_tools_source
from .hub_server import HubSettings, RunningHub, running_hub
from .traverse import folders_to_open, search_granted
from .user_kernel import UserKernel

ROOT = Path(__file__).resolve().parents[2]
PROXY = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
SHARED_NBGRADER_CONFIG = ROOT / "deploy" / "tljh" / "nbgrader_config.py"


@dataclass
class Cohort:
    """The running hub and who is on it; ``kernel(user)`` opens a kernel closed at teardown."""

    hub: RunningHub
    lead: Account
    trainees: list[Account]
    exchange: Path
    course_root: Path
    spawn_seconds: dict[str, float]
    _kernels: list[UserKernel] = field(default_factory=list)

    def kernel(self, user: Account, folder: str = "") -> UserKernel:
        kernel = UserKernel(self.hub, user.name, folder)
        self._kernels.append(kernel)
        return kernel

    def close_kernels(self) -> None:
        while self._kernels:
            self._kernels.pop().close()


def _require_machine() -> None:
    if os.geteuid() != 0:
        missing("root", "the hub test creates Linux users and starts servers as them; run it as root")
    if not PROXY.exists():
        missing(str(PROXY.relative_to(ROOT)), "run `npm ci` (make test does) to install configurable-http-proxy")
    for tool in ("useradd", "userdel"):
        if shutil.which(tool) is None:
            missing(tool, "install the passwd package")


@pytest.fixture(scope="module")
def cohort() -> Iterator[Cohort]:
    _require_machine()
    scratch = Path(tempfile.mkdtemp(prefix="mfc-hub-"))
    try:
        # Users must reach their homes and the exchange below this folder; nothing else is shared.
        scratch.chmod(0o755)
        homes, config_dir, exchange = scratch / "home", scratch / "jupyter-config", scratch / "exchange"
        for folder in (homes, config_dir, exchange):
            folder.mkdir()
        homes.chmod(0o755)
        exchange.chmod(0o777)  # as deploy/README.md sets /srv/nbgrader/exchange up
        shutil.copy(SHARED_NBGRADER_CONFIG, config_dir / "nbgrader_config.py")
        shutil.copy(SERVER_CONFIG, config_dir / SERVER_CONFIG.name)
        (config_dir / "labconfig").mkdir()
        shutil.copy(LAB_DEFAULTS, config_dir / "labconfig")
        trainee_config = scratch / "trainee-jupyter"  # what deploy/README.md installs in /etc, in the test's folder
        shutil.copytree(TRAINEE_JUPYTER_CONFIG, trainee_config)
        names = unique_names("lead", "ana", "ben", "cai")
        with accounts(names, homes) as users, search_granted(folders_to_open(ROOT), (u.uid for u in users.values())):
            lead, trainees = users[names[0]], [users[name] for name in names[1:]]
            course_root = lead.home / COURSE_ID
            settings = HubSettings(
                workdir=scratch, proxy_command=PROXY, allowed_users=tuple(names), admin_users=(lead.name,),
                user_environment={"MFC_EXCHANGE": str(exchange), "JUPYTER_CONFIG_PATH": str(config_dir)},
                default_url=tljh_hub_config().Spawner.default_url, extra_source=trainee_tools_source(trainee_config))
            env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
            with running_hub(settings, env) as hub:
                cohort = Cohort(hub, lead, trainees, exchange, course_root, hub.start_servers(names))
                try:
                    yield cohort
                finally:
                    cohort.close_kernels()
                    hub.stop_servers(names)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
