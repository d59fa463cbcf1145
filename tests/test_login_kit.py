"""Login Kit v2 (protocols.md §1) against the live fake app: authorize page, tokens, user info."""

from __future__ import annotations

import base64
import hashlib
import secrets
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from support import submit_form

pytestmark = pytest.mark.usefixtures("no_big_numbers")

WEB = "https://partner.example/callback/"
DESKTOP = "http://127.0.0.1:*/callback/"
SCOPE = "user.info.basic,user.info.profile"


@pytest.fixture
def web_app(world):
    return world.create_client(name="Partner Web", redirect_uris=[WEB],
                               scopes="user.info.basic,user.info.profile,user.info.stats")


@pytest.fixture
def desktop_app(world):
    return world.create_client(name="Partner Desktop", redirect_uris=[DESKTOP], scopes=SCOPE,
                               platform="desktop")


@pytest.fixture
def alice(world):
    return world.create_account(username="alice", age=27, region="US")


def authorize_url(sandbox, client, redirect_uri=WEB, scope=SCOPE, slash="/", **extra):
    query = {"client_key": client["client_key"], "scope": scope, "redirect_uri": redirect_uri,
             "state": "st-42", "response_type": "code", **extra}
    return f"{sandbox.app_url}/v2/auth/authorize{slash}?{urlencode(query)}"


def params(url):
    return {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}


def exchange(app_http, client, code, redirect_uri=WEB, **extra):
    return app_http.post("/v2/oauth/token/", data={
        "client_key": client["client_key"], "client_secret": client["client_secret"],
        "code": code, "grant_type": "authorization_code", "redirect_uri": redirect_uri, **extra})


def test_web_authorize_redirects_with_code_scopes_and_state(sandbox, app_http, web_app, alice):
    for slash in ("/", ""):
        url = alice.app.approve(authorize_url(sandbox, web_app, slash=slash))
        assert url.startswith(WEB)
        got = params(url)
        assert got["state"] == "st-42" and got["scopes"] == SCOPE and got["code"]
    body = exchange(app_http, web_app, got["code"]).json()
    assert body["access_token"].startswith("act.") and body["refresh_token"].startswith("rft.")
    assert body["expires_in"] == 86400 and body["refresh_expires_in"] == 31536000
    assert body["open_id"] == alice.open_id and body["scope"] == SCOPE
    assert body["token_type"] == "Bearer"


def test_consent_denied_redirects_with_access_denied(sandbox, web_app, alice):
    got = params(alice.app.approve(authorize_url(sandbox, web_app), decision="deny"))
    assert got["error"] == "access_denied" and got["state"] == "st-42" and "code" not in got


def test_auto_auth_skips_consent_unless_disabled(sandbox, app_http, web_app, alice):
    import httpx

    code = params(alice.app.approve(authorize_url(sandbox, web_app)))["code"]
    assert "access_token" in exchange(app_http, web_app, code).json()
    with httpx.Client() as browser:
        submit_form(browser, authorize_url(sandbox, web_app), action="login", username="alice",
                    password=alice.password)
        auto = browser.get(authorize_url(sandbox, web_app))
        assert auto.status_code == 302 and "code=" in auto.headers["location"]
        shown = browser.get(authorize_url(sandbox, web_app, disable_auto_auth="1"))
        assert shown.status_code == 200 and 'value="authorize"' in shown.text


def test_bad_password_is_refused_on_the_page(sandbox, app_http, web_app, alice):
    resp = submit_form(app_http, authorize_url(sandbox, web_app), action="login",
                       username="alice", password="nope")
    assert resp.status_code == 303  # POST → redirect → GET: the refusal shows once there
    shown = app_http.get(resp.headers["location"])
    assert shown.status_code == 401 and 'role="alert"' in shown.text
    assert 'role="alert"' not in app_http.get(resp.headers["location"]).text


def test_unregistered_redirect_uri_is_a_page_error_not_a_redirect(sandbox, app_http, web_app):
    resp = app_http.get(authorize_url(sandbox, web_app, redirect_uri="https://evil.example/cb"))
    assert resp.status_code == 400 and "redirect" in resp.text.lower()


def test_scope_not_registered_redirects_with_invalid_scope(sandbox, app_http, desktop_app):
    resp = app_http.get(authorize_url(sandbox, desktop_app, redirect_uri="http://127.0.0.1:5000/callback/",
                                      scope="user.info.basic,user.info.stats"))
    assert resp.status_code == 302 and params(resp.headers["location"])["error"] == "invalid_scope"


def test_desktop_wildcard_port_and_hex_pkce(sandbox, app_http, desktop_app, alice):
    verifier = secrets.token_urlsafe(48)
    challenge = hashlib.sha256(verifier.encode()).hexdigest()
    redirect = "http://127.0.0.1:53682/callback/"
    url = alice.app.approve(authorize_url(sandbox, desktop_app, redirect_uri=redirect,
                                          code_challenge=challenge, code_challenge_method="S256"))
    assert url.startswith(redirect)
    code = params(url)["code"]
    bad = exchange(app_http, desktop_app, code, redirect, code_verifier="x" * 43).json()
    assert bad["error"] == "invalid_grant"
    # A code is spent only when tokens are issued, so the right verifier still works.
    good = exchange(app_http, desktop_app, code, redirect, code_verifier=verifier).json()
    assert good["access_token"].startswith("act.")


def test_web_base64url_pkce(sandbox, app_http, web_app, alice):
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(
        b"=").decode()
    code = params(alice.app.approve(authorize_url(sandbox, web_app, code_challenge=challenge,
                                                  code_challenge_method="S256")))["code"]
    missing = exchange(app_http, web_app, code).json()
    assert missing["error"] == "invalid_request"
    assert "access_token" in exchange(app_http, web_app, code, code_verifier=verifier).json()


def test_wildcard_port_refuses_other_hosts(sandbox, app_http, desktop_app):
    resp = app_http.get(authorize_url(sandbox, desktop_app, redirect_uri="http://evil.test:80/callback/"))
    assert resp.status_code == 400


def test_redirect_uri_mismatch_at_token_endpoint(sandbox, app_http, web_app, alice):
    code = params(alice.app.approve(authorize_url(sandbox, web_app)))["code"]
    resp = exchange(app_http, web_app, code, "https://partner.example/other/")
    assert resp.status_code == 200 and resp.json()["error"] == "invalid_grant"
    assert len(resp.json()["log_id"]) == 34


def test_replayed_code_is_refused_and_its_tokens_revoked(sandbox, app_http, web_app, alice):
    code = params(alice.app.approve(authorize_url(sandbox, web_app)))["code"]
    first = exchange(app_http, web_app, code).json()
    assert exchange(app_http, web_app, code).json()["error"] == "invalid_grant"
    info = app_http.get("/v2/user/info/", params={"fields": "open_id"},
                        headers={"Authorization": f"Bearer {first['access_token']}"})
    assert info.status_code == 401 and info.json()["error"]["code"] == "access_token_invalid"


def tokens_for(sandbox, app_http, client, account, scope=SCOPE):
    code = params(account.app.approve(authorize_url(sandbox, client, scope=scope)))["code"]
    return exchange(app_http, client, code).json()


def refresh(app_http, client, refresh_token):
    return app_http.post("/v2/oauth/token/", data={
        "client_key": client["client_key"], "client_secret": client["client_secret"],
        "grant_type": "refresh_token", "refresh_token": refresh_token}).json()


def test_refresh_rotates_and_the_old_refresh_token_stops_working(sandbox, app_http, web_app,
                                                                 alice, world):
    tokens = tokens_for(sandbox, app_http, web_app, alice)
    world.clock.advance(days=10)
    new = refresh(app_http, web_app, tokens["refresh_token"])
    assert new["access_token"] != tokens["access_token"]
    assert new["refresh_token"] != tokens["refresh_token"] and new["scope"] == SCOPE
    # The 365-day window runs from the first issue: 355 days remain.
    assert new["refresh_expires_in"] == 355 * 86400
    assert refresh(app_http, web_app, tokens["refresh_token"])["error"] == "invalid_grant"
    # As TikTok documents, only the old token stops working: the newest one still refreshes.
    assert refresh(app_http, web_app, new["refresh_token"])["refresh_token"].startswith("rft.")


def test_expired_access_token_is_refused(sandbox, app_http, web_app, alice, world):
    tokens = tokens_for(sandbox, app_http, web_app, alice)
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert app_http.get("/v2/user/info/", params={"fields": "open_id"},
                        headers=headers).status_code == 200
    world.clock.advance(hours=24)
    resp = app_http.get("/v2/user/info/", params={"fields": "open_id"}, headers=headers)
    assert resp.status_code == 401 and resp.json()["error"]["code"] == "access_token_invalid"
    world.clock.advance(days=365)
    assert refresh(app_http, web_app, tokens["refresh_token"])["error"] == "invalid_grant"


def test_revoke_ends_the_token(sandbox, app_http, web_app, alice):
    tokens = tokens_for(sandbox, app_http, web_app, alice)
    resp = app_http.post("/v2/oauth/revoke/", data={
        "client_key": web_app["client_key"], "client_secret": web_app["client_secret"],
        "token": tokens["access_token"]})
    assert resp.status_code == 200 and resp.json() == {}
    info = app_http.get("/v2/user/info/", params={"fields": "open_id"},
                        headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert info.status_code == 401
    assert refresh(app_http, web_app, tokens["refresh_token"])["error"] == "invalid_grant"
    bad = app_http.post("/v2/oauth/revoke/", data={
        "client_key": web_app["client_key"], "client_secret": "wrong", "token": "x"})
    assert bad.status_code == 200 and bad.json()["error"] == "invalid_client"


def test_user_info_fields_are_checked_against_scopes(sandbox, app_http, web_app, alice):
    tokens = tokens_for(sandbox, app_http, web_app, alice)
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    ok = app_http.get("/v2/user/info/", params={"fields": "open_id,display_name,username"},
                      headers=headers).json()
    assert ok["error"]["code"] == "ok" and ok["data"]["user"]["username"] == "alice"
    stats = app_http.get("/v2/user/info/", params={"fields": "open_id,follower_count"},
                         headers=headers)
    assert stats.status_code == 401 and stats.json()["error"]["code"] == "scope_not_authorized"
    full = tokens_for(sandbox, app_http, web_app, alice,
                      scope="user.info.basic,user.info.profile,user.info.stats")
    stats = app_http.get("/v2/user/info/", params={"fields": "follower_count,likes_count"},
                         headers={"Authorization": f"Bearer {full['access_token']}"}).json()
    assert stats["data"]["user"] == {"follower_count": 0, "likes_count": 0}


def test_client_credentials_issue_clt_tokens(app_http, web_app):
    body = app_http.post("/v2/oauth/token/", data={
        "client_key": web_app["client_key"], "client_secret": web_app["client_secret"],
        "grant_type": "client_credentials"}).json()
    assert body["access_token"].startswith("clt.") and body["expires_in"] == 7200
    assert body["token_type"] == "Bearer" and "refresh_token" not in body
    bad = app_http.post("/v2/oauth/token/", data={
        "client_key": web_app["client_key"], "client_secret": "nope",
        "grant_type": "client_credentials"})
    assert bad.status_code == 200 and bad.json()["error"] == "invalid_client"
