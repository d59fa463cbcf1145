"""TikTok Shop webhooks: per-event-type registrations, and build `{type, tts_notification_id,
shop_id, timestamp, data}`, sign, queue to the address registered for the event's type."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.domain.signing import OpenApiError, shop_webhook_signature
from sandbox.domain.webhook_types import (
    ACCOUNT_LINKED,
    ACCOUNT_UNLINKED,
    EVENT_TYPES,
    NUMBERS,
    SANDBOX_SENT,
)
from sandbox.kernel import outbox
from sandbox.store.open_api import ShopApp, ShopAuthorization


def _bad(message: str) -> OpenApiError:
    return OpenApiError(36009004, f"Invalid parameter. {message}", 400)


def _event_type(value: Any) -> str:
    if not isinstance(value, str) or value not in NUMBERS:
        raise _bad("`event_type` must be one of TikTok Shop's event types, e.g. "
                   "SELLER_DEAUTHORIZATION.")
    return value


def registrations(app: ShopApp, auth: ShopAuthorization) -> list[dict[str, Any]]:
    """`[{event_type, address, create_time, update_time}]`, one per registered type, by type."""
    rows: dict[str, dict[str, Any]] = {}
    if app.webhook_url:
        at = int(app.created_at.timestamp())
        for number in SANDBOX_SENT:
            rows[EVENT_TYPES[number]] = {"address": app.webhook_url, "create_time": at,
                                         "update_time": at}
    for name, reg in (auth.webhooks or {}).items():
        if reg is None:
            rows.pop(name, None)
        else:
            rows[name] = reg
    return [{"event_type": name, **rows[name]} for name in sorted(rows, key=NUMBERS.__getitem__)]


def register(auth: ShopAuthorization, event_type: Any, address: Any, now: datetime) -> None:
    """PUT: one event type's address for this shop (re-PUT moves it, keeping create_time)."""
    name = _event_type(event_type)
    if not isinstance(address, str) or not address.startswith(("http://", "https://")):
        raise _bad("`address` must be an http(s) URL.")
    own = dict(auth.webhooks or {})
    ts = int(now.timestamp())
    create = (own.get(name) or {}).get("create_time", ts)
    own[name] = {"address": address, "create_time": create, "update_time": ts}
    auth.webhooks = own


def unregister(auth: ShopAuthorization, event_type: Any) -> None:
    """DELETE: this shop gets no more webhooks of that type (not even at the app's address)."""
    name = _event_type(event_type)
    auth.webhooks = {**(auth.webhooks or {}), name: None}


def address_for(app: ShopApp, auth: ShopAuthorization, type_: int) -> str | None:
    """The address registered for this type: the shop's own, else the app's (every type)."""
    own = auth.webhooks or {}
    name = EVENT_TYPES.get(type_)
    if name in own:
        reg = own[name]
        return reg["address"] if reg else None
    return app.webhook_url


def notification_id() -> str:
    return "7" + "".join(secrets.choice("0123456789") for _ in range(18))


def encode(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, separators=(",", ":")).encode()


def send_shop(session: Session, auth: ShopAuthorization, now: datetime, type_: int,
              data: dict[str, Any]) -> outbox.WebhookDelivery | None:
    """Queue one shop webhook to the address registered for its event type, if there is one."""
    app = session.get(ShopApp, auth.app_key)
    url = address_for(app, auth, type_) if app is not None else None
    if app is None or not url:
        return None
    nid = notification_id()
    who = ({"creator_open_id": auth.open_id} if auth.user_type == 1
           else {"shop_id": auth.shop_id})
    body = encode({"type": type_, "tts_notification_id": nid, **who,
                   "timestamp": int(now.timestamp()), "data": data})
    headers = {"Content-Type": "application/json",
               "Authorization": shop_webhook_signature(app.app_key, app.app_secret, body)}
    return outbox.enqueue(session, auth.world_id, now, source="shop_app", app_key=app.app_key,
                          url=url, event=str(type_), notification_id=nid, body=body,
                          headers=headers)


AUDIENCE = "sandbox.shop_app_audience"  # Session.info key: {(world, shop): [auths]} while held


@contextmanager
def held_audience(session: Session) -> Iterator[None]:
    """Within the block, each shop's authorized apps are read once (a bulk of orders sends two
    webhooks an order to the same apps)."""
    session.info[AUDIENCE] = {}
    try:
        yield
    finally:
        session.info.pop(AUDIENCE, None)


def _audience(session: Session, world_id: str, shop_id: str) -> list[ShopAuthorization]:
    held = session.info.get(AUDIENCE)
    if held is not None and (world_id, shop_id) in held:
        return list(held[(world_id, shop_id)])
    found = list(session.scalars(select(ShopAuthorization).where(
        ShopAuthorization.world_id == world_id, ShopAuthorization.shop_id == shop_id,
        ShopAuthorization.status == "active")))
    if held is not None:
        held[(world_id, shop_id)] = found
    return found


def send_to_shop_apps(session: Session, world_id: str, shop_id: str, now: datetime, type_: int,
                      data: dict[str, Any], scope: str | None = None) -> None:
    """One event to every app the shop has authorized (e.g. PRODUCT_CREATION, 16); with
    `scope`, only to those granted it (an app without the order package hears no orders)."""
    for auth in _audience(session, world_id, shop_id):
        if scope is None or scope in (auth.granted_scopes or ()):
            send_shop(session, auth, now, type_, data)


def link_change_data(link: Any, linked: bool, now: datetime) -> dict[str, Any]:
    """9001/9002's `data` about a link. A 9002 carries when the link ended and how; one about
    a link still active (a trigger's notice) says UNLINKED at `now`."""
    account = link.account or {}
    data = {"open_id": link.open_id, "username": account.get("username"),
            "role": link.role.upper(), "status": link.status.upper(),
            "link_time": int(link.linked_at.timestamp())}
    if not linked:
        data["unlink_time"] = int((link.unlinked_at or now).timestamp())
        data["status"] = "UNLINKED" if link.active else data["status"]
    return data


def account_link_changed(session: Session, world_id: str, shop_id: str, link: Any,
                         now: datetime, linked: bool) -> None:
    """Sandbox extension: tell every app authorized by the shop that an account was
    linked (9001) or unlinked (9002)."""
    send_to_shop_apps(session, world_id, shop_id, now,
                      ACCOUNT_LINKED if linked else ACCOUNT_UNLINKED,
                      link_change_data(link, linked, now))
