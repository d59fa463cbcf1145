"""Seller Center pages: Orders by status, one order's actions (S3), affiliate orders (S2)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, g, redirect, render_template, request, url_for

from sandbox.domain import carriers
from sandbox.domain import orders as lifecycle
from sandbox.kernel.clock import iso
from sandbox.kernel.errors import BadRequest, SandboxError
from sandbox.kernel.fields import text_field
from sandbox.services import order_actions, order_desk, order_reports, shops
from sandbox.services.order_views import OrderFilter, one_view, page, views
from sandbox.services.orders import get_order
from sandbox.web.auth import cookie_seller
from sandbox.web.live import feed as live
from sandbox.web.outcomes import after_post, flashed, refusal

bp = Blueprint("orders_pages", __name__, url_prefix="/seller/orders")

PAGE_SIZE = 20
STATUS_NAMES = {lifecycle.UNPAID: "Unpaid", lifecycle.ON_HOLD: "On hold",
                lifecycle.AWAITING_SHIPMENT: "Awaiting shipment",
                lifecycle.PARTIALLY_SHIPPING: "Partially shipping",
                lifecycle.AWAITING_COLLECTION: "Awaiting collection",
                lifecycle.IN_TRANSIT: "In transit", lifecycle.DELIVERED: "Delivered",
                lifecycle.COMPLETED: "Completed", lifecycle.CANCELLED: "Cancelled"}
TABS = ("", *(s for s in STATUS_NAMES if s != lifecycle.PARTIALLY_SHIPPING))
SHIPPABLE = (lifecycle.ON_HOLD, lifecycle.AWAITING_SHIPMENT, lifecycle.PARTIALLY_SHIPPING)
DIRECT_CANCEL = "CANCEL"  # a cancellation nobody asked for: its record is the Cancelled time
CANCEL_REASONS = ("Out of stock", "Pricing error", "Unable to deliver to the buyer's address",
                  "Buyer asked to cancel")


def _seller_or_login() -> tuple[Any, Any]:
    seller = cookie_seller()
    if seller is None:
        return None, redirect(url_for("seller.login", next=request.path))
    return seller, None


def _shop(seller: Any) -> Any:
    return shops.get_shop(g.db, seller.world_id, seller.shop_id)


@bp.get("")
def index() -> Any:
    """Newest first, one status or all, a page at a time; follows new orders live."""
    seller, to_login = _seller_or_login()
    if to_login:
        return to_login
    live.live_after()  # the page's event cursor, read before what it shows
    status = text_field(request.args, "status") or ""
    if status and status not in STATUS_NAMES:
        raise BadRequest(f"status must be one of {', '.join(STATUS_NAMES)} (or none for all).",
                         code="INVALID_FIELD", details={"field": "status"})
    token = text_field(request.args, "page_token") or ""
    rows, next_token = page(g.db, seller.world_id, OrderFilter(
        status=status or None, shop_id=seller.shop_id), PAGE_SIZE, token)
    counts = order_reports.status_counts(g.db, seller.world_id, seller.shop_id)
    error, done = flashed()
    return render_template("orders.html", shop=_shop(seller), orders=views(g.db, rows),
                           status=status, tabs=TABS, names=STATUS_NAMES, counts=counts,
                           total=sum(counts.values()), token=token, next_token=next_token,
                           error=error, done=done)


def _request_times(view: dict[str, Any], kind: str) -> list[tuple[Any, str]]:
    times: list[tuple[Any, str]] = []
    asked = (r for r in view["requests"] if r["kind"] == kind and r["type"] != DIRECT_CANCEL)
    for req in asked:
        times.append((req["created_at"], f"{kind.capitalize()} requested by the buyer "
                                         f"({req['type']})"))
        if req["answered_at"]:
            times.append((req["answered_at"], f"{kind.capitalize()} request "
                          f"{req['status'].lower()} by {(req['answered_by'] or '').lower()}"))
    return times


def _timeline(order: Any, view: dict[str, Any]) -> list[tuple[str, str]]:
    """The order's times, oldest first (in a frozen world, in the order things happen), with
    its buyer's requests and their answers."""
    times = [(order.created_at, "Placed"), (order.paid_at, "Paid (the hold begins)"),
             *_request_times(view, "cancellation"),
             (order.rts_at, "Shipped: ready for the carrier to collect"),
             (order.collection_at, "Collected by the carrier"),
             (order.delivery_at, "Delivered"), *_request_times(view, "return"),
             (order.completed_at, "Completed"), (order.cancel_at, "Cancelled")]
    dated = [(when if isinstance(when, str) else iso(when) or "", what)
             for when, what in times if when]
    return sorted(dated, key=lambda t: t[0])


@bp.get("/<order_id>")
def order(order_id: str) -> Any:
    """One order: items, buyer, address, attribution, commission, payment, shipping, times, the
    buyer's open request, and what the seller can do now."""
    seller, to_login = _seller_or_login()
    if to_login:
        return to_login
    live.live_after()
    found = get_order(g.db, seller.world_id, order_id, shop_id=seller.shop_id)
    view = one_view(g.db, found)
    pending = next((r for r in view["requests"] if r["status"] == order_actions.PENDING), None)
    error, done = flashed()
    return render_template(
        "order.html", shop=_shop(seller), o=view, names=STATUS_NAMES, open_request=pending,
        timeline=_timeline(found, view), can_ship=view["status"] in SHIPPABLE,
        can_cancel=lifecycle.SELLER in lifecycle.MOVES[view["status"]].get(
            lifecycle.CANCELLED, ()),
        reasons=CANCEL_REASONS, providers=sorted(carriers.PROVIDERS.values()), error=error,
        done=done)


def _act(order_id: str, do: Callable[[Any, Any], None],
         done: Callable[[dict[str, Any]], str]) -> Any:
    """Do one thing to the order as its shop; POST → redirect → GET with the outcome."""
    seller = cookie_seller()
    if seller is None:
        return redirect(url_for("seller.login"))
    try:
        now = g.runtime.now(g.db, seller.world_id)
        view = order_desk.act(g.db, seller.world_id, order_id, lambda o: do(o, now),
                              shop_id=seller.shop_id)
    except SandboxError as exc:
        g.db.rollback()
        if exc.code == "ORDER_NOT_FOUND":
            return after_post("orders_pages.index", refusal(exc))
        return after_post("orders_pages.order", refusal(exc), order_id=order_id)
    return after_post("orders_pages.order", done={"message": done(view)}, order_id=order_id)


def _reason() -> str:
    return (text_field(request.form, "reason") or "").strip()


@bp.post("/<order_id>/ship")
def ship(order_id: str) -> Any:
    """Ship the package (AWAITING_SHIPMENT → AWAITING_COLLECTION); defaults: the sandbox's
    carrier and a tracking number it makes up."""
    provider = (text_field(request.form, "provider") or "").strip()
    tracking = (text_field(request.form, "tracking") or "").strip()
    return _act(order_id, lambda o, now: order_actions.ship(g.db, o, now, provider=provider,
                                                            tracking=tracking),
                lambda v: f"Shipped with {v['shipping']['provider']}, tracking number "
                          f"{v['shipping']['tracking_number']}.")


@bp.post("/<order_id>/cancel")
def cancel(order_id: str) -> Any:
    reason = _reason()
    return _act(order_id, lambda o, now: order_actions.seller_cancel(g.db, o, now, reason),
                lambda v: "Order cancelled" + (f" ({reason})." if reason else ".")
                + " Its stock is back on the shelf.")


def _answer(order_id: str, approve: bool) -> Any:
    reason = _reason()
    return _act(order_id, lambda o, now: order_actions.answer_request(
        g.db, o, approve, now, reason=reason),
        lambda v: f"Request {'approved' if approve else 'rejected'}; the order is now "
                  f"{STATUS_NAMES[v['status']]}.")


@bp.post("/<order_id>/request/approve")
def approve_request(order_id: str) -> Any:
    """Approve the buyer's open request: cancel the order, or refund it (S3)."""
    return _answer(order_id, True)


@bp.post("/<order_id>/request/reject")
def reject_request(order_id: str) -> Any:
    """Reject the buyer's open cancellation or return request (S3)."""
    return _answer(order_id, False)


@bp.get("/affiliate")
def affiliate() -> Any:
    """Affiliate → Orders: the orders affiliate creators sold, per creator, with commission."""
    seller, to_login = _seller_or_login()
    if to_login:
        return to_login
    live.live_after()
    report = order_reports.affiliate_orders(g.db, seller.world_id, seller.shop_id)
    return render_template("affiliate_orders.html", shop=_shop(seller), report=report,
                           names=STATUS_NAMES)
