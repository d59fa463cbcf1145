"""Append-only event log per world: the UI timeline, `events?wait=` and webhooks read it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sandbox.kernel.errors import NotFound
from sandbox.kernel.models import Event, World

APPENDED = "sandbox.appended_events"  # Session.info key: events appended in this session


def append_event(
    session: Session, world_id: str, at: datetime, type_: str, subject: str = "",
    data: dict[str, Any] | None = None,
) -> Event:
    """Record a state change in the caller's transaction; call it last, after the change itself.

    The per-world sequence comes from the world row, so concurrent writers get gap-free,
    commit-ordered numbers (the row lock serialises them on PostgreSQL)."""
    seq = session.execute(
        update(World).where(World.id == world_id).values(event_seq=World.event_seq + 1)
        .returning(World.event_seq)
    ).scalar_one_or_none()
    if seq is None:  # the world was deleted while this change was being made
        raise NotFound(f"World {world_id!r} does not exist (deleted, or never created).",
                       code="WORLD_NOT_FOUND")
    event = Event(world_id=world_id, seq=seq, at=at, type=type_, subject=subject, data=data or {})
    session.add(event)
    session.info.setdefault(APPENDED, []).append(event)
    return event


def take_appended(session: Session) -> list[Event]:
    """The events appended in this session since the last call (a fired job's, for `advance`)."""
    return session.info.pop(APPENDED, [])


def list_events(
    session: Session, world_id: str, after: int = 0, type_: str | None = None, limit: int = 500,
) -> list[Event]:
    q = select(Event).where(Event.world_id == world_id, Event.seq > after)
    if type_:
        # `type=link.` matches a family; an exact name matches itself.
        q = q.where(Event.type.startswith(type_) if type_.endswith(".") else Event.type == type_)
    return list(session.scalars(q.order_by(Event.seq).limit(limit)))


def last_seq(session: Session, world_id: str) -> int:
    seq = session.execute(select(World.event_seq).where(World.id == world_id)).scalar_one_or_none()
    if seq is None:
        raise NotFound(f"World {world_id!r} does not exist (deleted, or never created).",
                       code="WORLD_NOT_FOUND")
    return seq
