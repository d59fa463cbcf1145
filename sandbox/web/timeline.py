"""Presenter tool of Seller Center: a world's timeline page (requests, events, webhook
deliveries and clock moves, newest first, filterable by kind), operators only, live through
static/live.js."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, jsonify, render_template, request, url_for

from sandbox.diagnostics.timeline import KINDS, LIMIT, cursor, readable, since, timeline
from sandbox.kernel.clock import wall_now
from sandbox.kernel.errors import BadRequest
from sandbox.web.auth import check_operator, number_arg
from sandbox.web_shared.waits import held_poll

bp = Blueprint("timeline", __name__)
# neither the page nor its poll is logged: each would add a row, and the page refreshes on rows
QUIET = ("timeline.page", "timeline.live")
FILTERS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("All", {}), ("Requests", {"kind": "request"}), ("Events", {"kind": "event"}),
    ("Webhooks", {"kind": "webhook"}), ("Clock", {"kind": "clock"}),
    ("Refused only", {"refused": "1"}))


def _filter() -> tuple[tuple[str, ...], bool]:
    """`?kind=` (repeatable: request, event, webhook, clock) and `?refused=1`; none: all."""
    kinds = tuple(request.args.getlist("kind"))
    if unknown := [k for k in kinds if k not in KINDS]:
        raise BadRequest(f"Unknown kind {unknown[0]!r}; kinds: {', '.join(KINDS)}.",
                         code="INVALID_PARAMETER")
    refused = request.args.get("refused", "") not in ("", "0")
    return kinds or KINDS, refused


@bp.get("/worlds/<world_id>/timeline")
def page(world_id: str) -> Any:
    check_operator(g.runtime.settings)
    kinds, refused = _filter()
    world = g.runtime.world(g.db, world_id)
    g.runtime.request_log.flush()
    found = timeline(g.db, world_id, kinds, refused)
    items = found["items"]
    now = world.clock.now(wall_now())
    current = ({"refused": "1"} if refused else
               {} if set(kinds) == set(KINDS) else {"kind": kinds[0]} if len(kinds) == 1 else None)
    filters = [{"label": label, "args": args, "current": args == current,
                "url": url_for("timeline.page", world_id=world_id, **args)}
               for label, args in FILTERS]
    return render_template("timeline.html", world=world, items=items, filters=filters,
                           filtered=current != {}, limit=LIMIT,
                           truncated=found["truncated"], now=readable(now),
                           start=found["start"] and readable(found["start"]),
                           now_since=since(now, found["start"]),
                           cursor=cursor(g.db, world_id),
                           live_url=url_for("timeline.live", world_id=world_id),
                           refusals=sum(1 for i in items if i.get("refused")))


@bp.get("/worlds/<world_id>/timeline/live")
def live(world_id: str) -> Any:
    """live.js's poll: `{events: [...], last_seq}` once the world has a new event or request."""
    check_operator(g.runtime.settings)
    after = int(number_arg("after", 0, 2**62))
    wait = number_arg("wait", 0, 30)
    g.runtime.world(g.db, world_id)
    last, runtime = [after], g.runtime

    def fetch(session: Any) -> list[dict[str, Any]]:
        runtime.request_log.flush()
        now = cursor(session, world_id)
        last[0] = max(now, after)
        return [{"seq": now, "type": "timeline", "subject": world_id}] if now > after else []

    found = held_poll(world_id, fetch, wait)
    return jsonify({"events": found, "last_seq": last[0]})
