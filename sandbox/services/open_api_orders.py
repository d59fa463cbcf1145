"""Orders in TikTok Shop's Order API words (protocols.md §4.1): the Order object with one line
item per unit, the search filters, sorting and cursor pages, read from the shop's orders."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from sandbox.domain import carriers
from sandbox.domain import orders as lifecycle
from sandbox.domain.after_sales import reason_text
from sandbox.domain.signing import OpenApiError
from sandbox.kernel.fields import int_field, text_field
from sandbox.store.orders import Order, OrderLine, OrderRequest
from sandbox.store.shops import Shop

INVALID = 36009004
ZERO = "0.00"
# Line items have no ON_HOLD or PARTIALLY_SHIPPING display status (§4.1.3).
DISPLAY = {lifecycle.ON_HOLD: lifecycle.AWAITING_SHIPMENT,
           lifecycle.PARTIALLY_SHIPPING: lifecycle.AWAITING_SHIPMENT}
PACKAGE_STATUS = {lifecycle.AWAITING_COLLECTION: "PROCESSING", lifecycle.IN_TRANSIT: "FULFILLING",
                  lifecycle.DELIVERED: "COMPLETED", lifecycle.COMPLETED: "COMPLETED",
                  lifecycle.CANCELLED: "CANCELLED"}
HIDDEN_ADDRESS = (lifecycle.UNPAID, lifecycle.ON_HOLD)  # "not available under UNPAID and ON_HOLD"
WAREHOUSE_ID = "7000714532876273888"
MASK_AFTER = timedelta(days=30)  # a completed US order's address is masked after (§4.1.5)


def bad(message: str) -> OpenApiError:
    return OpenApiError(INVALID, f"Invalid parameter. {message}", 400)


def ts(value: datetime | None) -> int | None:
    return int(value.replace(tzinfo=value.tzinfo or UTC).timestamp()) if value else None


def package_status(status: str) -> str:
    return PACKAGE_STATUS.get(status, "TO_FULFILL")


def has_package(order: Order, shop: Shop) -> bool:
    """US: the package comes into being when the seller ships; elsewhere at payment (§4.2)."""
    if shop.market == "US":
        return order.rts_at is not None
    return order.paid_at is not None and bool(order.package_id)


def masked(value: str, keep: int = 1) -> str:
    return value[:keep] + "*" * max(len(value) - keep, 0) if value else value


def address_masked(order: Order, market: str, now: datetime | None) -> bool:
    """§4.1.5 (US, seller shipping): masked once cancelled, and 30 days after completion."""
    if order.status == lifecycle.CANCELLED:
        return True
    return (market == "US" and order.status == lifecycle.COMPLETED and now is not None
            and order.completed_at is not None and now - order.completed_at >= MASK_AFTER)


def recipient(order: Order, market: str = "US", now: datetime | None = None) -> dict[str, Any]:
    """The address; empty before the hold ends, masked once the order is cancelled and (US)
    30 days after it completed (§4.1.5)."""
    if order.status in HIDDEN_ADDRESS:
        return {}
    a = dict(order.recipient or {})
    hide = address_masked(order, market, now)
    phone = a.get("phone_number", "")
    return {
        "full_address": masked(a.get("full_address", ""), 1) if hide else a.get("full_address", ""),
        "phone_number": (phone[:-4].translate(str.maketrans("0123456789", "*" * 10)) + phone[-4:]
                         if hide and phone else phone),
        "name": masked(a.get("name", "")) if hide else a.get("name", ""),
        "address_detail": "" if hide else a.get("address_line2", ""),
        "address_line1": masked(a.get("address_line1", "")) if hide else a.get("address_line1", ""),
        "address_line2": "" if hide else a.get("address_line2", ""),
        "address_line3": "", "address_line4": "",
        "postal_code": masked(a.get("postal_code", "")) if hide else a.get("postal_code", ""),
        "region_code": a.get("region_code", ""),
        "district_info": [
            {"address_level_name": "Country", "address_name": a.get("region_code", ""),
             "address_level": "L0"},
            {"address_level_name": "State", "address_name": a.get("state", ""),
             "address_level": "L1"},
            {"address_level_name": "City", "address_name": a.get("city", ""),
             "address_level": "L2"}]}


def line_item(order: Order, line: OrderLine, shipped: bool) -> dict[str, Any]:
    return {
        "id": line.id, "sku_id": line.sku_id, "product_id": line.product_id,
        "product_name": line.product_name, "sku_name": "", "seller_sku": line.seller_sku,
        "sku_image": "", "sale_price": line.sale_price, "original_price": line.original_price,
        "platform_discount": ZERO, "seller_discount": ZERO, "currency": order.currency,
        "display_status": DISPLAY.get(order.status, order.status),
        "package_id": order.package_id if shipped else "",
        "package_status": package_status(order.status),
        "tracking_number": order.tracking_number, "shipping_provider_id":
            order.shipping_provider_id, "shipping_provider_name": order.shipping_provider,
        "rts_time": ts(order.rts_at) or 0, "is_gift": False, "is_dangerous_good": False,
        "cancel_reason": reason_text(order.cancel_reason),
        "cancel_user": order.cancellation_initiator,
        "sku_type": "NORMAL"}


def order_object(order: Order, lines: list[OrderLine], shop: Shop, *, pending_cancel: bool,
                 detail: bool, now: datetime | None = None) -> dict[str, Any]:
    """TikTok's Order: Get Order List's (`detail` False) or Get Order Detail's."""
    shipped = has_package(order, shop)
    found: dict[str, Any] = {
        "id": order.id, "status": order.status, "user_id": order.buyer_user_id,
        "buyer_email": f"{order.buyer_user_id[-8:]}@scs.tiktokw.us", "buyer_message":
            order.buyer_message, "seller_note": "",
        "create_time": ts(order.created_at), "update_time": ts(order.updated_at),
        "payment": {"currency": order.currency, "sub_total": order.sub_total,
                    "shipping_fee": order.shipping_fee, "seller_discount": ZERO,
                    "platform_discount": ZERO, "total_amount": order.total_amount,
                    "original_total_product_price": order.sub_total,
                    "original_shipping_fee": order.shipping_fee,
                    "shipping_fee_seller_discount": ZERO, "shipping_fee_platform_discount": ZERO,
                    "shipping_fee_cofunded_discount": ZERO, "tax": ZERO, "product_tax": ZERO,
                    "shipping_fee_tax": ZERO},
        "recipient_address": recipient(order, shop.market, now),
        "line_items": [line_item(order, line, shipped) for line in lines],
        "packages": [{"id": order.package_id}] if shipped else [],
        "fulfillment_type": "FULFILLMENT_BY_SELLER", "shipping_type": "SELLER",
        "delivery_type": "HOME_DELIVERY", "delivery_option_id": carriers.DELIVERY_OPTION["id"],
        "delivery_option_name": carriers.DELIVERY_OPTION["name"],
        "shipping_provider": order.shipping_provider,
        "shipping_provider_id": order.shipping_provider_id,
        "tracking_number": order.tracking_number, "warehouse_id": WAREHOUSE_ID,
        "split_or_combine_tag": "", "has_updated_recipient_address": order.address_updated,
        "is_on_hold_order": True, "is_buyer_request_cancel": pending_cancel,
        "cancellation_initiator": order.cancellation_initiator, "cancel_reason":
            reason_text(order.cancel_reason), "is_cod": False, "is_sample_order": False,
        "is_replacement_order": False, "is_exchange_order": False,
        "commerce_platform": "TIKTOK_SHOP", "order_type": "", "payment_method_name": "CCDC"}
    for name, value in (("paid_time", order.paid_at), ("rts_time", order.rts_at),
                        ("collection_time", order.collection_at),
                        ("delivery_time", order.delivery_at), ("cancel_time", order.cancel_at),
                        ("request_cancel_time", order.request_cancel_at)):
        if value is not None:
            found[name] = ts(value)
    if detail:
        found.update(payment_method_code="CCDC", payment_card_type="", payment_auth_code="")
    return found


def objects(session: Session, orders: list[Order], shop: Shop, detail: bool,
            now: datetime | None = None) -> list[dict[str, Any]]:
    """Many orders in TikTok's shape, their lines and open cancellations in two statements."""
    if not orders:
        return []
    ids = [o.id for o in orders]
    lines: dict[str, list[OrderLine]] = {i: [] for i in ids}
    for line in session.scalars(select(OrderLine).where(
            OrderLine.world_id == shop.world_id, OrderLine.order_id.in_(ids))
            .order_by(OrderLine.order_id, OrderLine.position)):
        lines[line.order_id].append(line)
    asking = set(session.scalars(select(OrderRequest.order_id).where(
        OrderRequest.world_id == shop.world_id, OrderRequest.order_id.in_(ids),
        OrderRequest.kind == "cancellation", OrderRequest.status == "PENDING")))
    return [order_object(o, lines[o.id], shop, pending_cancel=o.id in asking, detail=detail,
                         now=now) for o in orders]


# -- Get Order List: filters, sort, cursor ------------------------------------------------------
def _time_range(body: Mapping[str, Any], name: str) -> tuple[datetime | None, datetime | None]:
    low = int_field(body, f"{name}_ge", low=0, high=2**40)
    high = int_field(body, f"{name}_lt", low=0, high=2**40)
    return (datetime.fromtimestamp(low, UTC) if low is not None else None,
            datetime.fromtimestamp(high, UTC) if high is not None else None)


def search_query(shop: Shop, body: Mapping[str, Any]) -> Any:
    """The filters of Get Order List's body (all optional; `{}` lists every order)."""
    query = select(Order).where(Order.world_id == shop.world_id, Order.shop_id == shop.id)
    status = text_field(body, "order_status")
    if status:
        status = "CANCELLED" if status == "CANCEL" else status  # the webhook's spelling too
        if status not in lifecycle.STATUSES:
            raise bad(f"`order_status` must be one of {', '.join(lifecycle.STATUSES)}.")
        query = query.where(Order.status == status)
    for name, column in (("create_time", Order.created_at), ("update_time", Order.updated_at)):
        low, high = _time_range(body, name)
        if low is not None:
            query = query.where(column >= low)
        if high is not None:
            query = query.where(column < high)
    shipping_type = text_field(body, "shipping_type")
    if shipping_type and shipping_type not in ("TIKTOK", "SELLER"):
        raise bad("`shipping_type` must be TIKTOK or SELLER.")
    if shipping_type == "TIKTOK":  # every sandbox order ships by the seller
        query = query.where(Order.id.is_(None))
    buyer = text_field(body, "buyer_user_id")
    if buyer:
        query = query.where(Order.buyer_user_id == buyer)
    asking = body.get("is_buyer_request_cancel")
    if asking is not None:
        if not isinstance(asking, bool):
            raise bad("`is_buyer_request_cancel` must be true or false.")
        pending = select(OrderRequest.order_id).where(
            OrderRequest.world_id == shop.world_id, OrderRequest.kind == "cancellation",
            OrderRequest.status == "PENDING")
        query = query.where(Order.id.in_(pending) if asking else Order.id.not_in(pending))
    return query


def sort_args(query: Mapping[str, str]) -> tuple[str, bool]:
    field = text_field(query, "sort_field") or "create_time"
    if field not in ("create_time", "update_time"):
        raise bad("`sort_field` must be create_time or update_time.")
    order = (text_field(query, "sort_order") or "DESC").upper()
    if order not in ("ASC", "DESC"):
        raise bad("`sort_order` must be ASC or DESC.")
    return field, order == "DESC"


def page_size(query: Mapping[str, str], high: int, low: int = 1, default: int | None = None
              ) -> int:
    size = int_field(query, "page_size", default, low=low, high=high)
    if size is None:
        raise bad(f"`page_size` is required and must be from {low} to {high}.")
    return int(size)


def _cursor(token: str) -> tuple[datetime, str]:
    try:
        text = base64.urlsafe_b64decode(token.encode()).decode()
        at, row_id = text.split("|", 1)
        return datetime.fromisoformat(at), row_id
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise bad("`page_token` is not a token this endpoint returned.") from None


def keyset_page(session: Session, query: Any, column: Any, id_column: Any, size: int,
                newest_first: bool, token: str) -> tuple[list[Any], str, int]:
    """A page after `token`, keyed by (time, id): stable however many rows are added meanwhile
    (new rows sort before the cursor when newest first, after the last page when oldest first).
    Returns the rows, the next token ("" on the last page) and the total count."""
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    if token:
        at, row_id = _cursor(token)
        if newest_first:
            query = query.where(or_(column < at, and_(column == at, id_column < row_id)))
        else:
            query = query.where(or_(column > at, and_(column == at, id_column > row_id)))
    order = (column.desc(), id_column.desc()) if newest_first else (column.asc(), id_column.asc())
    rows = list(session.scalars(query.order_by(*order).limit(size + 1)))
    if len(rows) <= size:
        return rows, "", total
    last = rows[size - 1]
    stamp = getattr(last, column.key)
    token = base64.urlsafe_b64encode(f"{stamp.isoformat()}|{getattr(last, id_column.key)}"
                                     .encode()).decode()
    return rows[:size], token, total
