"""Seller Center page: Products — list, add, change status, delete (confirmed), open to affiliates."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from pydantic import ValidationError

from sandbox.domain import products as rules
from sandbox.kernel.errors import BadRequest, SandboxError
from sandbox.kernel.fields import text_field
from sandbox.services import products, shops
from sandbox.web.auth import cookie_seller, seller_center
from sandbox.web.models.products import ProductCreate

bp = Blueprint("products_pages", __name__, url_prefix="/seller/products")


def _message(exc: SandboxError) -> str:
    named = not exc.rule or f"rule {exc.rule}" in exc.message
    return exc.message + ("" if named else f" (rule {exc.rule})")


def percent_to_rate(text: str | None) -> int:
    """The page asks for a percentage ("12.5"); TikTok stores ten-thousandths (1250)."""
    try:
        value = Decimal((text or "").strip().rstrip("%"))
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value != value.quantize(Decimal("0.01")):
        raise BadRequest("Give the commission as a percentage, e.g. 10 or 12.5.",
                         code="INVALID_COMMISSION_RATE", rule="A4")
    return rules.check_commission(int(value * 100))


@bp.get("")
def page() -> Any:
    seller = cookie_seller()
    if seller is None:
        return redirect(url_for("seller.login", next=request.path))
    shop = shops.get_shop(g.db, seller.world_id, seller.shop_id)
    return render_template("products.html", shop=shop,
                           products=products.shop_products(g.db, seller.world_id, shop.id),
                           statuses=rules.SETTABLE_STATUSES,
                           currency=rules.currency_for(shop.market),
                           commission_min=rules.COMMISSION_MIN // 100,
                           commission_max=rules.COMMISSION_MAX // 100)


def _act(action: Any, done: str) -> Any:
    """Run one catalogue change, commit it and push the catalogue to the app; flash the outcome."""
    seller = cookie_seller()
    if seller is None:
        return redirect(url_for("seller.login"))
    try:
        action(seller, g.runtime.now(g.db, seller.world_id))
        products.commit_and_sync(seller_center(), g.db, seller.world_id, seller.shop_id)
    except SandboxError as exc:
        g.db.rollback()
        flash(_message(exc), "error")
    else:
        flash(done, "notice")
    return redirect(url_for("products_pages.page"))


@bp.post("/add")
def add() -> Any:
    form = request.form
    title = (text_field(form, "title") or "").strip()

    def action(seller: Any, now: Any) -> None:
        try:
            fields = ProductCreate.model_validate(
                {"title": title, "price": (text_field(form, "price") or "").strip()}).model_dump()
        except ValidationError as exc:
            where = ".".join(str(p) for p in exc.errors()[0]["loc"])
            raise BadRequest(f"'{where}': {exc.errors()[0]['msg']}.", code="INVALID_FIELD",
                             details={"field": where}) from None
        if (text_field(form, "commission") or "").strip():
            fields["commission_rate"] = percent_to_rate(text_field(form, "commission"))
        shop = shops.get_shop(g.db, seller.world_id, seller.shop_id)
        products.new_product(g.db, shop, fields, now)

    return _act(action, f"Added “{title}”.")


def _product(seller: Any, product_id: str) -> Any:
    return products.get_product(g.db, seller.world_id, seller.shop_id, product_id)


@bp.post("/<product_id>/status")
def change_status(product_id: str) -> Any:
    status = text_field(request.form, "status") or ""
    return _act(lambda s, now: products.change_product(g.db, _product(s, product_id),
                                                       {"status": status}, now),
                f"Status set to {status}.")


@bp.post("/<product_id>/affiliate")
def open_to_affiliates(product_id: str) -> Any:
    """A4: affiliate creators of any shop may promote it, at this commission."""
    text = text_field(request.form, "commission")
    return _act(lambda s, now: products.set_affiliate(g.db, _product(s, product_id),
                                                      percent_to_rate(text), now),
                f"Open to affiliates at {(text or '').strip().rstrip('%')}% commission.")


@bp.post("/<product_id>/affiliate/close")
def close_to_affiliates(product_id: str) -> Any:
    return _act(lambda s, now: products.set_affiliate(g.db, _product(s, product_id), None, now),
                "Closed to affiliates.")


@bp.get("/<product_id>/delete")
def confirm_delete(product_id: str) -> Any:
    """The confirmation page (a GET: it changes nothing)."""
    seller = cookie_seller()
    if seller is None:
        return redirect(url_for("seller.login", next=request.path))
    try:
        product = _product(seller, product_id)
    except SandboxError as exc:
        flash(_message(exc), "error")
        return redirect(url_for("products_pages.page"))
    shop = shops.get_shop(g.db, seller.world_id, seller.shop_id)
    return render_template("product_delete.html", shop=shop, product=product)


@bp.post("/<product_id>/delete")
def delete(product_id: str) -> Any:
    """confirm=yes deletes; a POST without it goes to the confirmation page (POST → redirect
    → GET: the page never shows at the POST address)."""
    seller = cookie_seller()
    if seller is None:
        return redirect(url_for("seller.login"))
    if text_field(request.form, "confirm") != "yes":
        return redirect(url_for("products_pages.confirm_delete", product_id=product_id))
    return _act(lambda s, now: products.delete_product(g.db, _product(s, product_id), now),
                "Product deleted; it left the shop page and showcases.")
