"""Phone pages for Settings and becoming an affiliate creator (A4): the agreement, identity
verification (also M2's ID check for GB links), the application, and the switch to a business
account (A2, I1)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from fake_tiktok_app.services import account_kinds, affiliate
from fake_tiktok_app.web.phone import attempt, follower_minimum, need_login
from fake_tiktok_app.web.phone_live import feed as live
from fake_tiktok_app.web.session import current_account
from sandbox.kernel.fields import text_field

bp = Blueprint("phone_affiliate", __name__, url_prefix="/phone")
BACK = {"affiliate": "phone_affiliate.affiliate_page", "settings": "phone_affiliate.settings"}


@bp.get("/settings")
def settings() -> Any:
    """Settings and privacy: verify your identity (A4, M2), the affiliate program, the account
    kind (switch to a business account, A2, I1)."""
    account = current_account()
    if account is None:
        return need_login()
    live.live_after()
    return render_template("phone/settings.html", account=account,
                           status=affiliate.status_view(account, follower_minimum(account.world_id)))


@bp.post("/settings/business-account")
def switch_to_business() -> Any:
    """Settings → Account → Switch to Business Account (A2; Partner Center links one, I1)."""
    account = current_account()
    if account is None:
        return need_login()
    return attempt(lambda: account_kinds.switch_to_business(g.db, account,
                                                       g.runtime.now(g.db, account.world_id)),
                   "You switched to a business account.", url_for("phone_affiliate.settings"))


@bp.post("/settings/personal-account")
def switch_to_personal() -> Any:
    """Settings → Account → Switch to Personal Account (A2 back to A1)."""
    account = current_account()
    if account is None:
        return need_login()
    return attempt(lambda: account_kinds.switch_to_personal(g.db, account,
                                                       g.runtime.now(g.db, account.world_id)),
                   "You switched to a personal account.", url_for("phone_affiliate.settings"))


@bp.get("/affiliate")
def affiliate_page() -> Any:
    """"Become an affiliate creator": each step and its state."""
    account = current_account()
    if account is None:
        return need_login()
    live.live_after()
    return render_template("phone/affiliate.html", account=account,
                           status=affiliate.status_view(account, follower_minimum(account.world_id)))


@bp.post("/affiliate/agreement")
def sign_agreement() -> Any:
    account = current_account()
    if account is None:
        return need_login()
    affiliate.sign_agreement(g.db, account, g.runtime.now(g.db, account.world_id))
    g.db.commit()
    flash(_("You signed the affiliate commission agreement."), "notice")
    return redirect(url_for("phone_affiliate.affiliate_page"), code=303)


@bp.post("/affiliate/apply")
def apply() -> Any:
    account = current_account()
    if account is None:
        return need_login()
    return attempt(lambda: affiliate.apply(g.db, account, follower_minimum(account.world_id),
                                           g.runtime.now(g.db, account.world_id)),
                   "Approved: you are an affiliate creator. Add products from the marketplace.",
                   url_for("phone_affiliate.affiliate_page"))


@bp.route("/identity", methods=["GET", "POST"])
def identity() -> Any:
    """Verify your identity with a personal ID document of your market (A4; M2 for GB links)."""
    account = current_account()
    if account is None:
        return need_login()
    back = text_field(request.values, "back")
    back = back if back in BACK else "settings"
    if request.method == "POST":
        return attempt(lambda: affiliate.verify_identity(
            g.db, account, text_field(request.form, "document_type", ""),
            (text_field(request.form, "country") or "").strip().upper(),
            g.runtime.now(g.db, account.world_id)),
            "Identity verified.", url_for(BACK[back]),
            refused=url_for("phone_affiliate.identity", back=back))
    live.live_after()
    return render_template("phone/identity.html", account=account, back=back,
                           status=affiliate.status_view(account, follower_minimum(account.world_id)))
