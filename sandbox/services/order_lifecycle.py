"""Moving an order through TikTok's statuses with every side effect of a move: times, stock
given back (S4), commission fixed, payable or reversed (S2), the clock's next move (S3), events."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sandbox.domain import orders as lifecycle
from sandbox.domain.attribution import AFFILIATE, amount_text, commission_amount, commission_rate
from sandbox.domain.checkout import new_id
from sandbox.domain.orders import (
    AWAITING_COLLECTION,
    CANCELLED,
    COMPLETED,
    DELIVERED,
    IN_TRANSIT,
    ON_HOLD,
    OPERATOR,
    SYSTEM,
)
from sandbox.kernel import jobs
from sandbox.kernel.events import append_event
from sandbox.kernel.models import Job
from sandbox.kernel.world_config import rules_for
from sandbox.services import order_webhooks
from sandbox.store.orders import Order, OrderLine, OrderRequest
from sandbox.store.products import Product

CLOCK_JOB = "order.clock"
# Commission of an order: nothing to pay, fixed and waiting for completion, owed, taken back.
NO_COMMISSION, PENDING, PAYABLE, REVERSED = "NONE", "PENDING", "PAYABLE", "REVERSED"


def lines_of(session: Session, order: Order) -> list[OrderLine]:
    return list(session.scalars(select(OrderLine).where(
        OrderLine.world_id == order.world_id, OrderLine.order_id == order.id)
        .order_by(OrderLine.position)))


def units_by_product(lines: list[OrderLine]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.product_id] = counts.get(line.product_id, 0) + 1
    return counts


def give_back_stock(session: Session, order: Order, lines: list[OrderLine]) -> None:
    """S4: a cancellation or refund puts the units back on the shelf."""
    for product_id, units in units_by_product(lines).items():
        session.execute(update(Product).where(
            Product.world_id == order.world_id, Product.id == product_id)
            .values(inventory=Product.inventory + units))


def fix_commission(session: Session, order: Order, lines: list[OrderLine]) -> None:
    """S2: at payment each unit's commission is fixed from the relation recorded at sale and
    the product's open-collaboration rate now; nothing later changes it."""
    if order.relation != AFFILIATE:
        return
    found = session.execute(select(Product.id, Product.commission_rate).where(
        Product.world_id == order.world_id, Product.affiliate_open.is_(True),
        Product.id.in_({line.product_id for line in lines})))
    rates: dict[str, int] = {product_id: rate for product_id, rate in found}
    for line in lines:
        line.commission_rate = commission_rate(order.relation, rates.get(line.product_id, 0))
        line.commission_amount = commission_amount(line.sale_price, line.commission_rate)
    if any(line.commission_rate for line in lines):
        order.commission_status = PENDING


def commission_total(lines: list[OrderLine]) -> str:
    return amount_text(sum((Decimal(line.commission_amount) for line in lines), Decimal(0)))


_STAMPS = {ON_HOLD: "paid_at", AWAITING_COLLECTION: "rts_at", IN_TRANSIT: "collection_at",
           DELIVERED: "delivery_at", COMPLETED: "completed_at", CANCELLED: "cancel_at"}


def move(session: Session, order: Order, to: str, by: str, now: datetime, *,
         reason: str = "", refunded: bool = False, data: dict[str, Any] | None = None,
         lines: list[OrderLine] | None = None, new: bool = False) -> None:
    """One documented move (S3), made by `by`, with its side effects in the caller's
    transaction. `refunded`: the move ends the order with its money given back; `lines`: the
    order's lines when the caller holds them, else they are read; `new`: the order was placed
    in this transaction (it has no clock job to replace)."""
    lifecycle.check_move(order.status, to, by)
    before = order.status
    lines = lines if lines is not None else lines_of(session, order)
    order.status, order.status_since, order.updated_at = to, now, now
    if to in _STAMPS:
        setattr(order, _STAMPS[to], now)
    if to == ON_HOLD:
        fix_commission(session, order, lines)
    if to == CANCELLED or refunded:
        order.refunded = refunded or order.paid_at is not None
        give_back_stock(session, order, lines)
        if order.commission_status == PENDING:
            order.commission_status = REVERSED
    if to == CANCELLED:
        order.cancel_reason = reason
        order.cancellation_initiator = by if by != OPERATOR else SYSTEM
        if not (data or {}).get("request_id"):  # a direct cancellation is a record too (§4.3)
            record_cancellation(session, order, by, reason, now)
    if to == COMPLETED and order.commission_status == PENDING:
        order.commission_status = PAYABLE
    schedule_clock(session, order, now, replace=not new)
    append_event(session, order.world_id, now, "order.status_changed", order.id, {
        "shop_id": order.shop_id, "from": before, "to": to, "by": by, "reason": reason,
        "commission": order.commission_status, **(data or {})})
    order_webhooks.order_status(session, order, now)


def record_cancellation(session: Session, order: Order, by: str, reason: str,
                        now: datetime) -> OrderRequest:
    """A cancellation nobody had to approve (the buyer in the hold, the seller, TikTok): TikTok
    lists it with the requests (Search Cancellations, `cancel_type` CANCEL)."""
    record = OrderRequest(
        world_id=order.world_id, id=new_id("4"), order_id=order.id, shop_id=order.shop_id,
        kind="cancellation", type="CANCEL", role=by, status="APPROVED", reason=reason[:200],
        answered_by=by, refund_total=order.total_amount if order.paid_at else "0.00",
        created_at=now, answer_due_at=now, answered_at=now)
    session.add(record)
    order_webhooks.request_status(session, record, now)
    return record


def schedule_clock(session: Session, order: Order, now: datetime, *,
                   replace: bool = True) -> None:
    """Replace the order's pending clock move with the one its new status has (S3); a new
    order has none to replace (`replace` False)."""
    if replace:
        jobs.cancel(session, order.world_id, CLOCK_JOB, order.id, now)
    due = lifecycle.due_move(order.status, order.status_since,
                             rules_for(session, order.world_id))
    if due is not None:
        jobs.schedule(session, order.world_id, CLOCK_JOB, max(due.at, now), order.id,
                      {"from": order.status, "to": due.to, "why": due.why})


def pause_clock(session: Session, order: Order, now: datetime) -> None:
    """A buyer's open request holds the clock (no completion while a return is decided)."""
    jobs.cancel(session, order.world_id, CLOCK_JOB, order.id, now)


def clock_job(session: Session, job: Job, now: datetime) -> None:
    """S3: the move the clock makes when nothing moved the order first."""
    order = session.get(Order, job.subject)
    if order is None or order.status != job.payload.get("from"):
        return
    move(session, order, job.payload["to"], SYSTEM, now, reason=job.payload.get("why", ""))


def next_clock_move(session: Session, order: Order) -> dict[str, Any] | None:
    """What the clock will do to the order next, and when (None: nothing)."""
    job = session.scalars(select(Job).where(
        Job.world_id == order.world_id, Job.kind == CLOCK_JOB, Job.subject == order.id,
        Job.fired_at.is_(None)).order_by(Job.due_at).limit(1)).first()
    if job is None:
        return None
    return {"to": job.payload.get("to"), "at": job.due_at, "why": job.payload.get("why")}
