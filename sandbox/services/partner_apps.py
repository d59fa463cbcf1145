"""Partner apps (Partner Center): register through the control plane, find, describe."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.kernel.clock import iso
from sandbox.kernel.errors import BadRequest, NotFound
from sandbox.kernel.events import append_event
from sandbox.store.open_api import ShopApp, ShopAuthorization, ShopToken

# The scopes an app may request; linked accounts are a sandbox extension, and the product,
# affiliate and creator scope names are the sandbox's (TikTok grants them as Partner Center
# "API packages" whose internal names it does not publish).
SCOPES: dict[str, str] = {
    "seller.authorization.info": "See the shops that authorized this app",
    "seller.shop.info": "Read the shop's basic information",
    "seller.event.webhook": "Receive and manage the shop's webhooks",
    "seller.product.basic": "Read the shop's products",
    "seller.product.write": "Create, activate, deactivate and delete the shop's products",
    "seller.affiliate_collaboration.write": "Open the shop's products to affiliate creators",
    "creator.showcase.read": "Read the creator's showcase",
    "creator.showcase.write": "Add products to the creator's showcase",
    "creator.affiliate_collaboration.read": "Search products open to affiliate creators",
    "seller.order.info": "Order Information: read the shop's orders",
    "seller.fulfillment.basic": "Fulfillment: ship packages, read packages and tracking",
    "seller.logistics.info": "Logistics: warehouses, delivery options, shipping providers",
    "seller.return_refund.basic": "Return and refund: cancellations and returns",
    "seller.finance.info": "Finance Information: statements and order transactions",
    "seller.affiliate_order.read": "Read Seller Affiliate Collaboration: affiliate orders",
    "creator.affiliate_order.read": "Read Creator Affiliate Collaborations: the creator's "
                                    "affiliate orders",
    "sandbox.linked_accounts.read": "Read the TikTok accounts linked to the shop "
                                    "(sandbox extension)",
}


def _digits(n: int) -> str:
    return str(secrets.choice("123456789")) + "".join(secrets.choice("0123456789")
                                                      for _ in range(n - 1))


def _url(name: str, value: Any, required: bool) -> str | None:
    if value in (None, "") and not required:
        return None
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        raise BadRequest(f"'{name}' must be an http(s) URL.", code="INVALID_FIELD",
                         details={"field": name})
    return value


def register_app(session: Session, world_id: str, now: datetime, body: dict[str, Any]) -> ShopApp:
    """Body: {name?, redirect_url | redirect_uris: [url], webhook_url?, scopes?}."""
    redirect = body.get("redirect_url")
    if redirect is None and isinstance(body.get("redirect_uris"), list) and body["redirect_uris"]:
        redirect = body["redirect_uris"][0]
    scopes = body.get("scopes") or list(SCOPES)
    if isinstance(scopes, str):
        scopes = [s.strip() for s in scopes.split(",") if s.strip()]
    if not isinstance(scopes, list) or not all(isinstance(s, str) for s in scopes):
        raise BadRequest("'scopes' must be a list of scope names.", code="INVALID_FIELD",
                         details={"field": "scopes"})
    unknown = [s for s in scopes if s not in SCOPES]
    if unknown:
        raise BadRequest(f"Unknown scope(s): {', '.join(unknown)}; known: {', '.join(SCOPES)}.",
                         code="INVALID_SCOPE", details={"unknown": unknown})
    name = body.get("name") or "Partner app"
    if not isinstance(name, str) or len(name) > 100:
        raise BadRequest("'name' must be a string of at most 100 characters.",
                         code="INVALID_FIELD", details={"field": "name"})
    app = ShopApp(world_id=world_id, app_key=secrets.token_hex(7), app_secret=secrets.token_hex(20),
                  service_id=_digits(19), name=name,
                  redirect_url=_url("redirect_url", redirect, True) or "",
                  webhook_url=_url("webhook_url", body.get("webhook_url"), False),
                  scopes=list(dict.fromkeys(scopes)), created_at=now)
    session.add(app)
    session.flush()
    append_event(session, world_id, now, "shop_app.registered", app.app_key,
                 {"name": name, "service_id": app.service_id})
    return app


def find_app(session: Session, app_key: str | None) -> ShopApp | None:
    return session.get(ShopApp, app_key) if app_key else None


def app_by_service(session: Session, service_id: str | None) -> ShopApp | None:
    if not service_id:
        return None
    return session.scalars(select(ShopApp).where(ShopApp.service_id == service_id)).first()


def get_app(session: Session, world_id: str, app_key: str) -> ShopApp:
    app = find_app(session, app_key)
    if app is None or app.world_id != world_id:
        raise NotFound(f"No shop app {app_key!r} in this world.", code="SHOP_APP_NOT_FOUND")
    return app


def app_view(app: ShopApp, seller_url: str) -> dict[str, Any]:
    return {"kind": "shop_app", "app_key": app.app_key, "app_secret": app.app_secret,
            "service_id": app.service_id, "name": app.name, "redirect_url": app.redirect_url,
            "webhook_url": app.webhook_url, "scopes": app.scopes,
            "authorize_url": f"{seller_url}/open/authorize?service_id={app.service_id}"}


def seller_open_id(seller_id: str) -> str:
    """A stable 19-digit open_id per seller, like TikTok Shop's samples."""
    return str(int(hashlib.sha256(seller_id.encode()).hexdigest(), 16) % 10**18 + 7 * 10**18)


def app_authorizations(session: Session, world_id: str, app_key: str) -> list[dict[str, Any]]:
    """The app's authorizations (newest first), each with its newest token's expiry, for the
    readiness check's `GET /worlds/{id}/clients/{key}` (no token values)."""
    found = []
    for auth in session.scalars(select(ShopAuthorization).where(
            ShopAuthorization.world_id == world_id, ShopAuthorization.app_key == app_key)
            .order_by(ShopAuthorization.authorized_at.desc(), ShopAuthorization.id.desc())):
        token = session.scalars(select(ShopToken).where(
            ShopToken.world_id == world_id, ShopToken.authorization_id == auth.id)
            .order_by(ShopToken.issued_at.desc()).limit(1)).first()
        found.append({"shop_id": auth.shop_id or None, "open_id": auth.open_id,
                      "user_type": auth.user_type, "status": auth.status,
                      "granted_scopes": list(auth.granted_scopes or ()),
                      "authorized_at": iso(auth.authorized_at),
                      "access_token_expires_at": iso(token.access_expires_at) if token else None})
    return found
