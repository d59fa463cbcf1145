"""OAuth clients of the fake app: partners' Login Kit apps and Seller Center (first party)."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from fake_tiktok_app.domain.accounts import FIRST_PARTY_SCOPES, KNOWN_SCOPES
from fake_tiktok_app.store.accounts import Account
from fake_tiktok_app.store.oauth import OAuthClient, Token
from sandbox.kernel.errors import BadRequest
from sandbox.kernel.events import append_event
from sandbox.kernel.models import World
from sandbox.kernel.world_facts import lookup_held

DEFAULT_SCOPES = "user.info.basic,user.info.profile,user.info.stats,video.list"


def register_client(
    session: Session, world_id: str, now: datetime, *, name: str, redirect_uris: list[str],
    scopes: str | list[str] | None = None, first_party: bool = False, platform: str = "web",
    client_key: str | None = None, webhook_url: str | None = None,
) -> OAuthClient:
    if not isinstance(redirect_uris, list) or not redirect_uris or not all(
            isinstance(u, str) and u.startswith(("http://", "https://")) for u in redirect_uris):
        raise BadRequest("'redirect_uris' must be a non-empty list of http(s) URLs.",
                         code="INVALID_FIELD", details={"field": "redirect_uris"})
    if platform not in ("web", "desktop", "mobile"):
        raise BadRequest("'platform' must be web, desktop or mobile.", code="INVALID_FIELD",
                         details={"field": "platform"})
    if webhook_url is not None and (not isinstance(webhook_url, str)
                                    or not webhook_url.startswith(("http://", "https://"))):
        raise BadRequest("'webhook_url' must be an http(s) URL.", code="INVALID_FIELD",
                         details={"field": "webhook_url"})
    scope_list = scopes.split(",") if isinstance(scopes, str) else (scopes or
                                                                    DEFAULT_SCOPES.split(","))
    scope_list = [s.strip() for s in scope_list if s and s.strip()]
    unknown = [s for s in scope_list if s not in KNOWN_SCOPES]
    if unknown:
        raise BadRequest(f"Unknown scope(s): {', '.join(unknown)}.", code="INVALID_SCOPE",
                         details={"unknown": unknown})
    if not first_party and FIRST_PARTY_SCOPES & set(scope_list):
        raise BadRequest("Scope user.info.eligibility is granted to first-party clients only.",
                         code="INVALID_SCOPE")
    client = OAuthClient(
        world_id=world_id, client_key=client_key or ("aw" + secrets.token_hex(8)),
        client_secret=secrets.token_hex(16), name=name, kind="first_party" if first_party
        else "login_kit", platform=platform, first_party=first_party,
        redirect_uris=redirect_uris, scopes=",".join(scope_list), created_at=now,
        webhook_url=webhook_url)
    session.add(client)
    session.flush()
    append_event(session, world_id, now, "client.registered", client.client_key,
                 {"name": name, "first_party": first_party})
    return client


def find_client(session: Session, client_key: str | None) -> OAuthClient | None:
    if not client_key:
        return None
    return client_with_world(session, client_key)


# Prebuilt: the token endpoint's hottest query skips per-call statement construction.
# The client's world comes in the same statement: every endpoint then reads the world's clock.
_CLIENT_BY_KEY = (select(OAuthClient, World).join(World, World.id == OAuthClient.world_id)
                  .where(OAuthClient.client_key == bindparam("key")))
_TOKEN_BY_VALUE = (select(Token, Account, World)
                   .outerjoin(Account, Account.open_id == Token.open_id)
                   .join(World, World.id == Token.world_id)
                   .where(Token.access_token == bindparam("value")))


def client_with_world(session: Session, client_key: str) -> OAuthClient | None:
    """The client and its world in one statement, held for the rest of the session (the
    request's resolver, then the view or authlib's query_client read nothing more)."""
    row = lookup_held(session, "client", client_key, _CLIENT_BY_KEY, {"key": client_key})
    return row[0] if row is not None else None


def token_with_account(session: Session, access_token: str) -> tuple[Token, Account | None] | None:
    """An access token, its account (None for none) and its world in one statement, held for
    the rest of the session like `client_with_world`."""
    row = lookup_held(session, "access_token", access_token, _TOKEN_BY_VALUE,
                      {"value": access_token})
    return (row[0], row[1]) if row is not None else None


def client_view(client: OAuthClient, *, with_secret: bool = True) -> dict[str, Any]:
    view = {"client_key": client.client_key, "name": client.name, "kind": client.kind,
            "platform": client.platform, "redirect_uris": client.redirect_uris,
            "scopes": client.scopes.split(","), "webhook_url": client.webhook_url}
    if with_secret:
        view["client_secret"] = client.client_secret
    return view
