"""Start a real JupyterHub on loopback for one test, talk to it through its REST API, stop it.

The hub runs as root (it must, to start each user's server as that user) with the dummy
authenticator and the local-process spawner, behind configurable-http-proxy from npm. Every port
is a free loopback port; the hub's database, cookie secret and logs live in the test's folder.
A service token with admin scopes lets the test create users, start their servers and reach them
through the proxy, exactly as an administrator's script would.
"""

from __future__ import annotations

import secrets
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import requests

# The browser tests' way to stop a server: SIGTERM (the hub then stops the users' servers and the
# proxy, as cleanup_servers asks), a kill if it hangs, then whatever is left in its process group.
from browser.servers import _stop as stop_process_group
from browser.servers import free_port

READY_TIMEOUT = 90.0
SPAWN_TIMEOUT = 120.0
SERVICE = "cohort-test"
# What the test's service token may do: manage users and servers, and use the servers' APIs.
SERVICE_SCOPES = ["admin:users", "admin:servers", "access:servers", "list:users", "read:users"]


class HubError(RuntimeError):
    """The hub or a user's server failed; the message carries the end of the hub's log."""


@dataclass(frozen=True)
class HubSettings:
    """What the test decides about the hub; everything else is the same for every run."""

    workdir: Path
    proxy_command: Path
    allowed_users: tuple[str, ...]
    admin_users: tuple[str, ...]
    user_environment: Mapping[str, str]
    singleuser_command: Path = Path(sys.executable).parent / "jupyterhub-singleuser"
    # Where a user who logs in lands, as Spawner.default_url (the deployments' course home, or JupyterLab).
    default_url: str = "/lab"
    # More services and roles (added to the test's own) and any other settings, e.g. the workshop's.
    services: tuple[dict, ...] = ()
    roles: tuple[dict, ...] = ()
    extra: Mapping[str, object] = field(default_factory=dict)
    # Python run after those settings, as a hub runs its config snippets (e.g. deploy/hub's).
    extra_source: str = ""


def hub_config(settings: HubSettings, *, port: int, hub_port: int, proxy_api_port: int, token: str) -> str:
    """The jupyterhub_config.py the test hub runs with (values written as Python literals)."""
    work = settings.workdir
    values = {
        "JupyterHub.ip": "127.0.0.1",
        "JupyterHub.port": port,
        "JupyterHub.hub_ip": "127.0.0.1",
        "JupyterHub.hub_port": hub_port,
        "JupyterHub.db_url": f"sqlite:///{work / 'jupyterhub.sqlite'}",
        "JupyterHub.cookie_secret_file": str(work / "jupyterhub_cookie_secret"),
        "JupyterHub.authenticator_class": "dummy",
        "JupyterHub.spawner_class": "localprocess",
        "JupyterHub.cleanup_servers": True,
        "JupyterHub.services": [{"name": SERVICE, "api_token": token}, *settings.services],
        "JupyterHub.load_roles": [{"name": SERVICE, "scopes": SERVICE_SCOPES, "services": [SERVICE]},
                                  *settings.roles],
        "ConfigurableHTTPProxy.command": [str(settings.proxy_command)],
        "ConfigurableHTTPProxy.api_url": f"http://127.0.0.1:{proxy_api_port}",
        "ConfigurableHTTPProxy.pid_file": str(work / "proxy.pid"),
        "Authenticator.allowed_users": set(settings.allowed_users),
        "Authenticator.admin_users": set(settings.admin_users),
        "Spawner.cmd": [str(settings.singleuser_command)],
        "Spawner.ip": "127.0.0.1",
        "Spawner.environment": dict(settings.user_environment),
        "Spawner.default_url": settings.default_url,
        "Spawner.start_timeout": int(SPAWN_TIMEOUT),
        "Spawner.http_timeout": int(SPAWN_TIMEOUT),
        **settings.extra,
    }
    lines = ['"""Written by tests/hub for one run of the cohort hub test."""', "c = get_config()  # noqa: F821"]
    lines += [f"c.{key} = {value!r}" for key, value in values.items()]
    return "\n".join([*lines, settings.extra_source]) + "\n"


@dataclass(frozen=True)
class RunningHub:
    """A started hub: its public address (the proxy), the service token, and its log."""

    url: str
    token: str
    log_path: Path

    def _request(self, method: str, url: str, **kwargs) -> requests.Response:
        headers = {"Authorization": f"token {self.token}", **kwargs.pop("headers", {})}
        response = requests.request(method, url, headers=headers, timeout=60, **kwargs)
        if response.status_code >= 400:
            raise HubError(f"{method} {url} -> {response.status_code}: {response.text[:500]}\n{self.log_tail()}")
        return response

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        """Call the hub's REST API (``/hub/api/<path>``)."""
        return self._request(method, f"{self.url}hub/api/{path}", **kwargs)

    def user_url(self, user: str, path: str = "") -> str:
        return f"{self.url}user/{user}/{path}"

    def user_api(self, user: str, method: str, path: str, **kwargs) -> requests.Response:
        """Call a user's single-user server through the proxy (``/user/<name>/<path>``)."""
        return self._request(method, self.user_url(user, path), **kwargs)

    def start_servers(self, users: list[str]) -> dict[str, float]:
        """Ask for every user's server at the same moment, as a room logging in does; return each
        one's seconds from that moment to ready."""
        asked = time.monotonic()
        with ThreadPoolExecutor(max_workers=len(users)) as pool:
            list(pool.map(lambda user: self.api("POST", f"users/{user}/server"), users))
        ready: dict[str, float] = {}
        while len(ready) < len(users):
            for user in set(users) - set(ready):
                model = self.api("GET", f"users/{user}").json()
                server = model.get("servers", {}).get("")
                if server and server.get("ready"):
                    ready[user] = round(time.monotonic() - asked, 1)
                elif not model.get("pending") and not server:
                    raise HubError(f"{user}'s server stopped while starting:\n{self.log_tail()}")
            if time.monotonic() - asked > SPAWN_TIMEOUT:
                raise HubError(f"servers not ready within {SPAWN_TIMEOUT:.0f} s: "
                               f"{sorted(set(users) - set(ready))}\n{self.log_tail()}")
            time.sleep(0.25)
        return ready

    def stop_servers(self, users: list[str]) -> None:
        """Stop every user's server, all at once."""
        with ThreadPoolExecutor(max_workers=len(users)) as pool:
            list(pool.map(lambda user: self.api("DELETE", f"users/{user}/server"), users))

    def user_status(self, user: str, path: str) -> int:
        """The HTTP status of a GET on a user's server, whatever it is (a 404 can be the point)."""
        return requests.get(self.user_url(user, path), headers={"Authorization": f"token {self.token}"},
                            timeout=60).status_code

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no hub log)"


def _hub_routed(url: str) -> bool:
    """True once the proxy routes to the hub: the proxy alone answers 404 until the hub adds its route."""
    try:
        return requests.get(f"{url}hub/api/", timeout=2).status_code == 200
    except requests.RequestException:
        return False


def stop_leftover_proxy(pid_file: Path) -> None:
    """The hub starts the proxy in a session of its own and stops it on a clean exit; if the hub
    was killed instead, end the proxy too, by the pid the hub wrote down."""
    try:
        proxy = psutil.Process(int(pid_file.read_text()))
        if not any("configurable-http-proxy" in part for part in proxy.cmdline()):
            return  # the pid has been reused by something else
        proxy.terminate()
        proxy.wait(timeout=10)
    except (OSError, ValueError, psutil.NoSuchProcess):
        return
    except psutil.TimeoutExpired:
        proxy.kill()


@contextmanager
def running_hub(settings: HubSettings, env: Mapping[str, str]) -> Iterator[RunningHub]:
    """JupyterHub on free loopback ports, ready to answer, stopped when the block ends."""
    port, hub_port, proxy_api_port = free_port(), free_port(), free_port()
    token = secrets.token_hex(32)
    config = settings.workdir / "jupyterhub_config.py"
    config.write_text(hub_config(settings, port=port, hub_port=hub_port, proxy_api_port=proxy_api_port, token=token))
    log_path = settings.workdir / "jupyterhub.log"
    hub = RunningHub(f"http://127.0.0.1:{port}/", token, log_path)
    with log_path.open("w") as log:
        process = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(config)], cwd=settings.workdir,
                                   stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=dict(env),
                                   start_new_session=True)
        try:
            started = time.monotonic()
            while not _hub_routed(hub.url):
                if process.poll() is not None:
                    raise HubError(f"jupyterhub exited with code {process.returncode}:\n{hub.log_tail()}")
                if time.monotonic() - started > READY_TIMEOUT:
                    raise HubError(f"jupyterhub did not answer within {READY_TIMEOUT:.0f} s:\n{hub.log_tail()}")
                time.sleep(0.2)
            yield hub
        finally:
            stop_process_group(process)
            stop_leftover_proxy(settings.workdir / "proxy.pid")
