"""Sandbox extension: TikTok Shop's first-party faces for the TikTok app, under
/sandbox/v1/worlds/{world_id}: the app places its users' orders and follows them (the buyer's
orders, cancel, return, receipt, pay; a creator's commission). Only the world's Seller Center
client (which the app issued) may call them, with HTTP Basic client_key:client_secret."""

from __future__ import annotations

import hmac
from typing import Any

from flask import Blueprint, g, jsonify, request

from sandbox.kernel.errors import Unauthorized
from sandbox.kernel.fields import text_field
from sandbox.services import order_desk
from sandbox.services.order_views import OrderFilter, earnings, page, views
from sandbox.services.orders import Buyer, Via
from sandbox.services.seller_center import credentials
from sandbox.web.auth import number_arg
from sandbox.web.models.orders import BuyerAction, FirstPartyPurchase
from sandbox.web_shared.requests import accepts, validated_body

bp = Blueprint("first_party_orders", __name__, url_prefix="/sandbox/v1/worlds/<world_id>")


def _the_app(world_id: str) -> None:
    g.runtime.world(g.db, world_id)
    auth = request.authorization
    key, secret = credentials(g.db, world_id)
    if auth is None or auth.type != "basic" or not (
            hmac.compare_digest(str(auth.username or "").encode(), key.encode())
            and hmac.compare_digest(str(auth.password or "").encode(), secret.encode())):
        raise Unauthorized("Only the TikTok app may call this: HTTP Basic with the world's "
                           "first-party client_key:client_secret.", code="CLIENT_AUTH_FAILED")


@bp.post("/orders")
@accepts(FirstPartyPurchase)
def place(world_id: str) -> Any:
    _the_app(world_id)
    body = validated_body(FirstPartyPurchase)
    address = body.buyer.address.model_dump(exclude_none=True) if body.buyer.address else {}
    placed = order_desk.place(
        g.db, world_id, Buyer(body.buyer.open_id, body.buyer.name, address),
        order_desk.items_of(body.items),
        Via(body.via.open_id, body.via.channel, body.via.affiliate, body.via.username),
        g.runtime.now(g.db, world_id), payment=body.buyer.payment,
        address=body.address.model_dump(exclude_none=True) if body.address else None,
        message=body.message)
    return jsonify(placed[0]), 201


@bp.get("/orders")
def buyer_orders(world_id: str) -> Any:
    _the_app(world_id)
    buyer = text_field(request.args, "buyer") or ""
    rows, token = page(g.db, world_id, OrderFilter(buyer=buyer),
                       int(number_arg("page_size", 50, 100)) or 50,
                       text_field(request.args, "page_token") or "")
    return jsonify({"orders": views(g.db, rows), "next_page_token": token})


@bp.get("/orders/<order_id>")
def buyer_order(world_id: str, order_id: str) -> Any:
    _the_app(world_id)
    return jsonify(order_desk.view(g.db, world_id, order_id,
                                   buyer=text_field(request.args, "buyer") or ""))


def _buyer_action(world_id: str, order_id: str, action: str) -> Any:
    _the_app(world_id)
    body = validated_body(BuyerAction)
    address = body.address.model_dump(exclude_none=True) if body.address else None
    return jsonify(order_desk.buyer_action(g.db, world_id, order_id, body.buyer, action,
                                           g.runtime.now(g.db, world_id), reason=body.reason,
                                           kind=body.type, payment=body.payment,
                                           address=address))


@bp.post("/orders/<order_id>/cancel")
@accepts(BuyerAction)
def cancel(world_id: str, order_id: str) -> Any:
    return _buyer_action(world_id, order_id, "cancel")


@bp.post("/orders/<order_id>/return")
@accepts(BuyerAction)
def request_return(world_id: str, order_id: str) -> Any:
    return _buyer_action(world_id, order_id, "return")


@bp.post("/orders/<order_id>/receipt")
@accepts(BuyerAction)
def receipt(world_id: str, order_id: str) -> Any:
    return _buyer_action(world_id, order_id, "receipt")


@bp.post("/orders/<order_id>/address")
@accepts(BuyerAction)
def change_address(world_id: str, order_id: str) -> Any:
    return _buyer_action(world_id, order_id, "address")


@bp.post("/orders/<order_id>/pay")
@accepts(BuyerAction)
def pay(world_id: str, order_id: str) -> Any:
    return _buyer_action(world_id, order_id, "pay")


@bp.get("/earnings")
def creator_earnings(world_id: str) -> Any:
    _the_app(world_id)
    return jsonify(earnings(g.db, world_id, text_field(request.args, "buyer") or ""))
