"""Sandbox extension: first-party faces for shop links that only Seller Center's client may call
(eligibility by username, invitations, link notices, unlink requests). Same style as every
first-party face: /sandbox/v1, HTTP Basic client credentials, JSON bodies, sandbox errors."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, jsonify, request

from fake_tiktok_app.services import douyin, shop_links, userinfo
from fake_tiktok_app.services.accounts import find_by_username, get_account
from fake_tiktok_app.web.first_party_auth import first_party_client
from fake_tiktok_app.web.models import (
    AccountLookup,
    DouyinVerification,
    InvitationDelivery,
    LinkNotice,
    PartnerNotice,
    UnlinkDecision,
)
from sandbox.kernel.errors import NotFound
from sandbox.kernel.fields import text_field
from sandbox.kernel.world_config import settings_for
from sandbox.web_shared.requests import accepts, validated_body

bp = Blueprint("first_party_links", __name__, url_prefix="/sandbox/v1")


@bp.post("/accounts/lookup")
@accepts(AccountLookup)
def account() -> Any:
    """The eligibility fields of an account by username or open_id (C8: before inviting)."""
    client = first_party_client("account")
    body = validated_body(AccountLookup)
    now = g.runtime.now(g.db, client.world_id)
    if body.username:
        found = find_by_username(g.db, client.world_id, body.username)
        if found is None:
            raise NotFound(f"No TikTok account @{body.username.lstrip('@')} in this world.",
                           code="ACCOUNT_NOT_FOUND")
    else:
        found = get_account(g.db, client.world_id, body.open_id)
    user = userinfo.user_fields(found, body.fields, client.scopes, now,
                                g.runtime.settings.app_url)
    return jsonify({"user": user})


@bp.post("/invitations")
@accepts(InvitationDelivery)
def send_invitation() -> Any:
    client = first_party_client("invitation_send")
    body = validated_body(InvitationDelivery)
    now = g.runtime.now(g.db, client.world_id)
    invitation = shop_links.deliver_invitation(g.db, client, body.username, body.state,
                                               body.display_name, body.expires_in, now,
                                               body.details)
    g.db.commit()
    return jsonify({"invitation_id": invitation.id, "open_id": invitation.open_id,
                    "status": invitation.status}), 201


@bp.post("/invitations/<invitation_id>/status")
def check_invitation(invitation_id: str) -> Any:
    """A POST: the first check after acceptance hands out the code (like check_qrcode)."""
    client = first_party_client("invitation_check")
    now = g.runtime.now(g.db, client.world_id)
    answer = shop_links.check_invitation(g.db, client, invitation_id, now,
                                         settings_for(g.db, client.world_id).auth_code_ttl_seconds)
    g.db.commit()
    return jsonify(answer)


@bp.post("/douyin/verifications")
@accepts(DouyinVerification)
def douyin_verification() -> Any:
    client = first_party_client("douyin_verification")
    body = validated_body(DouyinVerification)
    now = g.runtime.now(g.db, client.world_id)
    account = douyin.start_verification(g.db, client.world_id, body.open_id, body.kind,
                                        body.entity, body.delay_seconds, now)
    g.db.commit()
    return jsonify({"open_id": account.open_id, "verification": account.douyin_verification})


@bp.post("/partner-notices")
@accepts(PartnerNotice)
def partner_notice() -> Any:
    client = first_party_client("partner_notice")
    now = g.runtime.now(g.db, client.world_id)
    badge = shop_links.apply_partner_notice(g.db, client.world_id,
                                            validated_body(PartnerNotice).model_dump(), now)
    g.db.commit()
    return jsonify({"open_id": validated_body(PartnerNotice).open_id,
                    "partner_id": badge.partner_id if badge else None})


@bp.post("/link-notices")
@accepts(LinkNotice)
def link_notice() -> Any:
    client = first_party_client("link_notice")
    now = g.runtime.now(g.db, client.world_id)
    account = shop_links.apply_link_notice(g.db, client.world_id,
                                           validated_body(LinkNotice).model_dump(), now)
    g.db.commit()
    return jsonify({"open_id": account.open_id, "nickname": account.nickname,
                    "account_kind": account.kind})


@bp.get("/unlink-requests")
def list_unlink_requests() -> Any:
    client = first_party_client("unlink_requests")
    rows = shop_links.unlink_requests(g.db, client.world_id, text_field(request.args, "shop_id", ""))
    return jsonify({"unlink_requests": [shop_links.unlink_request_view(r) for r in rows]})


@bp.post("/unlink-requests/<request_id>/resolve")
@accepts(UnlinkDecision)
def resolve_unlink_request(request_id: str) -> Any:
    client = first_party_client("unlink_requests")
    now = g.runtime.now(g.db, client.world_id)
    req = shop_links.resolve_unlink_request(g.db, client.world_id, request_id,
                                            validated_body(UnlinkDecision).decision, now)
    g.db.commit()
    return jsonify(shop_links.unlink_request_view(req))
