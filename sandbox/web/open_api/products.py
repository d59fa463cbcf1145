"""TikTok Shop's Product API 202309 (signed, seller token, `shop_cipher`) over the shop's
Seller Center catalogue; every change is pushed to the app like Seller Center's own."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, request

from sandbox.services import open_api_catalogue as catalogue
from sandbox.services import products
from sandbox.services.open_api_gateway import Caller
from sandbox.store.shops import Shop
from sandbox.web.auth import seller_center
from sandbox.web.open_api.api import signed
from sandbox.web.open_api.envelope import envelope
from sandbox.web_shared.requests import json_value

bp = Blueprint("open_api_products", __name__)
PRODUCTS = "/product/202309/products"
READ, WRITE = "seller.product.basic", "seller.product.write"


def _shop(caller: Caller) -> Shop:
    assert caller.shop is not None  # cipher "required" guarantees it
    return caller.shop


@bp.post(f"{PRODUCTS}/search")
@bp.post("/product/202502/products/search")
def search() -> Any:
    """Search Products: `page_size`/`page_token` in the query, `status` in the body."""
    caller = signed(READ, "required")
    shop = _shop(caller)
    size, offset = catalogue.page_args(request.args)
    rows = products.shop_products(g.db, shop.world_id, shop.id, catalogue.search_filter(json_value()))
    page, token = catalogue.paged(rows, size, offset)
    return envelope({"products": [catalogue.product_summary(p, shop) for p in page],
                     "total_count": len(rows), "next_page_token": token})


@bp.get(f"{PRODUCTS}/<product_id>")
def detail(product_id: str) -> Any:
    caller = signed(READ, "required")
    shop = _shop(caller)
    with catalogue.tiktok_refusals():
        product = products.get_product(g.db, shop.world_id, shop.id, product_id)
    return envelope(catalogue.product_detail(product, shop))


@bp.post(PRODUCTS)
def create() -> Any:
    """Create Product (one SKU): on sale at once, or a draft with save_mode AS_DRAFT."""
    caller = signed(WRITE, "required")
    shop = _shop(caller)
    fields = catalogue.create_fields(json_value())
    with catalogue.tiktok_refusals():
        product = products.new_product(g.db, shop, fields, caller.now)
    data = {"product_id": product.id,
            "skus": [{"id": product.sku_id, "seller_sku": product.seller_sku}], "warnings": []}
    products.commit_and_sync(seller_center(), g.db, shop.world_id, shop.id)
    return envelope(data)


def _each(action: str) -> Any:
    caller = signed(WRITE, "required")
    shop = _shop(caller)
    errors = catalogue.change_each(g.db, shop, catalogue.product_ids(json_value()), action,
                                   caller.now)
    products.commit_and_sync(seller_center(), g.db, shop.world_id, shop.id)
    return envelope({"errors": errors} if errors else {})


@bp.post(f"{PRODUCTS}/activate")
def activate() -> Any:
    return _each("activate")


@bp.post(f"{PRODUCTS}/deactivate")
def deactivate() -> Any:
    return _each("deactivate")


@bp.delete(PRODUCTS)
def delete() -> Any:
    """Delete Products: TikTok keeps them with status DELETED (search them by that status)."""
    return _each("delete")
