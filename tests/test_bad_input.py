"""Bad input gets a clear 4xx with a stable code — on every face, never a 500."""

from __future__ import annotations

import pytest

from sandbox.app import create_app
from sandbox.kernel.runtime import Runtime
from sandbox.kernel.settings import Settings

W = "{world}"

CONTROL_CASES = [
    ("POST", "/_sandbox/v1/worlds", b"{not json", 400, "INVALID_JSON"),
    ("POST", "/_sandbox/v1/worlds", b"[1, 2]", 400, "INVALID_BODY"),
    ("POST", "/_sandbox/v1/worlds", {"bogus": 1}, 400, "UNKNOWN_FIELD"),
    ("POST", "/_sandbox/v1/worlds", {"name": "bad/name"}, 400, "INVALID_WORLD_NAME"),
    ("POST", "/_sandbox/v1/worlds", {"seed": "nope"}, 400, "UNKNOWN_SEED"),
    ("POST", "/_sandbox/v1/worlds", {"id": "../etc"}, 400, "INVALID_WORLD_ID"),
    ("POST", "/_sandbox/v1/worlds", {"id": ["w"]}, 400, "INVALID_WORLD_ID"),
    ("POST", "/_sandbox/v1/worlds", {"now": "yesterday"}, 400, "INVALID_INSTANT"),
    ("GET", "/_sandbox/v1/worlds/w_nope", None, 404, "WORLD_NOT_FOUND"),
    ("DELETE", "/_sandbox/v1/worlds/w_nope", None, 404, "WORLD_NOT_FOUND"),
    ("POST", "/_sandbox/v1/worlds/w_nope/shops", {"name": "x"}, 404, "WORLD_NOT_FOUND"),
    ("POST", f"/_sandbox/v1/worlds/{W}/shops", {}, 400, "MISSING_FIELD"),
    ("POST", f"/_sandbox/v1/worlds/{W}/shops", {"name": "x", "market": "XX"}, 400,
     "INVALID_MARKET"),
    ("POST", f"/_sandbox/v1/worlds/{W}/shops", {"name": "x", "status": "odd"}, 400,
     "INVALID_FIELD"),
    ("POST", f"/_sandbox/v1/worlds/{W}/shops", {"name": "x", "colour": "red"}, 400,
     "UNKNOWN_FIELD"),
    ("POST", f"/_sandbox/v1/worlds/{W}/shops", {"name": ["x"]}, 400, "MISSING_FIELD"),
    ("PATCH", f"/_sandbox/v1/worlds/{W}/shops/7000", {"status": "frozen"}, 404,
     "SHOP_NOT_FOUND"),
    ("POST", f"/_sandbox/v1/worlds/{W}/shops", {"name": "x", "phone": {"x": 1}}, 400,
     "INVALID_FIELD"),
    ("POST", f"/_sandbox/v1/worlds/{W}/shops", {"name": "x", "password": 12345}, 400,
     "INVALID_FIELD"),
    ("POST", f"/_sandbox/v1/worlds/{W}/shops", {"name": "x", "business_entity": ["a"]}, 400,
     "INVALID_FIELD"),
    ("POST", f"/_sandbox/v1/worlds/{W}/accounts", {}, 400, "MISSING_FIELD"),
    ("POST", f"/_sandbox/v1/worlds/{W}/accounts", {"username": "a"}, 400, "MISSING_FIELD"),
    ("POST", f"/_sandbox/v1/worlds/{W}/accounts", {"username": "a", "region": "USA"}, 400,
     "INVALID_FIELD"),
    ("POST", f"/_sandbox/v1/worlds/{W}/accounts", {"username": "a", "region": "US",
                                                   "age": "old"}, 400, "INVALID_FIELD"),
    ("POST", f"/_sandbox/v1/worlds/{W}/accounts", {"username": "a", "region": "US",
                                                   "age": 20, "birthdate": "2000-01-01"},
     400, "INVALID_FIELD"),
    ("POST", f"/_sandbox/v1/worlds/{W}/accounts", {"username": "a b", "region": "US"}, 400,
     "INVALID_FIELD"),
    ("POST", f"/_sandbox/v1/worlds/{W}/accounts", {"username": "a", "region": "US",
                                                   "kind": "alien"}, 400, "INVALID_FIELD"),
    ("POST", f"/_sandbox/v1/worlds/{W}/accounts", {"username": "a", "region": "US",
                                                   "followers": -1}, 400, "INVALID_FIELD"),
    ("POST", f"/_sandbox/v1/worlds/{W}/accounts", {"username": "a", "region": "US",
                                                   "wings": 2}, 400, "UNKNOWN_FIELD"),
    ("POST", f"/_sandbox/v1/worlds/{W}/accounts", {"username": "a", "region": "US",
                                                   "age": None}, 400, "INVALID_FIELD"),
    ("POST", f"/_sandbox/v1/worlds/{W}/accounts", {"username": "a", "region": "US",
                                                   "age": 130}, 400, "INVALID_FIELD"),
    ("POST", f"/_sandbox/v1/worlds/{W}/accounts", {"username": "a", "region": "US",
                                                   "followers": None}, 400, "INVALID_FIELD"),
    ("POST", f"/_sandbox/v1/worlds/{W}/accounts", {"username": "a", "region": "US",
                                                   "verified": None}, 400, "INVALID_FIELD"),
    ("POST", f"/_sandbox/v1/worlds/{W}/accounts", {"username": "a", "region": "US",
                                                   "password": "abc"}, 400, "INVALID_FIELD"),
    ("POST", f"/_sandbox/v1/worlds/{W}/accounts", {"username": "a", "region": "US",
                                                   "kind": None}, 400, "INVALID_FIELD"),
    ("PATCH", f"/_sandbox/v1/worlds/{W}/accounts/nobody", {"age": 30}, 404,
     "ACCOUNT_NOT_FOUND"),
    ("POST", f"/_sandbox/v1/worlds/{W}/clients", {"redirect_uris": "x"}, 400, "INVALID_FIELD"),
    ("POST", f"/_sandbox/v1/worlds/{W}/clients", {"kind": "robot"}, 400,
     "CLIENT_KIND_UNSUPPORTED"),
    ("POST", f"/_sandbox/v1/worlds/{W}/clients", {"redirect_uris": ["https://a/cb"],
                                                  "scopes": "user.info.everything"}, 400,
     "INVALID_SCOPE"),
    ("POST", f"/_sandbox/v1/worlds/{W}/clock", {"advance": "soon"}, 400, "INVALID_DURATION"),
    ("POST", f"/_sandbox/v1/worlds/{W}/clock", {"advance": -5}, 400, "CLOCK_BACKWARDS"),
    ("POST", f"/_sandbox/v1/worlds/{W}/clock", {"advance": True}, 400, "INVALID_DURATION"),
    ("POST", f"/_sandbox/v1/worlds/{W}/clock", {"set": 12}, 400, "INVALID_INSTANT"),
    ("POST", f"/_sandbox/v1/worlds/{W}/clock", {"advance": 1, "set": "2030-01-01T00:00:00Z"},
     400, "CLOCK_AMBIGUOUS"),
    ("POST", f"/_sandbox/v1/worlds/{W}/clock", {"freeze": "yes"}, 400, "INVALID_FIELD"),
    ("POST", f"/_sandbox/v1/worlds/{W}/clock", {"rewind": 5}, 400, "UNKNOWN_FIELD"),
    ("GET", f"/_sandbox/v1/worlds/{W}/events?after=abc", None, 400, "INVALID_PARAMETER"),
    ("GET", f"/_sandbox/v1/worlds/{W}/events?wait=-1", None, 400, "INVALID_PARAMETER"),
    ("GET", "/_sandbox/v1/nowhere", None, 404, "NOT_FOUND"),
    ("PUT", "/_sandbox/v1/worlds", {}, 405, "METHOD_NOT_ALLOWED"),
]

SELLER_CASES = [
    ("GET", "/api/v1/shop", None, None, 401, "SELLER_LOGIN_REQUIRED"),
    ("GET", "/api/v1/shop", None, "bad-token", 401, "SELLER_LOGIN_REQUIRED"),
    ("POST", "/api/v1/links/official", b"{oops", "seller", 400, "INVALID_JSON"),
    ("POST", "/api/v1/links/official", {}, "seller", 422, "AGREEMENT_REQUIRED"),
    ("GET", "/api/v1/links/lr_missing", None, "seller", 404, "LINK_REQUEST_NOT_FOUND"),
    ("POST", "/api/v1/links/lr_missing/confirm", None, "seller", 404, "LINK_REQUEST_NOT_FOUND"),
    ("POST", "/api/v1/seller/login", {"world": W}, None, 400, "MISSING_FIELD"),
    ("POST", "/api/v1/seller/login", {"world": W, "email": "x@y.z", "password": "no"}, None,
     401, "SELLER_LOGIN_FAILED"),
    ("POST", "/api/v1/seller/login", {"world": "w_nope", "email": "x@y.z", "password": "no"},
     None, 404, "WORLD_NOT_FOUND"),
]

APP_CASES = [
    ("POST", "/app/api/v1/login", {"world": W}, None, 400, "MISSING_FIELD"),
    ("POST", "/app/api/v1/login", {"world": W, "username": "ghost", "password": "x"}, None,
     401, "LOGIN_FAILED"),
    ("POST", "/app/api/v1/scan", {"url": "http://x/phone/authorize?token=T"}, None, 401,
     "APP_LOGIN_REQUIRED"),
    ("POST", "/app/api/v1/scan", {}, "app", 400, "MISSING_FIELD"),
    ("POST", "/app/api/v1/scan", {"url": "http://x/phone/authorize?token=NOPE"}, "app", 404,
     "QR_NOT_FOUND"),
    ("POST", "/app/api/v1/qr/NOPE/authorize", None, "app", 404, "QR_NOT_FOUND"),
    ("POST", "/app/api/v1/scan", b"\xff\xfe", "app", 400, "INVALID_JSON"),
]


def send(http, method, path, body, headers=None):
    kwargs = {"headers": headers or {}}
    if isinstance(body, bytes):
        kwargs["content"] = body
        kwargs["headers"]["Content-Type"] = "application/json"
    elif body is not None:
        kwargs["json"] = body
    return http.request(method, path, **kwargs)


def fill(value, world):
    if isinstance(value, str):
        return value.replace(W, world.id)
    if isinstance(value, dict):
        return {k: fill(v, world) for k, v in value.items()}
    return value


@pytest.mark.parametrize(("method", "path", "body", "status", "code"), CONTROL_CASES)
def test_control_plane_refuses_bad_input_with_a_code(control_http, world, method, path, body,
                                                     status, code):
    resp = send(control_http, method, fill(path, world), fill(body, world))
    assert (resp.status_code, resp.json()["error"]["code"]) == (status, code)
    assert resp.json()["error"]["message"]


@pytest.mark.parametrize(("method", "path", "body", "auth", "status", "code"), SELLER_CASES)
def test_seller_api_refuses_bad_input_with_a_code(control_http, world, method, path, body,
                                                  auth, status, code):
    shop = world.create_shop(name="Acme")
    token = shop.data["seller"]["token"] if auth == "seller" else auth
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    resp = send(control_http, method, path, fill(body, world), headers)
    assert (resp.status_code, resp.json()["error"]["code"]) == (status, code)


@pytest.mark.parametrize(("method", "path", "body", "auth", "status", "code"), APP_CASES)
def test_app_api_refuses_bad_input_with_a_code(app_http, world, method, path, body, auth,
                                               status, code):
    headers = {}
    if auth == "app":
        alice = world.create_account(username="alice", age=30)
        token = app_http.post("/app/api/v1/login", json={
            "world": world.id, "username": "alice", "password": alice.password}).json()
        headers = {"Authorization": f"Bearer {token['session_token']}"}
    resp = send(app_http, method, path, fill(body, world), headers)
    assert (resp.status_code, resp.json()["error"]["code"]) == (status, code)


TIKTOK_CASES = [
    ("/v2/oauth/get_qrcode/", {}, "invalid_client"),
    ("/v2/oauth/get_qrcode/", {"client_key": "nope", "scope": "user.info.basic"},
     "invalid_client"),
    ("/v2/oauth/get_qrcode/", {"client_key": "{key}"}, "invalid_request"),
    ("/v2/oauth/get_qrcode/", {"client_key": "{key}", "scope": "user.info.basic",
                               "state": "s" * 600}, "invalid_request"),
    ("/v2/oauth/check_qrcode/", {}, "invalid_client"),
    ("/v2/oauth/check_qrcode/", {"client_key": "{key}", "client_secret": "{secret}"},
     "invalid_request"),
    ("/v2/oauth/check_qrcode/", {"client_key": "{key}", "client_secret": "{secret}",
                                 "token": "NOPE"}, "invalid_request"),
    ("/v2/oauth/token/", {}, "unsupported_grant_type"),
    ("/v2/oauth/token/", {"grant_type": "password"}, "unsupported_grant_type"),
    ("/v2/oauth/token/", {"grant_type": "authorization_code"}, "invalid_client"),
    ("/v2/oauth/token/", {"grant_type": "authorization_code", "client_key": "{key}",
                          "client_secret": "{secret}"}, "invalid_request"),
    ("/v2/oauth/token/", {"grant_type": "authorization_code", "client_key": "{key}",
                          "client_secret": "{secret}", "code": "nope"}, "invalid_grant"),
]


@pytest.mark.parametrize(("path", "form", "error"), TIKTOK_CASES)
def test_tiktok_oauth_faces_answer_errors_in_tiktok_shape(app_http, world, path, form, error):
    client = world.create_client(redirect_uris=["https://p.example/cb"],
                                 scopes="user.info.basic")
    form = {k: v.replace("{key}", client["client_key"]).replace("{secret}",
                                                                 client["client_secret"])
            for k, v in form.items()}
    resp = app_http.post(path, data=form)
    assert resp.status_code == 200
    body = resp.json()
    assert body["error"] == error and body["error_description"] and len(body["log_id"]) == 34


def test_user_info_without_a_token_is_access_token_invalid(app_http):
    resp = app_http.get("/v2/user/info/", params={"fields": "open_id"})
    assert resp.status_code == 401
    assert resp.json()["error"]["code"] == "access_token_invalid"


def test_the_rfc_setting_switches_oauth_errors_to_4xx():
    from fake_tiktok_app import create_app as create_fake_app

    runtime = Runtime(Settings(db="memory", oauth_error_status="rfc"))
    client = create_fake_app(runtime=runtime).test_client()
    resp = client.post("/v2/oauth/token/", data={"grant_type": "authorization_code",
                                                 "client_key": "nope", "client_secret": "x"})
    assert resp.status_code == 401 and resp.json["error"] == "invalid_client"
    runtime.close()


JUNK = [b"", b"null", b"{}", b"[]", b'"text"', b"{\"a\": {\"b\": [1, null]}}", b"\x00\x01",
        b"{" * 50]


def test_no_route_answers_junk_with_a_500(sandbox, world):
    """Every POST/PATCH/PUT/DELETE route of both apps, fed junk bodies, stays below 500."""
    from fake_tiktok_app import create_app as create_fake_app

    runtime = sandbox.runtime
    apps = [create_app(runtime=runtime), create_fake_app(runtime=runtime)]
    shop = world.create_shop(name="Acme")
    headers = {"Authorization": f"Bearer {shop.data['seller']['token']}",
               "Content-Type": "application/json"}
    checked = 0
    for app in apps:
        client = app.test_client()
        for rule in app.url_map.iter_rules():
            for method in rule.methods - {"GET", "HEAD", "OPTIONS"}:
                path = rule.rule
                for arg in rule.arguments:
                    real = arg == "world_id" and method != "DELETE"
                    path = path.replace(f"<{arg}>", world.id if real else "x")
                for junk in JUNK:
                    resp = client.open(path, method=method, data=junk, headers=headers)
                    assert resp.status_code < 500, (method, path, junk, resp.data[:300])
                    checked += 1
    assert checked > 100


def test_a_shop_phone_that_is_not_a_string_is_a_400_and_changes_nothing(world):
    from sandbox.client import SandboxAPIError

    shop = world.create_shop(name="Acme", phone="+12025550100")
    with pytest.raises(SandboxAPIError) as err:
        shop.update(phone={"x": 1})
    assert (err.value.status, err.value.code) == (400, "INVALID_FIELD")
    assert shop.refresh()["phone"] == "+12025550100"
