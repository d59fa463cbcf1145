"""The Douyin Shop seller's actor API (J1, J5–J7): rebind, upgrade, status with the reminder,
authorized accounts, product listing. Binding itself is `POST /api/v1/links/official`."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, jsonify

from sandbox.kernel.clock import iso
from sandbox.services import douyin_shop, linking, products
from sandbox.services.seller_center import credentials
from sandbox.web.auth import api_seller, seller_center
from sandbox.web.models.seller import DouyinAuthorizeAccount, DouyinProductListing
from sandbox.web_shared.requests import accepts, validated_body

bp = Blueprint("douyin_api", __name__, url_prefix="/api/v1/douyin")


@bp.get("/status")
def status() -> Any:
    seller = api_seller()
    return jsonify(douyin_shop.status(g.db, seller.world_id, seller.shop_id))


@bp.post("/rebind")
def rebind() -> Any:
    """J5: 换绑 — a QR code for the replacement account (once; not after the upgrade)."""
    seller = api_seller()
    req = linking.start_official_link(seller_center(), seller.world_id, seller.shop_id, True,
                                      purpose="rebind")
    return jsonify(linking.request_view(req, g.runtime.settings.seller_url)), 201


@bp.post("/upgrade")
def upgrade() -> Any:
    """J6: 官方账号升级 — the account's name becomes the shop's."""
    seller = api_seller()
    return jsonify(douyin_shop.upgrade(seller_center(), seller.world_id, seller.shop_id))


def _auth_view(auth: Any) -> dict[str, Any]:
    return {"id": auth.id, "open_id": auth.open_id, "username": auth.username,
            "created_at": iso(auth.created_at)}


@bp.post("/authorized-accounts")
@accepts(DouyinAuthorizeAccount)
def authorize() -> Any:
    seller = api_seller()
    shop = douyin_shop.douyin_shop(g.db, seller.world_id, seller.shop_id)
    username = validated_body(DouyinAuthorizeAccount).username.lstrip("@")
    account = seller_center().tiktok.account_by_username(credentials(g.db, seller.world_id),
                                                         username)
    auth = douyin_shop.authorize(g.db, shop, account["open_id"], username)
    g.db.commit()
    return jsonify(_auth_view(auth)), 201


@bp.get("/authorized-accounts")
def authorized() -> Any:
    seller = api_seller()
    return jsonify({"authorized_accounts": [
        _auth_view(a) for a in douyin_shop.authorizations(g.db, seller.world_id, seller.shop_id)]})


@bp.post("/products")
@accepts(DouyinProductListing)
def list_product() -> Any:
    """J7, then a catalogue product in CNY (it is in GET /api/v1/products too)."""
    seller = api_seller()
    body = validated_body(DouyinProductListing)
    product = douyin_shop.list_product(g.db, seller.world_id, seller.shop_id, body.title,
                                       body.price)
    view = products.product_view(product)
    products.commit_and_sync(seller_center(), g.db, seller.world_id, seller.shop_id)
    return jsonify(view), 201
