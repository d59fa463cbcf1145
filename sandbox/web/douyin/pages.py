"""Douyin Shop (抖店) backend pages: 店铺 → 经营账号管理 → 店铺官方账号 (J1–J7)."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    abort,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _

from sandbox.domain import douyin as rules
from sandbox.kernel.errors import SandboxError
from sandbox.kernel.fields import text_field
from sandbox.kernel.world_config import settings_for
from sandbox.services import douyin_shop, linking, shops
from sandbox.services import products as catalogue
from sandbox.services.seller_center import credentials
from sandbox.store.shops import Seller
from sandbox.web.auth import (
    SELLER_COOKIE,
    WORLD_COOKIE,
    cookie_seller,
    seller_center,
    seller_login_attempt,
)
from sandbox.web.douyin.i18n import chosen_language, install, remember_language
from sandbox.web.live import feed as live
from sandbox.web.outcomes import after_post, flashed, refusal
from sandbox.web_shared.requests import logged_out, login_world

bp = Blueprint("douyin_pages", __name__, url_prefix="/douyin")
bp.after_request(remember_language)
bp.record_once(lambda state: install(state.app))  # Babel comes with the pages

# The binding benefits (绑定权益) the seller picks before the QR code (step 2).
BENEFITS = ("shop_entry", "sell_products", "official_badge", "shared_fans")


def benefit_names() -> dict[str, str]:
    return {"shop_entry": _("Shop entrance on the account's profile"),
            "sell_products": _("The account sells the shop's products"),
            "official_badge": _("Official account badge"),
            "shared_fans": _("Fans shared between shop and account")}


@bp.context_processor
def _language() -> dict[str, Any]:
    return {"lang": chosen_language(), "benefit_names": benefit_names}


def _seller() -> tuple[Seller | None, Any]:
    seller = cookie_seller()
    if seller is None:
        return None, redirect(url_for("douyin_pages.login", next=request.path))
    return seller, None


def _shop(seller: Seller) -> Any:
    return douyin_shop.douyin_shop(g.db, seller.world_id, seller.shop_id)


# Every form posts, then redirects to a page (POST → redirect → GET, sandbox/web/outcomes.py):
# no page is rendered at a POST address; the outcome is flashed, shown once by the GET.


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    world = login_world(g.db, WORLD_COOKIE)

    def not_douyin(seller: Seller) -> str | None:
        if shops.get_shop(g.db, world.id, seller.shop_id).market != rules.MARKET:
            return _("This shop is not a Douyin Shop (抖店): log in to TikTok Shop Seller Center.")
        return None

    done, error = seller_login_attempt(world, url_for("douyin_pages.official"), "/douyin/",
                                       refuse=not_douyin,
                                       wrong_password=_("Wrong e-mail or password."))
    if done is not None:
        return done
    if request.method == "POST":  # refused (or no world): the login page again, by GET
        return after_post("douyin_pages.login", {"message": error} if error else None,
                          {"email": text_field(request.form, "email", "")},
                          world=world.id if world is not None else None,
                          next=text_field(request.values, "next"))
    refused, entered = flashed()
    return render_template("douyin/login.html", world=world, shop=None,
                           error=refused["message"] if refused else None,
                           email=entered.get("email", ""),
                           next=text_field(request.values, "next", ""))


@bp.post("/logout")
def logout() -> Any:
    return logged_out(url_for("douyin_pages.login"), SELLER_COOKIE, shops.log_out)


@bp.get("/")
def home() -> Any:
    return redirect(url_for("douyin_pages.official"))


def _official_page(seller: Seller) -> Any:
    live.live_after()  # the page's event cursor, read before what it shows
    shop = _shop(seller)
    view = douyin_shop.status(g.db, seller.world_id, seller.shop_id)
    error, _done = flashed()
    if error is None and text_field(request.args, "code"):
        error = {"code": text_field(request.args, "code", ""), "rule": text_field(request.args, "rule"),
                 "message": text_field(request.args, "message", "")}
    return render_template("douyin/official.html", shop=shop, view=view, error=error,
                           notice=text_field(request.args, "notice"),
                           case=text_field(request.args, "case"))


@bp.get("/shop/official-account")
def official() -> Any:
    seller, to_login = _seller()
    return to_login or _official_page(seller)


@bp.route("/shop/official-account/bind", methods=["GET", "POST"])
def bind() -> Any:
    """Step 2: choose the binding benefits, then 立即绑定 shows the QR code."""
    seller, to_login = _seller()
    if to_login:
        return to_login
    if request.method == "POST":
        chosen = [b for b in request.form.getlist("benefit") if b in BENEFITS]
        if not chosen:
            return after_post("douyin_pages.bind", {
                "code": "DOUYIN_BENEFITS_REQUIRED", "rule": None,
                "message": _("Choose at least one binding benefit.")})
        try:
            req = linking.start_official_link(seller_center(), seller.world_id,
                                              seller.shop_id, True)
        except SandboxError as exc:
            return after_post("douyin_pages.bind", refusal(exc), {"chosen": chosen})
        session[f"douyin_benefits_{req.id}"] = chosen
        return redirect(url_for("douyin_pages.link_request", request_id=req.id))
    error, done = flashed()
    return render_template("douyin/bind.html", shop=_shop(seller), benefits=BENEFITS,
                           error=error, chosen=done.get("chosen", []))


@bp.post("/shop/official-account/rebind")
def rebind() -> Any:
    """J5: 换绑 — a QR code for the replacement account."""
    seller, to_login = _seller()
    if to_login:
        return to_login
    try:
        req = linking.start_official_link(seller_center(), seller.world_id, seller.shop_id, True,
                                          purpose="rebind")
    except SandboxError as exc:
        return after_post("douyin_pages.official", refusal(exc))
    return redirect(url_for("douyin_pages.link_request", request_id=req.id))


@bp.post("/shop/official-account/upgrade")
def upgrade() -> Any:
    """J6: 官方账号升级."""
    seller, to_login = _seller()
    if to_login:
        return to_login
    try:
        douyin_shop.upgrade(seller_center(), seller.world_id, seller.shop_id)
    except SandboxError as exc:
        return after_post("douyin_pages.official", refusal(exc))
    return redirect(url_for("douyin_pages.official", notice="upgraded"))


@bp.get("/links/<request_id>")
def link_request(request_id: str) -> Any:
    """The QR page: one check of the QR code, then the request as it now stands (`checking` for
    one poll after the phone confirms: setting `pages_show_checking`). live.js fetches it again
    when the world's event log moves."""
    seller, to_login = _seller()
    if to_login:
        return to_login
    live.live_after()  # the page's event cursor, read before what it shows
    try:
        req = linking.refresh_link_request(seller_center(), seller.world_id, request_id,
                                           seller.shop_id,
                                           settings_for(g.db, seller.world_id).pages_show_checking)
    except SandboxError:
        abort(404)
    g.db.rollback()  # read what the refresh committed in its own sessions
    return render_template("douyin/link_request.html", shop=_shop(seller), req=req,
                           benefits=session.get(f"douyin_benefits_{req.id}", []))


@bp.post("/links/<request_id>/confirm")
def confirm(request_id: str) -> Any:
    """确认绑定: the rules are read again, then the account is the shop's official account."""
    seller, to_login = _seller()
    if to_login:
        return to_login
    try:
        req = linking.confirm_link(seller_center(), seller.world_id, seller.shop_id, request_id)
    except SandboxError as exc:
        return redirect(url_for("douyin_pages.official", code=exc.code, rule=exc.rule or "",
                                message=exc.message))
    return redirect(url_for("douyin_pages.official", notice="bound",
                            case=(req.account or {}).get("douyin_case")))


@bp.post("/links/<request_id>/another")
def bind_another(request_id: str) -> Any:
    """换一个账号: drop the account the phone brought (the request is cancelled, nothing is
    bound) and start over with a new QR code."""
    seller, to_login = _seller()
    if to_login:
        return to_login
    try:
        linking.cancel_link_request(seller_center(), seller.world_id, seller.shop_id, request_id)
    except SandboxError as exc:
        return redirect(url_for("douyin_pages.official", code=exc.code, rule=exc.rule or "",
                                message=exc.message))
    return redirect(url_for("douyin_pages.bind"))


@bp.route("/shop/authorized-accounts", methods=["GET", "POST"])
def authorized() -> Any:
    """授权账号: accounts authorized for promotion, never the official account (J1)."""
    seller, to_login = _seller()
    if to_login:
        return to_login
    shop = _shop(seller)
    if request.method == "POST":
        username = (text_field(request.form, "username") or "").strip().lstrip("@")
        try:
            account = seller_center().tiktok.account_by_username(
                credentials(g.db, seller.world_id), username)
            added = douyin_shop.authorize(g.db, shop, account["open_id"], username).username
            g.db.commit()
        except SandboxError as exc:
            g.db.rollback()
            return after_post("douyin_pages.authorized", refusal(exc))
        return after_post("douyin_pages.authorized", done={"added": added})
    error, done = flashed()
    return render_template("douyin/authorized.html", shop=shop, error=error,
                           added=done.get("added"),
                           accounts=douyin_shop.authorizations(g.db, seller.world_id, shop.id))


@bp.route("/products", methods=["GET", "POST"])
def products() -> Any:
    """商品发布: refused after a missed upgrade deadline (J7)."""
    seller, to_login = _seller()
    if to_login:
        return to_login
    shop = _shop(seller)
    if request.method == "POST":
        try:
            listed = douyin_shop.list_product(g.db, seller.world_id, shop.id,
                                              text_field(request.form, "title", ""),
                                              text_field(request.form, "price")).title
            catalogue.commit_and_sync(seller_center(), g.db, seller.world_id, shop.id)
        except SandboxError as exc:
            g.db.rollback()
            return after_post("douyin_pages.products", refusal(exc))
        return after_post("douyin_pages.products", done={"listed": listed})
    error, done = flashed()
    view = douyin_shop.status(g.db, seller.world_id, shop.id)
    return render_template("douyin/products.html", shop=shop, view=view, error=error,
                           listed=done.get("listed"))
