"""The TikTok Shop Seller app (a phone app of the seller) on Seller Center's port: log in,
Settings → Linked TikTok Accounts → Official Account, the app switch to TikTok, "Link" (D5)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, g, jsonify, redirect, render_template, request, url_for

from sandbox.kernel.errors import SandboxError
from sandbox.kernel.fields import text_field
from sandbox.services import linking, links, shops
from sandbox.store.shops import Seller
from sandbox.web.auth import BROWSER, WORLD_COOKIE, seller_center, seller_login_attempt
from sandbox.web.outcomes import after_post, flashed, refusal
from sandbox.web_shared.boundary import sandbox_json
from sandbox.web_shared.requests import logged_out, login_world

bp = Blueprint("seller_app", __name__, url_prefix="/seller-app")
APP_COOKIE = "tts_seller_app_session"  # the phone's own session, apart from the desktop's


def _seller() -> Seller | None:
    return shops.seller_for_token(g.db, request.cookies.get(APP_COOKIE), BROWSER)


def _page(template: str, seller: Seller, **context: Any) -> Any:
    shop = shops.get_shop(g.db, seller.world_id, seller.shop_id)
    return render_template(f"seller_app/{template}", shop=shop, **context)


def _message(exc: SandboxError) -> str:
    return exc.message + (f" (rule {exc.rule})" if exc.rule and exc.rule not in exc.message
                          else "")


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    world = login_world(g.db, WORLD_COOKIE)
    done, error = seller_login_attempt(world, url_for("seller_app.home"), "/seller-app/",
                                       APP_COOKIE)
    if done is not None:
        return done
    if request.method == "POST":  # refused (or no world): the login page again, by GET
        return after_post("seller_app.login", {"message": error} if error else None,
                          {"email": text_field(request.form, "email", "")},
                          world=world.id if world is not None else None)
    error, entered = flashed()
    logins = (world.settings or {}).get("seller_logins", []) if world else []
    return render_template("seller_app/login.html", shop=None, world=world, logins=logins,
                           error=error["message"] if error else None,
                           email=entered.get("email", ""))


@bp.post("/logout")
def logout() -> Any:
    return logged_out(url_for("seller_app.login"), APP_COOKIE, shops.log_out)


def _need_login() -> Any:
    return redirect(url_for("seller_app.login"))


@bp.get("/")
def home() -> Any:
    seller = _seller()
    return _page("home.html", seller) if seller else _need_login()


@bp.get("/settings")
def settings() -> Any:
    seller = _seller()
    return _page("settings.html", seller) if seller else _need_login()


@bp.get("/settings/linked-accounts")
def linked_accounts() -> Any:
    seller = _seller()
    if seller is None:
        return _need_login()
    active = links.shop_links(g.db, seller.world_id, seller.shop_id)
    return _page("linked_accounts.html", seller,
                 official=next((lk for lk in active if lk.role == "official"), None))


@bp.route("/settings/linked-accounts/official", methods=["GET", "POST"])
def official() -> Any:
    """Enter the username, tick "I have read and agree…" (D5)."""
    seller = _seller()
    if seller is None:
        return _need_login()
    if request.method == "POST":
        username = text_field(request.form, "username", "")
        try:
            req = linking.start_official_link(seller_center(), seller.world_id, seller.shop_id,
                                              text_field(request.form, "agree") == "yes",
                                              username=username)
        except SandboxError as exc:
            return after_post("seller_app.official", refusal(exc), {"username": username})
        return redirect(url_for("seller_app.link_request", request_id=req.id))
    error, entered = flashed()
    return _page("official.html", seller, error=error, username=entered.get("username", ""))


@bp.get("/links/<request_id>")
def link_request(request_id: str) -> Any:
    """The request as it stands (reading only; the page's script polls `status`)."""
    seller = _seller()
    if seller is None:
        return _need_login()
    req = linking.get_request(g.db, seller.world_id, request_id, seller.shop_id)
    return _page("link_request.html", seller, req=req,
                 view=linking.request_view(req, g.runtime.settings.seller_url))


@bp.get("/links/<request_id>/status")
def link_status(request_id: str) -> Any:
    """What the page polls: one check of the TikTok app, then the request (like Seller Center's
    QR page does)."""
    seller = _seller()
    if seller is None:
        return jsonify({"error": {"code": "SELLER_LOGIN_REQUIRED", "message": "Log in."}}), 401
    try:
        req = linking.refresh_link_request(seller_center(), seller.world_id, request_id,
                                           seller.shop_id)
    except SandboxError as exc:
        return sandbox_json(exc)
    return jsonify(linking.request_view(req, g.runtime.settings.seller_url))


@bp.post("/links/<request_id>/link")
def confirm(request_id: str) -> Any:
    """Back in the Seller app: tap "Link" (the C rules are read again)."""
    seller = _seller()
    if seller is None:
        return _need_login()
    try:
        linking.confirm_link(seller_center(), seller.world_id, seller.shop_id, request_id)
    except SandboxError as exc:
        flash(_message(exc), "error")
        return redirect(url_for("seller_app.link_request", request_id=request_id))
    flash("Linked: it is the shop's official account.", "notice")
    return redirect(url_for("seller_app.linked_accounts"))
