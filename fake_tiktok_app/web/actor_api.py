"""The app user's actor API: what a person does on the phone, a script can do by calling."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlparse

from flask import Blueprint, g, jsonify

from fake_tiktok_app.domain.scopes import describe_scopes
from fake_tiktok_app.services import account_kinds, accounts, authorizations, qr
from fake_tiktok_app.store.oauth import QrTicket
from fake_tiktok_app.web.models import AppLogin, Scan
from fake_tiktok_app.web.session import api_account
from sandbox.kernel.clock import iso
from sandbox.kernel.errors import BadRequest
from sandbox.kernel.world_config import settings_for
from sandbox.web_shared.requests import accepts, body_dict

bp = Blueprint("app_api", __name__, url_prefix="/app/api/v1")



def ticket_view(ticket: QrTicket) -> dict[str, Any]:
    client = qr.ticket_client(g.db, ticket)
    return {"token": ticket.token, "status": ticket.status,
            "client": {"client_key": ticket.client_key, "name": client.name if client else ""},
            "display_name": ticket.display_name or (client.name if client else ""),
            "scopes": [s for s, _ in describe_scopes(ticket.scope)],
            "expires_at": iso(ticket.expires_at)}


@bp.post("/login")
@accepts(AppLogin)
def login() -> Any:
    """Log in on the phone with username and password; returns a session token."""
    body = body_dict(AppLogin)
    world_id = body["world"]
    now = g.runtime.now(g.db, world_id)
    app_session = accounts.log_in(g.db, world_id, body["username"], body["password"], now)
    g.db.commit()
    account = accounts.get_account(g.db, world_id, app_session.open_id)
    return jsonify({"session_token": app_session.token, "open_id": account.open_id,
                    "username": account.username, "world": world_id})


@bp.get("/me")
def me() -> Any:
    account = api_account()
    now = g.runtime.now(g.db, account.world_id)
    return jsonify(accounts.account_view(account, now))


@bp.post("/me/business-account")
def switch_to_business() -> Any:
    """Settings → Account → Switch to Business Account (A2, I1)."""
    account = api_account()
    now = g.runtime.now(g.db, account.world_id)
    account_kinds.switch_to_business(g.db, account, now)
    g.db.commit()
    return jsonify(accounts.account_view(account, now))


@bp.post("/me/personal-account")
def switch_to_personal() -> Any:
    """Settings → Account → Switch to Personal Account (A2 back to A1)."""
    account = api_account()
    now = g.runtime.now(g.db, account.world_id)
    account_kinds.switch_to_personal(g.db, account, now)
    g.db.commit()
    return jsonify(accounts.account_view(account, now))


@bp.post("/scan")
@accepts(Scan)
def scan() -> Any:
    """Scan a QR code (D2): its URL (the QR code's content), or its token."""
    account = api_account()
    body = body_dict(Scan)
    token, ticket_value = body.get("token"), body.get("client_ticket")
    for_username = None
    if body.get("url"):
        query = parse_qs(urlparse(str(body["url"])).query)
        token = (query.get("token") or [None])[0]
        ticket_value = (query.get("client_ticket") or [None])[0]
        for_username = (query.get("for_username") or [None])[0]  # a Seller app link (D5)
    if not token:
        raise BadRequest("Give the QR code's 'url', or its 'token'.", code="MISSING_FIELD",
                         details={"missing": ["url"]})
    now = g.runtime.now(g.db, account.world_id)
    ticket = qr.scan(g.db, account, token, ticket_value, now, for_username)
    g.db.commit()
    return jsonify(ticket_view(ticket))


@bp.post("/qr/<token>/authorize")
def authorize(token: str) -> Any:
    account = api_account()
    now = g.runtime.now(g.db, account.world_id)
    ticket = qr.authorize(g.db, account, token, now,
                          settings_for(g.db, account.world_id).auth_code_ttl_seconds)
    g.db.commit()
    return jsonify(ticket_view(ticket))


@bp.post("/qr/<token>/deny")
def deny(token: str) -> Any:
    account = api_account()
    now = g.runtime.now(g.db, account.world_id)
    ticket = qr.deny(g.db, account, token, now)
    g.db.commit()
    return jsonify(ticket_view(ticket))


@bp.get("/qr/displayed")
def displayed() -> Any:
    account = api_account()
    now = g.runtime.now(g.db, account.world_id)
    return jsonify({"qr_codes": [ticket_view(t) for t in
                                 qr.displayed_tickets(g.db, account.world_id, now)]})


@bp.get("/authorizations")
def list_authorizations() -> Any:
    """Settings → Security → Manage app permissions."""
    account = api_account()
    now = g.runtime.now(g.db, account.world_id)
    return jsonify({"apps": authorizations.authorized_apps(g.db, account, now)})


@bp.delete("/authorizations/<client_key>")
def remove_authorization(client_key: str) -> Any:
    """Remove an app's access: its tokens stop working; webhook authorization.removed (1)."""
    account = api_account()
    now = g.runtime.now(g.db, account.world_id)
    revoked = authorizations.disconnect(g.db, account, client_key, now)
    g.db.commit()
    return jsonify({"client_key": client_key, "revoked_tokens": revoked})
