"""The Open API gateway: verify app_key, timestamp, sign, token, scope and shop_cipher, in TikTok's order."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, select
from sqlalchemy.orm import Session

from sandbox.domain.signing import OpenApiError, check_sign, check_timestamp
from sandbox.kernel.clock import wall_now
from sandbox.kernel.fields import text_field
from sandbox.kernel.models import World
from sandbox.kernel.runtime import Runtime
from sandbox.kernel.world_facts import lookup_held
from sandbox.store.open_api import ShopApp, ShopAuthorization, ShopToken
from sandbox.store.shops import Shop

# One prebuilt statement (no per-call construction or cache keying): the app, -- when the
# header names one of the app's tokens -- the token, grant and shop, and its world's clock.
_CALLER = (select(ShopApp, ShopToken, ShopAuthorization, Shop, World)
           .join(World, World.id == ShopApp.world_id)
           .outerjoin(ShopToken, and_(ShopToken.access_token == bindparam("token"),
                                      ShopToken.app_key == ShopApp.app_key))
           .outerjoin(ShopAuthorization, ShopAuthorization.id == ShopToken.authorization_id)
           .outerjoin(Shop, Shop.id == ShopAuthorization.shop_id)
           .where(ShopApp.app_key == bindparam("app_key")))


def caller_row(session: Session, app_key: str, access_token: str) -> tuple[Any, ...] | None:
    """(app, token, grant, shop, world) in one statement, held for the session: the request's
    resolver reads it for the world, `verify` finds it there."""
    return lookup_held(session, "open_api_caller", f"{app_key}\n{access_token}", _CALLER,
                       {"app_key": app_key, "token": access_token})


def app_of(session: Session, app_key: str, access_token: str | None) -> ShopApp | None:
    row = caller_row(session, app_key, access_token or "")
    return row[0] if row is not None else None


@dataclass
class Caller:
    """A verified call: the app, the world's now, and (when a token was needed) the grant."""

    app: ShopApp
    now: datetime
    auth: ShopAuthorization
    shop: Shop | None  # None for a creator's token


def verify(session: Session, runtime: Runtime, *, path: str, query: Mapping[str, str],
           body: bytes, content_type: str, access_token: str | None, scope: str,
           cipher: str) -> Caller:
    """`cipher` is "required" or "forbidden" for this endpoint. Raises OpenApiError.

    One query loads everything the checks need."""
    found = caller_row(session, text_field(query, "app_key") or "", access_token or "")
    if found is None:
        raise OpenApiError(36009004, "Invalid credentials. Invalid `app_key` query parameter.",
                           400)
    app, token, auth, shop, world = found
    now = world.clock.now(wall_now())
    if not text_field(query, "sign"):
        raise OpenApiError(36009004, "Missing credentials. The request does not include a "
                                     "required signature in the query.", 401)
    check_timestamp(text_field(query, "timestamp"), now)
    check_sign(app.app_secret, text_field(query, "sign"), path, query, body, content_type)
    if token is None or auth is None or (shop is None and auth.user_type != 1):
        raise OpenApiError(36009004, "Invalid credentials. The `x-tts-access-token` header is "
                                     "invalid.", 401)
    if auth.status == "deauthorized":
        raise OpenApiError(105001, "access token is invalid; detail:your token has been "
                                   "deauthorized", 401)
    if now >= token.access_expires_at or auth.status == "expired":
        raise OpenApiError(105002, "Expired credentials. The `x-tts-access-token` header has "
                                   "expired.", 401)
    if scope not in auth.granted_scopes:
        raise OpenApiError(105005, "Access denied. The app is not authorized to access the "
                                   "endpoint because the access scopes of the app do not "
                                   f"include {scope}.", 403)
    shop_cipher = text_field(query, "shop_cipher")
    if cipher == "forbidden" and shop_cipher:
        raise OpenApiError(36009004, "Unexpected identifier. The `shop_cipher` query parameter "
                                     "is not required for this request.", 400)
    if cipher == "required":
        if not shop_cipher:
            raise OpenApiError(106013, "Missing identifier. The `shop_cipher` query parameter is "
                                       "required to identify the target shop.", 400)
        if shop is None or shop.cipher != shop_cipher:
            raise OpenApiError(36009004, "Invalid identifier. The `shop_cipher` query parameter "
                                         "is invalid.", 400)
    return Caller(app, now, auth, shop)
