"""The partner's actor API (`/api/v1/partner`): what a person does in Partner Center, for
scripts. The same use cases serve the pages."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, jsonify

from sandbox.services import partner_linking, partner_outreach, partners
from sandbox.web.auth import api_partner, seller_center
from sandbox.web.models.partners import CampaignCreate, CreatorInvite, PartnerLogin
from sandbox.web_shared.requests import accepts, validated_body

bp = Blueprint("partner_api", __name__, url_prefix="/api/v1/partner")


@bp.post("/login")
@accepts(PartnerLogin)
def login() -> Any:
    body = validated_body(PartnerLogin)
    g.runtime.world(g.db, body.world)
    now = g.runtime.now(g.db, body.world)
    session = partners.log_in(g.db, body.world, body.email, body.password, now)
    g.db.commit()
    return jsonify({"token": session.token, "world": body.world})


@bp.get("/me")
def me() -> Any:
    return jsonify(partners.partner_view(g.db, api_partner()))


@bp.post("/tiktok-links")
def start_link() -> Any:
    """I1: My Account → Link TikTok Account → Get Started: a QR code for My QR code's scanner."""
    partner = api_partner()
    req = partner_linking.start_link(seller_center(), partner.world_id, partner.id)
    return jsonify(partner_linking.request_view(req, g.runtime.settings.seller_url)), 201


@bp.get("/tiktok-links/<request_id>")
def link_status(request_id: str) -> Any:
    """Polls the QR code once (the page polls every second) and moves the request along."""
    partner = api_partner()
    req = partner_linking.refresh_link_request(seller_center(), partner.world_id, request_id,
                                               partner.id)
    return jsonify(partner_linking.request_view(req, g.runtime.settings.seller_url))


@bp.post("/invitations")
@accepts(CreatorInvite)
def invite() -> Any:
    partner = api_partner()
    body = validated_body(CreatorInvite)
    inv = partner_outreach.invite_creator(seller_center(), partner.world_id, partner.id,
                                          body.username, body.kind, body.attach_profile,
                                          body.message)
    return jsonify(partner_outreach.invitation_view(inv)), 201


@bp.get("/invitations")
def invitations() -> Any:
    partner = api_partner()
    return jsonify({"invitations": [partner_outreach.invitation_view(i) for i in
                                    partner_outreach.list_invitations(g.db, partner.world_id,
                                                                      partner.id)]})


@bp.get("/invitations/<invitation_id>")
def invitation(invitation_id: str) -> Any:
    """Asks the app once whether the creator answered (a poll, like Seller Center's)."""
    partner = api_partner()
    inv = partner_outreach.refresh_invitation(seller_center(), partner.world_id, invitation_id,
                                              partner.id)
    return jsonify(partner_outreach.invitation_view(inv))


@bp.post("/campaigns")
@accepts(CampaignCreate)
def create_campaign() -> Any:
    partner = api_partner()
    campaign = partner_outreach.create_campaign(
        seller_center(), partner.world_id, partner.id,
        validated_body(CampaignCreate).model_dump())
    return jsonify(partner_outreach.campaign_view(g.db, campaign,
                                                  g.runtime.settings.app_url)), 201


@bp.get("/campaigns")
def campaigns() -> Any:
    partner = api_partner()
    return jsonify({"campaigns": [
        partner_outreach.campaign_view(g.db, c, g.runtime.settings.app_url)
        for c in partner_outreach.list_campaigns(g.db, partner.world_id, partner.id)]})
