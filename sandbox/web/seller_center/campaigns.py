"""Seller Center pages: partner campaigns and Campaign Details with the partner's TikTok handle (I4)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, redirect, render_template, request, url_for

from sandbox.services import partner_outreach, shops
from sandbox.web.auth import cookie_seller

bp = Blueprint("seller_campaigns", __name__, url_prefix="/seller/campaigns")


def _shop_or_login() -> tuple[Any, Any]:
    seller = cookie_seller()
    if seller is None:
        return None, redirect(url_for("seller.login", next=request.path))
    return shops.get_shop(g.db, seller.world_id, seller.shop_id), None


@bp.get("")
def index() -> Any:
    """The partner campaigns of the world, newest first."""
    shop, to_login = _shop_or_login()
    if to_login:
        return to_login
    app_url = g.runtime.settings.app_url
    listed = [partner_outreach.campaign_view(g.db, c, app_url)
              for c in partner_outreach.list_campaigns(g.db, shop.world_id)]
    return render_template("seller_campaigns.html", shop=shop, campaigns=listed)


@bp.get("/<campaign_id>")
def details(campaign_id: str) -> Any:
    """Campaign Details: the partner, and its TikTok handle linking to its profile."""
    shop, to_login = _shop_or_login()
    if to_login:
        return to_login
    campaign = partner_outreach.get_campaign(g.db, shop.world_id, campaign_id)
    return render_template("seller_campaign.html", shop=shop, c=partner_outreach.campaign_view(
        g.db, campaign, g.runtime.settings.app_url))
