"""TikTok Shop webhooks: build `{type, tts_notification_id, shop_id, timestamp, data}`, sign, queue."""

from __future__ import annotations

import json
import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.domain.signing import shop_webhook_signature
from sandbox.kernel import outbox
from sandbox.store.open_api import ShopApp, ShopAuthorization

# Sandbox extensions: TikTok publishes no account-link events; these numbers are not TikTok's.
ACCOUNT_LINKED = 9001
ACCOUNT_UNLINKED = 9002


def notification_id() -> str:
    return "7" + "".join(secrets.choice("0123456789") for _ in range(18))


def encode(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, separators=(",", ":")).encode()


def send_shop(session: Session, auth: ShopAuthorization, now: datetime, type_: int,
              data: dict[str, Any]) -> outbox.WebhookDelivery | None:
    """Queue one shop webhook to the shop's (or else the app's) webhook URL, if there is one."""
    app = session.get(ShopApp, auth.app_key)
    url = auth.webhook_url or (app.webhook_url if app else None)
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


def account_link_changed(session: Session, world_id: str, shop_id: str, link: Any,
                         now: datetime, linked: bool) -> None:
    """Sandbox extension: tell every app authorized by the shop that an account was
    linked (9001) or unlinked (9002)."""
    auths = session.scalars(select(ShopAuthorization).where(
        ShopAuthorization.world_id == world_id, ShopAuthorization.shop_id == shop_id,
        ShopAuthorization.status == "active"))
    account = link.account or {}
    data = {"open_id": link.open_id, "username": account.get("username"),
            "role": link.role.upper(), "status": link.status.upper(),
            "link_time": int(link.linked_at.timestamp())}
    if not linked and link.unlinked_at is not None:
        data["unlink_time"] = int(link.unlinked_at.timestamp())
    for auth in auths:
        send_shop(session, auth, now, ACCOUNT_LINKED if linked else ACCOUNT_UNLINKED, data)
