"""The seller's actor API for the shop's orders (Seller Center → Orders): list and follow,
ship, cancel, answer the buyer's cancellation and return requests (S3), and the affiliate
orders with their commission (S2)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, jsonify, request

from sandbox.kernel.fields import text_field
from sandbox.services import order_actions, order_desk, order_reports
from sandbox.services.order_views import OrderFilter, changed_since, page, views
from sandbox.web.auth import api_seller, number_arg
from sandbox.web.models.orders import OrderReason, Shipment
from sandbox.web_shared.requests import accepts, validated_body
from sandbox.web_shared.waits import held_poll

bp = Blueprint("seller_orders_api", __name__, url_prefix="/api/v1")


@bp.get("/orders")
def list_orders() -> Any:
    """Newest first (`status`, `buyer`, `via`, `page_size`, `page_token`); with `after` (an
    event seq) the orders changed since, waiting up to `wait` seconds for the first."""
    seller = api_seller()
    wanted = OrderFilter(status=text_field(request.args, "status"), shop_id=seller.shop_id,
                         buyer=text_field(request.args, "buyer"),
                         via=text_field(request.args, "via"))
    if text_field(request.args, "after") is None:
        rows, token = page(g.db, seller.world_id, wanted,
                           int(number_arg("page_size", 50, 100)) or 50,
                           text_field(request.args, "page_token") or "")
        return jsonify({"orders": views(g.db, rows), "next_page_token": token})
    after, wait = int(number_arg("after", 0, 2**62)), number_arg("wait", 0, 60)
    cursor, world_id = {"seq": after}, seller.world_id

    def fetch(session: Any) -> list[Any]:
        rows, cursor["seq"] = changed_since(session, world_id, after, wanted)
        return views(session, rows)

    found = held_poll(world_id, fetch, wait)
    return jsonify({"orders": found, "after": cursor["seq"]})


def _act(order_id: str, do: Any) -> Any:
    seller = api_seller()
    return jsonify(order_desk.act(g.db, seller.world_id, order_id, do, shop_id=seller.shop_id))


@bp.get("/orders/<order_id>")
def get_order(order_id: str) -> Any:
    seller = api_seller()
    return jsonify(order_desk.view(g.db, seller.world_id, order_id, shop_id=seller.shop_id))


@bp.post("/orders/<order_id>/ship")
@accepts(Shipment)
def ship(order_id: str) -> Any:
    """Ship the order's package (AWAITING_SHIPMENT → AWAITING_COLLECTION)."""
    now = g.runtime.now(g.db, api_seller().world_id)
    body = validated_body(Shipment)
    return _act(order_id, lambda o: order_actions.ship(g.db, o, now, provider=body.provider,
                                                       tracking=body.tracking))


@bp.post("/orders/<order_id>/cancel")
@accepts(OrderReason)
def cancel(order_id: str) -> Any:
    """The seller cancels (ON_HOLD, AWAITING_SHIPMENT, AWAITING_COLLECTION; UNPAID too)."""
    now = g.runtime.now(g.db, api_seller().world_id)
    body = validated_body(OrderReason)
    return _act(order_id, lambda o: order_actions.seller_cancel(g.db, o, now, body.reason))


def _answer(order_id: str, approve: bool) -> Any:
    now = g.runtime.now(g.db, api_seller().world_id)
    body = validated_body(OrderReason)
    return _act(order_id, lambda o: order_actions.answer_request(
        g.db, o, approve, now, reason=body.reason))


@bp.post("/orders/<order_id>/request/approve")
@accepts(OrderReason)
def approve_request(order_id: str) -> Any:
    """Approve the buyer's open request: cancel the order, or refund it (S3)."""
    return _answer(order_id, True)


@bp.post("/orders/<order_id>/request/reject")
@accepts(OrderReason)
def reject_request(order_id: str) -> Any:
    """Reject the buyer's open cancellation or return request (S3)."""
    return _answer(order_id, False)


@bp.get("/affiliate/orders")
def affiliate_orders() -> Any:
    """Affiliate → orders: the shop's orders sold by affiliate creators, per creator, with
    their commission pending, payable and reversed (S2)."""
    seller = api_seller()
    return jsonify(order_reports.affiliate_orders(g.db, seller.world_id, seller.shop_id))
