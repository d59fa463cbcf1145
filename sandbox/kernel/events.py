"""Append-only event log per world: the UI timeline, `events?wait=` and webhooks read it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from sandbox.kernel.changes import CHANGED
from sandbox.kernel.errors import NotFound
from sandbox.kernel.models import Event, World

APPENDED = "sandbox.appended_events"  # Session.info key: events appended in this session
UNNUMBERED = "sandbox.unnumbered_events"  # appended, not yet flushed


def append_event(
    session: Session, world_id: str, at: datetime, type_: str, subject: str = "",
    data: dict[str, Any] | None = None,
) -> Event:
    """Record a state change in the caller's transaction; call it last, after the change itself.

    The event's number is given at the next flush (`number_pending`), with its siblings': one
    statement per world per flush however many events a use case appends."""
    event = Event(world_id=world_id, at=at, type=type_, subject=subject, data=data or {})
    session.add(event)  # pending until the flush writes it (`number_pending`)
    session.info.setdefault(APPENDED, []).append(event)
    session.info.setdefault(UNNUMBERED, []).append(event)
    return event


_WORLDS = World.__table__.c
# Built once (SQL constructs are immutable): the flush hook runs in every transaction that
# appends events, and building these statements cost more than executing them.
_BUMP = (update(World.__table__).where(_WORLDS.id == bindparam("wid"))
         .values(event_seq=_WORLDS.event_seq + bindparam("n")).returning(_WORLDS.event_seq))
_INSERT = insert(Event.__table__)
_COLUMNS = ("world_id", "seq", "at", "type", "subject", "data")


def number_pending(session: Session, *_args: Any) -> None:
    """before_flush: number this session's new events from their worlds' rows, in append order,
    and write them in one executemany (Core: the unit of work costs more than the INSERT).

    The per-world sequence comes from the world row, so concurrent writers get gap-free,
    commit-ordered numbers (the row lock serialises them on PostgreSQL)."""
    pending = session.info.pop(UNNUMBERED, None)
    if not pending:
        return
    by_world: dict[str, list[Event]] = {}
    for event in pending:
        by_world.setdefault(event.world_id, []).append(event)
    connection = session.connection()
    for world_id, events in by_world.items():
        last = connection.execute(_BUMP, {"wid": world_id, "n": len(events)}).scalar_one_or_none()
        if last is None:  # the world was deleted while this change was being made
            raise NotFound(f"World {world_id!r} does not exist (deleted, or never created).",
                           code="WORLD_NOT_FOUND")
        if (held := session.identity_map.get(session.identity_key(World, world_id))) is not None:
            set_committed_value(held, "event_seq", last)
        for offset, event in enumerate(events):
            event.seq = last - len(events) + 1 + offset
    for event in pending:
        session.expunge(event)  # written below; the caller keeps a complete, detached row
    connection.execute(_INSERT, [{c: getattr(event, c) for c in _COLUMNS} for event in pending])
    session.info.setdefault(CHANGED, set()).update(by_world)  # wakes those worlds' long polls


def install_numbering(sessions: Any) -> None:
    """Number events at flush in every session the factory makes (the Store calls this)."""
    sa_event.listen(sessions, "before_flush", number_pending)
    sa_event.listen(sessions, "after_soft_rollback", forget_pending)


def forget_pending(session: Session, *_args: Any) -> None:
    """after_rollback: events of a rolled-back transaction are gone; never number them."""
    session.info.pop(UNNUMBERED, None)


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
