"""A shop's orders as Seller Center's pages count and group them: how many in each status, and
its affiliate creators' orders with their commission, pending, payable or reversed (S2)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.domain.attribution import AFFILIATE, amount_text
from sandbox.services.order_lifecycle import PAYABLE, PENDING, REVERSED
from sandbox.services.order_views import views
from sandbox.store.orders import Order, OrderLine

COMMISSION_STATUSES = (PENDING, PAYABLE, REVERSED)


def status_counts(session: Session, world_id: str, shop_id: str) -> dict[str, int]:
    """How many of the shop's orders are in each status (a status with none is absent)."""
    return {status: count for status, count in session.execute(
        select(Order.status, func.count()).where(Order.world_id == world_id,
                                                 Order.shop_id == shop_id)
        .group_by(Order.status))}


def _creator(creators: dict[str, dict[str, Any]], open_id: str, username: str,
             currency: str) -> dict[str, Any]:
    return creators.setdefault(open_id, {
        "open_id": open_id, "username": username, "currency": currency, "order_count": 0,
        "orders": [], "totals": {status: Decimal(0) for status in COMMISSION_STATUSES}})


def affiliate_orders(session: Session, world_id: str, shop_id: str,
                     shown: int = 200) -> dict[str, Any]:
    """The shop's orders sold by affiliate creators, per creator (by username): each creator's
    commission totals over all their orders, and the newest `shown` orders with their lines."""
    mine = (Order.world_id == world_id, Order.shop_id == shop_id, Order.relation == AFFILIATE)
    creators: dict[str, dict[str, Any]] = {}
    sums = session.execute(
        select(Order.id, Order.via_open_id, Order.via_username, Order.currency,
               Order.commission_status, OrderLine.commission_amount)
        .join(OrderLine, (OrderLine.world_id == Order.world_id)
              & (OrderLine.order_id == Order.id), isouter=True)
        .where(*mine).order_by(Order.created_at.desc(), Order.id.desc()))
    seen: set[str] = set()
    for order_id, open_id, username, currency, status, amount in sums:
        creator = _creator(creators, open_id or "", username, currency)
        if order_id not in seen:
            seen.add(order_id)
            creator["order_count"] += 1
        if status in creator["totals"] and amount:
            creator["totals"][status] += Decimal(amount)
    newest = list(session.scalars(select(Order).where(*mine).order_by(
        Order.created_at.desc(), Order.id.desc()).limit(shown)))
    for row in views(session, newest):
        attribution = row["attribution"]
        creators[attribution["open_id"] or ""]["orders"].append(row)
    for creator in creators.values():
        creator["totals"] = {k.lower(): amount_text(v) for k, v in creator["totals"].items()}
    return {"creators": sorted(creators.values(), key=lambda c: (c["username"] or "~",
                                                                  c["open_id"])),
            "order_count": len(seen), "shown": min(len(seen), shown)}
