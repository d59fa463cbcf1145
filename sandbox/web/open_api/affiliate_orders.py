"""TikTok Shop's affiliate order searches (202410, seller and creator side) and Finance's
order statement transactions (202501), signed, in the envelope."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, request

from sandbox.domain.signing import OpenApiError
from sandbox.kernel.errors import NotFound
from sandbox.services import open_api_affiliate_orders as wire
from sandbox.services import open_api_orders as orders_wire
from sandbox.services.orders import get_order
from sandbox.web.open_api.api import signed
from sandbox.web.open_api.envelope import envelope
from sandbox.web_shared.requests import json_value

bp = Blueprint("open_api_affiliate_orders", __name__)


def _body() -> dict[str, Any]:
    body = json_value()
    return body if isinstance(body, dict) else {}


@bp.post("/affiliate_seller/202410/orders/search")
def seller_orders() -> Any:
    caller = signed("seller.affiliate_order.read", "required")
    assert caller.shop is not None
    return envelope(wire.seller_page(g.db, caller.shop, _body(), request.args))


@bp.post("/affiliate_creator/202410/orders/search")
def creator_orders() -> Any:
    caller = signed("creator.affiliate_order.read", "forbidden")
    if caller.auth.user_type != 1:
        raise OpenApiError(105005, "Access denied. This API takes a creator's access token "
                                   "(creator authorization); you should apply auth pkg for this "
                                   "api.", 403)
    return envelope(wire.creator_page(g.db, caller.app.world_id, caller.auth.open_id, _body(),
                                      request.args))


@bp.get("/finance/202501/orders/<order_id>/statement_transactions")
def statement_transactions(order_id: str) -> Any:
    caller = signed("seller.finance.info", "required")
    shop = caller.shop
    assert shop is not None
    try:
        order = get_order(g.db, shop.world_id, order_id, shop_id=shop.id)
    except NotFound:
        raise orders_wire.bad(f"No order {order_id} of this shop.") from None
    return envelope(wire.statement_transactions(order, wire.lines_of(g.db, [order])[order.id]))
