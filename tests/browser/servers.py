"""Start JupyterLab or Voila on a free loopback port for one test, and always stop it again.

These are plain context managers, not fixtures, because other tests start servers with their own
configuration (nbgrader's course folder, the carers' pages): they pass extra command-line
arguments and environment, and the fixtures in ``conftest.py`` only tie a server's life to a test.

Each server gets its own runtime, settings and workspace folders, so a developer's
``~/.jupyter`` cannot change what a test sees, and JupyterLab never restores a previous layout.
"""

from __future__ import annotations

import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import quote

READY_TIMEOUT = 60.0
# Tries with a fresh free port when another process takes the chosen one first (parallel test workers).
PORT_ATTEMPTS = 3
STOP_TIMEOUT = 10.0
# JupyterLab-only extensions that Voila would load too, where they fail with console errors: nbgrader's
# (toolchain notes, section 3), Notebook 7's interface switcher (module federation error RUNTIME-012)
# and jupyter-server-proxy's launcher entries (it asks for JupyterLab's file browser, which Voila lacks).
VOILA_DENYLIST = ["--VoilaConfiguration.extension_denylist=@jupyter/nbgrader",
                  "--VoilaConfiguration.extension_denylist=@jupyter-notebook/lab-extension",
                  "--VoilaConfiguration.extension_denylist=@jupyterhub/jupyter-server-proxy"]


class ServerError(RuntimeError):
    """A server exited or never answered; the message carries the end of its log."""


@dataclass(frozen=True)
class RunningServer:
    """A started server: where it answers, its token (empty for Voila) and its log file."""

    name: str
    base_url: str
    token: str
    root_dir: Path
    log_path: Path
    ready_seconds: float

    def url(self, path: str = "") -> str:
        """An address on this server, with the token added when the server has one."""
        url = self.base_url + path.lstrip("/")
        if not self.token:
            return url
        return f"{url}{'&' if '?' in url else '?'}token={self.token}"

    def lab_url(self, notebook: str) -> str:
        """The JupyterLab address that opens ``notebook`` (a path relative to the root folder)."""
        return self.url(f"lab/tree/{quote(notebook)}")

    def voila_url(self, notebook: str) -> str:
        """The Voila page for ``notebook`` when Voila (or JupyterLab's voila extension) serves a folder."""
        return self.url(f"voila/render/{quote(notebook)}")

    def log_tail(self, lines: int = 30) -> str:
        return _tail(self.log_path, lines)


def free_port() -> int:
    """A TCP port nobody listens on right now (the OS picks it; the server binds it a moment later)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _tail(path: Path, lines: int) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _isolated_env(scratch: Path, extra_env: Mapping[str, str] | None) -> dict[str, str]:
    """The server's environment: ours, with private Jupyter folders and no settings of a person's own.
    JupyterLab's defaults (no news pop-up, no update check) come from this environment's
    etc/jupyter/labconfig, where `make` puts deploy/labconfig as every deployment does."""
    env = dict(os.environ)
    env.update({
        "JUPYTER_CONFIG_DIR": str(scratch / "config"),
        "JUPYTER_RUNTIME_DIR": str(scratch / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(scratch / "lab-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(scratch / "workspaces"),
        # Kernels must import this project from the venv the tests run in.
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    })
    env.update(extra_env or {})
    return env


def answers_http(url: str) -> bool:
    """True once the server answers HTTP at all (a 4xx still means it is listening and routing)."""
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except urllib.error.HTTPError as error:
        return error.code < 500
    except (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError):
        # HTTPException: something that does not speak HTTP (e.g. a kernel's ZeroMQ socket) holds the port.
        return False


def _stop(process: subprocess.Popen) -> None:
    """Ask the server to shut down (it stops its kernels), then kill what is left of its group."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    # The group was created for this server alone (start_new_session), so only its kernels remain in it.
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


class PortTaken(ServerError):
    """Another process took the free port between choosing it and the server binding it."""


def _says_it_listens(log_path: Path, port: int) -> bool:
    """Whether the server's own log gives its address: an answer on the port alone could come from
    another process (a parallel test's kernel or server) that took the port first."""
    try:
        return f"127.0.0.1:{port}/" in log_path.read_text(errors="replace")
    except OSError:
        return False


def _start(stack: ExitStack, name: str, argv: list[str], *, port: int, token: str, root_dir: Path,
           ready_path: str, log_dir: Path | None, env: Mapping[str, str] | None, timeout: float) -> RunningServer:
    """Start one server on ``port`` and wait until it answers; ``stack`` stops it again."""
    scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix=f"mfc-{name}-")))
    log_path = (log_dir or scratch) / f"{name}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = stack.enter_context(log_path.open("w"))
    started = time.monotonic()
    process = subprocess.Popen(argv, cwd=root_dir, stdin=subprocess.DEVNULL, stdout=log,
                               stderr=subprocess.STDOUT, env=_isolated_env(scratch, env), start_new_session=True)
    stack.callback(_stop, process)
    server = RunningServer(name, f"http://127.0.0.1:{port}/", token, root_dir, log_path, ready_seconds=0.0)
    while not (_says_it_listens(log_path, port) and answers_http(server.url(ready_path))):
        if process.poll() is not None:
            error = PortTaken if "already in use" in _tail(log_path, 30) else ServerError
            raise error(f"{name} exited with code {process.returncode} before answering:\n{_tail(log_path, 30)}")
        if time.monotonic() - started > timeout:
            raise ServerError(f"{name} did not answer within {timeout:.0f} s:\n{_tail(log_path, 30)}")
        time.sleep(0.1)
    return replace(server, ready_seconds=time.monotonic() - started)


@contextmanager
def serve_on_free_port(name: str, argv_on: Callable[[int], list[str]], *, token: str, root_dir: Path,
                       ready_path: str, log_dir: Path | None, env: Mapping[str, str] | None,
                       timeout: float) -> Iterator[RunningServer]:
    """A server started with ``argv_on(port)`` on a free port, trying another if that one is taken."""
    for attempt in range(1, PORT_ATTEMPTS + 1):
        with ExitStack() as stack:
            port = free_port()
            try:
                server = _start(stack, name, argv_on(port), port=port, token=token, root_dir=root_dir,
                                ready_path=ready_path, log_dir=log_dir, env=env, timeout=timeout)
            except PortTaken:
                if attempt == PORT_ATTEMPTS:
                    raise
                continue
            yield server
            return


@contextmanager
def running_jupyter_lab(root_dir: Path, *extra_args: str, log_dir: Path | None = None,
                        env: Mapping[str, str] | None = None,
                        timeout: float = READY_TIMEOUT) -> Iterator[RunningServer]:
    """JupyterLab serving ``root_dir`` on a free port with a fresh token, stopped when the block ends.

    ``extra_args`` go last on the command line, so they can add or override any setting,
    e.g. ``"--ServerApp.jpserver_extensions={'nbgrader.server_extensions.formgrader': True}"``.
    """
    token = secrets.token_hex(16)
    argv = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
            "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root_dir}", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            # window.jupyterapp lets a test read the notebook model (e.g. which outputs are errors).
            "--LabApp.expose_app_in_browser=True"]
    if os.geteuid() == 0:
        argv.append("--allow-root")
    with serve_on_free_port("jupyterlab", lambda port: [*argv, f"--ServerApp.port={port}", *extra_args],
                            token=token, root_dir=Path(root_dir), ready_path="api/status", log_dir=log_dir,
                            env=env, timeout=timeout) as server:
        yield server


@contextmanager
def running_voila(target: Path, *extra_args: str, log_dir: Path | None = None,
                  env: Mapping[str, str] | None = None, timeout: float = READY_TIMEOUT) -> Iterator[RunningServer]:
    """Voila serving one notebook (at ``/``) or a folder (pages at ``/voila/render/<path>``).

    ``extra_args`` go last on the command line (e.g. ``--template=...``, ``--theme=dark``).
    """
    target = Path(target).resolve()
    root_dir = target if target.is_dir() else target.parent
    argv = [sys.executable, "-m", "voila", str(target), "--no-browser", "--Voila.ip=127.0.0.1",
            "--Voila.port_retries=0", f"--Voila.root_dir={root_dir}", *VOILA_DENYLIST]
    # A static file path: answering it proves the server routes requests, without starting a kernel.
    with serve_on_free_port("voila", lambda port: [*argv, f"--Voila.port={port}", *extra_args], token="",
                            root_dir=root_dir, ready_path="voila/static/", log_dir=log_dir, env=env,
                            timeout=timeout) as server:
        yield server
