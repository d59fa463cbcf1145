"""A world's timeline (sandbox extension): its requests, events, webhook deliveries and clock
moves, newest first, for the operator's timeline page."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.diagnostics.explain import move_view
from sandbox.kernel.clock import as_utc, iso
from sandbox.kernel.models import Event
from sandbox.kernel.outbox import WebhookDelivery
from sandbox.kernel.request_log import DROPPED, RequestLogEntry

LIMIT = 300  # newest rows of each kind read
KINDS = ("request", "event", "webhook", "clock")
CLOCK = "clock.changed"


def _requests(session: Session, world_id: str, refused: bool) -> list[dict[str, Any]]:
    query = select(RequestLogEntry).where(RequestLogEntry.world_id == world_id)
    if refused:
        query = query.where(RequestLogEntry.code.is_not(None))
    rows = session.scalars(query.order_by(RequestLogEntry.id.desc()).limit(LIMIT))
    return [{"kind": "request", "at": r.at, "order": (1, r.id), "log_id": r.log_id,
             "title": f"{r.method} {r.path}", "face": r.face,
             "status": "dropped" if r.status == DROPPED else r.status, "code": r.code,
             "rule": r.rule, "fault_id": r.fault_id, "refused": r.code is not None,
             "hint": (r.details or {}).get("likely_mistake")}
            for r in rows]


def _events(session: Session, world_id: str, clock: bool) -> list[dict[str, Any]]:
    """Events other than clock moves (clock=False), or only the clock moves (clock=True)."""
    kind = Event.type == CLOCK if clock else Event.type != CLOCK
    rows = session.scalars(select(Event).where(Event.world_id == world_id, kind)
                           .order_by(Event.seq.desc()).limit(LIMIT))
    items = []
    for e in rows:
        item: dict[str, Any] = {"kind": "clock" if clock else "event", "at": e.at,
                                "order": (0, e.seq), "title": e.type, "subject": e.subject,
                                "seq": e.seq}
        if clock:
            move = move_view(e)
            item["title"] = (f"clock advanced by {move['advanced_by']} to {move['to']}"
                             if move.get("advanced_by") else
                             f"clock {'frozen' if move.get('frozen') else 'unfrozen'}")
            item["jobs_fired"] = move.get("jobs_fired")
        items.append(item)
    return items


def _webhooks(session: Session, world_id: str) -> list[dict[str, Any]]:
    rows = session.scalars(select(WebhookDelivery).where(WebhookDelivery.world_id == world_id)
                           .order_by(WebhookDelivery.id.desc()).limit(LIMIT))
    return [{"kind": "webhook", "at": d.created_at, "order": (2, d.id),
             "title": f"{d.event} → {d.url}", "status": d.status, "attempts": d.attempts,
             "source": d.source} for d in rows]


def world_start(session: Session, world_id: str) -> datetime | None:
    """The world's start in world time: its `world.created` event (else its first event)."""
    at = session.scalar(select(Event.at).where(Event.world_id == world_id,
                                               Event.type == "world.created")
                        .order_by(Event.seq).limit(1))
    if at is None:
        at = session.scalar(select(func.min(Event.at)).where(Event.world_id == world_id))
    return as_utc(at) if at is not None else None


def readable(at: datetime) -> str:
    """E.g. '2026-03-01 09:00:00 UTC'."""
    return f"{as_utc(at):%Y-%m-%d %H:%M:%S} UTC"


def since(at: datetime, start: datetime | None) -> str:
    """World time elapsed from `start`, its two largest units: '+2 d 3 h', '+5 min 2 s', '+0 s'."""
    if start is None:
        return ""
    delta = as_utc(at) - start
    sign = "-" if delta < timedelta(0) else "+"
    seconds = int(abs(delta).total_seconds())
    parts = [(seconds // 86400, "d"), (seconds % 86400 // 3600, "h"),
             (seconds % 3600 // 60, "min"), (seconds % 60, "s")]
    first = next((i for i, (n, _) in enumerate(parts) if n), len(parts) - 1)
    shown = [f"{n} {unit}" for n, unit in parts[first:first + 2] if n] or ["0 s"]
    return sign + " ".join(shown)


def timeline(session: Session, world_id: str, kinds: Collection[str] = KINDS,
             refused: bool = False) -> dict[str, Any]:
    """The world's items of `kinds` (only refused requests if `refused`), newest first (ties:
    deliveries, then requests, then events), each with its readable world time and the time
    since the world's start; `truncated` when older items were left out (a kind hit LIMIT)."""
    if refused:
        kinds = ("request",)
    read = {"request": lambda: _requests(session, world_id, refused),
            "event": lambda: _events(session, world_id, clock=False),
            "clock": lambda: _events(session, world_id, clock=True),
            "webhook": lambda: _webhooks(session, world_id)}
    items: list[dict[str, Any]] = []
    oldest_complete = None  # items before the oldest row of a full kind would be missing rows
    for kind in KINDS:
        if kind in kinds:
            rows = read[kind]()
            items += rows
            if len(rows) >= LIMIT:
                edge = min((r["at"], r["order"]) for r in rows)
                oldest_complete = max(oldest_complete or edge, edge)
    items.sort(key=lambda i: (i["at"], i["order"]), reverse=True)
    truncated = oldest_complete is not None
    if oldest_complete is not None:
        items = [i for i in items if (i["at"], i["order"]) >= oldest_complete]
    start = world_start(session, world_id)
    for item in items:
        at = item.pop("at")
        item.update(at=iso(at), when=readable(at), since=since(at, start))
        item.pop("order")
    return {"items": items, "truncated": truncated, "start": start}


def cursor(session: Session, world_id: str) -> int:
    """Grows with every new event or request-log row of the world (the live page's cursor)."""
    events = session.scalar(select(func.max(Event.seq)).where(Event.world_id == world_id))
    rows = session.scalar(select(func.max(RequestLogEntry.id))
                          .where(RequestLogEntry.world_id == world_id))
    return (events or 0) + (rows or 0)
