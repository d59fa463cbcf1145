"""TikTok Shop's order webhooks (protocols.md §4.6): order status (1), cancellation status (11)
and return status (12), to every app the shop authorized with the scope, on every change."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from sandbox.domain import after_sales
from sandbox.domain.orders import PARTIALLY_SHIPPING, WEBHOOK_STATUS
from sandbox.services.shop_webhooks import send_to_shop_apps
from sandbox.store.orders import Order, OrderRequest

ORDER_STATUS_CHANGE, RECIPIENT_ADDRESS_UPDATE = 1, 3
CANCELLATION_STATUS_CHANGE, RETURN_STATUS_CHANGE = 11, 12
ORDER_SCOPE, RETURN_SCOPE = "seller.order.info", "seller.return_refund.basic"


def _ts(value: datetime) -> int:
    return int(value.timestamp())


def order_status(session: Session, order: Order, now: datetime) -> None:
    """Type 1 on every status change from placement on; the webhook says CANCEL where the API
    says CANCELLED and has no PARTIALLY_SHIPPING (§4.6)."""
    if order.status == PARTIALLY_SHIPPING:
        return
    send_to_shop_apps(session, order.world_id, order.shop_id, now, ORDER_STATUS_CHANGE, {
        "order_id": order.id, "order_status": WEBHOOK_STATUS.get(order.status, order.status),
        "is_on_hold_order": True, "update_time": _ts(now)}, scope=ORDER_SCOPE)


def address_updated(session: Session, order: Order, now: datetime) -> None:
    """Type 3 when the buyer changes the address (§4.6)."""
    send_to_shop_apps(session, order.world_id, order.shop_id, now, RECIPIENT_ADDRESS_UPDATE,
                      {"order_id": order.id, "update_time": _ts(now)}, scope=ORDER_SCOPE)


def request_status(session: Session, request: OrderRequest, now: datetime) -> None:
    """Type 11 (a cancellation) or 12 (a return) for each status the change passes through."""
    role = after_sales.webhook_role(request.role)
    if request.kind == "cancellation":
        for status in after_sales.cancel_steps(request.status):
            send_to_shop_apps(session, request.world_id, request.shop_id, now,
                              CANCELLATION_STATUS_CHANGE, {
                                  "order_id": request.order_id, "cancellations_role": role,
                                  "cancel_status": status, "cancel_id": request.id,
                                  "create_time": _ts(request.created_at)}, scope=RETURN_SCOPE)
        return
    for status in after_sales.return_steps(request.status):
        send_to_shop_apps(session, request.world_id, request.shop_id, now, RETURN_STATUS_CHANGE, {
            "order_id": request.order_id, "return_role": role,
            "return_type": after_sales.RETURN_TYPES.get(request.type, request.type),
            "return_status": status, "return_id": request.id,
            "create_time": _ts(request.created_at), "update_time": _ts(now)},
            scope=RETURN_SCOPE)
