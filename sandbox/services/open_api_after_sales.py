"""Cancellations and returns in TikTok Shop's Return and Refund API words (protocols.md §4.3):
the records, their search filters and the refusals as TikTok's codes."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.domain import after_sales
from sandbox.domain import orders as lifecycle
from sandbox.domain.signing import OpenApiError
from sandbox.kernel.fields import int_field, text_list_field
from sandbox.services.open_api_orders import bad, ts
from sandbox.store.orders import Order, OrderLine, OrderRequest
from sandbox.store.shops import Shop

ZERO = "0.00"
# Sandbox refusal → TikTok's after-sales code and verbatim message (§4.3.2, §4.3.3, §4.3.5).
APPROVE_CODES = {"ORDER_REQUEST_ANSWERED": (25011012, "reverse status cannot approve "
                                                      "application"),
                 "ORDER_NOT_FOUND": (25007006, "Order not found."),
                 "ORDER_TRANSITION_NOT_ALLOWED": (25001003, "Invalid order status.")}
REJECT_CODES = {**APPROVE_CODES,
                "ORDER_REQUEST_ANSWERED": (25011011, "reverse status cannot reject application")}
CANCEL_CODES = {
    "ORDER_IS_CANCELLED": (25001011, "A return request is already in process, or the order "
                                     "has already been cancelled."),
    "ORDER_TRANSITION_NOT_ALLOWED": (25001051, "Not allowed to return or cancel since order is "
                                               "completed or cancelled"),
    "ORDER_NOT_FOUND": (25007006, "Order not found.")}
SHIPPED = (lifecycle.IN_TRANSIT, lifecycle.DELIVERED)


def _refund(order: Order, amount: str) -> dict[str, str]:
    return {"currency": order.currency, "refund_total": amount,
            "refund_subtotal": order.sub_total if amount != ZERO else ZERO,
            "refund_shipping_fee": order.shipping_fee if amount != ZERO else ZERO,
            "refund_tax": ZERO, "retail_delivery_fee": ZERO, "buyer_service_fee": ZERO}


def _lines(order: Order, lines: list[OrderLine], prefix: str) -> list[dict[str, Any]]:
    return [{f"{prefix}_line_item_id": line.id, "order_line_item_id": line.id,
             "sku_id": line.sku_id, "sku_name": "", "product_name": line.product_name,
             "seller_sku": line.seller_sku, "product_image": {"url": "", "width": 0,
                                                               "height": 0},
             "refund_amount": {"currency": order.currency, "refund_total": line.sale_price,
                               "refund_subtotal": line.sale_price, "refund_shipping_fee": ZERO,
                               "refund_tax": ZERO}} for line in lines]


def _next_action(request: OrderRequest, action: str) -> list[dict[str, Any]]:
    if request.status != after_sales.PENDING:
        return []
    return [{"action": action, "deadline": ts(request.answer_due_at)}]


def cancellation(request: OrderRequest, order: Order, lines: list[OrderLine]) -> dict[str, Any]:
    """One row of Search Cancellations (§4.3.1)."""
    return {"order_id": order.id, "cancel_id": request.id,
            "cancel_type": "BUYER_CANCEL" if request.type == "BUYER_CANCEL" else "CANCEL",
            "cancel_status": after_sales.cancel_status(request.status), "role": request.role,
            "cancel_reason": request.reason, "cancel_reason_text": after_sales.reason_text(request.reason),
            "create_time": ts(request.created_at),
            "update_time": ts(request.answered_at or request.created_at),
            "seller_next_action_response": _next_action(request, "SELLER_RESPOND_CANCEL"),
            "refund_amount": _refund(order, request.refund_total),
            "cancel_line_items": _lines(order, lines, "cancel")}


def return_order(request: OrderRequest, order: Order, lines: list[OrderLine]) -> dict[str, Any]:
    """One row of Search Returns (§4.3.4)."""
    kind = after_sales.RETURN_TYPES.get(request.type, request.type)
    action = "SELLER_RESPOND_REFUND" if kind == "REFUND" else "SELLER_RESPOND_RETURN"
    return {"order_id": order.id, "return_id": request.id, "return_type": kind,
            "return_status": after_sales.return_status(request.status), "role": request.role,
            "return_reason": request.reason, "return_reason_text": after_sales.reason_text(request.reason),
            "shipment_type": "BUYER_ARRANGE", "handover_method": "DROP_OFF",
            "return_tracking_number": "", "return_provider_name": "", "return_provider_id": "",
            "can_buyer_keep_item": kind == "REFUND", "create_time": ts(request.created_at),
            "update_time": ts(request.answered_at or request.created_at),
            "seller_next_action_response": _next_action(request, action),
            "return_line_items": _lines(order, lines, "return"),
            "refund_amount": _refund(order, request.refund_total),
            "return_method": "BUYER_SHIPPED", "is_combined_return": False}


def rows(session: Session, requests: list[OrderRequest], shop: Shop,
         shape: Any) -> list[dict[str, Any]]:
    """Requests in TikTok's shape, with their orders and lines in two statements."""
    if not requests:
        return []
    ids = list({r.order_id for r in requests})
    orders = {o.id: o for o in session.scalars(select(Order).where(
        Order.world_id == shop.world_id, Order.id.in_(ids)))}
    lines: dict[str, list[OrderLine]] = {i: [] for i in ids}
    for line in session.scalars(select(OrderLine).where(
            OrderLine.world_id == shop.world_id, OrderLine.order_id.in_(ids))
            .order_by(OrderLine.position)):
        lines[line.order_id].append(line)
    return [shape(r, orders[r.order_id], lines[r.order_id]) for r in requests]


def _statuses(body: Mapping[str, Any], name: str, known: tuple[str, ...],
              to_ours: Any) -> list[str] | None:
    wanted = text_list_field(body, name)
    if not wanted:
        return None
    unknown = [w for w in wanted if to_ours(w) is None]
    if unknown:
        raise bad(f"`{name}` takes {', '.join(known)}; unknown: {', '.join(unknown)}.")
    return [s for w in wanted for s in to_ours(w)]


def _ours_cancel(status: str) -> list[str] | None:
    status = after_sales.CANCEL_ALIASES.get(status, status)
    return {after_sales.CANCEL_PENDING: ["PENDING"], after_sales.CANCEL_SUCCESS: ["APPROVED"],
            after_sales.CANCEL_COMPLETE: ["APPROVED"],
            after_sales.CANCEL_CLOSED: ["REJECTED"]}.get(status)


def _ours_return(status: str) -> list[str]:
    return {after_sales.RETURN_PENDING: ["PENDING"], after_sales.RETURN_SUCCESS: ["APPROVED"],
            after_sales.RETURN_COMPLETE: ["APPROVED"],
            after_sales.RETURN_REJECT: ["REJECTED"]}.get(status, [])


def search_query(shop: Shop, body: Mapping[str, Any], kind: str) -> Any:
    """The filters of Search Cancellations / Search Returns (all optional)."""
    query = select(OrderRequest).where(OrderRequest.world_id == shop.world_id,
                                       OrderRequest.shop_id == shop.id,
                                       OrderRequest.kind == kind)
    ids = text_list_field(body, "cancel_ids" if kind == "cancellation" else "return_ids")
    if ids:
        query = query.where(OrderRequest.id.in_(ids))
    order_ids = text_list_field(body, "order_ids")
    if order_ids:
        query = query.where(OrderRequest.order_id.in_(order_ids))
    buyers = text_list_field(body, "buyer_user_ids")
    if buyers:
        query = query.where(OrderRequest.order_id.in_(select(Order.id).where(
            Order.world_id == shop.world_id, Order.buyer_user_id.in_(buyers))))
    if kind == "cancellation":
        types = text_list_field(body, "cancel_types")
        if types and set(types) - set(after_sales.CANCEL_TYPES):
            raise bad("`cancel_types` takes CANCEL and BUYER_CANCEL.")
        if types:
            query = query.where(OrderRequest.type.in_(
                ["BUYER_CANCEL"] if types == ["BUYER_CANCEL"] else
                ["CANCEL"] if types == ["CANCEL"] else ["CANCEL", "BUYER_CANCEL"]))
        statuses = _statuses(body, "cancel_status", after_sales.CANCEL_STATUSES, _ours_cancel)
    else:
        types = text_list_field(body, "return_types")
        ours = {v: k for k, v in after_sales.RETURN_TYPES.items()}
        if types and set(types) - {"REFUND", "RETURN_AND_REFUND", "REPLACEMENT"}:
            raise bad("`return_types` takes REFUND, RETURN_AND_REFUND and REPLACEMENT.")
        if types:
            query = query.where(OrderRequest.type.in_([ours.get(t, t) for t in types]))
        statuses = _statuses(body, "return_status", after_sales.RETURN_STATUSES,
                             lambda s: _ours_return(s) if s in after_sales.RETURN_STATUSES
                             else None)
    if statuses is not None:
        query = query.where(OrderRequest.status.in_(statuses))
    for name, column in (("create_time", OrderRequest.created_at),
                         ("update_time", func.coalesce(OrderRequest.answered_at,
                                                       OrderRequest.created_at))):
        low = int_field(body, f"{name}_ge", low=0, high=2**40)
        high = int_field(body, f"{name}_lt", low=0, high=2**40)
        if low is not None:
            query = query.where(column >= datetime.fromtimestamp(low, UTC))
        if high is not None:
            query = query.where(column < datetime.fromtimestamp(high, UTC))
    return query


def check_decision(request: OrderRequest, decision: Any, approve: bool) -> None:
    """Approve / Reject Return's `decision` must fit the return's type (§4.3.5)."""
    kind = after_sales.RETURN_TYPES.get(request.type, request.type)
    fits = (after_sales.APPROVE_DECISIONS if approve else after_sales.REJECT_DECISIONS)[kind]
    if not isinstance(decision, str) or not decision:
        raise OpenApiError(36009004, "Invalid parameter. `decision` is required, e.g. "
                                     f"{fits[0]}.", 400)
    if decision not in fits:
        raise OpenApiError(25020004, f"decision not match reverse type [sandbox: a {kind} "
                                     f"return takes {' or '.join(fits)}]")


def check_cancellable_by_seller(order: Order) -> None:
    """Once the carrier has it, the seller cannot cancel (§4.3, 25001045)."""
    if order.status in SHIPPED:
        raise OpenApiError(25001045, "The order has already been shipped and we are unable to "
                                     "cancel shipment with the courier.")
