"""The Open API gateway: verify app_key, timestamp, sign, token, scope and shop_cipher, in TikTok's order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from sqlalchemy import and_, bindparam, select
from sqlalchemy.orm import Session

from sandbox.domain.sign_diagnosis import diagnosis, string_to_sign
from sandbox.domain.signing import (
    BAD_SIGN,
    OpenApiError,
    check_sign,
    check_timestamp,
    sign,
    timestamp_clocks,
)
from sandbox.kernel.clock import wall_now
from sandbox.kernel.errors import NotFound
from sandbox.kernel.fields import text_field
from sandbox.kernel.models import World
from sandbox.kernel.runtime import Runtime
from sandbox.kernel.world_config import settings_for
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


def signature_clocks(session: Session, world_id: str, world_now: datetime) -> dict[str, datetime]:
    """The clocks a partner's `timestamp` is checked against: the wall clock by default, so an
    app that signs with its machine's time works in frozen and advanced worlds."""
    mode = settings_for(session, world_id).signature_clock
    return timestamp_clocks(mode, wall_now(), world_now)


def check_sign_explained(session: Session, app: ShopApp, query: Mapping[str, str], path: str,
                         body: bytes, content_type: str, known_paths: Sequence[str]) -> None:
    """check_sign; a refusal carries what the sandbox signed and, when a re-computation finds
    it, the caller's likely mistake (the other apps' secrets of the world and the paths the
    sandbox serves are tried), for the request log, explain and the timeline."""
    try:
        check_sign(app.app_secret, query.get("sign"), path, query, body, content_type)
    except OpenApiError as exc:
        if exc.api_code != BAD_SIGN:
            raise
        others = {key: secret for key, secret in session.execute(
            select(ShopApp.app_key, ShopApp.app_secret).where(
                ShopApp.world_id == app.world_id, ShopApp.app_key != app.app_key))}
        exc.details = diagnosis(app.app_secret, query.get("sign") or "", path, query, body,
                                content_type, others, known_paths)
        if "likely_mistake" in exc.details:
            exc.message += f" (sandbox: most likely {exc.details['likely_mistake']}.)"
        raise


@dataclass
class Caller:
    """A verified call: the app, the world's now, and (when a token was needed) the grant."""

    app: ShopApp
    now: datetime
    auth: ShopAuthorization
    shop: Shop | None  # None for a creator's token


def verify(session: Session, runtime: Runtime, *, path: str, query: Mapping[str, str],
           body: bytes, content_type: str, access_token: str | None, scope: str,
           cipher: str, known_paths: Sequence[str] = ()) -> Caller:
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
    check_timestamp(text_field(query, "timestamp"), signature_clocks(session, world.id, now))
    check_sign_explained(session, app, query, path, body, content_type, known_paths)
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


def sign_for(session: Session, app_key: str, url: str, body: bytes,
             content_type: str) -> dict[str, Any]:
    """What the sandbox signs for a request to `url` by app `app_key`, and the sign: a partner
    compares both with their own code (`tiktok-sandbox sign`)."""
    app = session.get(ShopApp, app_key)
    if app is None:
        raise NotFound(f"No app with app_key {app_key!r} in any world.", code="SHOP_APP_NOT_FOUND")
    parts = urlsplit(url)
    params = dict(parse_qsl(parts.query, keep_blank_values=True))
    path = parts.path or "/"
    return {"app_key": app.app_key, "world_id": app.world_id, "path": path, "params": params,
            "string_to_sign": string_to_sign(path, params, body, content_type),
            "sign": sign(app.app_secret, path, params, body, content_type)}
