"""Running under JupyterHub as a hub-managed service.

The hub starts the service with ``JUPYTERHUB_SERVICE_PREFIX``, ``JUPYTERHUB_SERVICE_URL`` and the
service's API token in the environment (deploy/ has the TLJH and Z2JH config). Trainees are
known by their hub login: a request carries either the hub's OAuth cookie (a browser that went
through the hub's login) or ``Authorization: token <hub token>`` (a Voila or JupyterLab kernel,
whose server token is granted ``access:services!service=workshop``). A trainer is a hub admin or a
member of the ``trainers`` group, which the service looks up with its own token (its role grants
``read:users``), so it does not depend on what a trainee's token may read.
"""

from __future__ import annotations

import json
import os
import time
from urllib.parse import urlparse
from urllib.request import Request, urlopen

TRAINERS_GROUP = "trainers"
LOOKUP_SECONDS = 60


class HubIdentity:
    def __init__(self):
        from jupyterhub.services.auth import HubOAuth

        self.auth = HubOAuth(cache_max_age=LOOKUP_SECONDS)
        self.prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/")
        self._trainers: dict[str, tuple[float, bool]] = {}

    def user(self, handler) -> dict | None:
        return self.auth.get_user(handler)

    def is_trainer(self, user: dict) -> bool:
        name = user["name"]
        known = self._trainers.get(name)
        if known and time.monotonic() - known[0] < LOOKUP_SECONDS:
            return known[1]
        request = Request(f"{self.auth.api_url}/users/{name}",
                          headers={"Authorization": f"token {self.auth.api_token}"})
        with urlopen(request, timeout=10) as response:  # noqa: S310 - the hub's own API URL
            model = json.load(response)
        answer = bool(model.get("admin")) or TRAINERS_GROUP in model.get("groups", [])
        self._trainers[name] = (time.monotonic(), answer)
        return answer

    def app_settings(self) -> dict:
        return {"cookie_secret": os.urandom(32), "hub_auth": self.auth}

    def handlers(self) -> list[tuple]:
        """The hub's OAuth callback, where a browser lands after the hub's login."""
        from jupyterhub.services.auth import HubOAuthCallbackHandler

        return [(urlparse(self.auth.oauth_redirect_uri).path, HubOAuthCallbackHandler)]


def hub_from_environment() -> HubIdentity | None:
    """A HubIdentity when the hub started this process, else None (a room without a hub)."""
    if not os.environ.get("JUPYTERHUB_API_TOKEN") or not os.environ.get("JUPYTERHUB_SERVICE_PREFIX"):
        return None
    return HubIdentity()


def service_address() -> tuple[str, int] | None:
    """Where the hub expects the service (from ``JUPYTERHUB_SERVICE_URL``), if the hub started it:
    its own loopback address as given, or every address when the hub reaches it by a host name
    (Zero to JupyterHub's ``http://hub:8870``)."""
    url = os.environ.get("JUPYTERHUB_SERVICE_URL")
    if not url:
        return None
    parsed = urlparse(url)
    ip = parsed.hostname if parsed.hostname in ("127.0.0.1", "localhost", "::1") else "0.0.0.0"
    return ip, parsed.port or 80
