"""Control plane for webhook deliveries: the log, redeliver, duplicate, hold/release, drop next
N, and trigger (send one of a type now, about a real object of the world)."""

from __future__ import annotations

import json
from typing import Any

from flask import g, jsonify

from fake_tiktok_app.services.login_kit_trigger import trigger_removed
from sandbox.domain import webhook_types
from sandbox.kernel import outbox
from sandbox.kernel.errors import BadRequest
from sandbox.services import products, webhook_trigger
from sandbox.web.auth import control_blueprint, number_arg, seller_center
from sandbox.web.control.trigger_fixtures import AppFixtures
from sandbox.web.models.control import DeliveryDrop, WebhookTrigger
from sandbox.web_shared.requests import accepts, validated_body
from sandbox.web_shared.waits import held_poll

bp = control_blueprint("webhook_control", __name__, url_prefix="/_sandbox/v1/worlds/<world_id>/webhooks")


@bp.post("/trigger")
@accepts(WebhookTrigger)
def trigger(world_id: str) -> Any:
    """Send one webhook of `type` now to the apps registered for it, about a real object of
    the world (made first when missing); queued, signed and retried as real ones."""
    body = validated_body(WebhookTrigger)
    kind = webhook_types.for_shop(webhook_types.resolve(body.type), body.shop_id)
    now = g.runtime.now(g.db, world_id)
    if kind.face == webhook_types.LOGIN_KIT:
        done = trigger_removed(g.db, world_id, now, body.app_key)
    else:
        done = webhook_trigger.trigger(g.db, world_id, now, kind, shop_id=body.shop_id,
                                       app_key=body.app_key, fixtures=AppFixtures())
    ids = [row.id for row in done.deliveries]
    g.db.commit()  # the deliveries go out now, outside the transaction
    for made in done.created:
        if made["kind"] == "product":  # Seller Center pushes its catalogue to the app
            products.sync_catalogue(seller_center(), world_id, made["shop_id"])
    with g.runtime.session() as session:
        rows = [outbox.get_delivery(session, world_id, i).to_dict() for i in ids]
    return jsonify({"type": kind.key, "name": kind.name, "face": kind.face,
                    "shop_id": done.shop_id, "about": done.about, "created": done.created,
                    "deliveries": rows,
                    "payload": json.loads(rows[0]["body"]) if rows else None}), 201



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
