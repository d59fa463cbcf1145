"""Control plane for shops' catalogues: create, list and delete products (B1, B3, A4 setups)."""

from __future__ import annotations

from typing import Any

from flask import g, jsonify

from sandbox.services import products
from sandbox.services.shops import get_shop
from sandbox.web.auth import control_blueprint, seller_center
from sandbox.web.models.products import ProductCreate
from sandbox.web_shared.requests import accepts, body_dict

bp = control_blueprint("control_products", __name__, url_prefix="/_sandbox/v1")


@bp.post("/worlds/<world_id>/shops/<shop_id>/products")
@accepts(ProductCreate)
def create_product(world_id: str, shop_id: str) -> Any:
    g.runtime.world(g.db, world_id)
    shop = get_shop(g.db, world_id, shop_id)
    product = products.new_product(g.db, shop, body_dict(ProductCreate),
                                   g.runtime.now(g.db, world_id))
    view = products.product_view(product)
    products.commit_and_sync(seller_center(), g.db, world_id, shop_id)
    return jsonify(view), 201


@bp.get("/worlds/<world_id>/shops/<shop_id>/products")
def list_products(world_id: str, shop_id: str) -> Any:
    g.runtime.world(g.db, world_id)
    get_shop(g.db, world_id, shop_id)
    return jsonify({"products": [products.product_view(p)
                                 for p in products.shop_products(g.db, world_id, shop_id)]})


@bp.delete("/worlds/<world_id>/shops/<shop_id>/products/<product_id>")
def delete_product(world_id: str, shop_id: str, product_id: str) -> Any:
    g.runtime.world(g.db, world_id)
    product = products.get_product(g.db, world_id, shop_id, product_id)
    products.delete_product(g.db, product, g.runtime.now(g.db, world_id))
    view = products.product_view(product)
    products.commit_and_sync(seller_center(), g.db, world_id, shop_id)
    return jsonify(view)
