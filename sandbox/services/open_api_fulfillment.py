"""Fulfillment in TikTok Shop's words (protocols.md §4.2): the package of an order, its detail
and search rows, tracking, shipping-info updates, and the sandbox's refusals as TikTok's codes."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.domain import carriers
from sandbox.domain import orders as lifecycle
from sandbox.domain.signing import OpenApiError
from sandbox.kernel.events import append_event
from sandbox.services import open_api_refusals as refusals
from sandbox.services.open_api_orders import has_package, package_status, recipient, ts
from sandbox.store.orders import Order, OrderLine
from sandbox.store.shops import Shop

# Sandbox refusal → TikTok's fulfillment code and verbatim message (§4.2.2, §4.2.3, §4.2.7).
SHIP_CODES: dict[str, tuple[int, str]] = {
    "ORDER_ON_HOLD": (21011044, "Order status is on hold. Please process when order status "
                                "update to awaiting shipment"),
    "ORDER_ALREADY_SHIPPED": (21011006, "These orders are already shipped."),
    "ORDER_IS_CANCELLED": (21011041, "Cannot complete the operation when order is cancelled."),
    "ORDER_NOT_SHIPPABLE": (21042057, "These orders are not in the Awaiting shipment status. "
                                      "Couldn't create labels for them."),
    "ORDER_NOT_FOUND": (21011028, "The package does not belong to the current shop."),
    "ORDER_REQUEST_PENDING": (21011007, "Package item has after-sale request, please process "
                                        "the after-sale request first."),
}
UPDATE_WINDOW = timedelta(hours=72)  # "within 72 hours after shipping" (§4.2.7)


def tiktok_codes(codes: Mapping[str, tuple[int, str]]) -> Any:
    """A service's refusal as TikTok's fulfillment code; others 36009004 (open_api_refusals)."""
    return refusals.tiktok_codes(codes, prefix="Invalid parameter. ")


def check_shipping_info(tracking: Any, provider_id: Any) -> tuple[str, str]:
    """`tracking_number` and `shipping_provider_id`, both required, as TikTok checks them."""
    if not isinstance(tracking, str) or not tracking or not isinstance(provider_id, str) \
            or not provider_id:
        raise OpenApiError(36009004, "Invalid parameter. `tracking_number` and "
                                     "`shipping_provider_id` are required.", 400)
    if not tracking.replace("-", "").isalnum() or len(tracking) > 64:
        raise OpenApiError(21004012, "Tracking number has special characters, verify failed.")
    if provider_id not in carriers.PROVIDERS:
        raise OpenApiError(21011022, "Invalid tracking number or provider ID. Please double "
                                     "check and try again. [sandbox: GET /logistics/202309/"
                                     "delivery_options/{id}/shipping_providers lists the ids]")
    return tracking, provider_id


def order_of_package(session: Session, shop: Shop, package_id: str) -> Order:
    order = session.scalars(select(Order).where(
        Order.world_id == shop.world_id, Order.shop_id == shop.id,
        Order.package_id == package_id)).first()
    if order is None or not has_package(order, shop):
        raise OpenApiError(21011028, "The package does not belong to the current shop.")
    return order


def line_ids(session: Session, order: Order) -> list[str]:
    return list(session.scalars(select(OrderLine.id).where(
        OrderLine.world_id == order.world_id, OrderLine.order_id == order.id)
        .order_by(OrderLine.position)))


def package_detail(session: Session, order: Order, shop: Shop,
                   now: datetime | None = None) -> dict[str, Any]:
    """Get Package Detail's `data` (§4.2.4)."""
    address = recipient(order, shop.market, now)
    return {
        "package_id": order.package_id, "orders": [{"id": order.id, "skus": []}],
        "package_status": package_status(order.status), "split_and_combine_tag": "DEFAULT",
        "has_multi_skus": False, "note_tag": "BUYER_NOTED" if order.buyer_message
        else "BUYER_UNNOTED", "shipping_provider_name": order.shipping_provider,
        "shipping_provider_id": order.shipping_provider_id, "shipping_type": "SELLER",
        "delivery_option_name": carriers.DELIVERY_OPTION["name"],
        "delivery_option_id": carriers.DELIVERY_OPTION["id"],
        "tracking_number": order.tracking_number, "create_time": ts(order.paid_at),
        "update_time": ts(order.updated_at), "handover_method": "DROP_OFF",
        "order_line_item_ids": line_ids(session, order),
        "recipient_address": {k: address.get(k, "") for k in (
            "full_address", "phone_number", "name", "postal_code", "address_detail",
            "region_code", "address_line1", "address_line2", "address_line3", "address_line4")},
        "sender_address": {"full_address": f"{shop.name} warehouse", "name": shop.name,
                           "phone_number": shop.phone or "", "region_code": shop.market,
                           "postal_code": "", "address_detail": "", "address_line1": "",
                           "address_line2": "", "address_line3": "", "address_line4": ""}}


def package_row(order: Order, lines: list[str]) -> dict[str, Any]:
    """Search Package's row: its status is `status` here, `package_status` in the detail."""
    return {"id": order.package_id, "orders": [{"id": order.id, "skus": []}],
            "create_time": ts(order.paid_at), "update_time": ts(order.updated_at),
            "status": package_status(order.status), "tracking_number": order.tracking_number,
            "shipping_provider_name": order.shipping_provider,
            "shipping_provider_id": order.shipping_provider_id, "order_line_item_ids": lines}


def tracking(order: Order) -> list[dict[str, Any]]:
    return [{"description": text, "update_time_millis": (ts(at) or 0) * 1000}
            for text, at in carriers.tracking_lines(order.rts_at, order.collection_at,
                                                    order.delivery_at)]


def update_shipping_info(session: Session, order: Order, tracking_number: str,
                         provider_id: str, now: datetime) -> None:
    """Change the tracking of a shipped package once, within 72 hours, before delivery."""
    if order.rts_at is None:
        raise OpenApiError(21011043, "The package has not been shipped yet.")
    if order.status in (lifecycle.DELIVERED, lifecycle.COMPLETED):
        raise OpenApiError(21011030, "Package has already been delivered, the shipping "
                                     "information cannot be updated.")
    if order.status == lifecycle.CANCELLED:
        raise OpenApiError(10007002, "You cannot update the shipping information due to the "
                                     "order's current status.")
    if order.shipping_info_updates >= 1:
        raise OpenApiError(21011051, "The tracking number can only be updated once.")
    if now - order.rts_at > UPDATE_WINDOW:
        raise OpenApiError(21011050, "The tracking number can only be updated within a "
                                     "certain number of hours.")
    order.tracking_number, order.shipping_provider_id = tracking_number, provider_id
    order.shipping_provider = carriers.PROVIDERS[provider_id]
    order.shipping_info_updates += 1
    order.updated_at = now
    append_event(session, order.world_id, now, "order.shipping_info_updated", order.id, {
        "shop_id": order.shop_id, "tracking_number": tracking_number,
        "shipping_provider_id": provider_id})
