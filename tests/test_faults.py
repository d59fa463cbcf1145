"""Fault rules (sandbox extension, issue 14): each effect and preset in the face's real wire
shape, times and seeded probability, and a fault scoped to one world never touching another."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlparse

import httpx
import pytest
from shop_support import authorize, signed, token_get, tokens

from sandbox.client import SandboxAPIError
from sandbox.diagnostics.fault_presets import PRESETS
from sandbox.diagnostics.faults import decides

SHOPS = "/authorization/202309/shops"
WEB = "https://partner.example/callback/"


@pytest.fixture
def shop_app(world):
    return world.create_client(kind="shop_app", name="ERP", redirect_uris=["https://erp.example/"])


@pytest.fixture
def login_client(world):
    return world.create_client(name="Partner Web", redirect_uris=[WEB], scopes="user.info.basic")


@pytest.fixture
def user_info(sandbox, world, app_http, login_client):
    """GET /v2/user/info/ with a real access token of this world (its world is the token's)."""
    alice = world.create_account(username="alice", age=27, region="US")
    query = urlencode({"client_key": login_client["client_key"], "scope": "user.info.basic",
                       "redirect_uri": WEB, "state": "s", "response_type": "code"})
    url = alice.app.approve(f"{sandbox.app_url}/v2/auth/authorize/?{query}")
    code = parse_qs(urlparse(url).query)["code"][0]
    token = app_http.post("/v2/oauth/token/", data={
        "client_key": login_client["client_key"], "client_secret": login_client["client_secret"],
        "code": code, "grant_type": "authorization_code", "redirect_uri": WEB}).json()

    def call(http=app_http):
        return http.get("/v2/user/info/", params={"fields": "open_id"},
                        headers={"Authorization": f"Bearer {token['access_token']}"})

    return call


def test_open_api_preset_105002_answers_in_the_shop_envelope_once(world, control_http, shop_app):
    shop = world.create_shop(name="Acme", market="US")
    data = tokens(control_http, shop, shop_app)
    fault = world.faults.add({"app_key": shop_app["app_key"]}, tiktok_error=105002, times=1)
    assert fault["match"]["face"] == "open_api"
    first = signed(control_http, world, shop_app, SHOPS, data["access_token"])
    body = first.json()
    assert first.status_code == 401 and body["code"] == 105002 and body["data"] is None
    assert body["message"].startswith("Expired credentials") and len(body["request_id"]) == 34
    assert first.headers["X-Tt-Logid"] == body["request_id"]
    second = signed(control_http, world, shop_app, SHOPS, data["access_token"]).json()
    assert second["code"] == 0  # times: 1 -- the real answer again
    assert world.faults.get(fault["id"])["hits"] == 1
    assert world.faults.get(fault["id"])["active"] is False


@pytest.mark.parametrize("preset", [p for p in PRESETS if p.face == "open_api"],
                         ids=lambda p: p.code)
def test_every_open_api_preset_has_the_envelope_and_status(world, control_http, shop_app,
                                                           preset):
    world.faults.add({"path": "/api/v2/token/get"}, tiktok_error=int(preset.code))
    resp = token_get(control_http, shop_app, "any-code")
    assert resp.status_code == preset.status
    assert resp.json() | {"request_id": "x"} == {"code": int(preset.code), "data": None,
                                                 "message": preset.message, "request_id": "x"}


@pytest.mark.parametrize("preset", [p for p in PRESETS if p.face == "tiktok_api"],
                         ids=lambda p: p.code)
def test_every_tiktok_api_preset_has_the_v2_error_object(world, user_info, preset):
    world.faults.add({"face": "tiktok_api"}, tiktok_error=preset.code)
    resp = user_info()
    body = resp.json()
    assert resp.status_code == preset.status and body["data"] == {}
    assert body["error"]["code"] == preset.code and body["error"]["message"] == preset.message
    assert len(body["error"]["log_id"]) == 34


@pytest.mark.parametrize("preset", [p for p in PRESETS if p.face == "login_kit"],
                         ids=lambda p: p.code)
def test_every_login_kit_preset_is_an_oauth_error_with_http_200(world, app_http, login_client,
                                                                preset):
    world.faults.add({"client_key": login_client["client_key"]}, tiktok_error=preset.code)
    resp = app_http.post("/v2/oauth/token/", data={
        "client_key": login_client["client_key"], "client_secret": "x", "code": "c",
        "grant_type": "authorization_code", "redirect_uri": WEB})
    body = resp.json()
    assert resp.status_code == 200  # TikTok's Login Kit answers refusals with HTTP 200
    assert set(body) == {"error", "error_description", "log_id"}
    assert body["error"] == preset.code and body["error_description"] == preset.message


def test_status_and_body_effect_answers_verbatim(world, user_info):
    world.faults.add({"face": "tiktok_api", "method": "get", "path": "/v2/user/*"},
                     status=503, body={"down": True})
    resp = user_info()
    assert resp.status_code == 503 and resp.json() == {"down": True}


def test_latency_effect_delays_then_answers_normally_without_moving_the_clock(world,
                                                                              user_info):
    before = world.clock.now()
    fault = world.faults.add({"face": "tiktok_api"}, latency_ms=5, times=1)
    assert user_info().json()["data"]["user"]["open_id"]  # the real answer, after the delay
    assert world.clock.now() == before and world.faults.get(fault["id"])["hits"] == 1
    [row] = [r for r in world.requests() if r["path"] == "/v2/user/info/"]
    assert row["fault_id"] == fault["id"] and row["status"] == 200 and row["code"] is None


def test_drop_connection_closes_without_an_answer(world, user_info, sandbox):
    fault = world.faults.add({"face": "tiktok_api"}, drop_connection=True, times=1)
    with pytest.raises(httpx.TransportError):
        user_info()
    with httpx.Client(base_url=sandbox.app_url) as fresh:
        assert user_info(fresh).status_code == 200  # the next request is answered
    [row] = [r for r in world.requests() if r["fault_id"] == fault["id"]]
    assert row["status"] == 0 and row["code"] == "CONNECTION_DROPPED"


def test_probability_is_seeded_and_deterministic(world, user_info):
    world.faults.add({"face": "tiktok_api"}, status=418, probability=0.5, seed=7)
    got = [user_info().status_code == 418 for _ in range(12)]
    assert got == [decides(7, 0.5, n) for n in range(1, 13)]
    assert True in got and False in got


def test_fault_in_one_world_never_touches_another(sandbox, world, app_http, login_client):
    other = sandbox.create_world(frozen=True)
    try:
        theirs = other.create_client(name="Other", redirect_uris=[WEB], scopes="user.info.basic")
        world.faults.add({"face": "login_kit"}, tiktok_error="server_error")
        ours = app_http.post("/v2/oauth/token/", data={"client_key": login_client["client_key"]})
        clean = app_http.post("/v2/oauth/token/", data={"client_key": theirs["client_key"]})
        assert ours.json()["error"] == "server_error"
        assert clean.json()["error"] != "server_error"
        assert other.faults.list() == []
        assert all(r["fault_id"] is None for r in other.requests())
    finally:
        other.delete()


def test_control_plane_is_never_faulted_and_faults_are_listed_and_deleted(world):
    with pytest.raises(SandboxAPIError) as refused:
        world.faults.add({"face": "control"}, status=500)
    assert refused.value.code == "INVALID_FAULT"
    fault = world.faults.add({}, status=500)  # every face but the control plane
    assert world.create_account(username="bob").open_id  # the control plane still answers
    assert [f["id"] for f in world.faults.list()] == [fault["id"]]
    world.faults.delete(fault["id"])
    assert world.faults.list() == []
    with pytest.raises(SandboxAPIError) as gone:
        world.faults.delete(fault["id"])
    assert gone.value.status == 404 and gone.value.code == "FAULT_NOT_FOUND"


@pytest.mark.parametrize("body, code", [
    ({"match": {}, "effect": {}}, "INVALID_FAULT"),
    ({"effect": {"status": 500, "latency_ms": 3}}, "INVALID_FAULT"),
    ({"effect": {"tiktok_error": 999}}, "UNKNOWN_TIKTOK_ERROR"),
    ({"match": {"face": "login_kit"}, "effect": {"tiktok_error": 105002}},
     "UNKNOWN_TIKTOK_ERROR"),
    ({"effect": {"latency_ms": 10**9}}, "INVALID_FAULT"),
    ({"effect": {"status": 500}, "probability": 2}, "INVALID_FIELD"),
    ({"effect": {"status": 500}, "nope": 1}, "UNKNOWN_FIELD"),
])
def test_bad_fault_bodies_are_400s_that_change_nothing(world, control_http, body, code):
    resp = control_http.post(f"/_sandbox/v1/worlds/{world.id}/faults", json=body)
    assert resp.status_code == 400 and resp.json()["error"]["code"] == code
    assert world.faults.list() == []


def test_presets_list_the_documented_errors_of_each_face(world):
    presets = world.faults.presets
    codes = {(p["face"], p["tiktok_error"]) for p in presets}
    assert {("open_api", 105002), ("open_api", 106001), ("open_api", 36004004),
            ("tiktok_api", "access_token_invalid"), ("tiktok_api", "rate_limit_exceeded"),
            ("login_kit", "invalid_grant")} <= codes


def test_auth_code_preset_hits_the_token_endpoint_of_one_app(world, control_http, shop_app):
    shop = world.create_shop(name="Acme", market="US")
    world.faults.add({"path": "/api/v2/token/get", "app_key": shop_app["app_key"]},
                     tiktok_error=36004004, times=1)
    code = authorize(shop, shop_app)["code"]
    assert token_get(control_http, shop_app, code).json()["code"] == 36004004
    assert token_get(control_http, shop_app, code).json()["code"] == 0


@pytest.mark.parametrize("effect", [{"drop_connection": True},
                                    {"tiktok_error": "temporarily_unavailable"}])
def test_seller_centers_own_qr_call_to_the_app_can_be_faulted(world, effect):
    """Seller Center is a first-party client of the app (in-process transport here): a fault on
    the app's QR endpoint is Seller Center's 502, never a crash, and changes nothing."""
    shop = world.create_shop(name="Acme", market="US")
    world.faults.add({"face": "login_kit", "path": "/v2/oauth/get_qrcode*"}, effect, times=1)
    with pytest.raises(SandboxAPIError) as refused:
        shop.seller.start_official_link()
    assert refused.value.status == 502 and refused.value.code == "TIKTOK_APP_ERROR"
    assert shop.seller.start_official_link().qr_url  # times: 1, then the real answer
