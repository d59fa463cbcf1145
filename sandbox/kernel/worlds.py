"""World use cases: create, list, delete, and move a world's clock (firing due jobs)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sandbox.kernel.clock import ClockState, iso, wall_now
from sandbox.kernel.errors import BadRequest, Conflict, NotFound
from sandbox.kernel.events import append_event
from sandbox.kernel.jobs import Fired
from sandbox.kernel.models import World
from sandbox.kernel.runtime import Runtime
from sandbox.kernel.store import new_id
from sandbox.kernel.world_config import (
    RULE_OVERRIDES,
    SETTING_OVERRIDES,
    patched_rules,
    patched_settings,
)
from sandbox.kernel.world_facts import world_for_update

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.\-]{0,99}$")
_ID = re.compile(r"^[a-z0-9][a-z0-9_\-]{0,39}$")


def world_view(world: World) -> dict[str, Any]:
    now = world.clock.now(wall_now())
    return {"id": world.id, "name": world.name, "created_at": iso(world.created_at),
            "clock": {"now": iso(now), "frozen": world.clock.frozen}}


def check_world_fields(name: str | None, world_id: str | None) -> None:
    """A chosen name and id must be well formed (INVALID_WORLD_NAME, INVALID_WORLD_ID)."""
    if name is not None and (not isinstance(name, str) or not _NAME.match(name)):
        raise BadRequest("A world name is 1-100 letters, digits, spaces, '_', '.' or '-'.",
                         code="INVALID_WORLD_NAME")
    if world_id is not None and (not isinstance(world_id, str) or not _ID.match(world_id)):
        raise BadRequest("A world id is 1-40 lowercase letters, digits, '_' or '-'.",
                         code="INVALID_WORLD_ID")


def create_world(
    runtime: Runtime, name: str | None = None, *, seed: str | None = None,
    world_id: str | None = None, frozen_at: datetime | None = None,
    rules: Any = None, settings: Any = None,
) -> World:
    """One transaction: the world row (with its rule and setting overrides, checked first),
    every app's initializer, and the optional seed."""
    check_world_fields(name, world_id)
    config = configured({}, rules, settings)
    if seed is not None and seed not in runtime.seeders:
        raise BadRequest(f"Unknown seed {seed!r}; known seeds: {sorted(runtime.seeders)}.",
                         code="UNKNOWN_SEED")
    wall = wall_now()
    with runtime.session() as session:
        wid = world_id or new_id("w_", 6)
        if session.get(World, wid) is not None:
            raise Conflict(f"World {wid!r} already exists.", code="WORLD_EXISTS")
        world = World(id=wid, name=name or wid, created_at=wall, clock_offset_s=0.0,
                      clock_frozen_at=frozen_at, event_seq=0, settings=config)
        session.add(world)
        try:  # the primary key decides between creators racing for one id
            session.flush()
        except IntegrityError:
            session.rollback()
            raise Conflict(f"World {wid!r} already exists.", code="WORLD_EXISTS") from None
        now = world.clock.now(wall)
        for init in runtime.world_initializers:
            init(session, world, now)
        if seed:
            runtime.seeders[seed](session, world, now)
        append_event(session, wid, now, "world.created", wid, {
            "name": world.name, "seed": seed, "rules": config.get(RULE_OVERRIDES, {}),
            "settings": config.get(SETTING_OVERRIDES, {})})
        session.commit()
        return world


def configured(bag: dict[str, Any], rules: Any, settings: Any) -> dict[str, Any]:
    """The world's settings bag with `rules` and `settings` patches applied (BadRequest
    UNKNOWN_RULE, UNKNOWN_RULE_PARAMETER, UNKNOWN_SETTING or INVALID_FIELD, changing nothing)."""
    out = dict(bag)
    for key, patch, apply in ((RULE_OVERRIDES, rules, patched_rules),
                              (SETTING_OVERRIDES, settings, patched_settings)):
        if patch is not None:
            if changed := apply(out.get(key) or {}, patch):
                out[key] = changed
            else:
                out.pop(key, None)
    return out


def change_config(runtime: Runtime, world_id: str, *, rules: Any = None,
                  settings: Any = None) -> None:
    """PATCH a world's rule or setting overrides, applied from its next action; appends
    `world.rules_changed` / `world.settings_changed` with what was asked and the result."""
    with runtime.store.world_locks.hold(world_id), runtime.session() as session:
        world = world_for_update(session, world_id)
        if world is None:
            raise NotFound(f"World {world_id!r} does not exist (deleted, or never created).",
                           code="WORLD_NOT_FOUND")
        bag = dict(world.settings or {})
        world.settings = config = configured(bag, rules, settings)
        now = world.clock.now(wall_now())
        for key, patch, kind in ((RULE_OVERRIDES, rules, "world.rules_changed"),
                                 (SETTING_OVERRIDES, settings, "world.settings_changed")):
            if patch is not None:
                append_event(session, world_id, now, kind, world_id,
                             {"patch": patch, "overrides": config.get(key, {})})
        session.commit()
    runtime.forget_clock(world_id)  # the request's later reads see the new values


def worlds_by_age(session: Session) -> list[World]:
    """Every world, oldest first (the landing pages' lists)."""
    return list(session.scalars(select(World).order_by(World.created_at)))


def latest_world_id(session: Session) -> str | None:
    return session.scalars(select(World.id).order_by(World.created_at.desc())).first()


def list_worlds(runtime: Runtime) -> list[World]:
    with runtime.session() as session:
        return list(session.scalars(select(World).order_by(World.created_at)))


def get_world(runtime: Runtime, world_id: str) -> World:
    with runtime.session() as session:
        return runtime.world(session, world_id)


def delete_world(runtime: Runtime, world_id: str) -> None:
    """Every row of the world goes, or none. The world lock waits for a clock move in flight;
    the world row's lock (FOR UPDATE on PostgreSQL) waits for writers that inserted rows (their
    foreign keys hold key-share locks on it) and makes later inserts fail, so the deletes that
    follow see every committed row. Of racing deletions one wins; the others are 404s.

    Request-log rows this process still holds are written first (before any lock: their INSERT
    takes a key-share lock on the world row), so they go with the world and a world re-created
    with the same id never inherits them."""
    runtime.request_log.flush()
    with runtime.store.world_locks.hold(world_id), runtime.session() as session:
        locked = select(World.id).where(World.id == world_id)
        if runtime.store.dialect == "postgresql":
            locked = locked.with_for_update()
        if session.execute(locked).first() is None:
            runtime.world(session, world_id)  # raises WORLD_NOT_FOUND
        runtime.store.delete_world_rows(session, world_id)
        gone = session.execute(World.__table__.delete().where(World.id == world_id)).rowcount
        if gone != 1:
            session.rollback()
            runtime.world(session, world_id)
        session.commit()


def move_clock(
    runtime: Runtime, world_id: str, *, advance: timedelta | None = None,
    set_to: datetime | None = None, freeze: bool | None = None,
) -> tuple[World, Fired]:
    """Advance or set the clock, firing every job due on the way, in time order, before returning.

    Returns the world and what this move fired (the jobs, and the events they appended)."""
    if advance is not None and set_to is not None:
        raise BadRequest("Give either 'advance' or 'set', not both.", code="CLOCK_AMBIGUOUS")
    # Moves of one world's clock take turns (across threads and processes): each reads the
    # time the previous one left, fires what falls due on its way, and reports only that.
    with runtime.store.world_locks.hold(world_id):
        try:
            return _move_clock(runtime, world_id, advance, set_to, freeze)
        finally:
            runtime.forget_clock(world_id)  # the request's later reads see the new time


def _move_clock(
    runtime: Runtime, world_id: str, advance: timedelta | None, set_to: datetime | None,
    freeze: bool | None,
) -> tuple[World, Fired]:
    with runtime.session() as session:
        world = runtime.world(session, world_id)
        now = world.clock.now(wall_now())
    target = now
    if advance is not None:
        try:
            target = now + advance
        except OverflowError:
            raise BadRequest(f"Advancing {advance} from {iso(now)} leaves the calendar (year "
                             "9999): advance by less.", code="INVALID_DURATION") from None
    elif set_to is not None:
        if set_to < now:
            raise BadRequest(f"Time only moves forward: {iso(set_to)} is before now ({iso(now)}).",
                             code="CLOCK_BACKWARDS")
        target = set_to
    fired = runtime.fire_due(world_id, target) if target > now else Fired()
    with runtime.session() as session:
        world = runtime.world(session, world_id)
        wall = wall_now()
        state: ClockState = world.clock
        if target > now:
            state = state.moved_to(target, wall)
        if freeze is not None:
            state = state.with_freeze(freeze, wall)
        world.set_clock(state)
        append_event(session, world_id, state.now(wall), "clock.changed", world_id,
                     {"from": iso(now), "to": iso(state.now(wall)), "frozen": state.frozen,
                      "jobs_fired": fired.jobs})
        session.commit()
        return world, fired
