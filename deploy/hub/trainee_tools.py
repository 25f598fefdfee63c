"""JupyterHub setting, on either hub: trainees' JupyterLab shows nbgrader's Assignment List but
not its instructor tools (Formgrader, Create Assignment, Courses); course leads keep them.

Why per person, at spawn: Jupyter reads the environment's config ahead of a person's own, so an
instructor tool switched off for the whole environment cannot be switched back on by one lead.
Instead, only a trainee's server is given an extra config folder, read before everything else,
that switches the tools off (deploy/trainee, installed at TRAINEE_JUPYTER_CONFIG).

A course lead is a hub admin or a member of the hub group COURSE_LEADS. A change of role takes
effect at the person's next server start.

TLJH: copy to /opt/tljh/config/jupyterhub_config.d/. Zero to JupyterHub: pass it as
``--set-file hub.extraConfig.traineeTools=deploy/hub/trainee_tools.py``. (deploy/README.md.)
"""

import os

c = get_config()  # noqa: F821 (JupyterHub provides get_config when it loads this file)

TRAINEE_JUPYTER_CONFIG = "/etc/missing-from-care/trainee-jupyter"
COURSE_LEADS = "course-leads"


def is_course_lead(user) -> bool:
    return bool(user.admin) or any(group.name == COURSE_LEADS for group in user.groups)


def hide_instructor_tools_from_trainees(spawner) -> None:
    """Put the trainee config folder first on a trainee's JUPYTER_CONFIG_PATH, keeping any set already."""
    if is_course_lead(spawner.user):
        return
    already = spawner.environment.get("JUPYTER_CONFIG_PATH")
    # A new dict: the one from the configuration is shared by every person's spawner.
    spawner.environment = {**spawner.environment, "JUPYTER_CONFIG_PATH": os.pathsep.join(
        [TRAINEE_JUPYTER_CONFIG, *([already] if already else [])])}


c.Spawner.pre_spawn_hook = hide_instructor_tools_from_trainees
