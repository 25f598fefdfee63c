"""nbgrader settings every user of a one-server hub shares (trainees and course leads alike).

Install it where every single-user server reads it: on The Littlest JupyterHub, with the course's
environment in /opt/mfc, that is ``/opt/mfc/etc/jupyter/nbgrader_config.py`` (see deploy/README.md).
It names the one course this server runs and the exchange folder all users share, so the graded
assessment's page on a trainee's course pages (and JupyterLab's Assignment List, which the page
shares its settings with) finds the released assessment without any set-up of their own.

The exchange path can be moved with MFC_EXCHANGE (the variable ``mfc assess`` reads too), which
is how tests/hub points a throwaway hub at a temporary exchange; on a real server leave it unset.
"""

import os

c = get_config()  # noqa: F821 (traitlets provides get_config when it loads this file)

c.CourseDirectory.course_id = "missing-from-care"
c.Exchange.root = os.environ.get("MFC_EXCHANGE", "/srv/nbgrader/exchange")
