"""Seller authorization of a partner app: consent → code → tokens; refresh, deauthorize, expiry."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.domain.markets import profile
from sandbox.domain.signing import OpenApiError
from sandbox.domain.webhook_types import SELLER_DEAUTHORIZATION, UPCOMING_AUTHORIZATION_EXPIRATION
from sandbox.kernel.events import append_event
from sandbox.kernel.jobs import cancel, schedule
from sandbox.kernel.models import Job
from sandbox.kernel.settings import Settings
from sandbox.services import shop_webhooks as webhooks
from sandbox.services.partner_apps import seller_open_id
from sandbox.store.open_api import ShopApp, ShopAuthCode, ShopAuthorization, ShopToken
from sandbox.store.shops import Seller, Shop

WARN_JOB = "shop_auth.expiry_warning"
EXPIRE_JOB = "shop_auth.expire"
WARN_DAYS = 30


def active_authorization(session: Session, app_key: str, shop_id: str) -> ShopAuthorization | None:
    return session.scalars(select(ShopAuthorization).where(
        ShopAuthorization.app_key == app_key, ShopAuthorization.shop_id == shop_id,
        ShopAuthorization.status == "active")).first()


def _schedule_lifecycle(session: Session, auth: ShopAuthorization, now: datetime) -> None:
    subject = str(auth.id)
    cancel(session, auth.world_id, WARN_JOB, subject, now)
    cancel(session, auth.world_id, EXPIRE_JOB, subject, now)
    first_warning = max(now, auth.expires_at - timedelta(days=WARN_DAYS))
    schedule(session, auth.world_id, WARN_JOB, first_warning, subject)
    schedule(session, auth.world_id, EXPIRE_JOB, auth.expires_at, subject)


def authorize(session: Session, app: ShopApp, seller: Seller, now: datetime,
              settings: Settings) -> ShopAuthCode:
    """The seller pressed Authorize: (re)authorize the app for the shop and issue a code."""
    auth = active_authorization(session, app.app_key, seller.shop_id)
    expires = now + timedelta(seconds=settings.shop_authorization_ttl_seconds)
    if auth is None:
        auth = ShopAuthorization(world_id=app.world_id, app_key=app.app_key,
                                 shop_id=seller.shop_id, seller_id=seller.id,
                                 open_id=seller_open_id(seller.id), granted_scopes=app.scopes,
                                 authorized_at=now, expires_at=expires, status="active")
        session.add(auth)
        session.flush()
    else:  # re-authorizing renews the year and the scopes; live tokens keep working
        auth.expires_at, auth.granted_scopes, auth.authorized_at = expires, app.scopes, now
    _schedule_lifecycle(session, auth, now)
    code = ShopAuthCode(world_id=app.world_id, code="TTP_" + secrets.token_urlsafe(40),
                        app_key=app.app_key, authorization_id=auth.id, created_at=now,
                        expires_at=now + timedelta(seconds=settings.shop_auth_code_ttl_seconds))
    session.add(code)
    append_event(session, app.world_id, now, "shop_app.authorized", app.app_key,
                 {"shop_id": seller.shop_id, "scopes": app.scopes})
    return code


def _token_data(session: Session, auth: ShopAuthorization, token: ShopToken) -> dict[str, Any]:
    shop = session.get(Shop, auth.shop_id) if auth.shop_id else None
    if auth.user_type == 1:  # a creator: no shop
        return {"access_token": token.access_token,
                "access_token_expire_in": int(token.access_expires_at.timestamp()),
                "refresh_token": token.refresh_token,
                "refresh_token_expire_in": int(token.refresh_expires_at.timestamp()),
                "open_id": auth.open_id, "seller_name": auth.name, "seller_base_region": "",
                "user_type": 1, "granted_scopes": auth.granted_scopes}
    return {"access_token": token.access_token,
            "access_token_expire_in": int(token.access_expires_at.timestamp()),
            "refresh_token": token.refresh_token,
            "refresh_token_expire_in": int(token.refresh_expires_at.timestamp()),
            "open_id": auth.open_id, "seller_name": shop.name if shop else "",
            "seller_base_region": profile(shop.market).account_region if shop else "",
            "user_type": 0, "granted_scopes": auth.granted_scopes}


def _issue(session: Session, auth: ShopAuthorization, now: datetime,
           settings: Settings) -> ShopToken:
    refresh_end = min(auth.expires_at,
                      now + timedelta(seconds=settings.shop_refresh_token_ttl_seconds))
    token = ShopToken(world_id=auth.world_id, access_token="TTP_" + secrets.token_urlsafe(32),
                      refresh_token="TTP_" + secrets.token_urlsafe(32), authorization_id=auth.id,
                      app_key=auth.app_key, issued_at=now,
                      access_expires_at=now + timedelta(
                          seconds=settings.shop_access_token_ttl_seconds),
                      refresh_expires_at=refresh_end)
    session.add(token)
    return token


def token_get(session: Session, app: ShopApp, auth_code: str | None, now: datetime,
              settings: Settings) -> dict[str, Any]:
    row = session.get(ShopAuthCode, auth_code) if auth_code else None
    if row is None or row.app_key != app.app_key or row.used_at is not None or now >= row.expires_at:
        raise OpenApiError(36004004, "Invalid auth code.")
    auth = session.get(ShopAuthorization, row.authorization_id)
    if auth is None or auth.status != "active":
        raise OpenApiError(36004004, "Invalid auth code.")
    row.used_at = now
    token = _issue(session, auth, now, settings)
    append_event(session, app.world_id, now, "shop_app.token_issued", app.app_key,
                 {"shop_id": auth.shop_id, "grant_type": "authorized_code"})
    return _token_data(session, auth, token)


def token_refresh(session: Session, app: ShopApp, refresh_token: str | None, now: datetime,
                  settings: Settings) -> dict[str, Any]:
    row = session.scalars(select(ShopToken).where(
        ShopToken.refresh_token == (refresh_token or ""))).first() if refresh_token else None
    auth = session.get(ShopAuthorization, row.authorization_id) if row is not None else None
    if row is None or row.app_key != app.app_key or row.refreshed or auth is None \
            or auth.status != "active":
        raise OpenApiError(36004005, "can not find related auth record")
    if now >= row.refresh_expires_at:
        raise OpenApiError(36004001, "rt has expired")
    row.refreshed = True  # rotation: this refresh token stops working
    token = _issue(session, auth, now, settings)
    append_event(session, app.world_id, now, "shop_app.token_issued", app.app_key,
                 {"shop_id": auth.shop_id, "grant_type": "refresh_token"})
    return _token_data(session, auth, token)


def deauthorize(session: Session, world_id: str, shop_id: str, app_key: str,
                now: datetime) -> ShopAuthorization:
    """The seller removed the app in Seller Center: tokens die, webhook type 6 is sent."""
    from sandbox.kernel.errors import NotFound

    auth = active_authorization(session, app_key, shop_id)
    if auth is None or auth.world_id != world_id:
        raise NotFound("This app is not authorized for your shop.", code="APP_NOT_AUTHORIZED")
    auth.status, auth.ended_at = "deauthorized", now
    cancel(session, world_id, WARN_JOB, str(auth.id), now)
    cancel(session, world_id, EXPIRE_JOB, str(auth.id), now)
    append_event(session, world_id, now, "shop_app.deauthorized", app_key, {"shop_id": shop_id})
    webhooks.send_shop(session, auth, now, SELLER_DEAUTHORIZATION, deauthorized_data(shop_id))
    return auth


def deauthorized_data(shop_id: str) -> dict[str, Any]:
    """SELLER_DEAUTHORIZATION (6)'s `data`, worded as TikTok's sample."""
    return {"message": f"Shop_id {shop_id} is deauthorized from your APP by merchant."}


def expiry_warning_data(auth: ShopAuthorization, now: datetime) -> dict[str, Any]:
    """UPCOMING_AUTHORIZATION_EXPIRATION (7)'s `data`: days left, and the expiry as a string."""
    days = max(1, round((auth.expires_at - now).total_seconds() / 86400))
    return {"message": f"Authorization of shop_id {auth.shop_id} is expiring in {days} days. "
                       "Please direct the merchant to re-authorize.",
            "expiration_time": str(int(auth.expires_at.timestamp()))}


def authorizations_of_shop(session: Session, world_id: str, shop_id: str) -> list[dict[str, Any]]:
    rows = session.scalars(select(ShopAuthorization).where(
        ShopAuthorization.world_id == world_id, ShopAuthorization.shop_id == shop_id,
        ShopAuthorization.status == "active"))
    out = []
    for auth in rows:
        app = session.get(ShopApp, auth.app_key)
        out.append({"app_key": auth.app_key, "name": app.name if app else "",
                    "granted_scopes": auth.granted_scopes,
                    "authorized_at": int(auth.authorized_at.timestamp()),
                    "expires_at": int(auth.expires_at.timestamp())})
    return out


def warning_job(session: Session, job: Job, now: datetime) -> None:
    """Webhook 7: 30 days before expiry, then daily until the authorization expires."""
    auth = session.get(ShopAuthorization, int(job.subject))
    if auth is None or auth.status != "active" or now >= auth.expires_at:
        return
    webhooks.send_shop(session, auth, now, UPCOMING_AUTHORIZATION_EXPIRATION,
                       expiry_warning_data(auth, now))
    nxt = now + timedelta(days=1)
    if nxt < auth.expires_at:
        schedule(session, auth.world_id, WARN_JOB, nxt, job.subject)


def expire_job(session: Session, job: Job, now: datetime) -> None:
    auth = session.get(ShopAuthorization, int(job.subject))
    if auth is None or auth.status != "active" or now < auth.expires_at:
        return
    auth.status, auth.ended_at = "expired", now
    append_event(session, auth.world_id, now, "shop_app.authorization_expired", auth.app_key,
                 {"shop_id": auth.shop_id})
