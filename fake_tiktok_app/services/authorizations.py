"""Apps a TikTok user authorized: list them, disconnect one (webhook authorization.removed)."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from fake_tiktok_app.domain import login_kit as webhooks
from fake_tiktok_app.store.accounts import Account
from fake_tiktok_app.store.oauth import OAuthClient, Token
from sandbox.kernel import outbox
from sandbox.kernel.errors import NotFound
from sandbox.kernel.events import append_event


def authorized_apps(session: Session, account: Account, now: datetime) -> list[dict[str, Any]]:
    rows = session.scalars(select(Token).where(
        Token.world_id == account.world_id, Token.open_id == account.open_id,
        Token.revoked_at.is_(None)))
    seen: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row.refresh_expires_at is not None and row.refresh_expires_at <= now:
            continue
        client = session.get(OAuthClient, row.client_key)
        if client is None or client.first_party:
            continue
        entry = seen.setdefault(row.client_key, {"client_key": row.client_key,
                                                 "name": client.name, "scopes": set()})
        entry["scopes"].update(row.scope.split(","))
    return [{**e, "scopes": sorted(e["scopes"])} for e in seen.values()]


def notify_removed(session: Session, client: OAuthClient, open_id: str, now: datetime,
                   reason: int) -> None:
    """Queue `authorization.removed` to the client's webhook URL, signed with its secret."""
    if not client.webhook_url:
        return
    ts = int(now.timestamp())
    body = webhooks.authorization_removed(client.client_key, open_id, ts, reason)
    headers = {"Content-Type": "application/json",
               "TikTok-Signature": webhooks.signature_header(client.client_secret, ts, body)}
    outbox.enqueue(session, client.world_id, now, source="login_kit", app_key=client.client_key,
                   url=client.webhook_url, event=webhooks.AUTHORIZATION_REMOVED,
                   notification_id=secrets.token_hex(8), body=body, headers=headers)


def disconnect(session: Session, account: Account, client_key: str, now: datetime) -> int:
    """Settings → Manage app permissions → Remove: every token of the app dies (reason 1)."""
    client = session.get(OAuthClient, client_key)
    if client is None or client.world_id != account.world_id:
        raise NotFound(f"No app {client_key!r} in this world.", code="CLIENT_NOT_FOUND")
    revoked = session.execute(update(Token).where(
        Token.world_id == account.world_id, Token.client_key == client_key,
        Token.open_id == account.open_id, Token.revoked_at.is_(None))
        .values(revoked_at=now, refresh_revoked=True)).rowcount
    if not revoked:
        raise NotFound("This app is not authorized for your account.", code="APP_NOT_AUTHORIZED")
    append_event(session, account.world_id, now, "oauth.authorization_removed", client_key,
                 {"open_id": account.open_id, "reason": webhooks.REASON_USER_DISCONNECTED})
    notify_removed(session, client, account.open_id, now, webhooks.REASON_USER_DISCONNECTED)
    return revoked
