"""TikTok Shop's Affiliate Creator API (creator token, no `shop_cipher`) and the Affiliate
Seller open-collaboration endpoints (seller token and `shop_cipher`), signed, in the envelope."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, request

from sandbox.domain.signing import OpenApiError
from sandbox.services import open_api_affiliate as affiliate
from sandbox.services import products
from sandbox.services.open_api_gateway import Caller
from sandbox.web.auth import seller_center
from sandbox.web.open_api.api import signed
from sandbox.web.open_api.envelope import envelope
from sandbox.web_shared.requests import json_value

bp = Blueprint("open_api_affiliate", __name__)
SHOWCASE = "/affiliate_creator/202405/showcases/products"
OPEN = "seller.affiliate_collaboration.write"


def _creator(scope: str) -> Caller:
    caller = signed(scope, "forbidden")
    if caller.auth.user_type != 1:
        raise OpenApiError(105005, "Access denied. This API takes a creator's access token "
                                   "(creator authorization); you should apply auth pkg for this "
                                   "api.", 403)
    return caller


@bp.get(SHOWCASE)
def showcase() -> Any:
    caller = _creator("creator.showcase.read")
    return envelope(affiliate.showcase_products(seller_center(), g.db, caller.app.world_id,
                                                caller.auth.open_id, request.args))


@bp.post(f"{SHOWCASE}/add")
def add_to_showcase() -> Any:
    """The app's rules decide each product (B1, B3, A4); refusals are entries of `errors`."""
    caller = _creator("creator.showcase.write")
    return envelope(affiliate.add_showcase_products(seller_center(), g.db, caller.app.world_id,
                                                    caller.auth.open_id, json_value()))


@bp.post("/affiliate_creator/202405/open_collaborations/products/search")
def open_collaboration_products() -> Any:
    caller = _creator("creator.affiliate_collaboration.read")
    return envelope(affiliate.open_collaboration_products(g.db, caller.app.world_id,
                                                          request.args, json_value()))


@bp.post("/affiliate_seller/202412/open_collaborations")
def create_open_collaboration() -> Any:
    """A4: the product is open to every shop's affiliate creators at this commission."""
    caller = signed(OPEN, "required")
    assert caller.shop is not None
    data = affiliate.create_open_collaboration(g.db, caller.shop, json_value(), caller.now)
    products.commit_and_sync(seller_center(), g.db, caller.shop.world_id, caller.shop.id)
    return envelope(data)


@bp.delete("/affiliate_seller/202409/open_collaborations/products/<product_id>")
def remove_open_collaboration(product_id: str) -> Any:
    caller = signed(OPEN, "required")
    assert caller.shop is not None
    data = affiliate.remove_open_collaboration(g.db, caller.shop, product_id, caller.now)
    products.commit_and_sync(seller_center(), g.db, caller.shop.world_id, caller.shop.id)
    return envelope(data)
