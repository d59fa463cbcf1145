"""The routes answer as /openapi.json says: statuses, error codes and bodies (JSON Schema)."""

from __future__ import annotations

import pytest
from openapi_checks import Checked, fill, operations, the_document, token_of, two_apps

from fake_tiktok_app.app import create_app as create_fake_app
from sandbox.app import create_app
from sandbox.kernel.runtime import Runtime
from sandbox.kernel.settings import Settings


@pytest.fixture(scope="module")
def apps():
    yield from two_apps()


@pytest.fixture(scope="module")
def spec():
    return the_document()


@pytest.fixture
def call(apps, spec) -> Checked:
    return Checked(apps, spec)


def test_control_plane_answers_as_documented(call):
    call("get", "/_sandbox/v1/info", expect=200)
    world = call("post", "/_sandbox/v1/worlds", json={"id": "oa-cp", "now": "2030-01-01T00:00:00Z"},
                 expect=201)
    w = {"world_id": world["id"]}
    call("post", "/_sandbox/v1/worlds", json={"id": "oa-cp"}, expect=409)
    call("post", "/_sandbox/v1/worlds", json={"colour": "red"}, expect=400)
    call("post", "/_sandbox/v1/worlds", data="{", content_type="application/json", expect=400)
    call("get", "/_sandbox/v1/worlds", expect=200)
    call("get", "/_sandbox/v1/worlds/{world_id}", world_id="nope", expect=404)
    call("get", "/_sandbox/v1/worlds/{world_id}", **w, expect=200)
    call("post", "/_sandbox/v1/worlds/{world_id}/shops", **w, json={"name": "X", "market": "XX"},
         expect=400)
    shop = call("post", "/_sandbox/v1/worlds/{world_id}/shops", **w, json={"name": "Acme"},
                expect=201)
    call("get", "/_sandbox/v1/worlds/{world_id}/shops", **w, expect=200)
    call("get", "/_sandbox/v1/worlds/{world_id}/shops/{shop_id}", **w, shop_id=shop["id"],
         expect=200)
    call("patch", "/_sandbox/v1/worlds/{world_id}/shops/{shop_id}", **w, shop_id=shop["id"],
         json={"status": "frozen"}, expect=200)
    call("patch", "/_sandbox/v1/worlds/{world_id}/shops/{shop_id}", **w, shop_id="nope",
         json={}, expect=404)
    account = call("post", "/_sandbox/v1/worlds/{world_id}/accounts", **w,
                   json={"username": "alice", "region": "US", "age": 30}, expect=201)
    call("post", "/_sandbox/v1/worlds/{world_id}/accounts", **w,
         json={"username": "alice", "region": "US"}, expect=409)
    call("post", "/_sandbox/v1/worlds/{world_id}/accounts", **w, json={"username": "bob"},
         expect=400)
    call("get", "/_sandbox/v1/worlds/{world_id}/accounts", **w, expect=200)
    one = {**w, "open_id": account["open_id"]}
    call("get", "/_sandbox/v1/worlds/{world_id}/accounts/{open_id}", **one, expect=200)
    call("patch", "/_sandbox/v1/worlds/{world_id}/accounts/{open_id}", **one,
         json={"ecommerce_revoked": "violations", "phone": "+12025550100"}, expect=200)
    call("patch", "/_sandbox/v1/worlds/{world_id}/accounts/{open_id}", **one,
         json={"username": "eve"}, expect=400)
    call("get", "/_sandbox/v1/worlds/{world_id}/accounts/{open_id}", **w, open_id="nope",
         expect=404)
    call("post", "/_sandbox/v1/worlds/{world_id}/clients", **w, json={"kind": "bot"}, expect=400)
    call("post", "/_sandbox/v1/worlds/{world_id}/clients", **w,
         json={"redirect_uris": ["https://partner.test/cb"]}, expect=201)
    call("post", "/_sandbox/v1/worlds/{world_id}/clients", **w,
         json={"kind": "shop_app", "redirect_url": "https://partner.test/cb"}, expect=201)
    call("get", "/_sandbox/v1/worlds/{world_id}/clock", **w, expect=200)
    moved = call("post", "/_sandbox/v1/worlds/{world_id}/clock", **w, json={"advance": "PT1H"},
                 expect=200)
    assert moved["now"] == "2030-01-01T01:00:00Z" and moved["frozen"] is True
    call("post", "/_sandbox/v1/worlds/{world_id}/clock", **w,
         json={"set": "2000-01-01T00:00:00Z"}, expect=400)
    call("post", "/_sandbox/v1/worlds/{world_id}/clock", **w, json={"advance": "soon"},
         expect=400)
    call("get", "/_sandbox/v1/worlds/{world_id}/events?after=0&type=account.", **w, expect=200)
    call("get", "/_sandbox/v1/worlds/{world_id}/events?wait=-1", **w, expect=400)
    call("get", "/_sandbox/v1/worlds/{world_id}/links", **w, expect=200)
    call("delete", "/_sandbox/v1/worlds/{world_id}", **w, expect=204)
    call("get", "/_sandbox/v1/worlds/{world_id}/clock", **w, expect=404)


def test_official_link_journey_answers_as_documented(call):
    w = {"world_id": call("post", "/_sandbox/v1/worlds", json={"frozen": True}, expect=201)["id"]}
    shop = call("post", "/_sandbox/v1/worlds/{world_id}/shops", **w,
                json={"name": "Acme", "email": "s@acme.test", "password": "pw-acme"}, expect=201)
    call("post", "/_sandbox/v1/worlds/{world_id}/accounts", **w,
         json={"username": "alice", "region": "US", "password": "pw-alice"}, expect=201)
    call("post", "/api/v1/seller/login", json={"world": w["world_id"], "email": "s@acme.test",
                                               "password": "nope"}, expect=401)
    seller = call("post", "/api/v1/seller/login", json={
        "world": w["world_id"], "email": "s@acme.test", "password": "pw-acme"}, expect=200)
    assert seller["token"] != shop["seller"]["token"]
    st = shop["seller"]["token"]
    call("post", "/api/v1/links/official", auth=st, json={}, expect=422)
    req = call("post", "/api/v1/links/official", auth=st, json={"agreed": True}, expect=201)
    rq = {"request_id": req["id"]}
    assert call("get", "/api/v1/links/{request_id}", **rq, auth=st)["status"] == "qr_shown"
    call("get", "/api/v1/links/{request_id}", request_id="nope", auth=st, expect=404)
    login = {"world": w["world_id"], "username": "alice"}
    call("post", "/app/api/v1/login", json={**login, "password": "nope"}, expect=401)
    at = call("post", "/app/api/v1/login", json={**login, "password": "pw-alice"},
              expect=200)["session_token"]
    call("get", "/app/api/v1/me", auth=at, expect=200)
    assert call("get", "/app/api/v1/qr/displayed", auth=at, expect=200)["qr_codes"]
    qr = {"token": token_of(req["qr_url"])}
    call("post", "/app/api/v1/qr/{token}/authorize", **qr, auth=at, expect=409)
    call("post", "/app/api/v1/scan", auth=at, json={}, expect=400)
    call("post", "/app/api/v1/scan", auth=at, json={"token": "nope"}, expect=404)
    call("post", "/app/api/v1/scan", auth=at, json={"url": req["qr_url"]}, expect=200)
    call("post", "/app/api/v1/qr/{token}/authorize", **qr, auth=at, expect=200)
    assert call("get", "/api/v1/links/{request_id}", **rq, auth=st)["status"] == "ready"
    linked = call("post", "/api/v1/links/{request_id}/confirm", **rq, auth=st, expect=200)
    assert linked["status"] == "linked" and linked["link_id"]
    call("post", "/api/v1/links/{request_id}/confirm", **rq, auth=st, expect=409)
    call("post", "/api/v1/links/{request_id}/cancel", **rq, auth=st, expect=409)
    call("post", "/api/v1/links/official", auth=st, json={"agreed": True}, expect=422)
    assert call("get", "/api/v1/shop", auth=st, expect=200)["links"]


def test_a_refused_link_request_names_its_rule(call):
    w = {"world_id": call("post", "/_sandbox/v1/worlds", json={}, expect=201)["id"]}
    st = call("post", "/_sandbox/v1/worlds/{world_id}/shops", **w, json={"name": "Teen Shop"},
              expect=201)["seller"]["token"]
    call("post", "/_sandbox/v1/worlds/{world_id}/accounts", **w,
         json={"username": "teen", "region": "US", "age": 16, "password": "pw-teen"})
    at = call("post", "/app/api/v1/login", json={"world": w["world_id"], "username": "teen",
                                                 "password": "pw-teen"})["session_token"]
    req = call("post", "/api/v1/links/official", auth=st, json={"agreed": True}, expect=201)
    call("post", "/app/api/v1/scan", auth=at, json={"url": req["qr_url"]}, expect=200)
    call("post", "/app/api/v1/qr/{token}/authorize", token=token_of(req["qr_url"]), auth=at,
         expect=200)
    refused = call("get", "/api/v1/links/{request_id}", request_id=req["id"], auth=st,
                   expect=200)
    assert refused["status"] == "refused" and refused["error"]["rule"] == "C1"
    call("post", "/api/v1/links/{request_id}/confirm", request_id=req["id"], auth=st,
         expect=409)


def test_tiktok_faces_answer_as_documented(call):
    w = {"world_id": call("post", "/_sandbox/v1/worlds", json={}, expect=201)["id"]}
    client = call("post", "/_sandbox/v1/worlds/{world_id}/clients", **w,
                  json={"redirect_uris": ["https://partner.test/cb"]}, expect=201)
    creds = {"client_key": client["client_key"], "client_secret": client["client_secret"]}
    call("post", "/_sandbox/v1/worlds/{world_id}/accounts", **w,
         json={"username": "carol", "region": "US", "password": "pw-carol"}, expect=201)
    at = call("post", "/app/api/v1/login", json={"world": w["world_id"], "username": "carol",
                                                 "password": "pw-carol"})["session_token"]
    bad = call("post", "/v2/oauth/get_qrcode/", data={"client_key": "nope", "scope": "x"},
               expect=200)
    assert bad["error"] == "invalid_client" and len(bad["log_id"]) == 34
    qr = call("post", "/v2/oauth/get_qrcode/", expect=200, data={
        "client_key": creds["client_key"], "scope": "user.info.basic", "state": "s1"})
    poll = {**creds, "token": qr["token"]}
    assert call("post", "/v2/oauth/check_qrcode/", data=poll, expect=200)["status"] == "new"
    call("post", "/v2/oauth/check_qrcode/", data={**poll, "client_secret": "x"}, expect=200)
    call("post", "/app/api/v1/scan", auth=at, json={"url": qr["scan_qrcode_url"]}, expect=200)
    call("post", "/app/api/v1/qr/{token}/authorize", token=qr["token"], auth=at, expect=200)
    confirmed = call("post", "/v2/oauth/check_qrcode/", data=poll, expect=200)
    assert confirmed["status"] == "confirmed" and "code=" in confirmed["redirect_uri"]
    assert call("post", "/v2/oauth/check_qrcode/", data=poll)["status"] == "utilised"
    call("post", "/v2/oauth/token/", data={**creds, "grant_type": "password"}, expect=200)
    call("post", "/v2/oauth/token/", data={**creds, "grant_type": "authorization_code",
                                           "code": "nope", "redirect_uri": "x"}, expect=200)
    token = call("post", "/v2/oauth/token/", expect=200, data={
        **creds, "grant_type": "authorization_code", "code": confirmed["code"],
        "redirect_uri": "https://partner.test/cb"})
    assert token["access_token"].startswith("act.")
    act = token["access_token"]
    call("get", "/v2/user/info/?fields=open_id,display_name", auth=act, expect=200)
    call("get", "/v2/user/info/?fields=username", auth=act, expect=401)
    call("get", "/v2/user/info/?fields=shoe_size", auth=act, expect=200)  # unknown: ignored
    call("get", "/v2/user/info/?fields=open_id", auth="act.nope", expect=401)
    assert call("get", "/app/api/v1/authorizations", auth=at, expect=200)["apps"]
    one = {"client_key": creds["client_key"]}
    call("delete", "/app/api/v1/authorizations/{client_key}", **one, auth=at, expect=200)
    call("delete", "/app/api/v1/authorizations/{client_key}", **one, auth=at, expect=404)
    denied = call("post", "/v2/oauth/get_qrcode/", expect=200, data={
        "client_key": creds["client_key"], "scope": "user.info.basic"})
    call("post", "/app/api/v1/scan", auth=at, json={"url": denied["scan_qrcode_url"]})
    call("post", "/app/api/v1/qr/{token}/deny", token=denied["token"], auth=at, expect=200)
    polled = call("post", "/v2/oauth/check_qrcode/", data={**creds, "token": denied["token"]})
    assert polled == {"client_ticket": "", "status": "expired", "sandbox_reason": "denied"}
    call("post", "/app/api/v1/qr/{token}/deny", token=denied["token"], auth=at, expect=409)


def test_rfc_mode_answers_oauth_errors_with_the_documented_statuses(spec):
    runtime = Runtime(Settings(db="memory", oauth_error_status="rfc"))
    try:
        call = Checked((create_app(runtime=runtime), create_fake_app(runtime=runtime)), spec)
        world = call("post", "/_sandbox/v1/worlds", json={}, expect=201)["id"]
        client = call("post", "/_sandbox/v1/worlds/{world_id}/clients", world_id=world,
                      json={"redirect_uris": ["https://partner.test/cb"]}, expect=201)
        key, secret = client["client_key"], client["client_secret"]
        call("post", "/v2/oauth/get_qrcode/", data={"client_key": "nope", "scope": "x"},
             expect=401)
        call("post", "/v2/oauth/get_qrcode/", data={"client_key": key, "scope": "shop.all"},
             expect=400)
        call("post", "/v2/oauth/check_qrcode/", expect=401,
             data={"client_key": key, "client_secret": "x", "token": "x"})
        call("post", "/v2/oauth/token/", expect=400,
             data={"client_key": key, "client_secret": secret, "grant_type": "password"})
    finally:
        runtime.close()


def test_logged_out_callers_get_the_documented_refusal(call, spec):
    """Each actor-API operation that declares a token refuses a call without one (401 with the
    documented code); each that declares none (login) does not ask for one."""
    asked = {"SELLER_LOGIN_REQUIRED", "APP_LOGIN_REQUIRED", "PARTNER_LOGIN_REQUIRED"}
    for path, method, operation in operations(spec):
        if not path.startswith(("/api/v1/", "/app/api/v1/")):
            continue
        body = call(method, path, **fill(path), json={})
        code = call.error_code(body)
        if operation["security"]:
            assert code in asked, (method, path, body)
        else:
            assert code not in asked, (method, path, body)


def test_the_control_plane_needs_its_token_beyond_loopback(call, spec):
    for path, method, operation in operations(spec):
        if path.startswith("/_sandbox/v1/"):
            assert operation["security"] == [{}, {"control": []}], path
            call(method, path, **fill(path), json={}, remote="10.0.0.7", expect=403)
