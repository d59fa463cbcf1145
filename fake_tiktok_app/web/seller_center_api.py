"""Sandbox extension: first-party faces only Seller Center's client may call (invitations, link
notices, unlink requests, eligibility by username). Client-authenticated like check_qrcode."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, g, jsonify, request

from fake_tiktok_app.oauth import OAuthProtocolError as OAuth2Error
from fake_tiktok_app.services import shop_links, userinfo
from fake_tiktok_app.services.accounts import find_by_username, get_account
from fake_tiktok_app.store.oauth import OAuthClient
from fake_tiktok_app.web.tiktok_api import _form
from sandbox.kernel.errors import BadRequest, SandboxError

bp = Blueprint("seller_center_api", __name__, url_prefix="/v2/sandbox/seller_center")



def _first_party(endpoint: str) -> OAuthClient:
    server = current_app.extensions["sandbox.oauth_server"]
    try:
        client = server.authenticate_client(server.create_oauth2_request(request),
                                            ["client_key_post"], endpoint=endpoint)
    except OAuth2Error as exc:
        raise SandboxError(exc.description or "Client authentication failed.",
                           code="invalid_client", status=401) from None
    if not client.row.first_party:
        raise SandboxError("Only TikTok Shop's first-party client may call this endpoint.",
                           code="unauthorized_client", status=403)
    return client.row


@bp.post("/account/")
def account() -> Any:
    """The eligibility fields of an account by username or open_id (C8: before inviting)."""
    client = _first_party("account")
    form = _form()
    now = g.runtime.now(g.db, client.world_id)
    if form.get("username"):
        found = find_by_username(g.db, client.world_id, form["username"])
        if found is None:
            raise SandboxError(f"No TikTok account @{form['username'].lstrip('@')} in this world.",
                               code="account_not_found", status=404)
    else:
        found = get_account(g.db, client.world_id, form.get("open_id") or "")
    user = userinfo.user_fields(found, form.get("fields"), client.scopes, now,
                                g.runtime.settings.app_url)
    return jsonify({"data": {"user": user}})


@bp.post("/invitation/send/")
def send_invitation() -> Any:
    client = _first_party("invitation_send")
    form = _form()
    try:
        expires_in = int(form.get("expires_in") or 0)
    except ValueError:
        expires_in = 0
    if expires_in <= 0:
        raise BadRequest("'expires_in' must be a positive number of seconds.", code="invalid_request")
    now = g.runtime.now(g.db, client.world_id)
    invitation = shop_links.deliver_invitation(g.db, client, form.get("username", ""),
                                               form.get("state", ""), form.get("display_name", ""),
                                               expires_in, now)
    g.db.commit()
    return jsonify({"invitation_id": invitation.id, "open_id": invitation.open_id,
                    "status": invitation.status})


@bp.post("/invitation/check/")
def check_invitation() -> Any:
    client = _first_party("invitation_check")
    now = g.runtime.now(g.db, client.world_id)
    body = shop_links.check_invitation(g.db, client, _form().get("invitation_id"), now,
                                       g.runtime.settings.auth_code_ttl_seconds)
    g.db.commit()
    return jsonify(body)


@bp.post("/shop_link/notice/")
def link_notice() -> Any:
    client = _first_party("link_notice")
    now = g.runtime.now(g.db, client.world_id)
    account = shop_links.apply_link_notice(g.db, client.world_id, _form(), now)
    g.db.commit()
    return jsonify({"open_id": account.open_id, "nickname": account.nickname,
                    "account_kind": account.kind})


@bp.post("/unlink_requests/list/")
def list_unlink_requests() -> Any:
    client = _first_party("unlink_requests")
    rows = shop_links.unlink_requests(g.db, client.world_id, _form().get("shop_id", ""))
    return jsonify({"unlink_requests": [shop_links.unlink_request_view(r) for r in rows]})


@bp.post("/unlink_requests/resolve/")
def resolve_unlink_request() -> Any:
    client = _first_party("unlink_requests")
    form = _form()
    now = g.runtime.now(g.db, client.world_id)
    req = shop_links.resolve_unlink_request(g.db, client.world_id, form.get("request_id", ""),
                                            form.get("decision", ""), now)
    g.db.commit()
    return jsonify(shop_links.unlink_request_view(req))
