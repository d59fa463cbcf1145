"""Reading orders: one order as the control plane and the pages show it, pages of a shop's or a
buyer's orders, what changed since an event, and a creator's commission (S2)."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from sandbox.domain.attribution import amount_text
from sandbox.kernel.clock import iso
from sandbox.kernel.errors import BadRequest
from sandbox.kernel.models import Event
from sandbox.services.order_lifecycle import next_clock_move
from sandbox.store.orders import Order, OrderLine, OrderRequest


def _unix(value: datetime | None) -> int | None:
    return int(value.timestamp()) if value is not None else None


def request_view(request: OrderRequest) -> dict[str, Any]:
    return {"id": request.id, "kind": request.kind, "type": request.type,
            "status": request.status, "reason": request.reason,
            "answer_reason": request.answer_reason, "answered_by": request.answered_by or None,
            "refund_total": request.refund_total, "created_at": iso(request.created_at),
            "answer_due_at": iso(request.answer_due_at), "answered_at": iso(request.answered_at)}


def items_of(lines: list[OrderLine]) -> list[dict[str, Any]]:
    """The order's lines (one per unit) grouped by SKU, with the commission the units earn."""
    items: dict[str, dict[str, Any]] = {}
    for line in lines:
        item = items.setdefault(line.sku_id, {
            "product_id": line.product_id, "sku_id": line.sku_id,
            "product_name": line.product_name, "seller_sku": line.seller_sku,
            "price": line.sale_price, "quantity": 0, "line_item_ids": [],
            "commission": {"rate": line.commission_rate, "amount": Decimal(0)}})
        item["quantity"] += 1
        item["line_item_ids"].append(line.id)
        item["commission"]["amount"] += Decimal(line.commission_amount)
    for item in items.values():
        item["commission"]["amount"] = amount_text(item["commission"]["amount"])
    return list(items.values())


def order_view(order: Order, lines: list[OrderLine], requests: list[OrderRequest],
               due: dict[str, Any] | None = None) -> dict[str, Any]:
    items = items_of(lines)
    commission = sum((Decimal(i["commission"]["amount"]) for i in items), Decimal(0))
    return {
        "id": order.id, "status": order.status, "shop_id": order.shop_id,
        "buyer": {"open_id": order.buyer_open_id, "name": order.buyer_name},
        "items": items,
        "attribution": {"channel": order.channel, "open_id": order.via_open_id,
                        "username": order.via_username or None, "relation": order.relation},
        "commission": {"status": order.commission_status, "amount": amount_text(commission)},
        "payment": {"currency": order.currency, "sub_total": order.sub_total,
                    "shipping_fee": order.shipping_fee, "total_amount": order.total_amount},
        "payment_status": ("PAID" if order.paid_at else
                           "DECLINED" if order.payment_declined else "UNPAID"),
        "recipient_address": order.recipient, "buyer_message": order.buyer_message,
        "shipping": {"provider": order.shipping_provider or None,
                     "tracking_number": order.tracking_number or None,
                     "package_id": order.package_id or None},
        "cancel_reason": order.cancel_reason or None,
        "cancellation_initiator": order.cancellation_initiator or None,
        "requests": [request_view(r) for r in requests],
        "next": ({"to": due["to"], "at": iso(due["at"]), "why": due["why"]} if due else None),
        "create_time": _unix(order.created_at), "update_time": _unix(order.updated_at),
        "paid_time": _unix(order.paid_at), "rts_time": _unix(order.rts_at),
        "collection_time": _unix(order.collection_at), "delivery_time": _unix(order.delivery_at),
        "cancel_time": _unix(order.cancel_at), "created_at": iso(order.created_at),
        "updated_at": iso(order.updated_at)}


def views(session: Session, orders: list[Order], *, with_next: bool = False,
          ) -> list[dict[str, Any]]:
    """Many orders with their lines and requests in two statements (a page of 50 stays fast)."""
    if not orders:
        return []
    world_id, ids = orders[0].world_id, [o.id for o in orders]
    lines: dict[str, list[OrderLine]] = {i: [] for i in ids}
    for line in session.scalars(select(OrderLine).where(
            OrderLine.world_id == world_id, OrderLine.order_id.in_(ids))
            .order_by(OrderLine.order_id, OrderLine.position)):
        lines[line.order_id].append(line)
    requests: dict[str, list[OrderRequest]] = {i: [] for i in ids}
    for request in session.scalars(select(OrderRequest).where(
            OrderRequest.world_id == world_id, OrderRequest.order_id.in_(ids))
            .order_by(OrderRequest.created_at)):
        requests[request.order_id].append(request)
    return [order_view(o, lines[o.id], requests[o.id],
                       next_clock_move(session, o) if with_next else None) for o in orders]


def one_view(session: Session, order: Order) -> dict[str, Any]:
    return views(session, [order], with_next=True)[0]


@dataclass(frozen=True)
class OrderFilter:
    status: str | None = None
    shop_id: str | None = None
    buyer: str | None = None
    via: str | None = None


def _filtered(world_id: str, f: OrderFilter) -> Any:
    query = select(Order).where(Order.world_id == world_id)
    for column, value in ((Order.status, f.status), (Order.shop_id, f.shop_id),
                          (Order.buyer_open_id, f.buyer), (Order.via_open_id, f.via)):
        if value:
            query = query.where(column == value)
    return query


def _token(order: Order) -> str:
    return base64.urlsafe_b64encode(f"{order.created_at.isoformat()}|{order.id}".encode()).decode()


def _after_token(token: str) -> tuple[datetime, str]:
    try:
        created, order_id = base64.urlsafe_b64decode(token.encode()).decode().split("|")
        return datetime.fromisoformat(created), order_id
    except (ValueError, UnicodeDecodeError):
        raise BadRequest("page_token is not one this sandbox gave; pass next_page_token back "
                         "unchanged.", code="INVALID_FIELD",
                         details={"field": "page_token"}) from None


def page(session: Session, world_id: str, f: OrderFilter, size: int = 50,
         token: str = "") -> tuple[list[Order], str]:
    """Newest first, keyed by (create time, id) so a page costs the same deep in a long list."""
    query = _filtered(world_id, f)
    if token:
        created, order_id = _after_token(token)
        query = query.where(or_(Order.created_at < created,
                                and_(Order.created_at == created, Order.id < order_id)))
    rows = list(session.scalars(query.order_by(Order.created_at.desc(), Order.id.desc())
                                .limit(size + 1)))
    return rows[:size], (_token(rows[size - 1]) if len(rows) > size else "")


def changed_since(session: Session, world_id: str, after: int, f: OrderFilter,
                  limit: int = 100) -> tuple[list[Order], int]:
    """Orders an event after `after` touched (oldest change first) and the last event seen:
    what a page following the shop's orders, or a waiting script, needs next."""
    events = list(session.execute(select(Event.seq, Event.subject).where(
        Event.world_id == world_id, Event.seq > after, Event.type.startswith("order."))
        .order_by(Event.seq).limit(limit * 4)))
    if not events:
        return [], after
    touched = list(dict.fromkeys(subject for _seq, subject in events))
    found = {o.id: o for o in session.scalars(_filtered(world_id, f).where(Order.id.in_(touched)))}
    return [found[i] for i in touched if i in found][:limit], events[-1][0]


def earnings(session: Session, world_id: str, open_id: str) -> dict[str, Any]:
    """A creator's commission, order by order: pending until the order completes, payable
    after, reversed by a cancellation or refund (S2)."""
    orders = list(session.scalars(select(Order).where(
        Order.world_id == world_id, Order.via_open_id == open_id,
        Order.commission_status != "NONE").order_by(Order.created_at.desc())))
    rows = views(session, orders)
    totals: dict[str, Decimal] = {"PENDING": Decimal(0), "PAYABLE": Decimal(0),
                                  "REVERSED": Decimal(0)}
    for row in rows:
        totals[row["commission"]["status"]] += Decimal(row["commission"]["amount"])
    return {"open_id": open_id, "orders": rows,
            "totals": {k.lower(): amount_text(v) for k, v in totals.items()},
            "currency": rows[0]["payment"]["currency"] if rows else None}
