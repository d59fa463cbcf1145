"""Sandbox extension: first-party commerce faces for Seller Center (TikTok Shop): the catalogue
push that keeps shop pages in sync (B1), and showcases for the Affiliate Creator API (B3, A4)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, jsonify

from fake_tiktok_app.services import catalogue, purchases
from fake_tiktok_app.services.accounts import get_account
from fake_tiktok_app.web.first_party_auth import first_party_client
from fake_tiktok_app.web.models import CataloguePush, ShowcaseAdd
from sandbox.web_shared.purchase_models import PurchaseCheck
from sandbox.web_shared.requests import accepts, validated_body

bp = Blueprint("first_party_commerce", __name__, url_prefix="/sandbox/v1")


@bp.put("/shops/<shop_id>/catalogue")
@accepts(CataloguePush)
def replace_catalogue(shop_id: str) -> Any:
    client = first_party_client("catalogue")
    body = validated_body(CataloguePush)
    now = g.runtime.now(g.db, client.world_id)
    count = catalogue.replace_catalogue(g.db, client.world_id, shop_id, body.shop_name,
                                        [p.model_dump() for p in body.products], now)
    g.db.commit()
    return jsonify({"shop_id": shop_id, "products": count})


@bp.get("/showcases/<open_id>")
def showcase(open_id: str) -> Any:
    client = first_party_client("showcase")
    account = get_account(g.db, client.world_id, open_id)
    return jsonify(catalogue.showcase_view(g.db, account))


@bp.post("/showcases/<open_id>/products")
@accepts(ShowcaseAdd)
def add_products(open_id: str) -> Any:
    client = first_party_client("showcase")
    account = get_account(g.db, client.world_id, open_id)
    now = g.runtime.now(g.db, client.world_id)
    for product_id in validated_body(ShowcaseAdd).product_ids:
        catalogue.add_to_showcase(g.db, account, product_id, now)
    g.db.commit()
    return jsonify(catalogue.showcase_view(g.db, account))



@bp.post("/purchases/check")
@accepts(PurchaseCheck)
def purchase_check() -> Any:
    """Before TikTok Shop places an order its control plane asks: who is the buyer (name,
    address, payment persona), and does the surface show these products (S1)?"""
    client = first_party_client("purchases")
    body = validated_body(PurchaseCheck)
    buyer = get_account(g.db, client.world_id, body.buyer)
    return jsonify({"buyer": purchases.buyer_facts(buyer),
                    "via": purchases.surface_facts(g.db, client.world_id, body.via_open_id,
                                                   body.channel, body.product_ids)})
