"""Phone pages for buying (S1): what a profile sells, its LIVE, a product's page and checkout."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    get_flashed_messages,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _

from fake_tiktok_app.domain import commerce, shopping
from fake_tiktok_app.services import accounts, catalogue, content, purchases
from fake_tiktok_app.services.shop_client import ShopClient
from fake_tiktok_app.store.accounts import Account
from fake_tiktok_app.web.phone import need_login
from fake_tiktok_app.web.phone_live import feed as live
from fake_tiktok_app.web.session import chosen_world_id, current_account
from sandbox.kernel.errors import BadRequest, NotFound, SandboxError
from sandbox.kernel.fields import text_field
from sandbox.web_shared.requests import MAX_STORED_INT

bp = Blueprint("phone_checkout", __name__, url_prefix="/phone")
ADDRESS_FIELDS = ("name", "phone_number", "address_line1", "address_line2", "city", "state",
                  "postal_code", "region_code")
CHANNELS = (*shopping.SURFACES, shopping.PRODUCT_PAGE)
# What a storefront page follows: catalogue pushes, showcases, videos, LIVEs and links.
STOREFRONT_EVENTS = "app.catalogue_synced,app.showcase_,app.video_,app.live_,link."


def shop() -> ShopClient:
    """The app's client of TikTok Shop (made by the app factory)."""
    client: ShopClient = current_app.extensions["sandbox.shop_client"]
    return client


def storefront(person: Account) -> dict[str, Any]:
    """What a visitor of `person`'s profile may buy, and through which surface (S1): the Shop
    tab of an official account (B1), the showcase (B3, A4), a LIVE under way, shoppable videos."""
    official = catalogue.seller_of(g.db, person).role == "official"
    return {"official": official,
            "shop_page": catalogue.shop_page(g.db, person) if official else [],
            "showcase": catalogue.showcase(g.db, person),
            "live": content.current_live(g.db, person),
            "videos": [v for v in content.videos_of(g.db, person) if v.product_ids]}


def buy_url(product_id: str, via: Account | None = None,
            channel: str = shopping.PRODUCT_PAGE) -> str:
    """Where a Buy button goes: checkout of one product through `via`'s `channel`."""
    if via is None or channel == shopping.PRODUCT_PAGE:
        return url_for("phone_checkout.checkout", product=product_id)
    return url_for("phone_checkout.checkout", product=product_id, via=via.username,
                   channel=channel)


@bp.app_context_processor
def _buying() -> dict[str, Any]:
    return {"storefront": storefront, "buy_url": buy_url, "storefront_events": STOREFRONT_EVENTS}


def _viewer_world() -> tuple[Account | None, str | None]:
    viewer = current_account()
    return viewer, viewer.world_id if viewer is not None else chosen_world_id()


@bp.get("/products/<product_id>")
def product_page(product_id: str) -> Any:
    """A product's own page: bought here, the sale has no content account (PRODUCT_PAGE)."""
    viewer, world_id = _viewer_world()
    if world_id is None:
        return need_login()
    if viewer is not None:
        live.live_after()
    try:
        product = catalogue.offer(g.db, world_id, product_id)
    except NotFound:
        abort(404)
    return render_template("phone/product.html", account=viewer, product=product,
                           on_sale=product.status == commerce.ACTIVE)


@bp.get("/@<username>/live")
def watch_live(username: str) -> Any:
    """Watching an account's LIVE: the products it pins, bought through the LIVE while it runs."""
    viewer, world_id = _viewer_world()
    person = accounts.find_by_username(g.db, world_id, username) if world_id else None
    if person is None:
        abort(404)
    if viewer is not None:
        live.live_after()
    return render_template("phone/watch_live.html", account=viewer, person=person,
                           live=content.current_live(g.db, person),
                           titles=catalogue.product_titles(g.db, person.world_id))


def _entered() -> dict[str, Any]:
    """What the buyer typed before a refusal (flashed by the POST), to show it again."""
    for message in get_flashed_messages(category_filter=["form"]):
        if isinstance(message, dict):
            return message
    return {}


@bp.get("/checkout")
def checkout() -> Any:
    """Checkout of one product: price, quantity, the shipping address (the account's, editable),
    a note to the seller, and Pay (the account's payment persona decides, S3)."""
    account = current_account()
    if account is None:
        return need_login()
    live.live_after()
    product_id = text_field(request.args, "product") or ""
    try:
        product = catalogue.offer(g.db, account.world_id, product_id)
    except NotFound:
        abort(404)
    channel = text_field(request.args, "channel") or shopping.PRODUCT_PAGE
    if channel not in CHANNELS:
        abort(404)
    entered = _entered()
    address = {**purchases.buyer_facts(account)["address"], **entered.get("address", {})}
    via = text_field(request.args, "via") or ""
    return render_template("phone/checkout.html", account=account, product=product,
                           channel=channel if via or channel == shopping.PRODUCT_PAGE else
                           shopping.PRODUCT_PAGE, via=via, address=address,
                           fields=ADDRESS_FIELDS, quantity=entered.get("quantity", "1"),
                           message=entered.get("message", ""))


def _quantity(raw: str) -> int:
    try:
        quantity = int(raw.strip())
    except ValueError:
        quantity = 0
    if not 1 <= quantity <= MAX_STORED_INT:
        raise BadRequest("Quantity is a whole number, 1 or more.", code="ORDER_QUANTITY_INVALID",
                         details={"field": "quantity"})
    return quantity


def _via(account: Account, username: str, channel: str) -> dict[str, Any] | None:
    if channel == shopping.PRODUCT_PAGE or not username:
        return None
    if channel not in shopping.SURFACES:
        raise BadRequest(f"channel must be one of {', '.join(CHANNELS)}.", code="INVALID_FIELD",
                         details={"field": "channel"})
    person = accounts.find_by_username(g.db, account.world_id, username)
    if person is None:
        raise NotFound(f"No account @{username} in this world.", code="ACCOUNT_NOT_FOUND")
    return {"open_id": person.open_id, "channel": channel}


def _paid_notice(order: dict[str, Any]) -> tuple[str, str]:
    status = order.get("payment_status")
    if status == "DECLINED":
        return "warning", _("Your payment was declined, so the order is waiting for payment. "
                            "Pay again, or cancel it.")
    if status == "UNPAID":
        return "warning", _("The order is placed but not paid yet. Pay to confirm it.")
    return "notice", _("Order placed and paid.")


@bp.post("/checkout")
def place() -> Any:
    """Pay: place the order in TikTok Shop, then its page; a refusal comes back to checkout."""
    account = current_account()
    if account is None:
        return need_login()
    form = request.form
    product_id = text_field(form, "product_id") or ""
    channel = text_field(form, "channel") or shopping.PRODUCT_PAGE
    username = text_field(form, "via") or ""
    address = {k: (text_field(form, k) or "").strip()[:200] for k in ADDRESS_FIELDS}
    message = (text_field(form, "message") or "").strip()[:500]
    try:
        order = purchases.buy(shop(), g.db, account,
                              [{"product_id": product_id,
                                "quantity": _quantity(text_field(form, "quantity") or "")}],
                              _via(account, username, channel), address, message)
    except SandboxError as exc:
        g.db.rollback()
        flash({"message": exc.message, "code": exc.code, "rule": exc.rule}, "refusal")
        flash({"quantity": (text_field(form, "quantity") or "")[:20], "address": address,
               "message": message}, "form")
        return redirect(url_for("phone_checkout.checkout", product=product_id,
                                via=username or None,
                                channel=channel if channel in CHANNELS else None), code=303)
    category, notice = _paid_notice(order)
    flash(notice, category)
    return redirect(url_for("phone_orders.order_page", order_id=order["id"]), code=303)
