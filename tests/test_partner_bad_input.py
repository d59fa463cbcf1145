"""Garbage at every partner face gets a 4xx or TikTok's documented HTTP-200 error, never a 5xx."""

from __future__ import annotations

import pytest

APP_CALLS = [
    ("GET", "/v2/auth/authorize/", {}), ("GET", "/v2/auth/authorize", {"client_key": "nope"}),
    ("POST", "/v2/auth/authorize/", {"action": "authorize"}),
    ("GET", "/oauth/authorize", {"client_id": "x", "response_type": "token"}),
    ("POST", "/v2/oauth/token/", {}), ("POST", "/v2/oauth/token/", {"grant_type": "password"}),
    ("POST", "/v2/oauth/token/", {"client_key": "x", "client_secret": "y",
                                  "grant_type": "refresh_token"}),
    ("POST", "/v2/oauth/revoke/", {}), ("POST", "/v2/oauth/revoke/", {"token": "x"}),
    ("POST", "/oauth/token", {"grant_type": "urn:ietf:params:oauth:grant-type:device_code"}),
    ("POST", "/oauth/device_authorization", {}), ("POST", "/oauth/revoke", {}),
    ("POST", "/oauth/introspect", {"token": "x"}), ("GET", "/v2/user/info/", {}),
]
SHOP_CALLS = [
    ("GET", "/open/authorize", {}), ("POST", "/open/authorize", {"action": "authorize"}),
    ("GET", "/api/v2/token/get", {}), ("GET", "/api/v2/token/refresh", {"app_key": "x"}),
    ("GET", "/authorization/202309/shops", {}),
    ("GET", "/authorization/202309/shops", {"app_key": "x", "timestamp": "9" * 40,
                                            "sign": "z"}),
    ("PUT", "/event/202309/webhooks", {"app_key": "x"}),
    ("GET", "/sandbox/202309/linked_accounts", {"shop_cipher": "x"}),
    ("POST", "/api/v1/authorized_apps/x/deauthorize", {}),
    ("GET", "/_sandbox/v1/worlds/nope/webhooks/deliveries", {"after": "x"}),
    ("POST", "/_sandbox/v1/worlds/nope/webhooks/hold", {}),
    ("POST", "/_sandbox/v1/worlds/nope/webhooks/deliveries/1/redeliver", {}),
]


@pytest.mark.parametrize("method, path, params", APP_CALLS)
def test_fake_app_faces_never_5xx(app_http, method, path, params):
    kwargs = {"params": params} if method == "GET" else {"data": params}
    resp = app_http.request(method, path, **kwargs)
    assert resp.status_code < 500, resp.text


@pytest.mark.parametrize("method, path, params", SHOP_CALLS)
def test_sandbox_faces_never_5xx(control_http, method, path, params):
    kwargs = {"params": params} if method in ("GET", "PUT") else {"data": params}
    resp = control_http.request(method, path, **kwargs)
    assert resp.status_code < 500, resp.text


def test_signed_call_with_huge_timestamp_and_junk_body(world, control_http):
    from shop_support import REDIRECT, signed, tokens

    app = world.create_client(kind="shop_app", redirect_url=REDIRECT)
    shop = world.create_shop(name="S", market="GB")
    data = tokens(control_http, shop, app)
    resp = signed(control_http, world, app, "/authorization/202309/shops", data["access_token"],
                  ts=10**30)
    assert resp.status_code == 401 and resp.json()["code"] == 36009004
    cipher = signed(control_http, world, app, "/authorization/202309/shops",
                    data["access_token"]).json()["data"]["shops"][0]["cipher"]
    junk = signed(control_http, world, app, "/event/202309/webhooks", data["access_token"],
                  method="PUT", body=b"not json", cipher=cipher)
    assert junk.status_code == 400 and junk.json()["code"] == 36009004
