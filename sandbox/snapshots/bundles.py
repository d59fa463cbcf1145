"""Fork a world, export it as a portable JSON bundle, and load a bundle into a new world.

A fork or a load is one transaction: the new world row, every row of both apps (copied with
`sandbox.snapshots.copying`, keys and secrets re-issued), the clock and the event log, and a last
`world.forked` / `world.loaded` event. A refused bundle writes nothing.

Bundle (format_version 1): `{format_version, kind, world: {id, name, now, frozen, event_seq,
settings}, tables: {table: [row…]}}`; rows without `world_id`, instants as ISO-8601 UTC, dates
as ISO dates, integer ids renumbered from 1 per table (references with them), so two bundles of
equal worlds are equal."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Float, Integer, String, Table, Text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from sandbox.kernel.clock import ClockState, iso, parse_instant, wall_now
from sandbox.kernel.errors import BadRequest, Conflict, SandboxError
from sandbox.kernel.events import append_event
from sandbox.kernel.models import World
from sandbox.kernel.runtime import Runtime
from sandbox.kernel.store import UTCDateTime, new_id
from sandbox.kernel.world_config import RULE_OVERRIDES, SETTING_OVERRIDES
from sandbox.kernel.worlds import check_world_fields, configured
from sandbox.snapshots import copying

FORMAT_VERSION = 1
KIND = "tiktok-sandbox.world"
WORLD_FIELDS = {"id", "name", "now", "frozen", "event_seq", "settings"}


def _invalid(message: str, code: str = "SNAPSHOT_INVALID", **details: Any) -> BadRequest:
    return BadRequest(message, code=code, details=details)


def _begin(runtime: Runtime, session: Session) -> None:
    """A consistent read of the source: PostgreSQL reads one snapshot (REPEATABLE READ); on
    SQLite the new world row is written first, so the reads run under the write lock."""
    if runtime.store.dialect == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})


def _new_world(session: Session, wid: str, name: str, state: ClockState, event_seq: int) -> World:
    if session.get(World, wid) is not None:
        raise Conflict(f"World {wid!r} already exists.", code="WORLD_EXISTS")
    world = World(id=wid, name=name, created_at=wall_now(), clock_offset_s=0.0,
                  clock_frozen_at=None, event_seq=event_seq, settings={})
    world.set_clock(state)
    session.add(world)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise Conflict(f"World {wid!r} already exists.", code="WORLD_EXISTS") from None
    return world


def _finish(session: Session, world: World, rows: copying.Rows, settings: dict[str, Any],
            source_id: str, event: str) -> dict[str, str]:
    tables = copying.world_tables()
    renamer = copying.plan_keys(rows, tables, source_id, world.id)
    world.settings = renamer.value(settings)
    try:
        copying.write_rows(session, world.id, rows, tables, renamer)
        session.flush()
    except DBAPIError as exc:  # a unique key, a reference or a length the database refused
        session.rollback()
        raise _invalid("The bundle's rows break a uniqueness, reference or length rule: "
                       f"{str(exc.orig).splitlines()[0][:200]}") from None
    append_event(session, world.id, world.clock.now(wall_now()), event, world.id,
                 {"from": source_id, "keys_reissued": len(renamer.keys)})
    session.commit()
    return renamer.keys


def fork_world(runtime: Runtime, source_id: str, *, world_id: str | None = None,
               name: str | None = None) -> tuple[World, dict[str, str]]:
    """Copy every row of `source_id` into a new world; returns it and old key → new key."""
    check_world_fields(name, world_id)
    wid = world_id or new_id("w_", 6)
    runtime.request_log.flush()  # the copy has the source's whole request log
    with runtime.store.world_locks.hold(source_id), runtime.session() as session:
        _begin(runtime, session)
        source = runtime.world(session, source_id)
        world = _new_world(session, wid, name or wid, source.clock, source.event_seq)
        session.refresh(source)  # re-read under the write lock (SQLite)
        world.event_seq, settings = source.event_seq, dict(source.settings or {})
        world.set_clock(source.clock)
        rows = copying.read_rows(session, source_id, copying.world_tables())
        keys = _finish(session, world, rows, settings, source_id, "world.forked")
        return world, keys


# -- export -------------------------------------------------------------------------------------
def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def snapshot_world(runtime: Runtime, world_id: str) -> dict[str, Any]:
    """The world as a portable bundle (see the module docstring)."""
    runtime.request_log.flush()
    with runtime.session() as session:
        _begin(runtime, session)
        world = runtime.world(session, world_id)
        tables = copying.world_tables()
        rows = copying.read_rows(session, world_id, tables)
        bundle_tables: dict[str, list[dict[str, Any]]] = {}
        renumber: dict[str, dict[int, int]] = {}
        for table in tables:
            pk = copying.int_pk(table)
            if pk:
                renumber[table.name] = {r[pk]: i for i, r in enumerate(rows[table.name], 1)}
            refs = {c.name: c.info["refers_to"] for c in table.c if "refers_to" in c.info}
            out = []
            for row in rows[table.name]:
                row = dict(row)
                if pk:
                    row[pk] = renumber[table.name][row[pk]]
                for col, target in refs.items():
                    if row.get(col) is not None:
                        row[col] = renumber.get(target, {}).get(row[col], 0)
                out.append(row)
            for name, col, prefix, target in copying.SUBJECT_REFERENCES:
                if name == table.name:
                    for row in out:
                        subject = str(row.get("subject", ""))
                        if str(row.get(col, "")).startswith(prefix) and subject.isdigit():
                            row["subject"] = str(renumber.get(target, {}).get(int(subject), 0))
            bundle_tables[table.name] = [{k: _encode(v) for k, v in r.items()} for r in out]
        now = world.clock.now(wall_now())
        return {"format_version": FORMAT_VERSION, "kind": KIND,
                "world": {"id": world.id, "name": world.name, "now": iso(now),
                          "frozen": world.clock.frozen, "event_seq": world.event_seq,
                          "settings": world.settings or {}},
                "tables": bundle_tables}


# -- load ---------------------------------------------------------------------------------------
def _decode(table: Table, name: str, value: Any, where: dict[str, Any]) -> Any:
    col = table.c[name]
    if value is None:
        if not col.nullable and not col.primary_key:
            raise _invalid(f"{table.name}.{name} may not be null.", **where)
        return None
    kind = col.type
    try:
        if isinstance(kind, UTCDateTime):
            return parse_instant(value)
        if isinstance(kind, Date):
            return date.fromisoformat(value)
    except (SandboxError, TypeError, ValueError):
        raise _invalid(f"{table.name}.{name} must be an ISO-8601 "
                       f"{'date' if isinstance(kind, Date) else 'instant'}.", **where) from None
    checks: list[tuple[type[Any], tuple[type[Any], ...]]] = [
        (Boolean, (bool,)), (Integer, (int,)), (Float, (int, float)), (String, (str,)),
        (Text, (str,)), (JSON, (dict, list))]
    for sql_type, py_types in checks:
        if isinstance(kind, sql_type):
            if not isinstance(value, py_types) or (sql_type is not Boolean
                                                   and isinstance(value, bool)):
                raise _invalid(f"{table.name}.{name} must be of type {sql_type.__name__}.",
                               **where)
            if sql_type is Integer and not -2**31 <= value < 2**31:
                raise _invalid(f"{table.name}.{name} is out of range.", **where)
            if isinstance(kind, String) and kind.length and len(value) > kind.length:
                raise _invalid(f"{table.name}.{name} is too long (at most {kind.length} "
                               "characters).", **where)
            return value
    return value


def _default(table: Table, name: str, where: dict[str, Any]) -> Any:
    col = table.c[name]
    if col.default is not None and not col.default.is_callable:
        return col.default.arg
    if col.default is not None:
        return col.default.arg(None)
    if col.nullable or copying.int_pk(table) == name:
        return None
    raise _invalid(f"{table.name} rows need column {name!r}.", code="SNAPSHOT_MISSING_COLUMN",
                   **where)


def decode_bundle(bundle: Any) -> tuple[dict[str, Any], copying.Rows]:
    """Check a bundle and turn it into rows; refusals name the table, row and column."""
    if not isinstance(bundle, dict):
        raise _invalid("'snapshot' must be an object (a bundle from GET …/snapshot).")
    if bundle.get("format_version") != FORMAT_VERSION:
        raise _invalid(f"Unsupported format_version {bundle.get('format_version')!r}; this "
                       f"sandbox reads version {FORMAT_VERSION}.",
                       code="SNAPSHOT_VERSION_UNSUPPORTED")
    unknown = set(bundle) - {"format_version", "kind", "world", "tables"}
    if unknown or bundle.get("kind", KIND) != KIND:
        raise _invalid(f"Unknown bundle fields {sorted(unknown)} or kind.")
    world, tables_in = bundle.get("world"), bundle.get("tables")
    if not isinstance(world, dict) or not isinstance(tables_in, dict):
        raise _invalid("A bundle has a 'world' object and a 'tables' object.")
    if set(world) - WORLD_FIELDS or not isinstance(world.get("settings", {}), dict) or not (
            isinstance(world.get("event_seq", 0), int) and 0 <= world.get("event_seq", 0) < 2**31):
        raise _invalid(f"'world' has the fields {sorted(WORLD_FIELDS)} (settings an object, "
                       "event_seq a whole number).")
    if not isinstance(world.get("frozen", False), bool):
        raise _invalid("world.frozen must be true or false.")
    known = {t.name: t for t in copying.world_tables()}
    rows: copying.Rows = {}
    for name, table_rows in tables_in.items():
        if name not in known:
            raise _invalid(f"Unknown table {name!r}.", code="SNAPSHOT_UNKNOWN_TABLE", table=name)
        if not isinstance(table_rows, list):
            raise _invalid(f"tables.{name} must be a list of rows.", table=name)
        table = known[name]
        columns = {c.name for c in table.c} - {"world_id"}
        out = []
        for i, row in enumerate(table_rows):
            where = {"table": name, "row": i}
            if not isinstance(row, dict):
                raise _invalid(f"tables.{name}[{i}] must be an object.", **where)
            extra = set(row) - columns
            if extra:
                raise _invalid(f"Unknown column(s) {sorted(extra)} in {name}.",
                               code="SNAPSHOT_UNKNOWN_COLUMN", column=sorted(extra)[0], **where)
            out.append({c: _decode(table, c, row[c], {**where, "column": c}) if c in row
                        else _default(table, c, {**where, "column": c}) for c in columns})
        rows[name] = out
    return world, rows


def load_snapshot(runtime: Runtime, bundle: Any, *, world_id: str | None = None,
                  name: str | None = None) -> tuple[World, dict[str, str]]:
    """A new world from a bundle, all or nothing; returns it and old key → new key."""
    check_world_fields(name, world_id)
    meta, rows = decode_bundle(bundle)
    bag = dict(meta.get("settings") or {})
    try:  # a hand-edited bundle (or another version's) may name rules or settings that are not
        configured({}, bag.get(RULE_OVERRIDES), bag.get(SETTING_OVERRIDES))
    except BadRequest as exc:
        raise _invalid(f"world.settings: {exc.message}", field=exc.details.get("field")) from None
    frozen = bool(meta.get("frozen"))
    try:
        at = parse_instant(meta["now"]) if meta.get("now") is not None else wall_now()
    except SandboxError:
        raise _invalid("world.now must be an ISO-8601 instant.") from None
    wall = wall_now()
    state = ClockState(at - wall if not frozen else timedelta(0), at if frozen else None)
    wid = world_id or new_id("w_", 6)
    source_id = meta.get("id") if isinstance(meta.get("id"), str) else ""
    world_name = name or (meta["name"] if isinstance(meta.get("name"), str) else None) or wid
    check_world_fields(world_name[:100], None)
    with runtime.session() as session:
        _begin(runtime, session)
        world = _new_world(session, wid, world_name[:100], state, int(meta.get("event_seq", 0)))
        keys = _finish(session, world, rows, bag, source_id,
                       "world.loaded")
        return world, keys
