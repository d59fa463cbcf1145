"""Phone simulator pages for Partner Center (I1–I4): My QR code, public profiles, Sign Up."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, g, make_response, redirect, render_template, request, url_for

from fake_tiktok_app.services import accounts, qr, shop_links
from fake_tiktok_app.store.accounts import Account
from fake_tiktok_app.store.oauth import OAuthClient
from fake_tiktok_app.web.session import (
    BROWSER,
    SESSION_COOKIE,
    WORLD_COOKIE,
    chosen_world_id,
    current_account,
)
from sandbox.kernel.errors import BadRequest, SandboxError
from sandbox.kernel.fields import text_field
from sandbox.kernel.models import World

bp = Blueprint("phone_partner", __name__, url_prefix="/phone")
PARTNER_KIND_NAMES = {"mcn": "TikTok Shop Multi-Channel Network (MCN)",
                      "tap": "TikTok Shop Affiliate Partner (TAP)"}
SIGNUP_KINDS = ("personal", "business")


def badge_view(account: Account | None) -> dict[str, str] | None:
    """What a profile shows of the Partner Center partner the account is linked to, if any."""
    badge = shop_links.partner_badge(g.db, account) if account is not None else None
    if badge is None:
        return None
    kind_name = PARTNER_KIND_NAMES.get(badge.partner_kind, badge.partner_kind.upper())
    return {"kind": badge.partner_kind, "kind_name": kind_name, "name": badge.partner_name,
            "text": f"{kind_name} · {badge.partner_name}"}


def refusal_view(account: Account | None) -> dict[str, Any] | None:
    """Partner Center's last refusal to link this account, if it has not linked since."""
    refused = shop_links.partner_refusal(g.db, account) if account is not None else None
    return None if refused is None else {"partner": refused.partner_name, **refused.refusal}


@bp.app_context_processor
def _partner_badges() -> dict[str, Any]:
    return {"partner_badge": badge_view, "partner_refusal": refusal_view}


@bp.get("/my-qr")
def my_qr() -> Any:
    """Profile → top right button → My QR code: your code, and the scanner (the codes on screen
    now, or a scan link) that Partner Center's Get Started code is scanned with."""
    account = current_account()
    if account is None:
        return redirect(url_for("phone.login", next=request.full_path))
    now = g.runtime.now(g.db, account.world_id)
    names = {c.client_key: c.name for c in g.db.query(OAuthClient).filter(
        OAuthClient.world_id == account.world_id)}
    return render_template("phone/my_qr.html", account=account, names=names,
                           tickets=qr.displayed_tickets(g.db, account.world_id, now),
                           profile_url=url_for("phone_partner.profile",
                                               username=account.username, _external=True))


@bp.get("/@<username>")
def profile(username: str) -> Any:
    """A public profile (what a campaign's or an invitation's TikTok handle links to)."""
    viewer = current_account()
    world_id = viewer.world_id if viewer is not None else chosen_world_id()
    found = accounts.find_by_username(g.db, world_id, username) if world_id else None
    if found is None:
        abort(404)
    return render_template("phone/profile.html", account=viewer, person=found,
                           badge=badge_view(found))


def _signup_body(form: Any) -> dict[str, Any]:
    """The sign-up form as create_account's body (shapes and ranges checked here)."""
    try:
        age = int(text_field(form, "age", ""))
    except ValueError:
        age = -1
    if not 1 <= age <= 120:
        raise BadRequest("Age must be a whole number from 1 to 120.", code="INVALID_FIELD",
                         details={"field": "age"})
    password = text_field(form, "password", "")
    if not 4 <= len(password) <= 128:
        raise BadRequest("A password is 4 to 128 characters.", code="INVALID_FIELD",
                         details={"field": "password"})
    kind = text_field(form, "kind") or "personal"
    if kind not in SIGNUP_KINDS:
        raise BadRequest("Account type must be personal or business.", code="INVALID_FIELD",
                         details={"field": "kind"})
    body: dict[str, Any] = {"username": text_field(form, "username", ""), "password": password,
                            "age": age, "region": (text_field(form, "region") or "US").strip(),
                            "kind": kind}
    nickname = (text_field(form, "nickname") or "").strip()[:64]
    if nickname:
        body["nickname"] = nickname
    return body


@bp.route("/signup", methods=["GET", "POST"])
def signup() -> Any:
    """Sign Up for TikTok: a new account in the world, then logged in on this phone."""
    world_id = chosen_world_id()
    world = g.db.get(World, world_id) if world_id else None
    error = None
    if request.method == "POST" and world is not None:
        try:
            now = g.runtime.now(g.db, world.id)
            account, password = accounts.create_account(g.db, world.id, now,
                                                         _signup_body(request.form))
            app_session = accounts.log_in(g.db, world.id, account.username, password, now,
                                          BROWSER)
            g.db.commit()
            resp = make_response(redirect(url_for("phone.home"), code=303))
            resp.set_cookie(SESSION_COOKIE, app_session.token, httponly=True, samesite="Lax")
            resp.set_cookie(WORLD_COOKIE, world.id, samesite="Lax")
            return resp
        except SandboxError as exc:
            g.db.rollback()
            error = exc
    return render_template("phone/signup.html", account=None, world=world, error=error,
                           form=request.form, kinds=SIGNUP_KINDS), error.status if error else 200
