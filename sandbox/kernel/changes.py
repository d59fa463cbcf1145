"""Which worlds each commit changed, so a long poll wakes only for commits of its own world."""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import BinaryExpression, BindParameter
from sqlalchemy.sql.visitors import iterate

from sandbox.kernel.models import World
from sandbox.kernel.world_facts import WORLDS_SEEN

# With 64 polls held, waking all of them on every commit of a link flow made it 6x slower.
CHANGED = "sandbox.changed_worlds"  # session.info: world ids written in this transaction
UNKNOWN = "sandbox.changed_unknown"  # session.info: a statement wrote rows of unknown worlds
WORLDS = World.__tablename__


def _world_of(row: Any) -> str | None:
    world_id = row.id if isinstance(row, World) else getattr(row, "world_id", None)
    return world_id if isinstance(world_id, str) else None


def _flushed(session: Session, _context: Any) -> None:
    changed = session.info.setdefault(CHANGED, set())
    for row in (*session.new, *session.dirty, *session.deleted):
        if (world_id := _world_of(row)) is not None:
            changed.add(world_id)


def _executed(state: ORMExecuteState) -> None:
    """A bulk INSERT names its worlds in its rows, an UPDATE or DELETE in its WHERE clause
    (`world_id = …`, or `worlds.id = …`), else the worlds the session looked up are taken as
    the ones it wrote (a request works in its world); with none of these, every poll looks."""
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    if state.is_insert:
        params = state.parameters
        rows = params if isinstance(params, list) else [params] if params else []
        worlds = {row.get("world_id") for row in rows if isinstance(row, dict)}
    else:
        worlds = _where_worlds(state.statement)
    worlds.discard(None)
    if not worlds:
        worlds = set(state.session.info.get(WORLDS_SEEN, ()))
    if worlds:
        state.session.info.setdefault(CHANGED, set()).update(worlds)
    else:
        state.session.info[UNKNOWN] = True


def _names_world(column: Any) -> bool:
    name = getattr(column, "name", None)
    table = getattr(getattr(column, "table", None), "name", None)
    return name == "world_id" or (name == "id" and table == WORLDS)


def _where_worlds(statement: Any) -> set[Any]:
    where = getattr(statement, "whereclause", None)
    if where is None:
        return set()
    return {element.right.value for element in iterate(where)
            if isinstance(element, BinaryExpression) and element.operator is operators.eq
            and _names_world(element.left) and isinstance(element.right, BindParameter)}


def _forget(session: Session, *_args: Any) -> None:
    session.info.pop(CHANGED, None)
    session.info.pop(UNKNOWN, None)


class Changes:
    """Per-world commit counters the long polls wait on, each world's waits on a condition of
    their own: a commit wakes the waits of the worlds it changed; one of unknown worlds, all."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._lock = threading.Lock()
        self._waiting: dict[str, tuple[threading.Condition, int]] = {}  # world → (cond, waits)
        self._unknown = 0  # commits with writes of unknown worlds
        self._worlds: dict[str, int] = {}  # commits per world, kept while a wait watches it
        self._closed = False
        event.listen(sessions, "after_flush", _flushed)
        event.listen(sessions, "do_orm_execute", _executed)
        event.listen(sessions, "after_soft_rollback", _forget)
        event.listen(sessions, "after_commit", self._committed)

    def _committed(self, session: Session) -> None:
        worlds = session.info.pop(CHANGED, set())
        unknown = session.info.pop(UNKNOWN, False)
        if not worlds and not unknown:
            return
        with self._lock:
            if unknown:
                self._unknown += 1
            for world_id in worlds:
                if world_id in self._waiting:  # only watched worlds are counted
                    self._worlds[world_id] = self._worlds.get(world_id, 0) + 1
            woken = self._waiting.keys() if unknown else worlds & self._waiting.keys()
            for world_id in woken:
                self._waiting[world_id][0].notify_all()

    def mark(self, world_id: str) -> tuple[int, int]:
        """Where the counters stand for `world_id`."""
        with self._lock:
            return self._unknown, self._worlds.get(world_id, 0)

    def wait(self, world_id: str, since: tuple[int, int], timeout: float) -> None:
        """Until a commit of this process changed `world_id` after `since`, or `timeout`."""
        with self._lock:
            cond, count = self._waiting.get(world_id, (threading.Condition(self._lock), 0))
            self._waiting[world_id] = (cond, count + 1)
            try:
                cond.wait_for(lambda: self._closed or (
                    self._unknown, self._worlds.get(world_id, 0)) != since, timeout)
            finally:
                cond, count = self._waiting[world_id]
                if count > 1:
                    self._waiting[world_id] = (cond, count - 1)
                else:
                    del self._waiting[world_id]
                    self._worlds.pop(world_id, None)  # forgotten with its last wait

    def close(self) -> None:
        with self._lock:
            self._closed = True
            for cond, _count in self._waiting.values():
                cond.notify_all()
