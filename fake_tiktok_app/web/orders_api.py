"""The buyer's and the creator's shopping on the app's actor API (/app/api/v1): buy, my
orders, cancel, return, confirm receipt, pay again, and a creator's commission (S1-S4).
TikTok Shop keeps the orders; these calls reach it through the app's shop client."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from flask import Blueprint, current_app, g, jsonify, request

from fake_tiktok_app.services import purchases
from fake_tiktok_app.services.shop_client import ShopClient
from fake_tiktok_app.web.session import api_account
from sandbox.kernel.errors import NotFound
from sandbox.kernel.fields import text_field
from sandbox.web_shared.purchase_models import (
    OrderReason,
    Purchase,
    ReturnRequest,
    ShippingAddress,
)
from sandbox.web_shared.requests import accepts, validated_body

bp = Blueprint("buyer_orders_api", __name__, url_prefix="/app/api/v1")


def _on_order(account: Any, method: str, order_id: str, suffix: str = "",
              body: dict[str, Any] | None = None) -> Any:
    """One of the buyer's calls about one order; an id that is not TikTok's digits names no
    order (so the caller's text never reaches TikTok Shop's URL unchecked)."""
    if not re.fullmatch(r"[0-9]{1,24}", order_id):
        raise NotFound(f"No order {order_id[:40]!r} here.", code="ORDER_NOT_FOUND",
                       details={"order_id": order_id[:40]})
    return purchases.buyer_call(shop(), g.db, account, method,
                                f"/orders/{quote(order_id, safe='')}{suffix}", body)


def shop() -> ShopClient:
    """The app's client of TikTok Shop (made by the app factory, in-process under serve)."""
    client: ShopClient = current_app.extensions["sandbox.shop_client"]
    return client


@bp.post("/orders")
@accepts(Purchase)
def buy() -> Any:
    """Buy as the logged-in account: from a product's page, or through an account's shop
    page, showcase, LIVE or videos (`via`). The account's payment persona decides whether it
    is paid (`payment_status`)."""
    account = api_account()
    body = validated_body(Purchase)
    order = purchases.buy(
        shop(), g.db, account, [i.model_dump(exclude_none=True) for i in body.items],
        body.via.model_dump() if body.via else None,
        body.address.model_dump(exclude_none=True) if body.address else None, body.message)
    return jsonify(order), 201


@bp.get("/orders")
def my_orders() -> Any:
    account = api_account()
    return jsonify(purchases.buyer_call(shop(), g.db, account, "GET", "/orders", params={
        "page_token": text_field(request.args, "page_token") or ""}))


@bp.get("/orders/<order_id>")
def my_order(order_id: str) -> Any:
    return jsonify(_on_order(api_account(), "GET", order_id))


@bp.post("/orders/<order_id>/cancel")
@accepts(OrderReason)
def cancel(order_id: str) -> Any:
    """Cancel (UNPAID, ON_HOLD: at once) or ask the seller to (AWAITING_SHIPMENT)."""
    account = api_account()
    body = validated_body(OrderReason)
    return jsonify(_on_order(account, "POST", order_id, "/cancel", {"reason": body.reason}))


@bp.post("/orders/<order_id>/return")
@accepts(ReturnRequest)
def request_return(order_id: str) -> Any:
    """After delivery: ask for a refund (REFUND_ONLY) or to send it back (RETURN_AND_REFUND)."""
    account = api_account()
    body = validated_body(ReturnRequest)
    return jsonify(_on_order(account, "POST", order_id, "/return",
                             {"reason": body.reason, "type": body.type}))


@bp.post("/orders/<order_id>/receipt")
def receipt(order_id: str) -> Any:
    """The parcel arrived (IN_TRANSIT → DELIVERED)."""
    return jsonify(_on_order(api_account(), "POST", order_id, "/receipt"))


@bp.post("/orders/<order_id>/address")
@accepts(ShippingAddress)
def change_address(order_id: str) -> Any:
    """Ship somewhere else, until the order is shipped (TikTok Shop tells the seller's apps:
    webhook 3)."""
    account = api_account()
    address = validated_body(ShippingAddress).model_dump(exclude_none=True)
    return jsonify(_on_order(account, "POST", order_id, "/address", {"address": address}))


@bp.post("/orders/<order_id>/pay")
def pay(order_id: str) -> Any:
    """Pay an UNPAID order again (the payment persona decides: PAYMENT_DECLINED, S3)."""
    account = api_account()
    return jsonify(_on_order(account, "POST", order_id, "/pay", {"payment": account.payment}))


@bp.get("/me/earnings")
def my_earnings() -> Any:
    """A creator's commission, order by order: pending until completed, payable after,
    reversed on a cancellation or refund (S2)."""
    return jsonify(purchases.buyer_call(shop(), g.db, api_account(), "GET", "/earnings"))
