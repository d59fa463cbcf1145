"""Control plane for webhook deliveries: the log, redeliver, duplicate, hold/release, drop next N."""

from __future__ import annotations

from typing import Any

from flask import g, jsonify

from sandbox.kernel import outbox
from sandbox.kernel.errors import BadRequest
from sandbox.web.auth import control_blueprint, number_arg
from sandbox.web.models.control import DeliveryDrop
from sandbox.web_shared.requests import accepts, validated_body
from sandbox.web_shared.waits import held_poll

bp = control_blueprint("webhook_control", __name__, url_prefix="/_sandbox/v1/worlds/<world_id>/webhooks")




@bp.get("/deliveries")
def deliveries(world_id: str) -> Any:
    """Deliveries with id > `after`; `wait` long-polls up to that many seconds (max 60)."""
    after = int(number_arg("after", 0, 2**62))
    g.runtime.world(g.db, world_id)
    rows = held_poll(world_id,
        lambda session: [r.to_dict() for r in outbox.list_deliveries(session, world_id, after)],
        number_arg("wait", 0, 60))
    return jsonify({"deliveries": rows})


@bp.get("/deliveries/<int:delivery_id>")
def delivery(world_id: str, delivery_id: int) -> Any:
    return jsonify(outbox.get_delivery(g.db, world_id, delivery_id).to_dict())


def _after_commit_view(world_id: str, delivery_id: int) -> Any:
    with g.runtime.session() as session:
        return jsonify(outbox.get_delivery(session, world_id, delivery_id).to_dict())


@bp.post("/deliveries/<int:delivery_id>/redeliver")
def redeliver(world_id: str, delivery_id: int) -> Any:
    """Send it again now (the same body, signature and notification id)."""
    now = g.runtime.now(g.db, world_id)
    outbox.redeliver(g.db, world_id, delivery_id, now)
    g.db.commit()
    return _after_commit_view(world_id, delivery_id)


@bp.post("/deliveries/<int:delivery_id>/duplicate")
def duplicate(world_id: str, delivery_id: int) -> Any:
    """Queue a second delivery of the same notification (receivers must deduplicate)."""
    now = g.runtime.now(g.db, world_id)
    copy = outbox.duplicate(g.db, world_id, delivery_id, now)
    g.db.commit()
    return _after_commit_view(world_id, copy.id), 201


@bp.post("/hold")
def hold(world_id: str) -> Any:
    """New deliveries wait (status held) until released."""
    now = g.runtime.now(g.db, world_id)
    outbox.set_hold(g.db, world_id, True, now)
    g.db.commit()
    return jsonify({"held": True})


@bp.post("/release")
def release(world_id: str) -> Any:
    now = g.runtime.now(g.db, world_id)
    released = outbox.set_hold(g.db, world_id, False, now)
    g.db.commit()
    return jsonify({"held": False, "released": released})


@bp.post("/drop")
@accepts(DeliveryDrop)
def drop(world_id: str) -> Any:
    """Lose the next `count` delivery attempts (they are retried on schedule)."""
    count = validated_body(DeliveryDrop).count
    if not 0 <= count <= 1000:
        raise BadRequest("'count' must be a whole number from 0 to 1000.", code="INVALID_FIELD")
    now = g.runtime.now(g.db, world_id)
    outbox.drop_next(g.db, world_id, count, now)
    g.db.commit()
    return jsonify({"drop_next": count})
