"""What a session knows of its worlds: the World rows and the rows its resolver found, held
for the rest of the session, and the clock and settings a request reads once per world."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from sandbox.kernel.clock import ClockState, wall_now
from sandbox.kernel.errors import NotFound
from sandbox.kernel.models import World

WORLDS_SEEN = "sandbox.worlds_seen"  # Session.info key: worlds this session looked up
WORLD_ROWS = "sandbox.world_rows"  # Session.info key: those World rows, held strongly
REQUEST_WORLDS = "sandbox.request_worlds"  # Session.info key: the request's WorldFacts by id
HELD = "sandbox.held_rows"  # Session.info key: rows a request's resolver found, by (kind, key)


def hold(session: Session, kind: str, key: str, rows: Any) -> None:
    """Keep rows a lookup found (e.g. a token with its account and world) for the rest of the
    session, so the view that needs them again reads no statement. Forgotten on rollback."""
    session.info.setdefault(HELD, {})[(kind, key)] = rows


def held(session: Session, kind: str, key: str) -> Any:
    """What `hold` kept under (kind, key), else None."""
    return session.info.get(HELD, {}).get((kind, key))


def forget_held(session: Session, kind: str, key: str) -> None:
    """Drop what `hold` kept under (kind, key), e.g. a session row the request just deleted."""
    session.info.get(HELD, {}).pop((kind, key), None)


def lookup_held(session: Session, kind: str, key: str, statement: Any,
                params: dict[str, Any]) -> tuple[Any, ...] | None:
    """`statement`'s row (its last entity the World), read once a session; None if none."""
    row = held(session, kind, key)
    if row is None:
        if (found := session.execute(statement, params).first()) is None:
            return None
        hold(session, kind, key, row := tuple(found))
    remember_world(session, row[-1])
    return row


def remember_world(session: Session, world: World) -> World:
    """Keep the session's World rows alive (the identity map holds objects weakly), so a request
    reads its world once, e.g. in the statement that found the caller's session."""
    session.info.setdefault(WORLDS_SEEN, set()).add(world.id)
    session.info.setdefault(WORLD_ROWS, {})[world.id] = world
    known = session.info.get(REQUEST_WORLDS)
    if known is not None and world.id not in known:
        known[world.id] = WorldFacts(world.clock, dict(world.settings or {}))
    return world


@dataclass(frozen=True)
class WorldFacts:
    """What a request reads of its world, once for all its sessions: the clock and settings."""

    clock: ClockState
    settings: dict[str, Any]


def _facts(session: Session, world_id: str) -> WorldFacts:
    known = session.info.get(REQUEST_WORLDS)
    facts = known.get(world_id) if known is not None else None
    if facts is None:
        if known is not None and world_id in session.info.get(WORLD_ROWS, {}):
            # Held, but the request forgot its facts: the clock moved (`forget_clock`).
            session.info[WORLD_ROWS].pop(world_id)
            session.get(World, world_id, populate_existing=True)
        world = world_of(session, world_id)
        facts = WorldFacts(world.clock, dict(world.settings or {}))
        if known is not None:
            known[world_id] = facts
    return facts


def world_settings(session: Session, world_id: str) -> dict[str, Any]:
    """The world's settings (first-party client credentials…), read once per request."""
    return _facts(session, world_id).settings


def world_of(session: Session, world_id: str) -> World:
    known = session.info.get(WORLD_ROWS, {}).get(world_id)
    if known is not None:
        return known
    session.info.setdefault(WORLDS_SEEN, set()).add(world_id)
    world = session.get(World, world_id)
    if world is None:
        raise NotFound(f"World {world_id!r} does not exist (deleted, or never created).",
                       code="WORLD_NOT_FOUND")
    return remember_world(session, world)


def world_now(session: Session, world_id: str) -> datetime:
    """The world's current instant (its clock applied to the wall clock). Within one request
    the clock is read once for all the sessions the request opens (`Runtime.request_scope`)."""
    return _facts(session, world_id).clock.now(wall_now())


def forget_rows(session: Session, _previous: Any) -> None:
    session.info.pop(WORLD_ROWS, None)
    session.info.pop(HELD, None)


def world_for_update(session: Session, world_id: str) -> World | None:
    """The World row, locked and read afresh, before its settings bag is rewritten: a no-op
    UPDATE takes the row lock on PostgreSQL and the write lock on SQLite, so two writers of the
    bag (a PATCH of rules, a fault's flag, a webhook drop count) never lose each other's keys."""
    session.execute(update(World).where(World.id == world_id).values(name=World.name))
    world = session.get(World, world_id, populate_existing=True)
    if world is not None:
        remember_world(session, world)
    return world
