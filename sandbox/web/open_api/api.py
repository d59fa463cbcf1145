"""TikTok Shop Open API wire face: token get/refresh and the signed endpoints, in TikTok's envelope."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, request

from sandbox.domain.markets import profile
from sandbox.domain.signing import OpenApiError
from sandbox.kernel.fields import text_field
from sandbox.kernel.world_config import settings_for
from sandbox.services import shop_authorization as authz
from sandbox.services import shop_webhooks
from sandbox.services.links import shop_links
from sandbox.services.open_api_gateway import Caller, verify
from sandbox.services.partner_apps import find_app
from sandbox.store.shops import Shop
from sandbox.web.open_api.envelope import envelope, served_paths
from sandbox.web.request_world import open_api_token
from sandbox.web_shared.requests import json_value

bp = Blueprint("open_api", __name__)


def _app_for_token() -> Any:
    app = find_app(g.db, text_field(request.args, "app_key"))
    if app is None:
        raise OpenApiError(36009004, "Invalid credentials. Invalid `app_key` query parameter.")
    if text_field(request.args, "app_secret") != app.app_secret:
        raise OpenApiError(36009004, "Invalid credentials. The `app_secret` query parameter is "
                                     "invalid.")
    return app


@bp.get("/api/v2/token/get")
def token_get() -> Any:
    """`?app_key&app_secret&auth_code&grant_type=authorized_code` (unsigned, HTTP 200 errors)."""
    app = _app_for_token()
    if text_field(request.args, "grant_type") != "authorized_code":
        raise OpenApiError(36009004, "Invalid grant_type. Use grant_type=authorized_code.")
    now = g.runtime.now(g.db, app.world_id)
    data = authz.token_get(g.db, app, text_field(request.args, "auth_code"), now,
                           settings_for(g.db, app.world_id))
    g.db.commit()
    return envelope(data, message="success")


@bp.get("/api/v2/token/refresh")
def token_refresh() -> Any:
    app = _app_for_token()
    if text_field(request.args, "grant_type") != "refresh_token":
        raise OpenApiError(36009004, "Invalid grant_type. Use grant_type=refresh_token.")
    now = g.runtime.now(g.db, app.world_id)
    data = authz.token_refresh(g.db, app, text_field(request.args, "refresh_token"), now,
                               settings_for(g.db, app.world_id))
    g.db.commit()
    return envelope(data, message="success")


def signed(scope: str, cipher: str) -> Caller:
    return verify(g.db, g.runtime, path=request.path, query=request.args.to_dict(),
                  body=request.get_data(cache=True), content_type=request.content_type or "",
                  access_token=open_api_token(), scope=scope, cipher=cipher,
                  known_paths=served_paths())


def shop_view(shop: Shop) -> dict[str, Any]:
    return {"id": shop.id, "name": shop.name, "region": profile(shop.market).account_region,
            "seller_type": profile(shop.market).seller_type, "cipher": shop.cipher,
            "code": shop.id[-12:].upper()}


@bp.get("/authorization/202309/shops")
def authorized_shops() -> Any:
    caller = signed("seller.authorization.info", "forbidden")
    # A seller account has one shop here, so the token's own grant is the whole list.
    return envelope({"shops": [shop_view(caller.shop)] if caller.shop is not None else []})


@bp.get("/sandbox/202309/linked_accounts")
def linked_accounts() -> Any:
    """Sandbox extension, signed like any Open API call: the shop's linked TikTok accounts."""
    caller = signed("sandbox.linked_accounts.read", "required")
    assert caller.shop is not None  # "required" guarantees it
    accounts = []
    for link in shop_links(g.db, caller.shop.world_id, caller.shop.id):
        card = link.account or {}
        accounts.append({"open_id": link.open_id, "username": card.get("username"),
                         "display_name": card.get("display_name"), "role": link.role.upper(),
                         "status": link.status.upper(),
                         "link_time": int(link.linked_at.timestamp())})
    return envelope({"accounts": accounts})


def _json_body() -> dict[str, Any]:
    body = json_value()
    return body if isinstance(body, dict) else {}


@bp.route("/event/202309/webhooks", methods=["GET", "PUT", "DELETE"])
def webhooks() -> Any:
    """Per-shop, per-event-type webhook addresses: PUT {address, event_type} registers one type,
    GET lists one row per registered type, DELETE {event_type} removes one."""
    caller = signed("seller.event.webhook", "required")
    if request.method == "GET":
        rows = shop_webhooks.registrations(caller.app, caller.auth)
        return envelope({"webhooks": rows, "total_count": len(rows)})
    body = _json_body()
    if request.method == "DELETE":
        shop_webhooks.unregister(caller.auth, text_field(body, "event_type"))
    else:
        shop_webhooks.register(caller.auth, text_field(body, "event_type"),
                               text_field(body, "address"), caller.now)
    g.db.commit()
    return envelope({})
