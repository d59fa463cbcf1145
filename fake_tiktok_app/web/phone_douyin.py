"""The phone simulator in Douyin mode (抖音, accounts of region CN): the profile's 实名认证 and
account type, a verification in progress, and cancelling the enterprise identity (J4 case 2)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from fake_tiktok_app.services.douyin import cancel_enterprise_identity, douyin_view
from fake_tiktok_app.store.accounts import Account
from fake_tiktok_app.web.session import current_account
from sandbox.kernel.errors import SandboxError

bp = Blueprint("phone_douyin", __name__, url_prefix="/phone/douyin")

DOUYIN_REGION = "CN"
# Msgids of the phone's catalogue (translated when shown): 蓝V认证中, 企业号主体变更确认中.
VERIFYING = {"blue_v": "Blue V verification in progress",
             "entity_change": "Enterprise entity change being confirmed"}


def is_douyin(account: Account | None) -> bool:
    return account is not None and account.region == DOUYIN_REGION


def douyin_profile(account: Account) -> dict[str, Any]:
    """What the profile shows: 实名认证, 个人号/企业号/蓝V, and a verification under way."""
    view = douyin_view(account)
    if view["kind"] == "enterprise":
        kind = _("Blue V") if view["enterprise_verified"] else _("Enterprise account")
    else:
        kind = _("Personal account")
    verifying = VERIFYING.get(view["verification"] or "")
    return {**view, "kind_name": kind, "real_name": _("Real-name verified") if view["real_name_verified"]
            else _("Not verified"), "verifying": _(verifying) if verifying else None}


@bp.app_context_processor
def _douyin_mode() -> dict[str, Any]:
    """`douyin`: the phone shows 抖音 for the logged-in account of region CN."""
    account = current_account() if "db" in g else None
    return {"douyin": is_douyin(account), "douyin_profile": douyin_profile}


@bp.route("/cancel-enterprise", methods=["GET", "POST"])
def cancel_enterprise() -> Any:
    """Case 2: the account's entity does not match the shop's; bind another account, or cancel
    this account's enterprise identity (a confirmation page, then the POST)."""
    account = current_account()
    if account is None:
        return redirect(url_for("phone.login", next=request.full_path))
    if request.method == "GET":
        return render_template("phone/douyin_cancel.html", account=account,
                               profile=douyin_profile(account))
    try:
        cancel_enterprise_identity(g.db, account, g.runtime.now(g.db, account.world_id))
        g.db.commit()
    except SandboxError as exc:
        g.db.rollback()
        return render_template("phone/result.html", ok=False, message=exc.message,
                               code=exc.code, account=account), exc.status
    return render_template("phone/result.html", ok=True, code=None, account=account,
                           message=_("Enterprise identity cancelled: this account is now a personal "
                                     "account and can scan again to bind the shop official account."))
