"""Control plane for orders (S1-S4): buy as an account would, list and follow a world's orders,
move one to any later status, play the carrier, and act for a buyer."""

from __future__ import annotations

from typing import Any

from flask import g, jsonify, request

from sandbox.kernel.fields import text_field
from sandbox.services import order_actions, order_desk
from sandbox.services.order_views import OrderFilter, changed_since, page, views
from sandbox.services.orders import Buyer, Via, get_order
from sandbox.services.seller_center import credentials
from sandbox.web.auth import control_blueprint, number_arg, seller_center
from sandbox.web.models.orders import (
    CarrierEvent,
    OrderCreate,
    OrderReason,
    ReturnRequest,
    Shipment,
    ShippingAddress,
    Transition,
)
from sandbox.web_shared.requests import accepts, validated_body
from sandbox.web_shared.waits import held_poll

bp = control_blueprint("control_orders", __name__, url_prefix="/_sandbox/v1")


def app_facts(world_id: str, buyer: str, via: Any, product_ids: list[str]) -> dict[str, Any]:
    """Ask the app who the buyer is and whether the surface shows the products (S1)."""
    client = credentials(g.db, world_id)
    g.db.commit()  # nothing is held while the app answers
    return seller_center().tiktok.first_party(*client, "/purchases/check", {
        "buyer": buyer, "via_open_id": via.open_id if via else None,
        "channel": via.channel if via else "PRODUCT_PAGE", "product_ids": product_ids})


@bp.post("/worlds/<world_id>/orders")
@accepts(OrderCreate)
def create_order(world_id: str) -> Any:
    g.runtime.world(g.db, world_id)
    body = validated_body(OrderCreate)
    facts = app_facts(world_id, body.buyer, body.via, [i.product_id for i in body.items])
    buyer = facts["buyer"]
    via = Via(open_id=body.via.open_id if body.via else None,
              channel=body.via.channel if body.via else "PRODUCT_PAGE",
              affiliate=facts["via"]["affiliate"], username=facts["via"].get("username", ""))
    payment = buyer["payment"] if body.paid else "unpaid"
    placed = order_desk.place(
        g.db, world_id, Buyer(buyer["open_id"], buyer["name"], buyer["address"]),
        order_desk.items_of(body.items), via, g.runtime.now(g.db, world_id), payment=payment,
        address=body.address.model_dump(exclude_none=True) if body.address else None,
        message=body.message, count=body.count)
    if body.count == 1:
        return jsonify(placed[0]), 201
    return jsonify({"orders": placed, "count": len(placed)}), 201


def _filter() -> OrderFilter:
    return OrderFilter(status=text_field(request.args, "status"),
                       shop_id=text_field(request.args, "shop_id"),
                       buyer=text_field(request.args, "buyer"), via=text_field(request.args, "via"))


@bp.get("/worlds/<world_id>/orders")
def list_orders(world_id: str) -> Any:
    """Newest first in pages; with `after` (an event seq), the orders changed since, waiting
    up to `wait` seconds (max 60) for the first change."""
    g.runtime.world(g.db, world_id)
    wanted = _filter()
    if text_field(request.args, "after") is None:
        size = int(number_arg("page_size", 50, 100)) or 50
        rows, token = page(g.db, world_id, wanted, size, text_field(request.args, "page_token")
                           or "")
        return jsonify({"orders": views(g.db, rows), "next_page_token": token})
    after = int(number_arg("after", 0, 2**62))
    wait = number_arg("wait", 0, 60)
    cursor = {"seq": after}

    def fetch(session: Any) -> list[Any]:
        rows, cursor["seq"] = changed_since(session, world_id, after, wanted)
        return views(session, rows)

    found = held_poll(world_id, fetch, wait)
    return jsonify({"orders": found, "after": cursor["seq"]})


@bp.get("/worlds/<world_id>/orders/<order_id>")
def get_one(world_id: str, order_id: str) -> Any:
    g.runtime.world(g.db, world_id)
    return jsonify(order_desk.view(g.db, world_id, order_id))


@bp.post("/worlds/<world_id>/orders/<order_id>/transition")
@accepts(Transition)
def transition(world_id: str, order_id: str) -> Any:
    g.runtime.world(g.db, world_id)
    body, now = validated_body(Transition), g.runtime.now(g.db, world_id)
    steps: list[str] = []

    def do(order: Any) -> None:
        steps.extend(order_actions.transition(g.db, order, body.to, now, body.reason))

    view = order_desk.act(g.db, world_id, order_id, do)
    return jsonify({**view, "steps": steps})


@bp.post("/worlds/<world_id>/orders/<order_id>/carrier")
@accepts(CarrierEvent)
def carrier(world_id: str, order_id: str) -> Any:
    g.runtime.world(g.db, world_id)
    body, now = validated_body(CarrierEvent), g.runtime.now(g.db, world_id)
    return jsonify(order_desk.act(g.db, world_id, order_id,
                                  lambda o: order_actions.carrier(g.db, o, body.event, now)))


@bp.post("/worlds/<world_id>/orders/<order_id>/ship")
@accepts(Shipment)
def ship(world_id: str, order_id: str) -> Any:
    """As the seller: ship the order's package (provider and tracking number, or the
    sandbox's carrier and a generated one)."""
    g.runtime.world(g.db, world_id)
    body, now = validated_body(Shipment), g.runtime.now(g.db, world_id)
    return jsonify(order_desk.act(g.db, world_id, order_id, lambda o: order_actions.ship(
        g.db, o, now, provider=body.provider, tracking=body.tracking)))


def _buyer_of(world_id: str, order_id: str) -> str:
    return get_order(g.db, world_id, order_id).buyer_open_id


@bp.post("/worlds/<world_id>/orders/<order_id>/cancel")
@accepts(OrderReason)
def buyer_cancel(world_id: str, order_id: str) -> Any:
    """As the buyer: cancel (UNPAID, ON_HOLD) or ask to (AWAITING_SHIPMENT)."""
    g.runtime.world(g.db, world_id)
    body = validated_body(OrderReason)
    return jsonify(order_desk.buyer_action(g.db, world_id, order_id, _buyer_of(world_id, order_id),
                                           "cancel", g.runtime.now(g.db, world_id),
                                           reason=body.reason))


@bp.post("/worlds/<world_id>/orders/<order_id>/return")
@accepts(ReturnRequest)
def buyer_return(world_id: str, order_id: str) -> Any:
    g.runtime.world(g.db, world_id)
    body = validated_body(ReturnRequest)
    return jsonify(order_desk.buyer_action(g.db, world_id, order_id, _buyer_of(world_id, order_id),
                                           "return", g.runtime.now(g.db, world_id),
                                           reason=body.reason, kind=body.type))


@bp.post("/worlds/<world_id>/orders/<order_id>/receipt")
def buyer_receipt(world_id: str, order_id: str) -> Any:
    g.runtime.world(g.db, world_id)
    return jsonify(order_desk.buyer_action(g.db, world_id, order_id, _buyer_of(world_id, order_id),
                                           "receipt", g.runtime.now(g.db, world_id)))


@bp.post("/worlds/<world_id>/orders/<order_id>/address")
@accepts(ShippingAddress)
def buyer_address(world_id: str, order_id: str) -> Any:
    """As the buyer: change the address until the order is shipped (webhook 3)."""
    g.runtime.world(g.db, world_id)
    address = validated_body(ShippingAddress).model_dump(exclude_none=True)
    return jsonify(order_desk.buyer_action(g.db, world_id, order_id, _buyer_of(world_id, order_id),
                                           "address", g.runtime.now(g.db, world_id),
                                           address=address))
