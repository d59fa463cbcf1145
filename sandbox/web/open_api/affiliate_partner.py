"""TikTok Shop's Affiliate Partner API (`/affiliate_partner/202405/…`), signed, in TikTok's
envelope, for a TAP partner's app; the token comes from the control plane's partner authorize
(a sandbox extension). The campaigns are the partner's Partner Center campaigns."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, request

from sandbox.services import partner_api_access as access
from sandbox.web.auth import seller_center
from sandbox.web.open_api.envelope import envelope, served_paths
from sandbox.web.request_world import open_api_token
from sandbox.web_shared.requests import json_value

bp = Blueprint("affiliate_partner", __name__)
CAMPAIGNS = "/affiliate_partner/202405/campaigns"


def _signed(cipher: bool = True) -> access.PartnerCaller:
    return access.verify(g.db, g.runtime, path=request.path, query=request.args.to_dict(),
                         body=request.get_data(cache=True),
                         content_type=request.content_type or "",
                         access_token=open_api_token(), cipher=cipher,
                         known_paths=served_paths())


@bp.get("/authorization/202405/category_assets")
def category_assets() -> Any:
    """GetAuthorizedCategoryAssets: the partner's `category_asset_cipher` (no cipher needed)."""
    return envelope(access.category_assets(_signed(cipher=False)))


@bp.post(CAMPAIGNS)
def create_campaign() -> Any:
    caller = _signed()
    campaign = access.create_campaign(seller_center(), g.db, caller,
                                      json_value())
    g.db.commit()
    return envelope({"campaign_id": campaign.id})


@bp.get(CAMPAIGNS)
def campaigns() -> Any:
    return envelope(access.campaign_list(g.db, _signed(), request.args))


@bp.get(f"{CAMPAIGNS}/<campaign_id>")
def campaign(campaign_id: str) -> Any:
    return envelope(access.detail(g.db, _signed(), campaign_id))


@bp.post(f"{CAMPAIGNS}/<campaign_id>/publish")
def publish(campaign_id: str) -> Any:
    access.publish(g.db, _signed(), campaign_id)
    g.db.commit()
    return envelope({})


@bp.get(f"{CAMPAIGNS}/<campaign_id>/products")
def products(campaign_id: str) -> Any:
    return envelope(access.campaign_products(g.db, _signed(), campaign_id, request.args))
