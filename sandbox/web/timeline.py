"""Presenter tool of Seller Center: a world's timeline page (requests, events, webhook
deliveries and clock moves in world-time order), operators only, live through static/live.js."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, jsonify, render_template, url_for

from sandbox.diagnostics.timeline import cursor, timeline
from sandbox.web.auth import check_operator, number_arg
from sandbox.web_shared.waits import held_poll

bp = Blueprint("timeline", __name__)
# neither the page nor its poll is logged: each would add a row, and the page refreshes on rows
QUIET = ("timeline.page", "timeline.live")


@bp.get("/worlds/<world_id>/timeline")
def page(world_id: str) -> Any:
    check_operator(g.runtime.settings)
    world = g.runtime.world(g.db, world_id)
    g.runtime.request_log.flush()
    items = timeline(g.db, world_id)
    return render_template("timeline.html", world=world, items=items,
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
