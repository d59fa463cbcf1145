"""Seller Center pages for organization accounts: create, one-time password by SMS, use an
existing one, upgrade a personal account, and the Messages panel (G1-G5, H1-H6)."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    g,
    redirect,
    render_template,
    request,
    url_for,
)

from sandbox.domain import qr_images
from sandbox.kernel.errors import SandboxError
from sandbox.kernel.fields import text_field
from sandbox.services import one_time_passwords as otps
from sandbox.services import org_accounts, shops, upgrades
from sandbox.web.auth import any_seller, cookie_seller, seller_center
from sandbox.web.live import feed as live
from sandbox.web.outcomes import after_post, flashed, refusal

bp = Blueprint("org_pages", __name__)

UPGRADE_WORDS = {
    "qr_shown": "Waiting for the TikTok app to scan the QR code…",
    "scanned": "Scanned. Waiting for the app to confirm…",
    "checking": "Checking the account…",
    "trial": "Trial started.",
    "completed": "Upgrade complete: the account is now this shop's organization account.",
    "cancelled": "Upgrade cancelled: the account is a normal personal account again.",
    "refused": "This account cannot be upgraded.",
    "expired": "The QR code expired. Start again.",
    "denied": "The TikTok app cancelled.",
    "failed": "Something went wrong.",
}



def _seller() -> Any:
    seller = cookie_seller()
    if seller is None:
        abort(redirect(url_for("seller.login", next=request.path)))
    return seller


def _back(error: SandboxError | None = None) -> Any:
    if error is None:
        return redirect(url_for("seller.linked_accounts"))
    rule = f" (rule {error.rule}, {error.code})" if error.rule else f" ({error.code})"
    return redirect(url_for("seller.linked_accounts", error=f"{error.message}{rule}"))


@bp.post("/seller/organization-accounts")
def create() -> Any:
    seller = _seller()
    try:
        org_accounts.create(seller_center(), seller.world_id, seller.shop_id,
                            (text_field(request.form, "username") or "").strip() or None)
    except SandboxError as exc:
        return _back(exc)
    return _back()


@bp.post("/seller/organization-accounts/link")
def relink() -> Any:
    seller = _seller()
    try:
        org_accounts.relink(seller_center(), seller.world_id, seller.shop_id,
                            text_field(request.form, "open_id", ""))
    except SandboxError as exc:
        return _back(exc)
    return _back()


@bp.route("/seller/organization-accounts/<open_id>/one-time-password", methods=["GET", "POST"])
def otp(open_id: str) -> Any:
    seller = _seller()
    shop = shops.get_shop(g.db, seller.world_id, seller.shop_id)
    org = org_accounts.find_org(g.db, seller.world_id, open_id)
    if org is None or org.shop_id != shop.id:
        abort(404)
    if request.method == "POST":
        return after_post("org_pages.otp", *_otp_step(seller, shop.id, open_id), open_id=open_id)
    error, done = flashed()
    with g.runtime.session() as session:
        messages = otps.list_sms(session, seller.world_id, shop.phone) if shop.phone else []
    masked = shop.phone[:3] + "****" + shop.phone[-2:] if shop.phone else None
    return render_template("org/otp.html", shop=shop, org=org, error=error,
                           issued=done.get("issued"), sent=done.get("sent", False),
                           masked_phone=masked, messages=messages[::-1])


def _otp_step(seller: Any, shop_id: str, open_id: str) -> tuple[dict | None, dict | None]:
    """Send the SMS code, or trade it for the one-time password: (refusal, outcome)."""
    try:
        if text_field(request.form, "step") == "send":
            otps.send_sms_code(seller_center(), seller.world_id, shop_id, open_id)
            return None, {"sent": True}
        return None, {"issued": otps.one_time_password(
            seller_center(), seller.world_id, shop_id, open_id,
            text_field(request.form, "sms_code", ""))}
    except SandboxError as exc:
        return refusal(exc), None


@bp.get("/seller/messages")
def messages() -> Any:
    seller = _seller()
    live.live_after()
    shop = shops.get_shop(g.db, seller.world_id, seller.shop_id)
    found = otps.list_sms(g.db, seller.world_id, shop.phone) if shop.phone else []
    return render_template("org/messages.html", shop=shop, messages=found[::-1])


@bp.route("/seller/upgrades/new", methods=["GET", "POST"])
def upgrade_terms() -> Any:
    seller = _seller()
    if request.method == "POST":
        try:
            req = upgrades.start(seller_center(), seller.world_id, seller.shop_id,
                                 text_field(request.form, "agree") == "yes")
        except SandboxError as exc:
            return after_post("org_pages.upgrade_terms", refusal(exc))
        return redirect(url_for("org_pages.upgrade_page", request_id=req.id))
    error, _done = flashed()
    shop = shops.get_shop(g.db, seller.world_id, seller.shop_id)
    return render_template("org/upgrade_terms.html", shop=shop, error=error,
                           trial_days=shops.shop_rules(g.db, shop).H1.trial_days)


@bp.get("/seller/upgrades/<request_id>")
def upgrade_page(request_id: str) -> Any:
    seller = _seller()
    live.live_after()  # the page's event cursor, read before what it shows
    try:
        req = upgrades.refresh(seller_center(), seller.world_id, request_id, seller.shop_id)
    except SandboxError:
        abort(404)
    shop = shops.get_shop(g.db, seller.world_id, seller.shop_id)
    return render_template("org/upgrade.html", shop=shop, req=req, words=UPGRADE_WORDS)


@bp.get("/seller/organization-accounts/<org_id>/upgrade")
def upgrade_of(org_id: str) -> Any:
    """From the shop's list to the page of the upgrade an account came from (trial, H4)."""
    seller = _seller()
    req = upgrades.request_of_org_account(g.db, seller.world_id, seller.shop_id, org_id)
    if req is None:
        abort(404)
    return redirect(url_for("org_pages.upgrade_page", request_id=req.id))


@bp.post("/seller/upgrades/<request_id>/<action>")
def upgrade_finish(request_id: str, action: str) -> Any:
    seller = _seller()
    if action not in ("complete", "cancel"):
        abort(404)
    try:
        upgrades.finish(seller_center(), seller.world_id, seller.shop_id, request_id, action)
    except SandboxError as exc:
        return _back(exc)
    return redirect(url_for("org_pages.upgrade_page", request_id=request_id))


@bp.get("/seller/upgrades/<request_id>/qr.png")
def upgrade_qr(request_id: str) -> Response:
    seller = any_seller()
    if seller is None:
        abort(401)
    try:
        url = upgrades.get_request(g.db, seller.world_id, request_id, seller.shop_id).scan_url
    except SandboxError:
        abort(404)
    return Response(qr_images.png(url), mimetype="image/png")
