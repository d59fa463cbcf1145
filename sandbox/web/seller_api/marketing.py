"""The seller's actor API for marketing accounts, unlinking, creator requests, tickets, rename."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, jsonify

from sandbox.services import account_sync, invitations, tickets, unlinking
from sandbox.web.auth import api_seller, seller_center
from sandbox.web.models.seller import InvitationRequest, ShopRename, TicketRequest
from sandbox.web_shared.requests import accepts, body_dict, validated_body

bp = Blueprint("marketing_api", __name__, url_prefix="/api/v1")




@bp.post("/invitations")
@accepts(InvitationRequest)
def invite() -> Any:
    """E1: invite a marketing account; refused (C8, B3, B4, B5, E2) before anything is sent."""
    seller = api_seller()
    username = validated_body(InvitationRequest).username
    inv = invitations.invite(seller_center(), seller.world_id, seller.shop_id, username)
    return jsonify(invitations.invitation_view(inv)), 201


@bp.get("/invitations")
def list_invitations() -> Any:
    seller = api_seller()
    rows = invitations.list_invitations(g.db, seller.world_id, seller.shop_id)
    views = []
    for inv in rows:
        if inv.status in invitations.WAITING and not inv.refusal.get("final"):
            inv = invitations.refresh_invitation(seller_center(), seller.world_id, inv.id, seller.shop_id)
        views.append(invitations.invitation_view(inv))
    return jsonify({"invitations": views})


@bp.get("/invitations/<invitation_id>")
def get_invitation(invitation_id: str) -> Any:
    seller = api_seller()
    inv = invitations.refresh_invitation(seller_center(), seller.world_id, invitation_id, seller.shop_id)
    return jsonify(invitations.invitation_view(inv))


@bp.post("/links/<link_id>/unlink")
def unlink(link_id: str) -> Any:
    """F1–F4, then the link ends (F6)."""
    seller = api_seller()
    return jsonify(unlinking.unlink(seller_center(), seller.world_id, seller.shop_id, link_id))


@bp.get("/unlink-requests")
def unlink_requests() -> Any:
    seller = api_seller()
    return jsonify({"unlink_requests": unlinking.list_unlink_requests(
        seller_center(), seller.world_id, seller.shop_id)})


@bp.post("/unlink-requests/<request_id>/<decision>")
def decide_unlink_request(request_id: str, decision: str) -> Any:
    """F5: approve or decline a creator's unlink request."""
    seller = api_seller()
    return jsonify(unlinking.decide_unlink_request(seller_center(), seller.world_id, seller.shop_id,
                                                   request_id, decision))


@bp.post("/tickets")
@accepts(TicketRequest)
def open_ticket() -> Any:
    """Open a support ticket: a link in progress (C7) or an ineligible invitee (C8)."""
    seller = api_seller()
    body = body_dict(TicketRequest)
    if body.get("link_id"):
        now = g.runtime.now(g.db, seller.world_id)
        ticket = tickets.open_for_link(g.db, seller.world_id, seller.shop_id, body["link_id"], now)
    else:
        ticket = tickets.open_for_invitee(seller_center(), seller.world_id, seller.shop_id,
                                          body.get("username"))
    return jsonify(tickets.ticket_view(ticket)), 201


@bp.get("/tickets")
def list_tickets() -> Any:
    seller = api_seller()
    return jsonify({"tickets": [tickets.ticket_view(t) for t in
                                tickets.list_tickets(g.db, seller.world_id, seller.shop_id)]})


@bp.patch("/shop")
@accepts(ShopRename)
def rename_shop() -> Any:
    """B2: rename the shop; the official account is renamed at the same moment."""
    seller = api_seller()
    name = validated_body(ShopRename).name
    return jsonify(account_sync.rename_shop(seller_center(), seller.world_id, seller.shop_id, name))
