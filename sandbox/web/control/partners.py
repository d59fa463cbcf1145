"""Control plane for Partner Center (I1–I4): partners, and the account manager's unlink (I3)."""

from __future__ import annotations

from typing import Any

from flask import g, jsonify

from sandbox.services import partner_linking, partner_outreach, partners
from sandbox.web.auth import control_blueprint, seller_center
from sandbox.web.models.partners import PartnerCreate
from sandbox.web_shared.requests import accepts, body_dict

bp = control_blueprint("control_partners", __name__, url_prefix="/_sandbox/v1")


@bp.post("/worlds/<world_id>/partners")
@accepts(PartnerCreate)
def create_partner(world_id: str) -> Any:
    g.runtime.world(g.db, world_id)
    now = g.runtime.now(g.db, world_id)
    partner, password, token = partners.create_partner(g.db, world_id, now,
                                                       body_dict(PartnerCreate))
    g.db.commit()
    return jsonify({**partners.partner_view(g.db, partner), "login": {
        "email": partner.email, "password": password, "token": token}}), 201


@bp.get("/worlds/<world_id>/partners")
def list_partners(world_id: str) -> Any:
    g.runtime.world(g.db, world_id)
    return jsonify({"partners": [partners.partner_view(g.db, p)
                                 for p in partners.list_partners(g.db, world_id)]})


@bp.get("/worlds/<world_id>/partners/<partner_id>")
def get_partner(world_id: str, partner_id: str) -> Any:
    g.runtime.world(g.db, world_id)
    partner = partners.get_partner(g.db, world_id, partner_id)
    return jsonify(partners.partner_view(g.db, partner))


@bp.post("/worlds/<world_id>/partners/<partner_id>/unlink")
def unlink_partner(world_id: str, partner_id: str) -> Any:
    """I3: the account manager unlinks the partner's TikTok account; it may link again."""
    g.runtime.world(g.db, world_id)
    link = partner_linking.unlink(seller_center(), world_id, partner_id)
    return jsonify({"id": link.id, "partner_id": partner_id, "open_id": link.open_id,
                    "status": "unlinked"})


@bp.get("/worlds/<world_id>/campaigns")
def list_campaigns(world_id: str) -> Any:
    g.runtime.world(g.db, world_id)
    app_url = g.runtime.settings.app_url
    return jsonify({"campaigns": [partner_outreach.campaign_view(g.db, c, app_url)
                                  for c in partner_outreach.list_campaigns(g.db, world_id)]})
