"""Alembic's entry point: the connection comes from :func:`workshop.db.migrate`."""

from alembic import context

from workshop.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
