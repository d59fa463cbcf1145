"""One lock per world for work that spans transactions (moving its clock, deleting it).

PostgreSQL: a session-level advisory lock on a connection of its own, so every process on the
database shares it and a crashed holder's lock ends with its connection. SQLite: `flock` on a
file per world beside the database file, shared by every thread and process on the machine and
released by the kernel when a holder dies. Row locks cannot do this: an `advance` fires each due
job in its own transaction, and those jobs write the world row themselves.

`Lease` is the same lock held for as long as a process lives: the ticker's, so that of every
worker on every host one ticks and, when it dies, another takes over at its next try.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: threads of one process only
    fcntl = None  # type: ignore[assignment]


def _pg_key(world_id: str) -> int:
    """A stable signed 64-bit key per world (advisory locks are keyed by bigint)."""
    return int.from_bytes(hashlib.sha256(b"world:" + world_id.encode()).digest()[:8], "big",
                          signed=True)


class WorldLocks:
    """`with locks.hold(world_id):` — exclusive, blocking; `try_hold` gives up at once."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.postgres = engine.dialect.name == "postgresql"
        path = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else ""
        self.directory = f"{path}.locks" if path and path != ":memory:" else None
        self._threads: dict[str, threading.Lock] = {}  # only without a lock directory
        self._guard = threading.Lock()

    @contextmanager
    def hold(self, world_id: str, *, wait: bool = True) -> Iterator[bool]:
        if self.postgres:
            with self._advisory(world_id, wait) as got:
                yield got
        elif self.directory is not None and fcntl is not None:
            with self._flock(world_id, wait) as got:
                yield got
        else:
            with self._guard:
                lock = self._threads.setdefault(world_id, threading.Lock())
            got = lock.acquire(blocking=wait)
            try:
                yield got
            finally:
                if got:
                    lock.release()

    def try_hold(self, world_id: str) -> Any:
        return self.hold(world_id, wait=False)

    @contextmanager
    def _advisory(self, world_id: str, wait: bool) -> Iterator[bool]:
        key = _pg_key(world_id)
        with self.engine.connect() as conn:
            if wait:
                conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": key})
                got = True
            else:
                got = bool(conn.execute(text("SELECT pg_try_advisory_lock(:k)"),
                                        {"k": key}).scalar())
            conn.commit()
            try:
                yield got
            finally:
                if got:
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                    conn.commit()

    @contextmanager
    def _flock(self, world_id: str, wait: bool) -> Iterator[bool]:
        assert self.directory is not None
        os.makedirs(self.directory, exist_ok=True)
        name = hashlib.sha256(world_id.encode()).hexdigest()[:32]
        fd = os.open(os.path.join(self.directory, name), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
                got = True
            except BlockingIOError:
                got = False
            yield got
        finally:
            os.close(fd)  # closing the descriptor releases the lock


class Lease:
    """A lock named `name` that one holder keeps across calls: `held()` says whether this one
    holds it now, taking it if free (PostgreSQL: advisory lock on a connection kept open; SQLite
    file: `flock` on a descriptor kept open; otherwise: always, one process per database)."""

    def __init__(self, locks: WorldLocks, name: str) -> None:
        self.locks, self.name = locks, name
        self._conn: Connection | None = None
        self._fd: int | None = None

    def held(self) -> bool:
        if self.locks.postgres:
            return self._held_pg()
        if self.locks.directory is not None and fcntl is not None:
            return self._held_flock()
        return True

    def _held_pg(self) -> bool:
        key = _pg_key(f"lease:{self.name}")
        try:
            if self._conn is not None:
                self._conn.execute(text("SELECT 1"))  # a lost connection has lost the lock
                self._conn.commit()
                return True
            conn = self.locks.engine.connect()
            got = bool(conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar())
            conn.commit()
        except DBAPIError:
            self.release()
            return False
        if got:
            self._conn = conn
        else:
            conn.close()
        return got

    def _held_flock(self) -> bool:
        if self._fd is not None:
            return True
        assert self.locks.directory is not None
        os.makedirs(self.locks.directory, exist_ok=True)
        name = "lease-" + hashlib.sha256(self.name.encode()).hexdigest()[:26]
        fd = os.open(os.path.join(self.locks.directory, name), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        """Give the lease up (closing its connection or descriptor releases the lock)."""
        conn, self._conn = self._conn, None
        if conn is not None:  # dropped, not pooled: a pooled one would keep the lock
            try:
                conn.invalidate()
                conn.close()
            except DBAPIError:  # pragma: no cover - the connection was already gone
                pass
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)
