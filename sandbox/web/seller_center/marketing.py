"""Seller Center pages: Marketing accounts (invite, E1), unlinking (F1–F5) and support tickets."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from sandbox.domain.markets import profile
from sandbox.kernel.errors import SandboxError
from sandbox.kernel.fields import text_field
from sandbox.services import account_sync, invitations, links, shops, tickets, unlinking
from sandbox.web.auth import cookie_seller, seller_center
from sandbox.web.live import feed as live

bp = Blueprint("marketing", __name__, url_prefix="/seller/account/linked-accounts")
BACK_TO = {"linked": "seller.linked_accounts", "marketing": "marketing.page"}


def _message(exc: SandboxError) -> str:
    named = not exc.rule or f"rule {exc.rule}" in exc.message
    return exc.message + ("" if named else f" (rule {exc.rule})")


def _back(error: str | None = None, notice: str | None = None) -> Any:
    """Back to the page the form was on, the outcome flashed (shown once, not in the URL)."""
    if error:
        flash(error, "error")
    if notice:
        flash(notice, "notice")
    return redirect(url_for(BACK_TO.get(text_field(request.form, "back", ""), "marketing.page")))


@bp.get("/marketing")
def page() -> Any:
    seller = cookie_seller()
    if seller is None:
        return redirect(url_for("seller.login", next=request.path))
    world_id, shop_id = seller.world_id, seller.shop_id
    live.live_after()  # the page's event cursor, read before what it shows
    for inv in invitations.list_invitations(g.db, world_id, shop_id):
        if inv.status in invitations.WAITING and not inv.refusal.get("final"):
            invitations.refresh_invitation(seller_center(), world_id, inv.id, shop_id)
    g.db.expire_all()
    shop = shops.get_shop(g.db, world_id, shop_id)
    try:
        requests = unlinking.list_unlink_requests(seller_center(), world_id, shop_id)
    except SandboxError:
        requests = []
    active = links.shop_links(g.db, world_id, shop_id)
    return render_template(
        "marketing_accounts.html", shop=shop, market=profile(shop.market),
        rules=shops.shop_rules(g.db, shop),
        marketing=[lk for lk in active if lk.role == "marketing"],
        official=next((lk for lk in active if lk.role == "official"), None),
        invitations=invitations.list_invitations(g.db, world_id, shop_id),
        unlink_requests={r["link_id"]: r for r in requests if r["status"] == "pending"},
        tickets=tickets.list_tickets(g.db, world_id, shop_id))


def _act(action: Any, done: str) -> Any:
    seller = cookie_seller()
    if seller is None:
        return redirect(url_for("seller.login"))
    try:
        action(seller)
    except SandboxError as exc:
        return _back(error=_message(exc))
    return _back(notice=done)


@bp.post("/marketing/invite")
def invite() -> Any:
    username = text_field(request.form, "username")
    return _act(lambda s: invitations.invite(seller_center(), s.world_id, s.shop_id, username),
                f"Invitation sent to @{(username or '').lstrip('@')}.")


@bp.get("/links/<link_id>/unlink")
def unlink_confirm(link_id: str) -> Any:
    """The confirm step of an unlink (GET: changes nothing): what it costs under F2 or F3."""
    seller = cookie_seller()
    if seller is None:
        return redirect(url_for("seller.login", next=request.path))
    back = text_field(request.args, "back", "marketing")
    try:
        link = unlinking.get_active_link(g.db, seller.world_id, seller.shop_id, link_id)
    except SandboxError as exc:
        flash(_message(exc), "error")
        return redirect(url_for(BACK_TO.get(back, "marketing.page")))
    shop = shops.get_shop(g.db, seller.world_id, seller.shop_id)
    rules = shops.shop_rules(g.db, shop)
    left = unlinking.unlinks_left(g.db, seller.world_id, seller.shop_id, link.role,
                                  g.runtime.now(g.db, seller.world_id), rules)
    return render_template("unlink_confirm.html", shop=shop, link=link, left=left,
                           market=profile(shop.market), rules=rules,
                           back=back if back in BACK_TO else "marketing")


@bp.post("/links/<link_id>/unlink")
def unlink(link_id: str) -> Any:
    """An unlink is confirmed first: a POST without `confirm=yes` goes to the confirm step."""
    seller = cookie_seller()
    if seller is None:
        return redirect(url_for("seller.login"))
    back = text_field(request.form, "back", "marketing")
    if text_field(request.form, "confirm") != "yes":
        return redirect(url_for("marketing.unlink_confirm", link_id=link_id, back=back), 303)
    try:
        link = unlinking.get_active_link(g.db, seller.world_id, seller.shop_id, link_id)
    except SandboxError as exc:
        return _back(error=_message(exc))
    done = ("Official account unlinked." if link.role == "official" else
            f"Unlinked @{link.account.get('username', '')}.")
    return _act(lambda s: unlinking.unlink(seller_center(), s.world_id, s.shop_id, link_id), done)


@bp.get("/unlink-requests/<request_id>")
def unlink_request(request_id: str) -> Any:
    """A creator's unlink request in detail (F5; GET: changes nothing): who asked, when, the
    account and its link, what agreeing does (F1–F4 still apply, F2 or F3 counts it)."""
    seller = cookie_seller()
    if seller is None:
        return redirect(url_for("seller.login", next=request.path))
    back = text_field(request.args, "back", "marketing")
    try:
        found = unlinking.get_unlink_request(seller_center(), seller.world_id, seller.shop_id,
                                             request_id)
        link = links.find_link(g.db, seller.world_id, found["link_id"])
    except SandboxError as exc:
        flash(_message(exc), "error")
        return redirect(url_for(BACK_TO.get(back, "marketing.page")))
    shop = shops.get_shop(g.db, seller.world_id, seller.shop_id)
    rules = shops.shop_rules(g.db, shop)
    left = unlinking.unlinks_left(g.db, seller.world_id, seller.shop_id, link.role,
                                  g.runtime.now(g.db, seller.world_id), rules)
    return render_template("unlink_request.html", shop=shop, req=found, link=link, left=left,
                           market=profile(shop.market), rules=rules,
                           back=back if back in BACK_TO else "marketing")


@bp.post("/unlink-requests/<request_id>/<decision>")
def decide(request_id: str, decision: str) -> Any:
    return _act(lambda s: unlinking.decide_unlink_request(seller_center(), s.world_id, s.shop_id,
                                                          request_id, decision),
                "Unlink request approved." if decision == "approve" else "Unlink request declined.")


@bp.post("/tickets")
def open_ticket() -> Any:
    link_id, username = text_field(request.form, "link_id"), text_field(request.form, "username")

    def action(s: Any) -> None:
        if link_id:
            tickets.open_for_link(g.db, s.world_id, s.shop_id, link_id,
                                  g.runtime.now(g.db, s.world_id))
        else:
            tickets.open_for_invitee(seller_center(), s.world_id, s.shop_id, username)

    return _act(action, "Support ticket opened.")


@bp.post("/rename")
def rename() -> Any:
    name = text_field(request.form, "name")
    return _act(lambda s: account_sync.rename_shop(seller_center(), s.world_id, s.shop_id, name),
                "Shop renamed; the official account was renamed too.")
