"""A world's timeline (sandbox extension): its requests, events, webhook deliveries and clock
moves in world-time order, for the operator's timeline page."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.diagnostics.explain import move_view
from sandbox.kernel.clock import iso
from sandbox.kernel.models import Event
from sandbox.kernel.outbox import WebhookDelivery
from sandbox.kernel.request_log import DROPPED, RequestLogEntry

LIMIT = 300  # newest rows of each kind shown


def _requests(session: Session, world_id: str) -> list[dict[str, Any]]:
    rows = session.scalars(select(RequestLogEntry).where(RequestLogEntry.world_id == world_id)
                           .order_by(RequestLogEntry.id.desc()).limit(LIMIT))
    return [{"kind": "request", "at": r.at, "order": (1, r.id), "log_id": r.log_id,
             "title": f"{r.method} {r.path}", "face": r.face,
             "status": "dropped" if r.status == DROPPED else r.status, "code": r.code,
             "rule": r.rule, "fault_id": r.fault_id, "refused": r.code is not None,
             "hint": (r.details or {}).get("likely_mistake")}
            for r in rows]


def _events(session: Session, world_id: str) -> list[dict[str, Any]]:
    rows = session.scalars(select(Event).where(Event.world_id == world_id)
                           .order_by(Event.seq.desc()).limit(LIMIT))
    items = []
    for e in rows:
        item: dict[str, Any] = {"kind": "clock" if e.type == "clock.changed" else "event",
                                "at": e.at, "order": (0, e.seq), "title": e.type,
                                "subject": e.subject, "seq": e.seq}
        if e.type == "clock.changed":
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


def timeline(session: Session, world_id: str) -> list[dict[str, Any]]:
    """Every item in world-time order (ties: events, then requests, then deliveries)."""
    items = _events(session, world_id) + _requests(session, world_id) + _webhooks(
        session, world_id)
    items.sort(key=lambda i: (i["at"], i["order"]))
    for item in items:
        item["at"] = iso(item.pop("at"))
        item.pop("order")
    return items


def cursor(session: Session, world_id: str) -> int:
    """Grows with every new event or request-log row of the world (the live page's cursor)."""
    events = session.scalar(select(func.max(Event.seq)).where(Event.world_id == world_id))
    rows = session.scalar(select(func.max(RequestLogEntry.id))
                          .where(RequestLogEntry.world_id == world_id))
    return (events or 0) + (rows or 0)
