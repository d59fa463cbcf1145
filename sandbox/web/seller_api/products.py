"""The seller's actor API for the shop's products (Seller Center → Products)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, jsonify, request

from sandbox.kernel.fields import text_field
from sandbox.services import products
from sandbox.services.shops import get_shop
from sandbox.web.auth import api_seller, seller_center
from sandbox.web.models.products import AffiliateOpening, ProductChange, ProductCreate
from sandbox.web_shared.requests import accepts, body_dict, validated_body

bp = Blueprint("products_api", __name__, url_prefix="/api/v1")


@bp.get("/products")
def list_products() -> Any:
    seller = api_seller()
    rows = products.shop_products(g.db, seller.world_id, seller.shop_id,
                                  text_field(request.args, "status") or None)
    return jsonify({"products": [products.product_view(p) for p in rows]})


@bp.post("/products")
@accepts(ProductCreate)
def create_product() -> Any:
    seller = api_seller()
    shop = get_shop(g.db, seller.world_id, seller.shop_id)
    product = products.new_product(g.db, shop, body_dict(ProductCreate),
                                   g.runtime.now(g.db, seller.world_id))
    view = products.product_view(product)
    products.commit_and_sync(seller_center(), g.db, seller.world_id, seller.shop_id)
    return jsonify(view), 201


@bp.get("/products/<product_id>")
def get_product(product_id: str) -> Any:
    seller = api_seller()
    return jsonify(products.product_view(
        products.get_product(g.db, seller.world_id, seller.shop_id, product_id)))


@bp.patch("/products/<product_id>")
@accepts(ProductChange)
def change_product(product_id: str) -> Any:
    seller = api_seller()
    product = products.get_product(g.db, seller.world_id, seller.shop_id, product_id)
    products.change_product(g.db, product, body_dict(ProductChange),
                            g.runtime.now(g.db, seller.world_id))
    view = products.product_view(product)
    products.commit_and_sync(seller_center(), g.db, seller.world_id, seller.shop_id)
    return jsonify(view)


@bp.delete("/products/<product_id>")
def delete_product(product_id: str) -> Any:
    seller = api_seller()
    product = products.get_product(g.db, seller.world_id, seller.shop_id, product_id)
    products.delete_product(g.db, product, g.runtime.now(g.db, seller.world_id))
    view = products.product_view(product)
    products.commit_and_sync(seller_center(), g.db, seller.world_id, seller.shop_id)
    return jsonify(view)


@bp.put("/products/<product_id>/affiliate")
@accepts(AffiliateOpening)
def open_to_affiliates(product_id: str) -> Any:
    """A4: affiliate creators of any shop may promote it, at this commission."""
    api_seller()  # who is calling before what they sent
    return _affiliate(product_id, validated_body(AffiliateOpening).commission_rate)


@bp.delete("/products/<product_id>/affiliate")
def close_to_affiliates(product_id: str) -> Any:
    return _affiliate(product_id, None)


def _affiliate(product_id: str, commission_rate: int | None) -> Any:
    seller = api_seller()
    product = products.get_product(g.db, seller.world_id, seller.shop_id, product_id)
    products.set_affiliate(g.db, product, commission_rate, g.runtime.now(g.db, seller.world_id))
    view = products.product_view(product)
    products.commit_and_sync(seller_center(), g.db, seller.world_id, seller.shop_id)
    return jsonify(view)
