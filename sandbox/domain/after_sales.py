"""Cancellations and returns in TikTok's words (protocols.md §4.3, §4.6): statuses, types,
roles and the order of the statuses a change goes through, pure."""

from __future__ import annotations

PENDING, APPROVED, REJECTED = "PENDING", "APPROVED", "REJECTED"
# Search Cancellations' and webhook 11's statuses. "…_CANCEL" is the filter's spelling in the
# request; responses and the webhook say "…_CANCELLED" (§4.3.1): both are accepted in filters.
CANCEL_PENDING, CANCEL_SUCCESS = "CANCELLATION_REQUEST_PENDING", "CANCELLATION_REQUEST_SUCCESS"
CANCEL_CLOSED, CANCEL_COMPLETE = "CANCELLATION_REQUEST_CANCELLED", "CANCELLATION_REQUEST_COMPLETE"
CANCEL_STATUSES = (CANCEL_PENDING, CANCEL_SUCCESS, CANCEL_CLOSED, CANCEL_COMPLETE)
CANCEL_ALIASES = {"CANCELLATION_REQUEST_CANCEL": CANCEL_CLOSED}
RETURN_PENDING = "RETURN_OR_REFUND_REQUEST_PENDING"
RETURN_REJECT = "REFUND_OR_RETURN_REQUEST_REJECT"
RETURN_SUCCESS, RETURN_COMPLETE = ("RETURN_OR_REFUND_REQUEST_SUCCESS",
                                   "RETURN_OR_REFUND_REQUEST_COMPLETE")
RETURN_STATUSES = (RETURN_PENDING, RETURN_REJECT, "AWAITING_BUYER_SHIP", "BUYER_SHIPPED_ITEM",
                   "REJECT_RECEIVE_PACKAGE", RETURN_SUCCESS, "RETURN_OR_REFUND_REQUEST_CANCEL",
                   RETURN_COMPLETE, "REPLACEMENT_REQUEST_PENDING", "REPLACEMENT_REQUEST_REJECT",
                   "REPLACEMENT_REQUEST_REFUND_SUCCESS", "REPLACEMENT_REQUEST_CANCEL",
                   "REPLACEMENT_REQUEST_COMPLETE", "AWAITING_BUYER_RESPONSE")
# The sandbox's return kinds as TikTok's `return_type`.
RETURN_TYPES = {"REFUND_ONLY": "REFUND", "RETURN_AND_REFUND": "RETURN_AND_REFUND"}
CANCEL_TYPES = ("CANCEL", "BUYER_CANCEL")
# Approve / Reject Return `decision`s that fit each return type (§4.3.5).
APPROVE_DECISIONS = {"REFUND": ("APPROVE_REFUND",),
                     "RETURN_AND_REFUND": ("APPROVE_RETURN", "APPROVE_RECEIVED_PACKAGE")}
REJECT_DECISIONS = {"REFUND": ("REJECT_REFUND",),
                    "RETURN_AND_REFUND": ("REJECT_RETURN", "REJECT_RECEIVED_PACKAGE")}
ROLES = ("BUYER", "SELLER", "SYSTEM", "OPERATOR")


def cancel_status(status: str) -> str:
    """A cancellation record's status as TikTok shows it now."""
    return {PENDING: CANCEL_PENDING, APPROVED: CANCEL_COMPLETE}.get(status, CANCEL_CLOSED)


def return_status(status: str) -> str:
    return {PENDING: RETURN_PENDING, APPROVED: RETURN_COMPLETE}.get(status, RETURN_REJECT)


def cancel_steps(status: str) -> tuple[str, ...]:
    """The statuses a change to `status` passes through, each its own webhook: an approval is
    accepted (SUCCESS), then done and refunded (COMPLETE) at once in the sandbox."""
    return (CANCEL_SUCCESS, CANCEL_COMPLETE) if status == APPROVED else (cancel_status(status),)


def return_steps(status: str) -> tuple[str, ...]:
    return (RETURN_SUCCESS, RETURN_COMPLETE) if status == APPROVED else (return_status(status),)


def webhook_role(role: str) -> str:
    """Webhooks 11 and 12 name BUYER, SELLER or SYSTEM; TikTok's own operator is SYSTEM there."""
    return role if role in ("BUYER", "SELLER") else "SYSTEM"


def reason_text(reason: str) -> str:
    """A reason key in words ("seller_cancel_reason_out_of_stock" → "Out of stock")."""
    words = reason
    for prefix in ("seller_cancel_paid_reason_", "seller_cancel_reason_", "seller_cancel_",
                   "ecom_order_to_ship_canceled_reason_", "system_cancel_", "buyer_"):
        words = words.removeprefix(prefix)
    return words.replace("_", " ").strip().capitalize()
