"""Affiliate orders in TikTok Shop's words (protocols.md §4.4) and an order's statement
transactions (§4.5), from the attribution and commission each order recorded (S1, S2)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.domain.attribution import AFFILIATE, LIVE, SHOWCASE, VIDEO, amount_text
from sandbox.domain.orders import CANCELLED, COMPLETED
from sandbox.kernel.fields import int_field, text_field
from sandbox.services.open_api_orders import keyset_page, page_size, ts
from sandbox.store.orders import Order, OrderLine
from sandbox.store.shops import Shop

# TikTok has no showcase content type: a showcase sale is reported as SHOP (the showcase is
# the creator's shop tab), a video's as VIDEO, a LIVE's as LIVE (§4.4.1).
CONTENT_TYPES = {VIDEO: "VIDEO", LIVE: "LIVE", SHOWCASE: "SHOP"}
SELLER_STATUS = {COMPLETED: "COMPLETED", CANCELLED: "CANCELLED"}
CREATOR_STATUS = {"PAYABLE": "SETTLED", "REVERSED": "REFUNDED"}


def _money(amount: Decimal | str, currency: str) -> dict[str, str]:
    return {"amount": amount_text(Decimal(amount)), "currency": currency}


def _skus(order: Order, lines: list[OrderLine]) -> list[dict[str, Any]]:
    """One row per SKU: quantity, price, base and commission, estimated and actual."""
    by_sku: dict[str, list[OrderLine]] = {}
    for line in lines:
        by_sku.setdefault(line.sku_id, []).append(line)
    refunded = order.commission_status == "REVERSED"
    rows = []
    for sku_id, units in by_sku.items():
        first = units[0]
        base = sum((Decimal(u.sale_price) for u in units), Decimal(0))
        commission = sum((Decimal(u.commission_amount) for u in units), Decimal(0))
        paid = order.commission_status == "PAYABLE"
        rows.append({
            "sku_id": sku_id, "product_id": first.product_id, "product_name": first.product_name,
            "price": _money(first.sale_price, order.currency), "quantity": len(units),
            "refunded_quantity": len(units) if refunded else 0, "returned_quantity": 0,
            "content_type": CONTENT_TYPES.get(order.channel, "SHOP"),
            "content_id": "", "open_collaboration_id": "3" + first.product_id[1:],
            "target_collaboration_id": "", "campaign_id": "", "commission_rate":
                first.commission_rate, "creator_username": order.via_username,
            "estimated_commission_base": _money(base, order.currency),
            "estimated_commission": _money(commission, order.currency),
            "actual_commission_base": _money(base if paid else 0, order.currency),
            "actual_commission": _money(commission if paid else 0, order.currency)})
    return rows


def seller_order(order: Order, lines: list[OrderLine]) -> dict[str, Any]:
    """Search Seller Affiliate Orders' row: rates as strings, `estimated_paid_commission`."""
    skus = []
    for row in _skus(order, lines):
        skus.append({**{k: v for k, v in row.items() if k not in (
            "sku_id", "product_name", "estimated_commission", "actual_commission")},
            "commission_rate": str(row["commission_rate"]),
            "estimated_paid_commission": row["estimated_commission"],
            "actual_paid_commission": row["actual_commission"],
            "commission_model": "Standard commission", "commission_tier_setting": ""})
    return {"id": order.id, "create_time": ts(order.created_at),
            "delivery_time": ts(order.delivery_at) or 0,
            "status": SELLER_STATUS.get(order.status, "PROCESSING"), "skus": skus}


def creator_order(order: Order, lines: list[OrderLine], shop_name: str) -> dict[str, Any]:
    """Search Creator Affiliate Orders' row: rates as ints, no creator id (the caller is)."""
    skus = [{**{k: v for k, v in row.items() if k not in ("sku_id", "creator_username")},
             "id": row["sku_id"], "shop_name": shop_name, "commission_bonus_rate": 0,
             "shop_ads_commission_rate": 0, "creator_commission_reward_rate": 0, "tag": ""}
            for row in _skus(order, lines)]
    return {"id": order.id, "create_time": ts(order.created_at),
            "delivery_time": ts(order.delivery_at) or 0,
            "status": CREATOR_STATUS.get(order.commission_status, "ORDERED"), "skus": skus}


def statement_transactions(order: Order, lines: list[OrderLine]) -> dict[str, Any]:
    """Get Order Statement Transactions 202501: revenue, fees (the affiliate commission; the
    sandbox charges no platform fee) and the settlement, once the order completed (§4.5)."""
    settled = order.status == COMPLETED and not order.refunded
    revenue = Decimal(order.sub_total) if settled else Decimal(0)
    fee = -sum((Decimal(u.commission_amount) for u in lines), Decimal(0)) if settled else 0
    by_sku: dict[str, list[OrderLine]] = {}
    for line in lines:
        by_sku.setdefault(line.sku_id, []).append(line)
    skus = []
    for sku_id, units in (by_sku.items() if settled else ()):
        sku_revenue = sum((Decimal(u.sale_price) for u in units), Decimal(0))
        sku_fee = -sum((Decimal(u.commission_amount) for u in units), Decimal(0))
        skus.append({
            "sku_id": sku_id, "sku_name": "", "statement_id": "", "product_name":
                units[0].product_name, "quantity": str(len(units)),
            "revenue_amount": amount_text(sku_revenue),
            "settlement_amount": amount_text(sku_revenue + sku_fee),
            "revenue_breakdown": {"subtotal_before_discount_amount": amount_text(sku_revenue),
                                  "seller_discount_amount": "0.00"},
            "shipping_cost_amount": "0.00", "fee_tax_amount": amount_text(sku_fee),
            "fee_tax_breakdown": {"fee": {
                "platform_commission_amount": "0.00", "referral_fee_amount": "0.00",
                "transaction_fee_amount": "0.00",
                "affiliate_commission_amount": amount_text(sku_fee)}, "tax": {}}})
    return {"order_id": order.id, "order_create_time": ts(order.created_at),
            "currency": order.currency, "revenue_amount": amount_text(revenue),
            "fee_and_tax_amount": amount_text(Decimal(fee)), "shipping_cost_amount": "0.00",
            "settlement_amount": amount_text(revenue + Decimal(fee)),
            "sku_transactions": skus, "total_count": len(skus)}


def lines_of(session: Session, orders: list[Order]) -> dict[str, list[OrderLine]]:
    found: dict[str, list[OrderLine]] = {o.id: [] for o in orders}
    if orders:
        for line in session.scalars(select(OrderLine).where(
                OrderLine.world_id == orders[0].world_id,
                OrderLine.order_id.in_(list(found))).order_by(OrderLine.position)):
            found[line.order_id].append(line)
    return found


def _page(session: Session, query: Any, body: Mapping[str, Any], args: Mapping[str, str]
          ) -> tuple[list[Order], str, int]:
    for name in ("create_time_ge", "create_time_lt"):
        value = int_field(body, name, low=0, high=2**40)
        if value is not None:
            at = datetime.fromtimestamp(value, UTC)
            query = query.where(Order.created_at >= at if name.endswith("ge")
                                else Order.created_at < at)
    size = page_size(args, 100, default=20)
    return keyset_page(session, query, Order.created_at, Order.id, size, True,
                       text_field(args, "page_token") or "")


def seller_page(session: Session, shop: Shop, body: Mapping[str, Any],
                args: Mapping[str, str]) -> dict[str, Any]:
    """Search Seller Affiliate Orders: the shop's paid orders an affiliate creator sold."""
    rows, token, total = _page(session, select(Order).where(
        Order.world_id == shop.world_id, Order.shop_id == shop.id, Order.relation == AFFILIATE,
        Order.paid_at.is_not(None)), body, args)
    lines = lines_of(session, rows)
    return {"orders": [seller_order(o, lines[o.id]) for o in rows], "next_page_token": token,
            "total_count": total}


def creator_page(session: Session, world_id: str, open_id: str, body: Mapping[str, Any],
                 args: Mapping[str, str]) -> dict[str, Any]:
    """Search Creator Affiliate Orders: the creator's paid affiliate sales, every shop's."""
    rows, token, total = _page(session, select(Order).where(
        Order.world_id == world_id, Order.via_open_id == open_id, Order.relation == AFFILIATE,
        Order.paid_at.is_not(None)), body, args)
    lines = lines_of(session, rows)
    names = {s.id: s.name for s in session.scalars(select(Shop).where(
        Shop.world_id == world_id, Shop.id.in_({o.shop_id for o in rows})))}
    return {"orders": [creator_order(o, lines[o.id], names.get(o.shop_id, "")) for o in rows],
            "next_page_token": token, "total_count": total}
