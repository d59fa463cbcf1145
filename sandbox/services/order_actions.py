"""What the seller, the buyer, the carrier and the control plane do to an order (S3): ship,
cancel, ask for and answer cancellations and returns, collect and deliver."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.domain import carriers, checkout
from sandbox.domain import orders as lifecycle
from sandbox.domain.orders import (
    AWAITING_COLLECTION,
    AWAITING_SHIPMENT,
    BUYER,
    CANCELLED,
    COMPLETED,
    DELIVERED,
    IN_TRANSIT,
    ON_HOLD,
    OPERATOR,
    PARTIALLY_SHIPPING,
    SELLER,
    SYSTEM,
    UNPAID,
)
from sandbox.kernel import jobs
from sandbox.kernel.errors import BadRequest, NotFound, RuleViolation
from sandbox.kernel.events import append_event
from sandbox.kernel.models import Job
from sandbox.kernel.world_config import rules_for
from sandbox.services import order_webhooks
from sandbox.services.order_lifecycle import move, pause_clock, schedule_clock
from sandbox.store.orders import Order, OrderRequest

REQUEST_JOB = "order.request_due"
PENDING, APPROVED, REJECTED = "PENDING", "APPROVED", "REJECTED"
RETURN_TYPES = ("REFUND_ONLY", "RETURN_AND_REFUND")
CARRIER_EVENTS = {"collected": IN_TRANSIT, "in_transit": IN_TRANSIT, "delivered": DELIVERED}
SHIPPED = (AWAITING_COLLECTION, IN_TRANSIT, DELIVERED, COMPLETED)


def _refuse(order: Order, code: str, message: str, status: int = 409) -> RuleViolation:
    return RuleViolation(message, code=code, rule="S3", status=status,
                         details={"order_id": order.id, "status": order.status})


def open_request(session: Session, order: Order) -> OrderRequest | None:
    return session.scalars(select(OrderRequest).where(
        OrderRequest.world_id == order.world_id, OrderRequest.order_id == order.id,
        OrderRequest.status == PENDING)).first()


def ship(session: Session, order: Order, now: datetime, *, provider: str = "",
         tracking: str = "", by: str = SELLER) -> None:
    """The seller ships the order's one package (AWAITING_SHIPMENT → AWAITING_COLLECTION)."""
    if order.status == CANCELLED:
        raise _refuse(order, "ORDER_IS_CANCELLED", f"Order {order.id} is cancelled; there is "
                      "nothing to ship.")
    if order.status in SHIPPED:
        raise _refuse(order, "ORDER_ALREADY_SHIPPED", f"Order {order.id} was already shipped "
                      f"({order.shipping_provider} {order.tracking_number}); ship it once.")
    if order.status == ON_HOLD:
        raise _refuse(order, "ORDER_ON_HOLD", f"Order {order.id} is ON_HOLD (the buyer's "
                      "remorse window); ship it once it is AWAITING_SHIPMENT.")
    if order.status not in (AWAITING_SHIPMENT, PARTIALLY_SHIPPING):
        raise _refuse(order, "ORDER_NOT_SHIPPABLE", f"Order {order.id} is {order.status}; only "
                      "an AWAITING_SHIPMENT order can be shipped.")
    pending = open_request(session, order)
    if pending is not None:  # US since 2024: shipping rejects the buyer's open request (§4.2.2)
        _answer(session, pending, REJECTED, by, now, "seller_shipped")
    provider_id = carriers.provider_id_for(provider or carriers.SANDBOX_PROVIDER_ID)
    order.shipping_provider = (carriers.PROVIDERS[provider_id] if provider_id else provider)[:100]
    order.shipping_provider_id = provider_id or checkout.new_id("7")
    order.tracking_number = (tracking or "SBX" + checkout.new_id("1")[:12])[:64]
    order.package_id = order.package_id or checkout.new_id("1")
    move(session, order, AWAITING_COLLECTION, by, now, data={
        "shipping_provider": order.shipping_provider, "tracking_number": order.tracking_number,
        "package_id": order.package_id})


def seller_cancel(session: Session, order: Order, now: datetime, reason: str = "",
                  by: str = SELLER) -> None:
    if order.status == CANCELLED:
        raise _refuse(order, "ORDER_IS_CANCELLED", f"Order {order.id} is already cancelled.")
    request = open_request(session, order)
    if request is not None and request.kind == "cancellation":  # the buyer asked: granted
        _answer(session, request, APPROVED, by, now, "seller cancelled")
        move(session, order, CANCELLED, by, now, reason=reason or "seller_cancel",
             data={"request_id": request.id})
        return
    move(session, order, CANCELLED, by, now, reason=reason or "seller_cancel")


def latest_cancellation(session: Session, order: Order) -> OrderRequest | None:
    """The order's newest cancellation record (TikTok's `cancel_id`)."""
    return session.scalars(select(OrderRequest).where(
        OrderRequest.world_id == order.world_id, OrderRequest.order_id == order.id,
        OrderRequest.kind == "cancellation").order_by(OrderRequest.created_at.desc(),
                                                      OrderRequest.id.desc()).limit(1)).first()


def buyer_cancel(session: Session, order: Order, now: datetime, reason: str = "") -> str:
    """Before payment and in the hold the buyer cancels at once; while the order awaits
    shipment the buyer asks and the seller answers (S3). Returns "cancelled" or "requested"."""
    if order.status == CANCELLED:
        raise _refuse(order, "ORDER_IS_CANCELLED", f"Order {order.id} is already cancelled.")
    if order.status in (UNPAID, ON_HOLD):
        move(session, order, CANCELLED, BUYER, now, reason=reason or "buyer_cancel")
        return "cancelled"
    if order.status not in (AWAITING_SHIPMENT, PARTIALLY_SHIPPING):
        raise _refuse(order, "ORDER_NOT_CANCELLABLE", f"Order {order.id} is {order.status}: it "
                      "has left the shop, so it can no longer be cancelled; once delivered, "
                      "request a return or refund.")
    _new_request(session, order, "cancellation", "BUYER_CANCEL", reason, now)
    order.request_cancel_at = now
    return "requested"


def request_return(session: Session, order: Order, now: datetime, reason: str,
                   kind: str = "RETURN_AND_REFUND") -> OrderRequest:
    """After delivery the buyer asks for a refund, with or without sending the item back."""
    if kind not in RETURN_TYPES:
        raise BadRequest(f"type must be one of {', '.join(RETURN_TYPES)}.", code="INVALID_FIELD",
                         details={"field": "type"})
    if order.status == CANCELLED:
        raise _refuse(order, "ORDER_IS_CANCELLED", f"Order {order.id} is cancelled; it was "
                      "refunded in full.")
    if order.status == COMPLETED:
        raise _refuse(order, "RETURN_WINDOW_CLOSED", f"Order {order.id} is COMPLETED: its "
                      "after-sales period has ended.")
    if order.status != DELIVERED:
        raise _refuse(order, "RETURN_BEFORE_DELIVERY", f"Order {order.id} is {order.status}; "
                      "a return or refund can be requested once it is DELIVERED (before that, "
                      "cancel it).")
    request = _new_request(session, order, "return", kind, reason, now)
    pause_clock(session, order, now)
    return request


def _new_request(session: Session, order: Order, kind: str, type_: str, reason: str,
                 now: datetime) -> OrderRequest:
    if open_request(session, order) is not None:
        raise _refuse(order, "ORDER_REQUEST_PENDING", f"Order {order.id} already has an open "
                      "request; wait for the seller's answer.")
    request = OrderRequest(
        world_id=order.world_id, id=checkout.new_id("4"), order_id=order.id,
        shop_id=order.shop_id, kind=kind, type=type_, role=BUYER, status=PENDING,
        reason=reason[:200],
        refund_total=order.total_amount, created_at=now,
        answer_due_at=lifecycle.request_answer_due(now, kind, rules_for(session, order.world_id)))
    session.add(request)
    order.updated_at = now
    jobs.schedule(session, order.world_id, REQUEST_JOB, request.answer_due_at, request.id)
    append_event(session, order.world_id, now, f"order.{kind}_requested", order.id, {
        "shop_id": order.shop_id, "request_id": request.id, "type": type_, "reason": reason,
        "answer_due_at": request.answer_due_at.isoformat()})
    order_webhooks.request_status(session, request, now)
    return request


def get_request(session: Session, order: Order, request_id: str | None = None) -> OrderRequest:
    """The order's open request (or the one named)."""
    request = (session.get(OrderRequest, request_id) if request_id else open_request(session, order))
    if request is None or request.order_id != order.id or request.world_id != order.world_id:
        raise NotFound(f"Order {order.id} has no open cancellation or return request.",
                       code="ORDER_REQUEST_NOT_FOUND", details={"order_id": order.id})
    return request


def answer_request(session: Session, order: Order, approve: bool, now: datetime, *,
                   reason: str = "", by: str = SELLER, request_id: str | None = None) -> None:
    """The seller approves (cancel, or refund) or rejects the buyer's request (S3)."""
    request = get_request(session, order, request_id)
    if request.status != PENDING:
        raise _refuse(order, "ORDER_REQUEST_ANSWERED", f"Request {request.id} was already "
                      f"{request.status.lower()}.")
    _answer(session, request, APPROVED if approve else REJECTED, by, now, reason)
    if approve and request.kind == "cancellation":
        move(session, order, CANCELLED, BUYER, now, reason=request.reason or "buyer_cancel",
             data={"request_id": request.id})
    elif approve:
        move(session, order, COMPLETED, by if by in (SELLER, SYSTEM) else SYSTEM, now,
             reason="refunded", refunded=True, data={"request_id": request.id})
    elif request.kind == "return":
        schedule_clock(session, order, now)  # the after-sales clock runs on (ended: now)
    else:
        order.updated_at = now


def _answer(session: Session, request: OrderRequest, status: str, by: str, now: datetime,
            reason: str) -> None:
    request.status, request.answered_by, request.answered_at = status, by, now
    request.answer_reason = reason[:200]
    jobs.cancel(session, request.world_id, REQUEST_JOB, request.id, now)
    append_event(session, request.world_id, now, f"order.{request.kind}_{status.lower()}",
                 request.order_id, {"shop_id": request.shop_id, "request_id": request.id,
                                    "by": by, "reason": reason})
    order_webhooks.request_status(session, request, now)


def request_due_job(session: Session, job: Job, now: datetime) -> None:
    """S3: a request nobody answered in time is approved by TikTok."""
    request = session.get(OrderRequest, job.subject)
    if request is None or request.status != PENDING:
        return
    order = session.get(Order, request.order_id)
    if order is not None:
        answer_request(session, order, True, now, reason="auto_approved", by=SYSTEM,
                       request_id=request.id)


def change_address(session: Session, order: Order, address: dict[str, str],
                   now: datetime) -> None:
    """The buyer changes where the order goes, until it is shipped (webhook 3)."""
    if order.status not in (UNPAID, ON_HOLD, AWAITING_SHIPMENT, PARTIALLY_SHIPPING):
        raise _refuse(order, "ORDER_ADDRESS_LOCKED", f"Order {order.id} is {order.status}: "
                      "its address can change only until it is shipped.")
    order.recipient = checkout.recipient(address, order.recipient)
    order.address_updated, order.updated_at = True, now
    append_event(session, order.world_id, now, "order.address_updated", order.id,
                 {"shop_id": order.shop_id})
    order_webhooks.address_updated(session, order, now)


def receipt(session: Session, order: Order, now: datetime) -> None:
    """The buyer says the parcel arrived (IN_TRANSIT → DELIVERED)."""
    move(session, order, DELIVERED, BUYER, now, reason="buyer_confirmed_receipt")


def carrier(session: Session, order: Order, event: str, now: datetime) -> None:
    """The simulated carrier: collected / in_transit (→ IN_TRANSIT), delivered (→ DELIVERED,
    collecting first if it had not)."""
    if event not in CARRIER_EVENTS:
        raise BadRequest(f"event must be one of {', '.join(CARRIER_EVENTS)}.",
                         code="INVALID_FIELD", details={"field": "event"})
    for status in lifecycle.steps_to(order.status, CARRIER_EVENTS[event]):
        if status not in (IN_TRANSIT, DELIVERED):
            raise _refuse(order, "ORDER_NOT_SHIPPABLE", f"Order {order.id} is {order.status}; "
                          "the carrier only moves a shipped order.")
        move(session, order, status, SYSTEM, now, reason=f"carrier_{event}")


def transition(session: Session, order: Order, to: str, now: datetime,
               reason: str = "") -> list[str]:
    """The control plane moves an order to any later status, each step with its side effects
    (stock, commission, requests, events); returns the statuses it passed through."""
    if to not in lifecycle.STATUSES:
        raise BadRequest(f"to must be one of {', '.join(lifecycle.STATUSES)}.",
                         code="INVALID_FIELD", details={"field": "to"})
    steps = lifecycle.steps_to(order.status, to)
    pending = open_request(session, order)
    if pending is not None and COMPLETED in steps:
        raise _refuse(order, "ORDER_REQUEST_PENDING", f"Order {order.id} has an open "
                      f"{pending.kind} request; approve or reject it first.")
    for status in steps:
        if status == AWAITING_COLLECTION:
            ship(session, order, now, by=OPERATOR)
        elif status == CANCELLED:
            seller_cancel(session, order, now, reason or "operator_cancel", by=OPERATOR)
        else:
            move(session, order, status, OPERATOR, now, reason=reason)
    return steps
