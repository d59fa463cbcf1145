"""The seller's actor API: what a seller clicks in Seller Center, a script can call."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, jsonify

from sandbox.services import linking, links, shops
from sandbox.web.auth import api_seller, seller_center
from sandbox.web.models.seller import OfficialLinkStart, SellerLogin
from sandbox.web_shared.requests import accepts, body_dict, validated_body

bp = Blueprint("seller_api", __name__, url_prefix="/api/v1")




def _view(req: Any) -> Any:
    return jsonify(linking.request_view(req, g.runtime.settings.seller_url))


@bp.post("/seller/login")
@accepts(SellerLogin)
def login() -> Any:
    """Log a seller in; returns a bearer token."""
    body = body_dict(SellerLogin)
    now = g.runtime.now(g.db, body["world"])
    seller_session = shops.log_in(g.db, body["world"], body["email"], body["password"], now)
    g.db.commit()
    return jsonify({"token": seller_session.token, "world": body["world"]})


@bp.get("/shop")
def my_shop() -> Any:
    seller = api_seller()
    shop = shops.get_shop(g.db, seller.world_id, seller.shop_id)
    return jsonify({**shops.shop_view(shop), "links": [
        links.link_view(link) for link in links.shop_links(g.db, shop.world_id, shop.id)]})


@bp.post("/links/official")
@accepts(OfficialLinkStart)
def start_official() -> Any:
    """D1: body {agreed: true} — the seller read the rights and rules and agreed. D5: with
    `username`, the Seller app's entry (the response's `app_link` opens the TikTok app)."""
    seller = api_seller()
    body = validated_body(OfficialLinkStart)
    req = linking.start_official_link(seller_center(), seller.world_id, seller.shop_id,
                                      body.agreed, username=body.username)
    return _view(req), 201


@bp.get("/links/<request_id>")
def get_link_request(request_id: str) -> Any:
    seller = api_seller()
    return _view(linking.refresh_link_request(seller_center(), seller.world_id, request_id,
                                              seller.shop_id))


@bp.post("/links/<request_id>/confirm")
def confirm(request_id: str) -> Any:
    seller = api_seller()
    return _view(linking.confirm_link(seller_center(), seller.world_id, seller.shop_id, request_id))


@bp.post("/links/<request_id>/cancel")
def cancel(request_id: str) -> Any:
    seller = api_seller()
    return _view(linking.cancel_link_request(seller_center(), seller.world_id, seller.shop_id,
                                             request_id))
