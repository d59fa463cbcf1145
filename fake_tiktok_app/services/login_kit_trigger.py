"""Send Login Kit's `authorization.removed` now, about a real user of the app (sandbox extension)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from fake_tiktok_app.domain.login_kit import AUTHORIZATION_REMOVED, REASON_USER_DISCONNECTED
from fake_tiktok_app.services.accounts import fixture_account
from fake_tiktok_app.services.authorizations import notify_removed
from fake_tiktok_app.services.clients import find_client
from fake_tiktok_app.store.oauth import OAuthClient, Token
from sandbox.kernel import outbox
from sandbox.kernel.errors import Conflict, NotFound


def _clients(session: Session, world_id: str, client_key: str | None) -> list[OAuthClient]:
    """The client named (a partner's, of this world), or every partner client of the world."""
    if client_key is not None:
        client = find_client(session, client_key)
        if client is None or client.world_id != world_id or client.first_party:
            raise NotFound(f"No Login Kit client {client_key!r} in this world.",
                           code="CLIENT_NOT_FOUND")
        return [client]
    return list(session.scalars(select(OAuthClient).where(
        OAuthClient.world_id == world_id, OAuthClient.first_party.is_(False))
        .order_by(OAuthClient.created_at, OAuthClient.client_key)))


def _authorized_user(session: Session, client: OAuthClient, now: datetime) -> str | None:
    """The user who most recently authorized the client and still has a live grant."""
    return session.scalars(select(Token.open_id).where(
        Token.world_id == client.world_id, Token.client_key == client.client_key,
        Token.open_id.is_not(None), Token.revoked_at.is_(None),
        or_(Token.refresh_expires_at.is_(None), Token.refresh_expires_at > now))
        .order_by(Token.issued_at.desc(), Token.id.desc()).limit(1)).first()


def _unregistered(world_id: str, client_key: str | None) -> Conflict:
    who = (f"Login Kit client {client_key!r} has no webhook URL" if client_key else
           f"No Login Kit client in world {world_id!r} has a webhook URL")
    return Conflict(
        f"{who}, so there is nowhere to send {AUTHORIZATION_REMOVED}. Register one with it: "
        f"POST /_sandbox/v1/worlds/{world_id}/clients {{\"kind\": \"login_kit\", "
        "\"redirect_uris\": [...], \"webhook_url\": \"https://…\"}.",
        code="WEBHOOK_URL_NOT_REGISTERED",
        details={"type": AUTHORIZATION_REMOVED,
                 "register": f"POST /_sandbox/v1/worlds/{world_id}/clients"})


def trigger_removed(session: Session, world_id: str, now: datetime,
                    client_key: str | None) -> outbox.Triggered:
    """`authorization.removed` (reason 1) to every partner client with a webhook URL (or the one
    named), about the user who last authorized it; a new account when nobody has. The grant is
    not revoked: this is the notification alone, signed and queued as real ones."""
    targets = [c for c in _clients(session, world_id, client_key) if c.webhook_url]
    if not targets:
        raise _unregistered(world_id, client_key)
    created: list[dict[str, str]] = []
    about: dict[str, str] = {}
    for client in targets:
        open_id = _authorized_user(session, client, now)
        if open_id is None:
            if not created:
                account = fixture_account(session, world_id, now)
                created.append({"kind": "account", "id": account.open_id,
                                "username": account.username})
            open_id = created[0]["id"]
        about = about or {"kind": "account", "id": open_id}
        notify_removed(session, client, open_id, now, REASON_USER_DISCONNECTED)
    return outbox.Triggered([r for r in outbox.queued_rows(session)
                             if r.event == AUTHORIZATION_REMOVED], about, created)
