"""The live workshop as a hub-managed service on The Littlest JupyterHub.

Copy beside missing-from-care.py in /opt/tljh/config/jupyterhub_config.d/ and run
`sudo tljh-config reload hub`. The hub starts `mfc workshop serve` itself; trainees reach it as
https://<hub>/services/workshop/ and are known by their hub login. A trainer is a hub admin or a
member of the group `trainers` (create it in the hub's admin page, Groups).
"""

c = get_config()  # noqa: F821 (JupyterHub provides get_config when it loads this file)

WORKSHOP_URL = "http://127.0.0.1:8870"
# The database and the closed rooms' answer files live outside any user's home.
c.JupyterHub.services.append({
    "name": "workshop",
    "url": WORKSHOP_URL,
    "command": ["/opt/mfc/bin/mfc", "workshop", "serve",
                "--db", "sqlite:////srv/mfc-workshop/workshop.sqlite", "--export", "/srv/mfc-workshop/answers"],
    "oauth_no_confirm": True,
    "display": True,
})
c.JupyterHub.load_roles.extend([
    # The service looks up whether a user is an admin or in `trainers` with its own token.
    {"name": "workshop-service", "services": ["workshop"], "scopes": ["read:users", "read:groups"]},
    # A trainee's server (its Voila pages and JupyterLab kernels) may call the workshop with its own
    # token; a server keeps its default scopes (the first two).
    {"name": "server", "scopes": ["users:activity!user", "access:servers!server",
                                  "access:services!service=workshop"]},
    # Browsers of every user may open the service's pages after the hub's login.
    {"name": "user", "scopes": ["self", "access:services!service=workshop"]},
])
# Kernels find the service directly on loopback, with the hub's prefix its routes live under.
c.Spawner.environment.update({"MFC_WORKSHOP_URL": WORKSHOP_URL + "/services/workshop"})
