"""TikTok Shop's affiliate order searches (202410, seller and creator side) and Finance's
order statement transactions (202501), signed, in the envelope."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import Blueprint, g, request
from sqlalchemy import select

from sandbox.domain.signing import OpenApiError
from sandbox.kernel.errors import NotFound
from sandbox.kernel.fields import int_field, text_field
from sandbox.services import open_api_affiliate_orders as wire
from sandbox.services import open_api_orders as orders_wire
from sandbox.services.orders import get_order
from sandbox.store.orders import Order, OrderLine
from sandbox.store.shops import Shop
from sandbox.web.open_api.api import signed
from sandbox.web.open_api.envelope import envelope
from sandbox.web_shared.requests import json_value

bp = Blueprint("open_api_affiliate_orders", __name__)


def _body() -> dict[str, Any]:
    body = json_value()
    return body if isinstance(body, dict) else {}


def _lines(orders: list[Order]) -> dict[str, list[OrderLine]]:
    found: dict[str, list[OrderLine]] = {o.id: [] for o in orders}
    if orders:
        for line in g.db.scalars(select(OrderLine).where(
                OrderLine.world_id == orders[0].world_id,
                OrderLine.order_id.in_(list(found))).order_by(OrderLine.position)):
            found[line.order_id].append(line)
    return found


def _page(query: Any) -> tuple[list[Order], str, int]:
    body = _body()
    for name, op in (("create_time_ge", "ge"), ("create_time_lt", "lt")):
        value = int_field(body, name, low=0, high=2**40)
        if value is not None:
            at = datetime.fromtimestamp(value, UTC)
            query = query.where(Order.created_at >= at if op == "ge" else Order.created_at < at)
    size = orders_wire.page_size(request.args, 100, default=20)
    return orders_wire.keyset_page(g.db, query, Order.created_at, Order.id, size, True,
                                   text_field(request.args, "page_token") or "")


@bp.post("/affiliate_seller/202410/orders/search")
def seller_orders() -> Any:
    caller = signed("seller.affiliate_order.read", "required")
    shop = caller.shop
    assert shop is not None
    rows, token, total = _page(select(Order).where(
        Order.world_id == shop.world_id, Order.shop_id == shop.id, Order.relation == "AFFILIATE",
        Order.paid_at.is_not(None)))
    lines = _lines(rows)
    return envelope({"orders": [wire.seller_order(o, lines[o.id]) for o in rows],
                     "next_page_token": token, "total_count": total})


@bp.post("/affiliate_creator/202410/orders/search")
def creator_orders() -> Any:
    caller = signed("creator.affiliate_order.read", "forbidden")
    if caller.auth.user_type != 1:
        raise OpenApiError(105005, "Access denied. This API takes a creator's access token "
                                   "(creator authorization); you should apply auth pkg for this "
                                   "api.", 403)
    rows, token, total = _page(select(Order).where(
        Order.world_id == caller.app.world_id, Order.via_open_id == caller.auth.open_id,
        Order.relation == "AFFILIATE", Order.paid_at.is_not(None)))
    lines = _lines(rows)
    names = {s.id: s.name for s in g.db.scalars(select(Shop).where(
        Shop.world_id == caller.app.world_id, Shop.id.in_({o.shop_id for o in rows})))}
    return envelope({"orders": [wire.creator_order(o, lines[o.id], names.get(o.shop_id, ""))
                                for o in rows],
                     "next_page_token": token, "total_count": total})


@bp.get("/finance/202501/orders/<order_id>/statement_transactions")
def statement_transactions(order_id: str) -> Any:
    caller = signed("seller.finance.info", "required")
    shop = caller.shop
    assert shop is not None
    try:
        order = get_order(g.db, shop.world_id, order_id, shop_id=shop.id)
    except NotFound:
        raise orders_wire.bad(f"No order {order_id} of this shop.") from None
    return envelope(wire.statement_transactions(order, _lines([order])[order.id]))
