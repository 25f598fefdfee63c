"""Alembic's entry point: the connection comes from :func:`workshop.db.migrate`."""

from alembic import context

import workshop.exercise_models  # noqa: F401 - the exercise's tables are on Base.metadata too
from workshop.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
