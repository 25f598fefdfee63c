"""Tables of the multi-agency exercise ("Who knows what") played in a workshop room.

One exercise per room. Trainees take seats (a role; several trainees may share one agency's
seat, as groups at a table do); each share is one row, unique per round, sender, card and
recipient, so a double click or a resend stores it once. The debrief is computed once, when the
trainer ends the last round, and kept, so every page shows the same curve.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from workshop.models import Base, utcnow


class ExercisePlay(Base):
    __tablename__ = "exercise_plays"

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id", ondelete="CASCADE"), unique=True)
    exercise: Mapped[str] = mapped_column(String(80))
    round_index: Mapped[int] = mapped_column(Integer, default=0)  # len(rounds) once over
    debrief: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ExerciseSeat(Base):
    __tablename__ = "exercise_seats"

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id", ondelete="CASCADE"), index=True)
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainees.id", ondelete="CASCADE"), unique=True)
    role: Mapped[str] = mapped_column(String(80))


class ExerciseShare(Base):
    __tablename__ = "exercise_shares"
    __table_args__ = (UniqueConstraint("room_id", "round", "sender", "card", "recipient"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id", ondelete="CASCADE"), index=True)
    round: Mapped[str] = mapped_column(String(80))
    sender: Mapped[str] = mapped_column(String(80))
    card: Mapped[str] = mapped_column(String(80))
    recipient: Mapped[str] = mapped_column(String(80))
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainees.id", ondelete="CASCADE"))
    shared_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
