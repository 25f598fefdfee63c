"""The multi-agency exercise: one play per room, seats (roles) and shares.

Revision ID: 0002_exercise
Revises: 0001_rooms
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_exercise"
down_revision = "0001_rooms"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exercise_plays",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("room_id", sa.Integer, sa.ForeignKey("rooms.id", ondelete="CASCADE"), nullable=False, unique=True),
        sa.Column("exercise", sa.String(80), nullable=False),
        sa.Column("round_index", sa.Integer, nullable=False),
        sa.Column("debrief", sa.JSON, nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "exercise_seats",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("room_id", sa.Integer, sa.ForeignKey("rooms.id", ondelete="CASCADE"), nullable=False),
        sa.Column("trainee_id", sa.Integer, sa.ForeignKey("trainees.id", ondelete="CASCADE"), nullable=False,
                  unique=True),
        sa.Column("role", sa.String(80), nullable=False),
    )
    op.create_index("ix_exercise_seats_room_id", "exercise_seats", ["room_id"])
    op.create_table(
        "exercise_shares",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("room_id", sa.Integer, sa.ForeignKey("rooms.id", ondelete="CASCADE"), nullable=False),
        sa.Column("round", sa.String(80), nullable=False),
        sa.Column("sender", sa.String(80), nullable=False),
        sa.Column("card", sa.String(80), nullable=False),
        sa.Column("recipient", sa.String(80), nullable=False),
        sa.Column("trainee_id", sa.Integer, sa.ForeignKey("trainees.id", ondelete="CASCADE"), nullable=False),
        sa.Column("shared_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("room_id", "round", "sender", "card", "recipient"),
    )
    op.create_index("ix_exercise_shares_room_id", "exercise_shares", ["room_id"])


def downgrade() -> None:
    op.drop_table("exercise_shares")
    op.drop_table("exercise_seats")
    op.drop_table("exercise_plays")
