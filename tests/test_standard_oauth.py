"""The standard OAuth 2.0 face over the same authlib server: RFC 8414, 6749+7636, 8628, 7009, 7662."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from urllib.parse import parse_qs, urlencode, urlparse

import pytest

from fake_tiktok_app.domain.login_kit import signature_header

REDIRECT = "https://rp.example/cb"
DEVICE = "urn:ietf:params:oauth:grant-type:device_code"


@pytest.fixture
def client(world, receiver):
    return world.create_client(name="Standard RP", redirect_uris=[REDIRECT],
                               scopes="user.info.basic,user.info.profile",
                               webhook_url=receiver.url)


@pytest.fixture
def alice(world):
    return world.create_account(username="alice", age=30, region="US")


def q(url):
    return {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}


def test_metadata_names_every_endpoint(sandbox, app_http):
    doc = app_http.get("/.well-known/oauth-authorization-server").json()
    base = sandbox.app_url
    assert doc["issuer"] == base and doc["token_endpoint"] == f"{base}/oauth/token"
    assert doc["device_authorization_endpoint"] == f"{base}/oauth/device_authorization"
    assert "S256" in doc["code_challenge_methods_supported"]


def code_flow(sandbox, app_http, client, alice):
    verifier = secrets.token_urlsafe(40)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(
        b"=").decode()
    url = f"{sandbox.app_url}/oauth/authorize?" + urlencode({
        "client_id": client["client_key"], "response_type": "code", "redirect_uri": REDIRECT,
        "scope": "user.info.basic user.info.profile", "state": "abc",
        "code_challenge": challenge, "code_challenge_method": "S256"})
    got = q(alice.app.approve(url))
    assert got["state"] == "abc" and "scopes" not in got
    resp = app_http.post("/oauth/token", data={
        "grant_type": "authorization_code", "code": got["code"], "redirect_uri": REDIRECT,
        "code_verifier": verifier}, auth=(client["client_key"], client["client_secret"]))
    assert resp.status_code == 200, resp.text
    return resp.json()


def test_authorization_code_with_pkce_and_basic_auth(sandbox, app_http, client, alice):
    token = code_flow(sandbox, app_http, client, alice)
    assert token["token_type"] == "Bearer" and token["scope"] == "user.info.basic user.info.profile"
    bad = app_http.post("/oauth/token", data={"grant_type": "authorization_code", "code": "x",
                                              "redirect_uri": REDIRECT},
                        auth=(client["client_key"], client["client_secret"]))
    assert bad.status_code == 400 and bad.json()["error"] == "invalid_grant"
    unauth = app_http.post("/oauth/token", data={"grant_type": "client_credentials"},
                           auth=(client["client_key"], "wrong"))
    assert unauth.status_code == 401 and unauth.json()["error"] == "invalid_client"


def test_introspection_and_revocation(sandbox, app_http, client, alice, receiver):
    token = code_flow(sandbox, app_http, client, alice)
    auth = (client["client_key"], client["client_secret"])
    info = app_http.post("/oauth/introspect", data={"token": token["access_token"]},
                         auth=auth).json()
    assert info["active"] is True and info["sub"] == alice.open_id
    assert info["client_id"] == client["client_key"]
    assert app_http.post("/oauth/revoke", data={"token": token["refresh_token"]},
                         auth=auth).status_code == 200
    assert app_http.post("/oauth/introspect", data={"token": token["access_token"]},
                         auth=auth).json() == {"active": False}
    got = receiver.next()
    body = json.loads(got.body)
    assert body["event"] == "authorization.removed" and json.loads(body["content"]) == {
        "reason": 5}
    t = got.headers["Tiktok-Signature"].split(",")[0][2:]
    assert got.headers["Tiktok-Signature"] == signature_header(client["client_secret"], int(t),
                                                               got.body)


def device_start(app_http, client):
    resp = app_http.post("/oauth/device_authorization", data={
        "client_id": client["client_key"], "client_secret": client["client_secret"],
        "scope": "user.info.basic"})
    assert resp.status_code == 200, resp.text
    return resp.json()


def poll(app_http, client, device_code):
    return app_http.post("/oauth/token", data={
        "grant_type": DEVICE, "device_code": device_code, "client_id": client["client_key"],
        "client_secret": client["client_secret"]})


def test_device_flow_is_approved_by_the_phone_scan_journey(sandbox, app_http, client, alice):
    start = device_start(app_http, client)
    assert start["verification_uri_complete"].startswith(f"{sandbox.app_url}/phone/authorize?")
    assert start["verification_uri"] == f"{sandbox.app_url}/phone/scan" and start["user_code"]
    pending = poll(app_http, client, start["device_code"])
    assert pending.status_code == 400 and pending.json()["error"] == "authorization_pending"
    alice.app.scan(start["verification_uri_complete"]).authorize()
    token = poll(app_http, client, start["device_code"])
    assert token.status_code == 200 and token.json()["access_token"].startswith("act.")
    assert poll(app_http, client, start["device_code"]).status_code == 400


def test_device_flow_denied_and_expired(world, app_http, client, alice):
    start = device_start(app_http, client)
    alice.app.scan(start["verification_uri_complete"]).deny()
    assert poll(app_http, client, start["device_code"]).json()["error"] == "access_denied"
    late = device_start(app_http, client)
    world.clock.advance(seconds=late["expires_in"])
    assert poll(app_http, client, late["device_code"]).json()["error"] == "expired_token"


def test_user_removes_the_app_in_tiktok(sandbox, app_http, client, alice, receiver):
    token = code_flow(sandbox, app_http, client, alice)
    assert [a["client_key"] for a in alice.app.authorized_apps()] == [client["client_key"]]
    alice.app.remove_authorization(client["client_key"])
    body = json.loads(receiver.next().body)
    assert body["user_openid"] == alice.open_id and json.loads(body["content"])["reason"] == 1
    info = app_http.get("/v2/user/info/", params={"fields": "open_id"},
                        headers={"Authorization": f"Bearer {token['access_token']}"})
    assert info.status_code == 401
    assert alice.app.authorized_apps() == []
