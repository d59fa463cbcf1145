"""TikTok Shop's Return and Refund API (202309): search, approve and reject cancellations and
returns, the seller's own cancellation, and aftersale eligibility, on the same services as
Seller Center's Orders page (one implementation)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, request

from sandbox.domain import after_sales
from sandbox.domain import orders as lifecycle
from sandbox.domain.signing import OpenApiError
from sandbox.kernel.fields import text_field
from sandbox.services import open_api_after_sales as wire
from sandbox.services import open_api_orders as orders_wire
from sandbox.services import order_actions
from sandbox.services.open_api_affiliate_orders import lines_of
from sandbox.services.open_api_fulfillment import tiktok_codes
from sandbox.services.orders import get_order
from sandbox.store.orders import Order, OrderRequest
from sandbox.store.shops import Shop
from sandbox.web.open_api.api import signed
from sandbox.web.open_api.envelope import envelope
from sandbox.web_shared.requests import json_value

bp = Blueprint("open_api_return_refund", __name__)
SCOPE = "seller.return_refund.basic"
BASE = "/return_refund/202309"


def _shop() -> tuple[Any, Shop]:
    caller = signed(SCOPE, "required")
    assert caller.shop is not None
    return caller, caller.shop


def _body() -> dict[str, Any]:
    body = json_value()
    if body is not None and not isinstance(body, dict):
        raise orders_wire.bad("The body must be a JSON object.")
    return body or {}


def _search(kind: str, shape: Any, key: str) -> Any:
    _caller, shop = _shop()
    size = orders_wire.page_size(request.args, 50, default=10)
    field = text_field(request.args, "sort_field") or "create_time"
    if field not in ("create_time", "update_time"):
        raise orders_wire.bad("`sort_field` must be create_time or update_time.")
    _f, newest_first = orders_wire.sort_args({"sort_order": text_field(
        request.args, "sort_order") or "ASC"})  # ASC by default here (§4.3.1)
    rows, token, total = orders_wire.keyset_page(
        g.db, wire.search_query(shop, _body(), kind), OrderRequest.created_at, OrderRequest.id,
        size, newest_first, text_field(request.args, "page_token") or "")
    return envelope({key: wire.rows(g.db, rows, shop, shape), "total_count": total,
                     "next_page_token": token})


@bp.post(f"{BASE}/cancellations/search")
def search_cancellations() -> Any:
    return _search("cancellation", wire.cancellation, "cancellations")


@bp.post(f"{BASE}/returns/search")
def search_returns() -> Any:
    return _search("return", wire.return_order, "return_orders")


def _request(shop: Shop, request_id: str, kind: str) -> tuple[OrderRequest, Order]:
    found = g.db.get(OrderRequest, request_id)
    if found is None or found.shop_id != shop.id or found.world_id != shop.world_id \
            or found.kind != kind:
        raise OpenApiError(25007006, "Order not found. [sandbox: no such "
                                     f"{'cancel_id' if kind == 'cancellation' else 'return_id'}"
                                     " of this shop]")
    order = get_order(g.db, shop.world_id, found.order_id, shop_id=shop.id, lock=True)
    return found, order


def _answer(kind: str, request_id: str, approve: bool) -> Any:
    caller, shop = _shop()
    body = _body()
    found, order = _request(shop, request_id, kind)
    if kind == "return":
        wire.check_decision(found, body.get("decision"), approve)
    if not approve and not text_field(body, "reject_reason"):
        raise OpenApiError(36009004, "Invalid parameter. `reject_reason` is required (GET "
                                     f"{BASE}/reject_reasons lists them).", 400)
    with tiktok_codes(wire.APPROVE_CODES if approve else wire.REJECT_CODES):
        order_actions.answer_request(g.db, order, approve, caller.now,
                                     reason=text_field(body, "reject_reason") or "",
                                     request_id=found.id)
    g.db.commit()
    return envelope({})


@bp.post(f"{BASE}/cancellations/<cancel_id>/approve")
def approve_cancellation(cancel_id: str) -> Any:
    return _answer("cancellation", cancel_id, True)


@bp.post(f"{BASE}/cancellations/<cancel_id>/reject")
def reject_cancellation(cancel_id: str) -> Any:
    return _answer("cancellation", cancel_id, False)


@bp.post(f"{BASE}/returns/<return_id>/approve")
def approve_return(return_id: str) -> Any:
    return _answer("return", return_id, True)


@bp.post(f"{BASE}/returns/<return_id>/reject")
def reject_return(return_id: str) -> Any:
    return _answer("return", return_id, False)


@bp.post(f"{BASE}/cancellations")
def cancel_order() -> Any:
    """Cancel Order (seller-initiated): `order_id` and a seller `cancel_reason` (§4.3.3)."""
    caller, shop = _shop()
    body = _body()
    order_id, reason = text_field(body, "order_id"), text_field(body, "cancel_reason")
    if not order_id or not reason:
        raise OpenApiError(36009004, "Invalid parameter. `order_id` and `cancel_reason` are "
                                     "required.", 400)
    with tiktok_codes(wire.CANCEL_CODES):
        order = get_order(g.db, shop.world_id, order_id, shop_id=shop.id, lock=True)
        wire.check_cancellable_by_seller(order)
        order_actions.seller_cancel(g.db, order, caller.now, reason)
    record = order_actions.latest_cancellation(g.db, order)
    g.db.commit()
    return envelope({"cancel_id": record.id if record else "",
                     "cancel_status": after_sales.CANCEL_SUCCESS})


@bp.get(f"{BASE}/reject_reasons")
def reject_reasons() -> Any:
    _shop()
    return envelope({"reasons": [
        {"name": "seller_reject_apply_product_has_been_packed",
         "text": "The product has been packed"},
        {"name": "seller_reject_apply_you_have_reached_an_agreement_with_the_buyer",
         "text": "You have reached an agreement with the buyer"},
        {"name": "reverse_reject_request_reason_1", "text": "The item is not eligible"}]})


def _eligible(order: Order, request_type: str, user: str) -> tuple[bool, str]:
    status = order.status
    if request_type == "CANCEL":
        ok = status in ((lifecycle.UNPAID, lifecycle.ON_HOLD, lifecycle.AWAITING_SHIPMENT)
                        if user == "BUYER" else
                        (lifecycle.UNPAID, lifecycle.ON_HOLD, lifecycle.AWAITING_SHIPMENT,
                         lifecycle.AWAITING_COLLECTION))
    elif request_type == "REFUND":
        ok = status in (lifecycle.AWAITING_COLLECTION, lifecycle.IN_TRANSIT, lifecycle.DELIVERED)
    else:
        ok = status == lifecycle.DELIVERED
    return ok, "" if ok else "invalid order status"


@bp.get(f"{BASE}/orders/<order_id>/aftersale_eligibility")
def aftersale_eligibility(order_id: str) -> Any:
    _caller, shop = _shop()
    user = text_field(request.args, "initiate_aftersale_user") or "SELLER"
    if user not in ("SELLER", "BUYER"):
        raise orders_wire.bad("`initiate_aftersale_user` must be SELLER or BUYER.")
    with tiktok_codes(wire.CANCEL_CODES):
        order = get_order(g.db, shop.world_id, order_id, shop_id=shop.id)
    by_sku: dict[str, list[str]] = {}
    for line in lines_of(g.db, [order])[order.id]:
        by_sku.setdefault(line.sku_id, []).append(line.id)
    return envelope({"sku_eligibility": [{"sku_id": sku, "line_item_eligibility": [
        {"request_type": kind, "order_line_items_ids": ids,
         "eligible": _eligible(order, kind, user)[0],
         "ineligible_code": 0 if _eligible(order, kind, user)[0] else 25001001,
         "ineligible_reason": _eligible(order, kind, user)[1]}
        for kind in ("CANCEL", "REFUND", "RETURN_AND_REFUND")]} for sku, ids in by_sku.items()]})
