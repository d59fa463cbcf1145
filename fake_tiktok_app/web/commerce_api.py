"""The app user's commerce actions (actor API): shop page, showcase, affiliate, videos, LIVE."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, jsonify

from fake_tiktok_app.services import affiliate, catalogue, content
from fake_tiktok_app.web.models import IdentityDocument, LiveStart, ShowcaseAdd, VideoPost
from fake_tiktok_app.web.phone import follower_minimum
from fake_tiktok_app.web.session import api_account
from sandbox.web_shared.requests import accepts, validated_body

bp = Blueprint("commerce_api", __name__, url_prefix="/app/api/v1")


def _minimum() -> int:
    """A4's follower minimum in the calling account's world."""
    return follower_minimum(api_account().world_id)


def profile_products(account: Any) -> dict[str, Any]:
    """What the profile shows: the shop page (official, B1, with the products it also added by
    hand to its showcase) or the showcase (everyone else)."""
    seller = catalogue.seller_of(g.db, account)
    if seller.role == "official":
        return {"kind": "shop_page", "shop_id": seller.shop_id,
                "products": [catalogue.product_view(p)
                             for p in catalogue.shop_page(g.db, account)],
                "showcase": [catalogue.product_view(p)
                             for p in catalogue.showcase(g.db, account)]}
    return {"kind": "showcase", "shop_id": seller.shop_id, "affiliate": seller.affiliate,
            "products": [catalogue.product_view(p) for p in catalogue.showcase(g.db, account)]}


@bp.get("/me/products")
def my_products() -> Any:
    """The profile's Shop tab (B1) or Showcase (B3, A4)."""
    return jsonify(profile_products(api_account()))


@bp.get("/me/shop-products")
def shop_products() -> Any:
    """"Add from shop": the products of the account's own shop it may add (B1, B3)."""
    rows = catalogue.own_shop_products(g.db, api_account())
    return jsonify({"products": [catalogue.product_view(p) for p in rows]})


@bp.get("/marketplace")
def marketplace() -> Any:
    """The affiliate marketplace: products of every shop open to affiliates (A4)."""
    rows = catalogue.marketplace(g.db, api_account().world_id)
    return jsonify({"products": [catalogue.product_view(p) for p in rows]})


@bp.post("/me/showcase")
@accepts(ShowcaseAdd)
def add_to_showcase() -> Any:
    account = api_account()
    now = g.runtime.now(g.db, account.world_id)
    for product_id in validated_body(ShowcaseAdd).product_ids:
        catalogue.add_to_showcase(g.db, account, product_id, now)
    g.db.commit()
    return jsonify(profile_products(account))


@bp.delete("/me/showcase/<product_id>")
def remove_from_showcase(product_id: str) -> Any:
    account = api_account()
    catalogue.remove_from_showcase(g.db, account, product_id,
                                   g.runtime.now(g.db, account.world_id))
    g.db.commit()
    return jsonify(profile_products(account))


@bp.get("/me/affiliate")
def affiliate_status() -> Any:
    return jsonify(affiliate.status_view(api_account(), _minimum()))


@bp.post("/me/identity")
@accepts(IdentityDocument)
def verify_identity() -> Any:
    """A4/M2: verify identity with a personal ID document of the account's market."""
    account = api_account()
    body = validated_body(IdentityDocument)
    affiliate.verify_identity(g.db, account, body.document_type, body.country.upper(),
                              g.runtime.now(g.db, account.world_id))
    g.db.commit()
    return jsonify(affiliate.status_view(account, _minimum()))


@bp.post("/me/affiliate/agreement")
def sign_agreement() -> Any:
    account = api_account()
    affiliate.sign_agreement(g.db, account, g.runtime.now(g.db, account.world_id))
    g.db.commit()
    return jsonify(affiliate.status_view(account, _minimum()))


@bp.post("/me/affiliate/application")
def apply_affiliate() -> Any:
    account = api_account()
    affiliate.apply(g.db, account, _minimum(), g.runtime.now(g.db, account.world_id))
    g.db.commit()
    return jsonify(affiliate.status_view(account, _minimum()))


@bp.get("/me/videos")
def my_videos() -> Any:
    account = api_account()
    return jsonify({"videos": [content.video_view(v) for v in content.videos_of(g.db, account)]})


@bp.post("/me/videos")
@accepts(VideoPost)
def post_video() -> Any:
    account = api_account()
    body = validated_body(VideoPost)
    video = content.post_video(g.db, account, body.title, body.description, body.duration,
                               body.product_ids, _minimum(), g.runtime.now(g.db, account.world_id))
    g.db.commit()
    return jsonify(content.video_view(video)), 201


@bp.get("/me/live")
def my_live() -> Any:
    live = content.current_live(g.db, api_account())
    return jsonify({"live": content.live_view(live) if live else None})


@bp.post("/me/live")
@accepts(LiveStart)
def start_live() -> Any:
    account = api_account()
    body = validated_body(LiveStart)
    live = content.start_live(g.db, account, body.title, body.product_ids, _minimum(),
                              g.runtime.now(g.db, account.world_id))
    g.db.commit()
    return jsonify(content.live_view(live)), 201


@bp.post("/me/live/end")
def end_live() -> Any:
    account = api_account()
    live = content.end_live(g.db, account, g.runtime.now(g.db, account.world_id))
    g.db.commit()
    return jsonify(content.live_view(live))
