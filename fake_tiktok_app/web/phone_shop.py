"""Phone simulator pages for shop links: the invitation inbox and Shop → View link info (F5)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, redirect, render_template, request, url_for

from fake_tiktok_app.services import shop_links
from fake_tiktok_app.web.phone_live import feed as live
from fake_tiktok_app.web.session import current_account
from sandbox.kernel.errors import SandboxError
from sandbox.kernel.fields import text_field

bp = Blueprint("phone_shop", __name__, url_prefix="/phone")


@bp.get("/inbox")
def inbox() -> Any:
    account = current_account()
    if account is None:
        return redirect(url_for("phone.login", next=request.full_path))
    live.live_after()  # the page's event cursor, read before what it shows
    now = g.runtime.now(g.db, account.world_id)
    invitations = [shop_links.invitation_view(i, now) for i in shop_links.inbox(g.db, account)]
    return render_template("phone/inbox.html", account=account, invitations=invitations,
                           error=text_field(request.args, "error"))


@bp.post("/inbox/<invitation_id>")
def answer(invitation_id: str) -> Any:
    account = current_account()
    if account is None:
        return redirect(url_for("phone.login"))
    try:
        now = g.runtime.now(g.db, account.world_id)
        shop_links.answer_invitation(g.db, account, invitation_id,
                                     text_field(request.form, "decision") == "accept", now)
        g.db.commit()
    except SandboxError as exc:
        g.db.rollback()
        return redirect(url_for("phone_shop.inbox", error=exc.message))
    return redirect(url_for("phone_shop.inbox"))


@bp.get("/shop")
def shop() -> Any:
    account = current_account()
    if account is None:
        return redirect(url_for("phone.login", next=request.full_path))
    live.live_after()
    return render_template("phone/shop.html", account=account,
                           info=shop_links.link_info(g.db, account),
                           show_info=text_field(request.args, "view") == "link-info",
                           sent=text_field(request.args, "sent"), error=text_field(request.args, "error"))


@bp.post("/shop/unlink-request")
def unlink_request() -> Any:
    account = current_account()
    if account is None:
        return redirect(url_for("phone.login"))
    try:
        shop_links.request_unlink(g.db, account, g.runtime.now(g.db, account.world_id))
        g.db.commit()
    except SandboxError as exc:
        g.db.rollback()
        return redirect(url_for("phone_shop.shop", view="link-info", error=exc.message))
    return redirect(url_for("phone_shop.shop", view="link-info", sent="1"))
