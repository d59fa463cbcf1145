"""Kernel tables: worlds (with their clocks), the event log and due jobs."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.kernel.clock import ClockState
from sandbox.kernel.store import Base, WorldScoped


class World(Base):
    __tablename__ = "worlds"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime]
    clock_offset_s: Mapped[float] = mapped_column(Float, default=0.0)
    clock_frozen_at: Mapped[datetime | None]
    event_seq: Mapped[int] = mapped_column(Integer, default=0)
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)

    @property
    def clock(self) -> ClockState:
        from datetime import timedelta

        return ClockState(timedelta(seconds=self.clock_offset_s), self.clock_frozen_at)

    def set_clock(self, state: ClockState) -> None:
        self.clock_offset_s = state.offset.total_seconds()
        self.clock_frozen_at = state.frozen_at


class Event(WorldScoped, Base):
    """Every state change, appended in the transaction that made it (DESIGN §4)."""

    __tablename__ = "events"

    # Identified by (world, seq), both known before the INSERT: a flush writes all its events
    # in one executemany instead of one INSERT … RETURNING id each.
    world_id: Mapped[str] = mapped_column(String(40), ForeignKey("worlds.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime]
    type: Mapped[str] = mapped_column(String(60))
    subject: Mapped[str] = mapped_column(String(80), default="")
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)

    def to_dict(self) -> dict[str, Any]:
        from sandbox.kernel.clock import iso

        return {"seq": self.seq, "at": iso(self.at), "type": self.type,
                "subject": self.subject, "data": self.data}


class Job(WorldScoped, Base):
    """Work that falls due at a world instant: `advance` and the ticker fire it (DESIGN §3)."""

    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_pending", "world_id", "fired_at", "due_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    due_at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(60))
    subject: Mapped[str] = mapped_column(String(80), default="")
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    fired_at: Mapped[datetime | None]
