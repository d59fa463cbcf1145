"""The request log (sandbox extension): one row per request to a world's faces, written with
one INSERT after the answer, read by `GET /_sandbox/v1/worlds/{id}/requests`."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sqlalchemy import Index, Integer, String, insert, select
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.sql import Select

from sandbox.kernel.clock import iso
from sandbox.kernel.errors import BadRequest
from sandbox.kernel.store import Base, WorldScoped

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
            "code": row.code, "rule": row.rule, "fault_id": row.fault_id, "key": row.key}


def record(session: Session, values: dict[str, Any]) -> None:
    """The one INSERT (the caller commits)."""
    session.execute(insert(RequestLogEntry), values)


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
