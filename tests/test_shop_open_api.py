"""TikTok Shop Open API (protocols.md §3) over HTTP: authorize, tokens, signed calls, errors."""

from __future__ import annotations

import pytest
from shop_support import (
    REDIRECT,
    authorize,
    params,
    signed,
    token_get,
    tokens,
    wall_ts,
    world_ts,
)
from support import browser_seller, csrf_token

pytestmark = pytest.mark.usefixtures("no_big_numbers")

SHOPS = "/authorization/202309/shops"


@pytest.fixture
def app(world):
    return world.create_client(kind="shop_app", name="Acme ERP", redirect_url=REDIRECT)


@pytest.fixture
def shop(world):
    return world.create_shop(name="Acme Official", market="US")


def test_seller_authorizes_and_the_app_gets_tokens_and_shops(world, control_http, app, shop):
    assert app["app_key"] and app["app_secret"] and app["service_id"]
    got = authorize(shop, app, state="xyz")
    assert got["state"] == "xyz" and got["code"]
    body = token_get(control_http, app, got["code"]).json()
    assert body["code"] == 0 and body["message"] == "success" and len(body["request_id"]) == 34
    data = body["data"]
    now = world_ts(world)
    assert data["access_token_expire_in"] == now + 7 * 86400  # absolute, not a duration
    assert data["refresh_token_expire_in"] > now + 300 * 86400
    assert data["seller_name"] == "Acme Official" and data["seller_base_region"] == "US"
    assert data["user_type"] == 0 and "seller.authorization.info" in data["granted_scopes"]
    resp = signed(control_http, world, app, SHOPS, data["access_token"])
    assert resp.status_code == 200, resp.text
    shops = resp.json()["data"]["shops"]
    assert shops == [{"id": shop.id, "name": "Acme Official", "region": "US",
                      "seller_type": "LOCAL", "cipher": shops[0]["cipher"],
                      "code": shops[0]["code"]}]
    assert shops[0]["cipher"].startswith("ROW_")


def test_seller_denies(app, shop):
    got = params(shop.seller.approve(f"{app['authorize_url']}&state=q", decision="deny"))
    assert got == {"code": "null", "error": "auth_denied", "state": "q"}


def test_auth_code_is_single_use_and_lives_30_minutes(world, control_http, app, shop):
    code = authorize(shop, app)["code"]
    assert token_get(control_http, app, code).json()["code"] == 0
    replay = token_get(control_http, app, code).json()
    assert replay["code"] == 36004004 and replay["data"] is None
    late = authorize(shop, app)["code"]
    world.clock.advance(minutes=30)
    assert token_get(control_http, app, late).json()["code"] == 36004004


def test_token_endpoint_refuses_bad_secret_key_and_grant(control_http, app, shop):
    code = authorize(shop, app)["code"]
    for override in ({"app_secret": "nope"}, {"app_key": "nope"}, {"grant_type": "x"}):
        body = token_get(control_http, app, code, **override).json()
        assert body["code"] == 36009004 and body["data"] is None
    assert token_get(control_http, app, code).json()["code"] == 0


def refresh(http, app, token):
    return http.get("/api/v2/token/refresh", params={
        "app_key": app["app_key"], "app_secret": app["app_secret"], "refresh_token": token,
        "grant_type": "refresh_token"}).json()


def test_refresh_rotates_and_a_replay_leaves_the_newest_tokens_working(world, control_http, app,
                                                                      shop):
    first = tokens(control_http, shop, app)
    world.clock.advance(days=1)
    body = refresh(control_http, app, first["refresh_token"])
    assert body["code"] == 0 and body["data"]["access_token"] != first["access_token"]
    assert body["data"]["access_token_expire_in"] == world_ts(world) + 7 * 86400
    assert refresh(control_http, app, first["refresh_token"])["code"] == 36004005
    assert signed(control_http, world, app, SHOPS, body["data"]["access_token"]).json()["code"] == 0
    # The replay revoked nothing: the newest refresh token still refreshes.
    assert refresh(control_http, app, body["data"]["refresh_token"])["code"] == 0


def test_expired_access_token_is_refused(world, control_http, app, shop):
    data = tokens(control_http, shop, app)
    world.clock.advance(days=7)
    body = signed(control_http, world, app, SHOPS, data["access_token"]).json()
    assert body["code"] == 105002


@pytest.mark.parametrize("case, code, status", [
    ("bad_sign", 106001, 401), ("missing_sign", 36009004, 401), ("wrong_secret", 106001, 401),
    ("old_timestamp", 36009004, 401), ("future_timestamp", 36009004, 401),
    ("bad_timestamp", 36009004, 401), ("bad_app_key", 36009004, 400),
    ("no_token", 36009004, 401), ("bad_token", 36009004, 401),
    ("unexpected_cipher", 36009004, 400)])
def test_every_bad_credential_is_refused_with_tiktoks_code(world, control_http, app, shop, case,
                                                          code, status):
    data = tokens(control_http, shop, app)
    now, token = wall_ts(), data["access_token"]  # timestamps are checked on the wall clock
    kwargs = {
        "bad_sign": {"sign": "0" * 64}, "missing_sign": {"sign": ""},
        "wrong_secret": {"secret": "not-the-secret"}, "old_timestamp": {"ts": now - 301},
        "future_timestamp": {"ts": now + 31}, "bad_timestamp": {"ts": "soon"},
        "no_token": {}, "bad_token": {}, "unexpected_cipher": {"cipher": "ROW_x"},
        "bad_app_key": {}}[case]
    if case == "no_token":
        token = None
    if case == "bad_token":
        token = "TTP_nope"
    query = {"app_key": "unknown"} if case == "bad_app_key" else None
    resp = signed(control_http, world, app, SHOPS, token, query=query, **kwargs)
    assert resp.status_code == status
    body = resp.json()
    assert body["code"] == code and body["data"] is None and body["message"]


def test_shop_cipher_is_required_where_needed(world, control_http, app, shop):
    data = tokens(control_http, shop, app)
    path = "/sandbox/202309/linked_accounts"
    assert signed(control_http, world, app, path, data["access_token"]).json()["code"] == 106013
    wrong = signed(control_http, world, app, path, data["access_token"], cipher="ROW_other")
    assert wrong.json()["code"] == 36009004


def test_token_of_another_app_is_refused(world, control_http, app, shop):
    other = world.create_client(kind="shop_app", name="Other", redirect_url=REDIRECT)
    data = tokens(control_http, shop, other)
    assert signed(control_http, world, app, SHOPS, data["access_token"]).json()["code"] == 36009004


def test_scope_not_granted_is_refused(world, control_http, shop):
    narrow = world.create_client(kind="shop_app", name="Narrow", redirect_url=REDIRECT,
                                 scopes=["seller.shop.info"])
    data = tokens(control_http, shop, narrow)
    assert signed(control_http, world, narrow, SHOPS, data["access_token"]).json()["code"] == 105005


def test_linked_accounts_extension_lists_official_account(world, control_http, app, shop):
    alice = world.create_account(username="alice", age=27, region="US")
    link = shop.seller.start_official_link()
    alice.app.scan(link.qr_url).authorize()
    link.wait_until("ready").confirm()
    data = tokens(control_http, shop, app)
    cipher = signed(control_http, world, app, SHOPS, data["access_token"]).json()[
        "data"]["shops"][0]["cipher"]
    body = signed(control_http, world, app, "/sandbox/202309/linked_accounts",
                  data["access_token"], cipher=cipher).json()
    assert body["code"] == 0
    (account,) = body["data"]["accounts"]
    assert account["open_id"] == alice.open_id and account["username"] == "alice"
    assert account["role"] == "OFFICIAL" and account["link_time"] == world_ts(world)


def test_deauthorization_kills_the_tokens(world, control_http, app, shop):
    data = tokens(control_http, shop, app)
    assert [a["app_key"] for a in shop.seller.authorized_apps()] == [app["app_key"]]
    shop.seller.deauthorize(app["app_key"])
    body = signed(control_http, world, app, SHOPS, data["access_token"]).json()
    assert body["code"] == 105001
    assert refresh(control_http, app, data["refresh_token"])["code"] == 36004005
    assert shop.seller.authorized_apps() == []


def test_unknown_service_id_page(control_http):
    assert control_http.get("/open/authorize", params={"service_id": "1"}).status_code == 404


def test_control_plane_refuses_bad_shop_app(world):
    from sandbox.client import SandboxAPIError

    with pytest.raises(SandboxAPIError) as err:
        world.create_client(kind="shop_app", redirect_url="ftp://x")
    assert err.value.code == "INVALID_FIELD"
    with pytest.raises(SandboxAPIError) as err:
        world.create_client(kind="shop_app", redirect_url=REDIRECT, scopes=["nope"])
    assert err.value.code == "INVALID_SCOPE"


def test_seller_center_page_deauthorizes(world, control_http, app, shop):
    import httpx

    tokens(control_http, shop, app)
    seller = shop.data["seller"]
    with httpx.Client(base_url=control_http.base_url) as browser:
        browser_seller(browser, world.id, seller["email"], seller["password"])
        page = browser.get("/seller/apps")
        assert page.status_code == 200 and "Acme ERP" in page.text
        done = browser.post(f"/seller/apps/{app['app_key']}/deauthorize",
                            data={"csrf_token": csrf_token(page.text)})
        assert done.status_code == 303
        assert "No app is authorized" in browser.get("/seller/apps").text
    assert shop.seller.authorized_apps() == []
