"""Rooms, the trainees who joined them, and their answers.

Revision ID: 0001_rooms
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_rooms"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rooms",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(12), nullable=False),
        sa.Column("scenario", sa.String(80), nullable=False),
        sa.Column("paced", sa.Boolean, nullable=False),
        sa.Column("trainer_token_hash", sa.String(64), nullable=False),
        sa.Column("trainer_login", sa.String(200), nullable=True),
        sa.Column("stages_open", sa.Integer, nullable=False),
        sa.Column("revealed", sa.JSON, nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_rooms_code", "rooms", ["code"], unique=True)
    op.create_table(
        "trainees",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("room_id", sa.Integer, sa.ForeignKey("rooms.id", ondelete="CASCADE"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("login", sa.String(200), nullable=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("room_id", "number"),
    )
    op.create_index("ix_trainees_room_id", "trainees", ["room_id"])
    op.create_table(
        "answers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("room_id", sa.Integer, sa.ForeignKey("rooms.id", ondelete="CASCADE"), nullable=False),
        sa.Column("trainee_id", sa.Integer, sa.ForeignKey("trainees.id", ondelete="CASCADE"), nullable=False),
        sa.Column("question", sa.String(120), nullable=False),
        sa.Column("answer", sa.JSON, nullable=False),
        sa.Column("reason", sa.Text, nullable=True),
        sa.Column("key", sa.String(80), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("trainee_id", "key"),
    )
    op.create_index("ix_answers_room_id", "answers", ["room_id"])


def downgrade() -> None:
    op.drop_table("answers")
    op.drop_table("trainees")
    op.drop_table("rooms")
