"""Phone pages for a buyer's orders (S3) and a creator's commission (S2): TikTok Shop keeps both."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from flask import Blueprint, g, render_template, request, url_for
from flask_babel import gettext as _

from fake_tiktok_app.services import purchases
from fake_tiktok_app.web.phone import attempt, need_login
from fake_tiktok_app.web.phone_checkout import shop
from fake_tiktok_app.web.phone_live import feed as live
from fake_tiktok_app.web.session import current_account
from sandbox.kernel.fields import text_field

bp = Blueprint("phone_orders", __name__, url_prefix="/phone")
ORDER_EVENTS = "order."
RETURN_TYPES = ("RETURN_AND_REFUND", "REFUND_ONLY")
RETURN_REASONS = ("Damaged", "Wrong item", "Not as described", "No longer needed")
CANCELLABLE = ("UNPAID", "ON_HOLD", "AWAITING_SHIPMENT", "PARTIALLY_SHIPPING")


def status_words() -> dict[str, str]:
    """An order's status as the buyer reads it."""
    return {"UNPAID": _("Awaiting payment"), "ON_HOLD": _("On hold"),
            "AWAITING_SHIPMENT": _("Awaiting shipment"),
            "PARTIALLY_SHIPPING": _("Partially shipped"),
            "AWAITING_COLLECTION": _("Shipped"), "IN_TRANSIT": _("In transit"),
            "DELIVERED": _("Delivered"), "COMPLETED": _("Completed"),
            "CANCELLED": _("Cancelled")}


def commission_words() -> dict[str, str]:
    return {"PENDING": _("pending"), "PAYABLE": _("payable"), "REVERSED": _("reversed"),
            "NONE": _("none")}


def return_words() -> dict[str, str]:
    return {"RETURN_AND_REFUND": _("Return and refund"), "REFUND_ONLY": _("Refund only"),
            "Damaged": _("Damaged"), "Wrong item": _("Wrong item"),
            "Not as described": _("Not as described"), "No longer needed": _("No longer needed")}


def _when(unix: int | None) -> datetime | None:
    return datetime.fromtimestamp(unix, UTC) if unix is not None else None


def timeline(order: dict[str, Any]) -> list[tuple[str, datetime]]:
    """The order's moments so far, oldest first: placed, paid, shipped, collected, delivered,
    cancelled."""
    steps = [(_("Placed"), order.get("create_time")), (_("Paid"), order.get("paid_time")),
             (_("Shipped"), order.get("rts_time")), (_("Collected"), order.get("collection_time")),
             (_("Delivered"), order.get("delivery_time")),
             (_("Cancelled"), order.get("cancel_time"))]
    found = [(label, when) for label, at in steps if (when := _when(at)) is not None]
    return sorted(found, key=lambda step: step[1])


def pending_request(order: dict[str, Any]) -> dict[str, Any] | None:
    """The buyer's request the seller has not answered yet (a cancellation or a return)."""
    return next((r for r in order.get("requests") or [] if r.get("status") == "PENDING"), None)


def rate_text(basis_points: int) -> str:
    """A commission rate in basis points as a percentage: 1500 -> "15%"."""
    return f"{Decimal(basis_points) / 100:g}%"


@bp.app_context_processor
def _orders() -> dict[str, Any]:
    return {"status_words": status_words, "commission_words": commission_words,
            "return_words": return_words, "rate_text": rate_text, "order_events": ORDER_EVENTS}


@bp.get("/orders")
def my_orders() -> Any:
    """My orders: newest first, with status, total and items; follows every order change."""
    account = current_account()
    if account is None:
        return need_login()
    live.live_after()  # the page's event cursor, read before what it shows
    token = text_field(request.args, "page_token") or ""
    page = purchases.buyer_call(shop(), g.db, account, "GET", "/orders",
                                params={"page_token": token})
    return render_template("phone/orders.html", account=account, orders=page["orders"],
                           next_token=page.get("next_page_token") or "")


@bp.get("/orders/<order_id>")
def order_page(order_id: str) -> Any:
    """One order: times so far, shipping and tracking, and what the buyer may do now."""
    account = current_account()
    if account is None:
        return need_login()
    live.live_after()
    order = purchases.buyer_call(shop(), g.db, account, "GET", f"/orders/{order_id}")
    return render_template("phone/order.html", account=account, order=order,
                           steps=timeline(order), pending=pending_request(order),
                           cancellable=order["status"] in CANCELLABLE,
                           return_types=RETURN_TYPES, reasons=RETURN_REASONS)


def _act(order_id: str, action: str, body: dict[str, Any] | None, success: Any) -> Any:
    account = current_account()
    if account is None:
        return need_login()
    page = url_for("phone_orders.order_page", order_id=order_id)
    return attempt(lambda: purchases.buyer_call(shop(), g.db, account, "POST",
                                                f"/orders/{order_id}/{action}", body),
                   success, page)


def _cancelled(order: dict[str, Any]) -> str:
    if order["status"] == "CANCELLED":
        return _("Order cancelled.")
    return _("Cancellation requested: the seller will answer.")


@bp.post("/orders/<order_id>/cancel")
def cancel(order_id: str) -> Any:
    """Cancel at once (UNPAID, ON_HOLD) or ask the seller to (AWAITING_SHIPMENT)."""
    reason = (text_field(request.form, "reason") or "").strip()[:200]
    return _act(order_id, "cancel", {"reason": reason}, _cancelled)


@bp.post("/orders/<order_id>/return")
def request_return(order_id: str) -> Any:
    """After delivery: a refund, with or without sending the item back."""
    body = {"reason": (text_field(request.form, "reason") or "").strip()[:200],
            "type": text_field(request.form, "type") or "RETURN_AND_REFUND"}
    return _act(order_id, "return", body,
                lambda _o: _("Request sent: the seller will answer."))


@bp.post("/orders/<order_id>/receipt")
def confirm_receipt(order_id: str) -> Any:
    return _act(order_id, "receipt", None, lambda _o: _("Thanks! Receipt confirmed."))


@bp.post("/orders/<order_id>/pay")
def pay(order_id: str) -> Any:
    """Pay an UNPAID order again (the account's payment persona decides, S3)."""
    account = current_account()
    payment = account.payment if account is not None else "succeed"
    return _act(order_id, "pay", {"payment": payment}, lambda _o: _("Paid. Thank you!"))


@bp.get("/earnings")
def earnings() -> Any:
    """A creator's commission, order by order: pending until the order completes, payable
    after, reversed by a cancellation or refund (S2)."""
    account = current_account()
    if account is None:
        return need_login()
    live.live_after()
    found = purchases.buyer_call(shop(), g.db, account, "GET", "/earnings")
    return render_template("phone/earnings.html", account=account, earnings=found)
