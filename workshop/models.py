"""The workshop's tables. Every change to them ships as an Alembic revision in
``workshop/migrations/versions`` (the service runs them on start), so a hub's database can be
upgraded in place; a test checks the models and the migrations agree."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class Room(Base):
    """One workshop session on one scenario. ``version`` goes up with every change a dashboard
    should show (a join, an answer, a stage opened), which is what long-polling waits on."""

    __tablename__ = "rooms"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True, index=True)
    scenario: Mapped[str] = mapped_column(String(80))
    paced: Mapped[bool] = mapped_column(Boolean, default=True)
    trainer_token_hash: Mapped[str] = mapped_column(String(64))
    trainer_login: Mapped[str | None] = mapped_column(String(200), nullable=True)
    stages_open: Mapped[int] = mapped_column(Integer, default=1)
    revealed: Mapped[list] = mapped_column(JSON, default=list)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=0)

    trainees: Mapped[list[Trainee]] = relationship(back_populates="room", order_by="Trainee.id")


class Trainee(Base):
    """Someone who joined a room. ``name`` is what they typed; the projector shows ``pseudonym``
    unless the trainer asks for names. ``login`` is their hub name when the hub vouches for them."""

    __tablename__ = "trainees"
    __table_args__ = (UniqueConstraint("room_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(60))
    login: Mapped[str | None] = mapped_column(String(200), nullable=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    joined_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    room: Mapped[Room] = relationship(back_populates="trainees")

    @property
    def pseudonym(self) -> str:
        return f"Trainee {self.number}"


class Answer(Base):
    """One answer as sent. Every submission is kept; the latest per trainee and question counts.
    ``key`` makes a resend harmless: the same key from the same trainee is stored once."""

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("trainee_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id", ondelete="CASCADE"), index=True)
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainees.id", ondelete="CASCADE"))
    question: Mapped[str] = mapped_column(String(120))
    answer: Mapped[object] = mapped_column(JSON)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    key: Mapped[str] = mapped_column(String(80))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
