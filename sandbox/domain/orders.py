"""TikTok's order statuses, who may move an order where, and when the clock moves it (S3), pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sandbox.kernel.errors import RuleViolation
from sandbox.rules.registry import RuleValues

# protocols.md §4.1.4, exactly as Get Order List spells them.
UNPAID, ON_HOLD, AWAITING_SHIPMENT = "UNPAID", "ON_HOLD", "AWAITING_SHIPMENT"
PARTIALLY_SHIPPING, AWAITING_COLLECTION = "PARTIALLY_SHIPPING", "AWAITING_COLLECTION"
IN_TRANSIT, DELIVERED, COMPLETED, CANCELLED = "IN_TRANSIT", "DELIVERED", "COMPLETED", "CANCELLED"
STATUSES = (UNPAID, ON_HOLD, AWAITING_SHIPMENT, PARTIALLY_SHIPPING, AWAITING_COLLECTION, IN_TRANSIT,
            DELIVERED, COMPLETED, CANCELLED)
FINAL = (COMPLETED, CANCELLED)
# The order webhook (type 1) says CANCEL where the API says CANCELLED (§4.6, §4.8).
WEBHOOK_STATUS = {CANCELLED: "CANCEL"}

BUYER, SELLER, SYSTEM, OPERATOR = "BUYER", "SELLER", "SYSTEM", "OPERATOR"

# Who may make each documented move (§4.1.4 "Order Status Transitions" 1-15, §4.3's table).
MOVES: dict[str, dict[str, tuple[str, ...]]] = {
    # The seller cancelling an unpaid order: OV-rr says no, REASONS lists seller reasons for it;
    # both are TikTok's text, so the sandbox accepts it (§4.1.4).
    UNPAID: {ON_HOLD: (BUYER,), CANCELLED: (BUYER, SELLER, SYSTEM)},
    ON_HOLD: {AWAITING_SHIPMENT: (SYSTEM,), CANCELLED: (BUYER, SELLER, SYSTEM)},
    AWAITING_SHIPMENT: {PARTIALLY_SHIPPING: (SELLER,), AWAITING_COLLECTION: (SELLER,),
                        CANCELLED: (BUYER, SELLER, SYSTEM)},
    PARTIALLY_SHIPPING: {AWAITING_COLLECTION: (SELLER,), CANCELLED: (BUYER, SYSTEM)},
    AWAITING_COLLECTION: {IN_TRANSIT: (SYSTEM,), COMPLETED: (BUYER, SYSTEM),
                          CANCELLED: (SELLER, SYSTEM)},
    # The buyer confirming receipt delivers a parcel the carrier has not yet reported (sandbox).
    IN_TRANSIT: {DELIVERED: (SYSTEM, BUYER), COMPLETED: (BUYER, SYSTEM), CANCELLED: (SYSTEM,)},
    DELIVERED: {COMPLETED: (SELLER, SYSTEM)},
    COMPLETED: {},
    CANCELLED: {},
}
# The way an order goes when nothing goes wrong: a move "to a later status" walks it.
MAIN_LINE = (UNPAID, ON_HOLD, AWAITING_SHIPMENT, AWAITING_COLLECTION, IN_TRANSIT, DELIVERED,
             COMPLETED)


def allowed_moves(status: str) -> list[str]:
    return list(MOVES.get(status, {}))


def check_move(status: str, to: str, by: str) -> None:
    """Refuse a move the lifecycle does not have, or one `by` may not make (S3); the control
    plane (OPERATOR) may make any move the lifecycle has."""
    if to not in MOVES.get(status, {}):
        raise RuleViolation(
            f"An order in {status} cannot move to {to}; it can move to "
            f"{', '.join(allowed_moves(status)) or 'nothing (it is final)'}.",
            code="ORDER_TRANSITION_NOT_ALLOWED", rule="S3", status=409,
            details={"status": status, "to": to, "allowed": allowed_moves(status)})
    if by != OPERATOR and by not in MOVES[status][to]:
        raise RuleViolation(
            f"{by.lower()} cannot move an order from {status} to {to}; "
            f"{' or '.join(who.lower() for who in MOVES[status][to])} can.",
            code="ORDER_TRANSITION_NOT_YOURS", rule="S3", status=409,
            details={"status": status, "to": to, "by": by, "allowed_by": list(MOVES[status][to])})


def steps_to(status: str, to: str) -> list[str]:
    """The statuses an operator's "move to `to`" passes through, each a documented move: along
    the main line to a later status, or straight to CANCELLED where that is a move (S3)."""
    if to in MOVES.get(status, {}):
        return [to]
    if status in MAIN_LINE and to in MAIN_LINE and MAIN_LINE.index(to) > MAIN_LINE.index(status):
        return list(MAIN_LINE[MAIN_LINE.index(status) + 1:MAIN_LINE.index(to) + 1])
    raise RuleViolation(
        f"An order in {status} cannot reach {to}: from {status} it can move to "
        f"{', '.join(allowed_moves(status)) or 'nothing (it is final)'}, or to a later status of "
        f"{' → '.join(MAIN_LINE)}.", code="ORDER_TRANSITION_NOT_ALLOWED", rule="S3", status=409,
        details={"status": status, "to": to, "allowed": allowed_moves(status)})


@dataclass(frozen=True)
class Due:
    """A move the clock makes unless something else moves the order first."""

    to: str
    at: datetime
    why: str


def due_move(status: str, since: datetime, rules: RuleValues) -> Due | None:
    """When the clock moves an order that entered `status` at `since` (S3's parameters)."""
    s3 = rules.S3
    if status == UNPAID:
        return Due(CANCELLED, since + timedelta(minutes=s3.unpaid_cancel_minutes),
                   "system_cancel_unpaid_time_out")
    if status == ON_HOLD:
        return Due(AWAITING_SHIPMENT, since + timedelta(minutes=s3.hold_minutes), "hold_ended")
    if status == AWAITING_COLLECTION:
        return Due(IN_TRANSIT, since + timedelta(hours=s3.collect_hours), "carrier_collected")
    if status == IN_TRANSIT:
        return Due(DELIVERED, since + timedelta(hours=s3.deliver_hours), "carrier_delivered")
    if status == DELIVERED:
        return Due(COMPLETED, since + timedelta(days=s3.auto_complete_days), "after_sales_ended")
    return None


def request_answer_due(requested_at: datetime, kind: str, rules: RuleValues) -> datetime:
    """When TikTok approves a buyer's cancellation or return request nobody answered (S3)."""
    hours = (rules.S3.cancel_auto_approve_hours if kind == "cancellation"
             else rules.S3.return_auto_approve_hours)
    return requested_at + timedelta(hours=hours)
