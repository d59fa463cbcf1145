"""/openapi.json names every API route with its methods, and the routes answer as it says."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import httpx
import pytest

from fake_tiktok_app import create_app as create_fake_app
from sandbox.app import create_app
from sandbox.kernel.runtime import Runtime
from sandbox.kernel.settings import Settings
from sandbox.openapi.document import build_spec

try:  # comes with openapi-spec-validator (the test extra); without it bodies go unchecked
    from jsonschema import Draft202012Validator
except ImportError:  # pragma: no cover
    Draft202012Validator = None

ROOT = Path(__file__).resolve().parent.parent
API_PREFIXES = ("/_sandbox/v1/", "/api/v1/", "/app/api/v1/", "/v2/", "/api/v2/", "/authorization/",
                "/event/", "/sandbox/", "/oauth/", "/.well-known/")
METHODS = ("get", "put", "post", "delete", "patch")
APP_PORT = ":8701"
# Documented under another parameter name than the route's (openapi_issue3.py); rename them
# there, then drop them here. The test fails when an entry no longer drifts.
NAME_DRIFT = {
    "/api/v1/organization-accounts/{id}": "/api/v1/organization-accounts/{org_id}",
    "/api/v1/upgrades/{id}": "/api/v1/upgrades/{request_id}",
    "/api/v1/upgrades/{id}/cancel": "/api/v1/upgrades/{request_id}/cancel",
    "/api/v1/upgrades/{id}/complete": "/api/v1/upgrades/{request_id}/complete",
    "/sandbox/v1/organization-accounts/{id}/status":
        "/sandbox/v1/organization-accounts/{creation_id}/status",
    "/sandbox/v1/upgrades/{id}/status": "/sandbox/v1/upgrades/{upgrade_id}/status",
    "/sandbox/v1/upgrades/{id}/{action}": "/sandbox/v1/upgrades/{upgrade_id}/{action}",
}


@pytest.fixture(scope="module")
def apps():
    runtime = Runtime(Settings(db="memory"))
    fake = create_fake_app(runtime=runtime)
    seller = create_app(runtime=runtime, app_transport=httpx.WSGITransport(app=fake))
    yield seller, fake
    runtime.close()


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return build_spec()


def template(rule: str) -> str:
    """A Flask rule as an OpenAPI path: <int:x> → {x}, without the trailing slash."""
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule).rstrip("/") or "/"


def served(app) -> set[tuple[str, str]]:
    return {(template(rule.rule), method.lower()) for rule in app.url_map.iter_rules()
            for method in rule.methods - {"HEAD", "OPTIONS"}}


def documented(spec: dict[str, Any]) -> set[tuple[str, str]]:
    return {(template(NAME_DRIFT.get(path, path)), method)
            for path, item in spec["paths"].items() for method in item if method in METHODS}


def operations(spec: dict[str, Any]):
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def test_every_api_route_is_documented_with_its_methods(apps, spec):
    routes = {r for app in apps for r in served(app) if (r[0] + "/").startswith(API_PREFIXES)}
    assert not routes - documented(spec), sorted(routes - documented(spec))


def test_every_documented_operation_is_served(apps, spec):
    ghosts = documented(spec) - served(apps[0]) - served(apps[1])
    assert not ghosts, sorted(ghosts)
    still_drifting = [p for p in NAME_DRIFT if p in spec["paths"]]
    assert still_drifting == list(NAME_DRIFT), "remove fixed entries from NAME_DRIFT"


def test_paths_on_the_app_port_say_so(apps, spec):
    app_paths = {p for p, _ in served(apps[1])} - {p for p, _ in served(apps[0])}
    for path, item in spec["paths"].items():
        urls = [s["url"].format(**{k: v["default"] for k, v in s.get("variables", {}).items()})
                for s in item.get("servers", [])]
        on_app = template(NAME_DRIFT.get(path, path)) in app_paths
        assert bool(urls) == on_app and all(APP_PORT in u for u in urls), (path, urls)
    assert all(APP_PORT not in s["url"] for s in spec["servers"])


def test_path_parameters_are_declared(spec):
    for path, method, operation in operations(spec):
        declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
        declared |= {p["name"] for p in spec["paths"][path].get("parameters", [])
                     if p["in"] == "path"}
        assert declared == set(re.findall(r"\{(\w+)\}", path)), (path, method)


def _refs(node: Any):
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_structure_refs_responses_security_and_tags(spec):
    """What a validator would say, without one: every $ref resolves, every operation answers."""
    for pointer in set(_refs(spec)):
        assert pointer.startswith("#/"), pointer
        node: Any = spec
        for part in pointer[2:].split("/"):
            assert part in node, pointer
            node = node[part]
    tags = {t["name"] for t in spec["tags"]}
    schemes = spec["components"]["securitySchemes"]
    for path, method, operation in operations(spec):
        where = f"{method.upper()} {path}"
        assert operation.get("summary") and operation["responses"], where
        assert any(s[0] in "23" for s in operation["responses"]), where
        assert set(operation["tags"]) <= tags, where
        for requirement in operation.get("security", []):
            assert set(requirement) <= set(schemes), where
        for status, response in operation["responses"].items():
            assert "description" in response, (where, status)


def test_the_document_is_valid_openapi_3_1(spec):
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(spec)


def test_the_document_is_served_at_openapi_json(apps, spec):
    resp = apps[0].test_client().get("/openapi.json")
    assert resp.status_code == 200 and resp.mimetype == "application/json"
    assert json.loads(resp.get_data(as_text=True)) == json.loads(json.dumps(spec))


def test_documented_error_codes_exist_in_the_source(spec):
    source = "\n".join(p.read_text() for d in ("sandbox", "fake_tiktok_app")
                       for p in (ROOT / d).rglob("*.py") if not p.name.startswith("openapi"))
    literals = set(re.findall(r'"([A-Z][A-Z0-9_]+)"', source))
    patterns = [re.sub(r"\\\{[^}]*\\\}", "[A-Z_]+", re.escape(p))
                for p in re.findall(r'f"([A-Z][A-Z0-9_]*\{[^"]+)"', source)]
    codes = {c for _, _, o in operations(spec) for r in o["responses"].values()
             for c in r.get("x-error-codes", []) if c.isupper()}
    unknown = [c for c in codes
               if c not in literals and not any(re.fullmatch(p, c) for p in patterns)]
    assert codes and not unknown, unknown


# -- the routes answer as documented ----------------------------------------------------------


class Checked:
    """Calls a route and fails unless its status, error code and body are what the document
    says for that operation."""

    def __init__(self, apps, spec: dict[str, Any]) -> None:
        self.seller, self.fake = (a.test_client() for a in apps)
        self.spec = spec

    def __call__(self, method: str, path: str, *, expect: int | None = None,
                 auth: str | None = None, remote: str = "127.0.0.1", **kw: Any) -> Any:
        documented_path, _, query = path.partition("?")
        concrete = re.sub(r"\{(\w+)\}", lambda m: str(kw.pop(m.group(1))), documented_path)
        concrete += f"?{query}" if query else ""
        item = self.spec["paths"][documented_path]
        client = self.fake if "servers" in item else self.seller
        headers = {"Authorization": f"Bearer {auth}"} if auth else {}
        resp = client.open(concrete, method=method.upper(), headers=headers,
                           environ_base={"REMOTE_ADDR": remote}, **kw)
        where = f"{method.upper()} {concrete} → {resp.status_code} {resp.get_data(as_text=True)}"
        if expect is not None:
            assert resp.status_code == expect, where
        response = item[method]["responses"].get(str(resp.status_code))
        assert response is not None, f"undocumented status: {where}"
        body = resp.get_json(silent=True)
        schema = response.get("content", {}).get("application/json", {}).get("schema")
        if schema is not None and Draft202012Validator is not None:
            errors = list(Draft202012Validator({**schema, "components": self.spec["components"]})
                          .iter_errors(body))
            assert not errors, f"{where}: {errors[0].message}"
        code = self.error_code(body)
        if resp.status_code >= 400:  # (areas that document only statuses list no codes)
            assert code in response.get("x-error-codes", [code]), f"undocumented code: {where}"
        elif isinstance(body, dict) and "error_description" in body:  # TikTok's OAuth, HTTP 200
            listed = {c for r in item[method]["responses"].values()
                      for c in r.get("x-error-codes", [])}
            assert code in listed, f"undocumented code: {where}"
        return body

    @staticmethod
    def error_code(body: Any) -> str | None:
        error = body.get("error") if isinstance(body, dict) else None
        if isinstance(error, dict):
            return None if error.get("code") in (None, "ok") else error["code"]
        return error if isinstance(error, str) else None


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


def _token_of(qr_url: str) -> str:
    return parse_qs(urlparse(qr_url).query)["token"][0]


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
    qr = {"token": _token_of(req["qr_url"])}
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
    call("post", "/app/api/v1/qr/{token}/authorize", token=_token_of(req["qr_url"]), auth=at,
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
    call("get", "/v2/user/info/?fields=shoe_size", auth=act, expect=400)
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


def _fill(path: str) -> dict[str, str]:
    return {name: "1" for name in re.findall(r"\{(\w+)\}", path)}


def test_logged_out_callers_get_the_documented_refusal(call, spec):
    """Each actor-API operation that declares a token refuses a call without one (401 with the
    documented code); each that declares none (login) does not ask for one."""
    asked = {"SELLER_LOGIN_REQUIRED", "APP_LOGIN_REQUIRED"}
    for path, method, operation in operations(spec):
        if not path.startswith(("/api/v1/", "/app/api/v1/")):
            continue
        body = call(method, path, **_fill(path), json={})
        code = call.error_code(body)
        if operation["security"]:
            assert code in asked, (method, path, body)
        else:
            assert code not in asked, (method, path, body)


def test_the_control_plane_needs_its_token_beyond_loopback(call, spec):
    for path, method, operation in operations(spec):
        if path.startswith("/_sandbox/v1/"):
            assert operation["security"] == [{}, {"control": []}], path
            call(method, path, **_fill(path), json={}, remote="10.0.0.7", expect=403)
