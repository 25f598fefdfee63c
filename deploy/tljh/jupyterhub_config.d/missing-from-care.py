"""The Littlest JupyterHub settings for a missing-from-care cohort that tljh-config cannot set.

Copy to /opt/tljh/config/jupyterhub_config.d/ and run `sudo tljh-config reload hub`. TLJH loads
this after its own configuration, so these lines win.
"""

c = get_config()  # noqa: F821 (JupyterHub provides get_config when it loads this file)

# Every user's server runs from the course's own environment (Python 3.11 and requirements.lock,
# deploy/README.md step 2), not TLJH's default one: the course pins Python 3.11 and its packages.
# Before it starts, `mfc course init` brings the person's own copy of the course (~/course) up to
# date: new pages are added, pages they changed and their answers are never overwritten.
c.Spawner.cmd = ["/bin/sh", "-c",
                 '/opt/mfc/bin/mfc course init "$HOME/course" || true; exec /opt/mfc/bin/jupyterhub-singleuser "$@"',
                 "jupyterhub-singleuser"]
# Put the course's commands (mfc, nbgrader, and alembic, which nbgrader calls) first in
# terminals and kernels, ahead of TLJH's user environment (which stays on the path after them).
c.SystemdSpawner.extra_paths = ["/opt/mfc/bin", "/opt/tljh/user/bin"]
# Trainees land on the course as pages (`mfc course`, started by jupyter-server-proxy from
# deploy/jupyter_server_config.json): no code, their progress, their record of completion.
# Trainers, authors and course leads reach JupyterLab at /user/<name>/lab.
c.Spawner.default_url = "/course/home"
# The exchange every account shares. nbgrader's config (deploy/tljh/nbgrader_config.py) and
# `mfc assess` both read MFC_EXCHANGE; without it `mfc assess` would use exchange/ inside the
# lead's course root, where no trainee looks.
c.Spawner.environment = {"MFC_EXCHANGE": "/srv/nbgrader/exchange"}

# One server, one room logging in at once: start at most 10 servers together; the others are
# told to wait a moment and retry, instead of the machine slowing down for everybody.
c.JupyterHub.concurrent_spawn_limit = 10
