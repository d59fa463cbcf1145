"""Control plane, sandbox extension: a TAP partner authorizes a shop app for TikTok Shop's
Affiliate Partner API, standing in for TikTok's partner authorization flow."""

from __future__ import annotations

from typing import Any

from flask import g, jsonify
from pydantic import Field

from sandbox.kernel.world_config import settings_for
from sandbox.services import partner_api_access as access
from sandbox.web.auth import control_blueprint
from sandbox.web_shared.requests import RequestModel, accepts, validated_body

bp = control_blueprint("control_partner_api", __name__, url_prefix="/_sandbox/v1")


class PartnerApiAuthorize(RequestModel):
    """POST /worlds/{world_id}/partners/{partner_id}/authorize: which app the TAP authorizes."""

    app_key: str = Field(min_length=1, max_length=40, description="an existing shop_app's key")


@bp.post("/worlds/<world_id>/partners/<partner_id>/authorize")
@accepts(PartnerApiAuthorize)
def authorize(world_id: str, partner_id: str) -> Any:
    """Sandbox extension: the app's Affiliate Partner access token and category_asset_cipher."""
    g.runtime.world(g.db, world_id)
    body = validated_body(PartnerApiAuthorize)
    now = g.runtime.now(g.db, world_id)
    grant = access.authorize(g.db, world_id, partner_id, body.app_key, now,
                             settings_for(g.db, world_id))
    g.db.commit()
    return jsonify(access.grant_view(grant, now))
