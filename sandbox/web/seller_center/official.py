"""Seller Center pages: log in, Linked TikTok accounts, and the QR link journey (D1–D4)."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    g,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)

from sandbox.domain import qr_images
from sandbox.domain.markets import profile
from sandbox.kernel.errors import SandboxError
from sandbox.kernel.fields import text_field
from sandbox.kernel.models import World
from sandbox.kernel.world_config import settings_for
from sandbox.kernel.worlds import worlds_by_age
from sandbox.services import linking, links, org_accounts, shops, tickets, unlinking
from sandbox.web.auth import (
    SELLER_COOKIE,
    WORLD_COOKIE,
    any_seller,
    cookie_seller,
    seller_center,
    seller_login_attempt,
)
from sandbox.web.live import feed as live
from sandbox.web.outcomes import after_post, flashed, refusal
from sandbox.web_shared.boundary import sandbox_json
from sandbox.web_shared.requests import is_operator, logged_out, login_world

bp = Blueprint("seller", __name__)



def _seller_or_login() -> Any:
    seller = cookie_seller()
    if seller is None:
        return None, redirect(url_for("seller.login", next=request.path))
    return seller, None


@bp.get("/")
def index() -> Any:
    listed = is_operator(g.runtime.settings.control_token)  # others must know a world's id
    worlds = worlds_by_age(g.db) if listed else []
    worlds.sort(key=lambda w: w.id != "demo")
    return render_template("landing.html", worlds=worlds, listed=listed,
                           app_url=g.runtime.settings.app_url)


@bp.get("/worlds/<world_id>/open")
def open_world(world_id: str) -> Any:
    if g.db.get(World, world_id) is None:
        abort(404)
    resp = make_response(redirect(url_for("seller.login", world=world_id)))
    resp.set_cookie(WORLD_COOKIE, world_id, samesite="Lax")
    return resp


@bp.route("/seller/login", methods=["GET", "POST"])
def login() -> Any:
    world = login_world(g.db, WORLD_COOKIE)
    done, error = seller_login_attempt(world, url_for("seller.linked_accounts"), "/seller/")
    if done is not None:
        return done
    if request.method == "POST":  # refused (or no world): the login page again, by GET
        return after_post("seller.login", {"message": error} if error else None,
                          {"email": text_field(request.form, "email", "")},
                          world=world.id if world is not None else None,
                          next=text_field(request.values, "next"))
    error, entered = flashed()
    logins = (world.settings or {}).get("seller_logins", []) if world else []
    return render_template("login.html", world=world, logins=logins,
                           error=error["message"] if error else None,
                           email=entered.get("email", ""),
                           next=text_field(request.values, "next", ""))


@bp.post("/seller/logout")
def logout() -> Any:
    return logged_out(url_for("seller.login"), SELLER_COOKIE, shops.log_out)


@bp.get("/seller/")
def home() -> Any:
    return redirect(url_for("seller.linked_accounts"))


@bp.get("/seller/account/linked-accounts")
def linked_accounts() -> Any:
    seller, to_login = _seller_or_login()
    if to_login:
        return to_login
    live.live_after()  # the page's event cursor, read before what it shows
    shop = shops.get_shop(g.db, seller.world_id, seller.shop_id)
    active = links.shop_links(g.db, shop.world_id, shop.id)
    official = next((link for link in active if link.role == "official"), None)
    ticket = (tickets.open_ticket_for_link(g.db, shop.world_id, shop.id, official.id)
              if official is not None and official.status == "in_progress" else None)
    request_of_official = (unlinking.pending_request_for(seller_center(), shop.world_id, shop.id,
                                                         official.id)
                           if official is not None and official.status == "linked" else None)
    return render_template("linked_accounts.html", shop=shop, official=official, ticket=ticket,
                           unlink_request=request_of_official,
                           market=profile(shop.market), rules=shops.shop_rules(g.db, shop),
                           error=text_field(request.args, "error"),
                           orgs=org_accounts.shop_org_accounts(g.db, shop.world_id, shop.id))


@bp.route("/seller/account/linked-accounts/official/link", methods=["GET", "POST"])
def link_official() -> Any:
    seller, to_login = _seller_or_login()
    if to_login:
        return to_login
    if request.method == "POST":
        try:
            req = linking.start_official_link(seller_center(), seller.world_id, seller.shop_id,
                                              text_field(request.form, "agree") == "yes")
        except SandboxError as exc:
            return after_post("seller.link_official", refusal(exc))
        return redirect(url_for("seller.link_request", request_id=req.id))
    error, _done = flashed()
    shop = shops.get_shop(g.db, seller.world_id, seller.shop_id)
    return render_template("agree.html", shop=shop, error=error)


@bp.get("/seller/links/<request_id>")
def link_request(request_id: str) -> Any:
    seller, to_login = _seller_or_login()
    if to_login:
        return to_login
    req = linking.get_request(g.db, seller.world_id, request_id, seller.shop_id)
    shop = shops.get_shop(g.db, seller.world_id, seller.shop_id)
    return render_template("link_request.html", req=req, shop=shop,
                           view=linking.request_view(req, g.runtime.settings.seller_url))


@bp.get("/seller/links/<request_id>/status")
def link_status(request_id: str) -> Any:
    """What the QR page polls: one check of the QR code, then the request as it now stands
    (`checking` for one poll after the app authorizes: setting `pages_show_checking`)."""
    seller = cookie_seller()
    if seller is None:
        return jsonify({"error": {"code": "SELLER_LOGIN_REQUIRED", "message": "Log in."}}), 401
    try:
        req = linking.refresh_link_request(seller_center(), seller.world_id, request_id,
                                           seller.shop_id,
                                           settings_for(g.db, seller.world_id).pages_show_checking)
    except SandboxError as exc:
        return sandbox_json(exc)
    return jsonify(linking.request_view(req, g.runtime.settings.seller_url))


@bp.post("/seller/links/<request_id>/confirm")
def confirm(request_id: str) -> Any:
    seller, to_login = _seller_or_login()
    if to_login:
        return to_login
    try:
        linking.confirm_link(seller_center(), seller.world_id, seller.shop_id, request_id)
    except SandboxError as exc:
        rule = f" (rule {exc.rule})" if exc.rule else ""
        return redirect(url_for("seller.linked_accounts", error=f"{exc.message}{rule}"))
    return redirect(url_for("seller.linked_accounts"))


def _qr_data(request_id: str) -> str:
    seller = any_seller()
    if seller is None:
        abort(401)
    try:
        return linking.get_request(g.db, seller.world_id, request_id, seller.shop_id).scan_url
    except SandboxError:
        abort(404)


@bp.get("/seller/links/<request_id>/qr.png")
def qr_png(request_id: str) -> Response:
    return Response(qr_images.png(_qr_data(request_id)), mimetype="image/png")


@bp.get("/seller/links/<request_id>/qr.svg")
def qr_svg(request_id: str) -> Response:
    return Response(qr_images.svg(_qr_data(request_id)), mimetype="image/svg+xml")


@bp.get("/healthz")
def healthz() -> Any:
    """Up, and how many long polls this process holds (of at most `held_waits_max`)."""
    waits = g.runtime.held_waits
    return {"ok": True, "service": "sandbox", "held_waits": waits.held,
            "held_waits_max": waits.limit}
