"""Explain a logged refusal in words (sandbox extension): its rule, its own message and details,
the fault that answered it, and the clock moves and events of the world before it.

One generic explainer covers every code; `Explainer`s registered per code (services add the
ones that need more state: tokens, links) add sentences and state on top of it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.diagnostics.faults import Fault, fault_view
from sandbox.kernel.clock import iso, parse_instant
from sandbox.kernel.errors import BadRequest, NotFound
from sandbox.kernel.models import Event
from sandbox.kernel.request_log import DROPPED, RequestLogEntry, entry_view
from sandbox.kernel.world_config import rules_for
from sandbox.rules.registry import BY_ID

RECENT = 8  # events before the request named in the state


@dataclass
class Context:
    """What an explainer may read: the row, its world's history up to it, and a session."""

    session: Session
    row: RequestLogEntry
    events: list[Event]  # the world's events at or before the request, oldest first
    fault: Fault | None
    sentences: list[str] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)

    def clock_moves(self) -> list[Event]:
        return [e for e in self.events if e.type == "clock.changed"]


Explainer = Callable[[Context], None]  # appends to ctx.sentences / ctx.state


def span(delta: timedelta) -> str:
    """E.g. '7 days', '2 hours 5 minutes', '30 seconds'."""
    seconds = int(abs(delta.total_seconds()))
    parts = []
    for name, size in (("day", 86400), ("hour", 3600), ("minute", 60), ("second", 1)):
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(f"{count} {name}{'s' if count != 1 else ''}")
    return " ".join(parts[:2]) or "0 seconds"


def move_view(event: Event) -> dict[str, Any]:
    data = event.data or {}
    view = {"seq": event.seq, "at": iso(event.at), "from": data.get("from"),
            "to": data.get("to"), "frozen": data.get("frozen"),
            "jobs_fired": data.get("jobs_fired", 0)}
    try:
        moved = parse_instant(data["to"]) - parse_instant(data["from"])
    except (KeyError, TypeError, ValueError, BadRequest):
        return view
    view["advanced_by"] = span(moved) if moved else None
    return view


def move_sentence(move: dict[str, Any]) -> str:
    if move.get("advanced_by"):
        return f"the clock was advanced by {move['advanced_by']} at {move['from']} (to {move['to']})"
    return f"the clock was {'frozen' if move.get('frozen') else 'unfrozen'} at {move['at']}"


def find_row(session: Session, world_id: str, log_id: str | None) -> RequestLogEntry:
    if not log_id:
        raise BadRequest("Give ?log_id= (a request's log id, from /requests or the answer's "
                         "X-Tt-Logid header).", code="INVALID_PARAMETER",
                         details={"parameter": "log_id"})
    row = session.scalars(select(RequestLogEntry).where(
        RequestLogEntry.world_id == world_id, RequestLogEntry.log_id == log_id[:64])
        .order_by(RequestLogEntry.id.desc()).limit(1)).first()
    if row is None:
        raise NotFound(f"No request with log id {log_id!r} in this world's request log.",
                       code="LOG_ENTRY_NOT_FOUND")
    return row


def _history(session: Session, world_id: str, at: datetime) -> list[Event]:
    return list(session.scalars(select(Event).where(Event.world_id == world_id, Event.at <= at)
                                .order_by(Event.seq.desc()).limit(500)))[::-1]


def _details_sentence(details: Mapping[str, Any]) -> str:
    return "Details: " + "; ".join(f"{k} = {v}" for k, v in details.items()) + "."


def rule_text(session: Session, world_id: str, rule: str | None) -> str | None:
    """The rule's text (sandbox.rules) with the world's current numbers in it."""
    return rules_for(session, world_id).text(rule) if rule in BY_ID else None


def generic(ctx: Context) -> None:
    row, rule = ctx.row, ctx.row.rule
    what = f"{row.method} {row.path} ({row.face} face) at {iso(row.at)}"
    if row.status == DROPPED:
        ctx.sentences.append(f"{what} got no answer: its connection was dropped.")
    else:
        ctx.sentences.append(f"{what} was refused with HTTP {row.status} and code {row.code}.")
    if rule:
        text = rule_text(ctx.session, row.world_id, rule) or "(not in RULES.md)"
        ctx.sentences.append(f"Rule {rule}: {text}")
    if row.message:
        ctx.sentences.append(f"The refusal said: {row.message}")
    if row.details:
        ctx.sentences.append(_details_sentence(row.details))
    if ctx.fault is not None:
        ctx.sentences.append(f"It was answered by fault rule {ctx.fault.id} (effect "
                             f"{ctx.fault.effect}, match {ctx.fault.match}), not by the "
                             "sandbox's own checks: delete the fault to get the real answer.")
    elif row.fault_id:
        ctx.sentences.append(f"It was answered by fault rule {row.fault_id}, since deleted.")
    moves = [move_view(e) for e in ctx.clock_moves()]
    if moves:
        ctx.sentences.append("Before it, " + "; ".join(move_sentence(m) for m in moves[-3:])
                             + (f" ({len(moves)} clock moves in all)." if len(moves) > 3 else "."))


def explain(session: Session, world_id: str, row: RequestLogEntry,
            specific: Mapping[str, Explainer]) -> dict[str, Any]:
    """`{log_id, status, code, rule, rule_text, explanation, state, clock, …}` of a log row."""
    events = _history(session, world_id, row.at)
    fault = session.get(Fault, row.fault_id) if row.fault_id else None
    ctx = Context(session, row, events, fault if fault and fault.world_id == world_id else None)
    view = entry_view(row)
    if row.code is None and row.status != DROPPED:
        ctx.sentences.append(f"{row.method} {row.path} was not refused: it was answered with "
                             f"HTTP {row.status}.")
    else:
        generic(ctx)
        if ctx.fault is None and row.code in specific:
            specific[row.code](ctx)
        elif ctx.fault is None and f"@{row.rule}" in specific:
            specific[f"@{row.rule}"](ctx)
    recent = [e.to_dict() for e in events if e.type != "clock.changed"][-RECENT:]
    state = {"message": row.message, "details": row.details or {},
             "fault": fault_view(ctx.fault) if ctx.fault else None, "key": row.key,
             "recent_events": recent, **ctx.state}
    return {**view, "rule_text": rule_text(session, world_id, row.rule),
            "explanation": " ".join(ctx.sentences),
            "sentences": ctx.sentences, "state": state,
            "clock": [move_view(e) for e in ctx.clock_moves()]}
