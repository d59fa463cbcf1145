"""Helpers for TikTok Shop Open API tests: authorize an app, sign calls like an SDK would."""

from __future__ import annotations

import time
from datetime import datetime
from urllib.parse import parse_qs, urlparse

from sandbox.domain import signing

REDIRECT = "https://erp.example/tts/callback"


def params(url):
    return {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}


def wall_ts() -> int:
    """The machine's time, what an unmodified partner app signs with."""
    return int(time.time())


def world_ts(world) -> int:
    return int(datetime.fromisoformat(world.clock.now().replace("Z", "+00:00")).timestamp())


def authorize(shop, app, state="s-1"):
    return params(shop.seller.approve(f"{app['authorize_url']}&state={state}"))


def token_get(http, app, code, **override):
    query = {"app_key": app["app_key"], "app_secret": app["app_secret"], "auth_code": code,
             "grant_type": "authorized_code", **override}
    return http.get("/api/v2/token/get", params=query)


def tokens(http, shop, app):
    body = token_get(http, app, authorize(shop, app)["code"]).json()
    assert body["code"] == 0, body
    return body["data"]


def signed(http, world, app, path, token, *, method="GET", query=None, body=b"", ts=None,
           secret=None, cipher=None, sign=None):
    q = {"app_key": app["app_key"], "timestamp": str(ts if ts is not None else wall_ts()),
         **(query or {})}
    if cipher:
        q["shop_cipher"] = cipher
    ctype = "application/json" if body else ""
    q["sign"] = sign if sign is not None else signing.sign(secret or app["app_secret"], path, q,
                                                           body, ctype)
    headers = {"x-tts-access-token": token} if token else {}
    if body:
        headers["content-type"] = ctype
    return http.request(method, path, params=q, content=body or None, headers=headers)
