"""The request log (sandbox extension): one row per request to a world's faces, written in
batches after the answers (`RequestLogWriter`), read by `GET /_sandbox/v1/worlds/{id}/requests`."""

from __future__ import annotations

import logging
import re
import threading
from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import Index, Integer, String, insert, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.sql import Select

from sandbox.kernel.clock import iso
from sandbox.kernel.errors import BadRequest
from sandbox.kernel.models import World
from sandbox.kernel.store import Base, WorldScoped

log = logging.getLogger(__name__)
DROPPED = 0  # the status of a request whose connection a fault dropped (no answer was sent)


class RequestLogEntry(WorldScoped, Base):
    __tablename__ = "request_log"
    __table_args__ = (Index("ix_request_log_world_id_id", "world_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    log_id: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime]  # the world's instant when the request arrived
    face: Mapped[str] = mapped_column(String(20))
    method: Mapped[str] = mapped_column(String(10))
    path: Mapped[str] = mapped_column(String(1000))
    status: Mapped[int] = mapped_column(Integer)
    code: Mapped[str | None] = mapped_column(String(80))
    rule: Mapped[str | None] = mapped_column(String(20))
    fault_id: Mapped[str | None] = mapped_column(String(40))
    key: Mapped[str | None] = mapped_column(String(80))  # the client_key / app_key presented
    # what the refusal said, for explain: its message and details (None when not refused)
    message: Mapped[str | None] = mapped_column(String(2000))
    details: Mapped[dict[str, Any] | None] = mapped_column()


def entry_view(row: Any) -> dict[str, Any]:
    return {"seq": row.id, "log_id": row.log_id, "request_id": row.log_id, "at": iso(row.at),
            "face": row.face, "method": row.method, "path": row.path, "status": row.status,
            "code": row.code, "rule": row.rule, "fault_id": row.fault_id, "key": row.key,
            "message": row.message, "details": row.details}


class RequestLogWriter:
    """Rows wait in memory and reach the database in one INSERT per batch, so a request pays an
    append, not a transaction of its own. A batch goes out `interval` seconds after its first
    row (a thread, so other processes' readers see it), and before every read of the log in
    this process (`flush`). With `interval` 0 (a database that several processes serve) each
    row is written before its answer is sent, so any process finds the row a response names
    (with the rows other threads added meanwhile, in one INSERT). The log is a diagnostic, not
    world state: a crash loses at most the last `interval` of it, and rows of a world deleted
    meanwhile are dropped (deleting a world writes what waits first, so a world re-created with
    its id never inherits them)."""

    MAX_PENDING = 10_000  # rows kept for a retry while the database refuses batches

    def __init__(self, sessions: sessionmaker[Session], interval: float) -> None:
        self.sessions = sessions
        self.interval = interval
        self._pending: list[dict[str, Any]] = []
        self._lock = threading.Lock()  # guards _pending and _thread
        self._writing = threading.Lock()  # one batch at a time, so ids keep arrival order
        self._has_rows = threading.Event()
        self._closed = threading.Event()
        self._thread: threading.Thread | None = None

    def add(self, values: dict[str, Any]) -> None:
        with self._lock:
            self._pending.append(values)
            now = self._closed.is_set() or self.interval <= 0
            if self._thread is None and not now:
                self._thread = threading.Thread(target=self._run, daemon=True,
                                                name="sandbox-request-log")
                self._thread.start()
        if now:  # written through, or finished while the runtime closed: no thread to wait for
            self.flush()
        else:
            self._has_rows.set()

    def flush(self) -> int:
        """Write what waits now; returns the rows written."""
        with self._writing:
            with self._lock:
                rows, self._pending = self._pending, []
            if not rows:
                return 0
            try:
                return self._insert(rows)
            except IntegrityError:  # a world was deleted meanwhile: keep the others' rows
                return self._insert_per_world(rows)
            except SQLAlchemyError as exc:  # the database refused for now: retry next batch
                with self._lock:
                    self._pending[:0] = rows
                    dropped = max(0, len(self._pending) - self.MAX_PENDING)
                    del self._pending[:dropped]
                    waiting = len(self._pending)
                self._has_rows.set()  # the thread tries again after its interval
                log.warning("request log: a batch failed (%s); %d rows wait for a retry, "
                            "%d oldest dropped", exc, waiting, dropped)
                return 0

    def _insert_per_world(self, rows: list[dict[str, Any]]) -> int:
        by_world: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            by_world[row["world_id"]].append(row)
        written = 0
        for world_id, world_rows in by_world.items():
            try:
                written += self._insert(world_rows)
            except SQLAlchemyError:
                log.info("request log: %d rows of deleted world %s dropped", len(world_rows),
                         world_id)
        return written

    def _insert(self, rows: list[dict[str, Any]]) -> int:
        """Insert the rows of worlds that still exist, their rows locked against a deletion
        meanwhile (FOR KEY SHARE; SQLite has one writer): a batch never fails on a deleted
        world's foreign key, which on PostgreSQL also aborts psycopg's pipeline and logs
        "error ignored terminating <psycopg.Pipeline [INERROR]>"."""
        with self.sessions() as session:
            worlds = {row["world_id"] for row in rows}
            live = set(session.scalars(select(World.id).where(World.id.in_(worlds))
                                       .with_for_update(key_share=True)))
            kept = [row for row in rows if row["world_id"] in live]
            if kept:
                session.execute(insert(RequestLogEntry), kept)
            session.commit()
        if len(kept) < len(rows):
            log.info("request log: %d rows of deleted worlds dropped", len(rows) - len(kept))
        return len(kept)

    def _run(self) -> None:
        while not self._closed.is_set():
            self._has_rows.wait()
            self._closed.wait(self.interval)  # gather a batch (close cuts it short)
            self._has_rows.clear()
            try:
                self.flush()
            except Exception:  # the writer must outlive one bad batch; the error is logged
                log.exception("request log batch failed")

    def close(self) -> None:
        """Stop the thread and write what waits (call before the store is disposed)."""
        self._closed.set()
        self._has_rows.set()
        with self._lock:
            thread = self._thread
        if thread is not None:
            thread.join(timeout=10)
        self.flush()


_STATUS = re.compile(r"^(?:[1-5]\d\d|[1-5]xx|0|error)$")


def status_filter(raw: str | None) -> str | None:
    """`401` (exact), `4xx` (a class), `error` (any refusal, HTTP 200 ones included) or `0`
    (dropped); anything else is a 400."""
    if raw in (None, ""):
        return None
    if not _STATUS.match(raw):
        raise BadRequest("'status' is a status (401), a class (4xx), 'error' (any refusal, "
                         "also those answered with HTTP 200) or 0 (dropped connections).",
                         code="INVALID_PARAMETER", details={"parameter": "status"})
    return raw


def list_entries(session: Session, world_id: str, after: int = 0, status: str | None = None,
                 limit: int = 500) -> list[RequestLogEntry]:
    q: Select[Any] = select(RequestLogEntry).where(RequestLogEntry.world_id == world_id,
                                                   RequestLogEntry.id > after)
    if status == "error":
        q = q.where(RequestLogEntry.code.is_not(None))
    elif status and status.endswith("xx"):
        low = int(status[0]) * 100
        q = q.where(RequestLogEntry.status >= low, RequestLogEntry.status < low + 100)
    elif status:
        q = q.where(RequestLogEntry.status == int(status))
    return list(session.scalars(q.order_by(RequestLogEntry.id).limit(limit)))
