"""Live pages: one long poll of the logged-in user's world event log, read by static/live.js."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from flask import Blueprint, g, jsonify, request

from sandbox.kernel.events import last_seq, list_events
from sandbox.kernel.fields import text_field
from sandbox.web_shared.requests import MAX_STORED_INT
from sandbox.web_shared.waits import held_poll

WAIT_MAX = 30.0  # seconds a page's poll may be held
SCAN = 500  # events read per fetch


class LiveFeed:
    """`GET <prefix>/live/events?after=&wait=&types=` for the world `world_of()` names."""

    def __init__(self, world_of: Callable[[], str | None]) -> None:
        self.world_of = world_of

    def blueprint(self, name: str, import_name: str, url_prefix: str = "") -> Blueprint:
        """The endpoint, plus `live_after()` for every template of the app."""
        bp = Blueprint(name, import_name, url_prefix=url_prefix)
        bp.add_url_rule("/live/events", "events", self.events, methods=["GET"])
        bp.app_context_processor(lambda: {"live_after": self.live_after})
        return bp

    def live_after(self) -> int:
        """The page's cursor: the world's last event seq when the page is rendered (0 if none)."""
        if "live_after" not in g:
            world_id = self.world_of()
            g.live_after = last_seq(g.db, world_id) if world_id else 0
        return g.live_after

    def events(self) -> Any:
        """Only types and subjects of the caller's world's events after `after`; a GET never acts."""
        world_id = self.world_of()
        if world_id is None:
            return _error(401, "LOGIN_REQUIRED", "Log in first: live events are the logged-in "
                                                 "user's world's.")
        try:
            after, wait = int(_number("after", 0)), _number("wait", 0, WAIT_MAX)
        except ValueError as exc:
            return _error(400, "INVALID_PARAMETER", str(exc))
        prefixes = tuple(p for p in (text_field(request.args, "types") or "").split(",") if p)
        cursor = after

        def fetch(session: Any) -> list[Any]:
            nonlocal cursor
            rows = list_events(session, world_id, after=cursor, limit=SCAN)
            if rows:
                cursor = rows[-1].seq
            return [r for r in rows if not prefixes or r.type.startswith(prefixes)]

        found = held_poll(world_id, fetch, wait)  # shares the process's ceiling of held waits
        return jsonify({"events": [{"seq": e.seq, "type": e.type, "subject": e.subject}
                                   for e in found], "last_seq": cursor})


def _number(name: str, default: float, maximum: float = MAX_STORED_INT) -> float:
    raw = text_field(request.args, name)
    if raw in (None, ""):
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"'{name}' must be a number.") from None
    if math.isnan(value) or value < 0:
        raise ValueError(f"'{name}' must be a non-negative number.")
    return min(value, maximum, MAX_STORED_INT)


def _error(status: int, code: str, message: str) -> Any:
    return jsonify({"error": {"code": code, "message": message}}), status
