"""Creator authorization (beta in TikTok Shop): a TikTok creator authorizes a partner app."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.domain.webhook_types import CREATOR_DEAUTHORIZATION
from sandbox.kernel.errors import NotFound
from sandbox.kernel.events import append_event
from sandbox.kernel.settings import Settings
from sandbox.services import shop_webhooks as webhooks
from sandbox.store.open_api import ShopApp, ShopAuthCode, ShopAuthorization

# "There is no expiration time for creator authorization": a century stands in for never.
NO_EXPIRY = timedelta(days=36500)


def active_creator_authorization(session: Session, app_key: str,
                                 open_id: str) -> ShopAuthorization | None:
    return session.scalars(select(ShopAuthorization).where(
        ShopAuthorization.app_key == app_key, ShopAuthorization.open_id == open_id,
        ShopAuthorization.user_type == 1, ShopAuthorization.status == "active")).first()


def authorize(session: Session, app: ShopApp, open_id: str, name: str, now: datetime,
              settings: Settings) -> ShopAuthCode:
    """The creator pressed Authorize: the grant (no expiry, no type-7 warnings) and a code."""
    auth = active_creator_authorization(session, app.app_key, open_id)
    if auth is None:
        auth = ShopAuthorization(world_id=app.world_id, app_key=app.app_key, shop_id="",
                                 seller_id="", open_id=open_id, granted_scopes=app.scopes,
                                 user_type=1, name=name, authorized_at=now,
                                 expires_at=now + NO_EXPIRY, status="active")
        session.add(auth)
        session.flush()
    code = ShopAuthCode(world_id=app.world_id, code="TTP_" + secrets.token_urlsafe(40),
                        app_key=app.app_key, authorization_id=auth.id, created_at=now,
                        expires_at=now + timedelta(seconds=settings.shop_auth_code_ttl_seconds))
    session.add(code)
    append_event(session, app.world_id, now, "shop_app.creator_authorized", app.app_key,
                 {"creator_open_id": open_id})
    return code


def deauthorize(session: Session, app: ShopApp, open_id: str, now: datetime) -> None:
    """The creator revoked the app (the app's own auth link): webhook 20, tokens die (105001)."""
    auth = active_creator_authorization(session, app.app_key, open_id)
    if auth is None:
        raise NotFound("This app is not authorized for your account.", code="APP_NOT_AUTHORIZED")
    auth.status, auth.ended_at = "deauthorized", now
    append_event(session, app.world_id, now, "shop_app.creator_deauthorized", app.app_key,
                 {"creator_open_id": open_id})
    webhooks.send_shop(session, auth, now, CREATOR_DEAUTHORIZATION, cancel_data(auth, now))


def cancel_data(auth: ShopAuthorization, now: datetime) -> dict[str, Any]:
    """CREATOR_DEAUTHORIZATION (20)'s `data`: when it ended (`now` for one that has not)."""
    return {"cancel_time": int((auth.ended_at or now).timestamp())}
