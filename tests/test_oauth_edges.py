"""OAuth edges of the fake app: odd secrets and parameters, redirect URIs, refresh scope and reuse."""

from __future__ import annotations

import base64
from urllib.parse import parse_qs, urlencode, urlparse

import httpx
import pytest
from support import suite_database_url

from fake_tiktok_app.app import create_app
from sandbox.client import Sandbox
from sandbox.kernel.settings import Settings

WEB = "https://partner.example/callback/"
DESKTOP = "http://127.0.0.1:*/callback/"
SCOPE = "user.info.basic,user.info.profile"


@pytest.fixture
def web_app(world):
    return world.create_client(name="Edges Web", redirect_uris=[WEB], scopes=SCOPE)


@pytest.fixture
def desktop_app(world):
    return world.create_client(name="Edges Desktop", redirect_uris=[DESKTOP], scopes=SCOPE,
                               platform="desktop")


@pytest.fixture
def alice(world):
    return world.create_account(username="alice", age=27, region="US")


def params(url):
    return {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}


def authorize_url(base, client, redirect_uri=WEB, path="/v2/auth/authorize/", **extra):
    key = "client_id" if path.startswith("/oauth/") else "client_key"
    query = {key: client["client_key"], "scope": SCOPE, "redirect_uri": redirect_uri,
             "state": "st", "response_type": "code", **extra}
    return f"{base}{path}?{urlencode(query)}"


def tokens_for(base, http, client, account):
    code = params(account.app.approve(authorize_url(base, client)))["code"]
    resp = http.post("/v2/oauth/token/", data={
        "client_key": client["client_key"], "client_secret": client["client_secret"],
        "code": code, "grant_type": "authorization_code", "redirect_uri": WEB})
    return resp.json()


def refresh(http, client, refresh_token, path="/v2/oauth/token/", **extra):
    return http.post(path, data={
        "client_key": client["client_key"], "client_secret": client["client_secret"],
        "grant_type": "refresh_token", "refresh_token": refresh_token, **extra})


def user_info(http, access_token, fields="open_id"):
    return http.get("/v2/user/info/", params={"fields": fields},
                    headers={"Authorization": f"Bearer {access_token}"})


# -- 1. client secrets are compared as bytes ---------------------------------------------------
SECRET = "\u00e9"
NON_ASCII_SECRET_CALLS = [
    ("/v2/oauth/token/", "client_key", {"grant_type": "client_credentials"}, False),
    ("/oauth/token", "client_id", {"grant_type": "client_credentials"}, False),
    ("/oauth/token", None, {"grant_type": "client_credentials"}, True),
    ("/oauth/revoke", "client_id", {"token": "x"}, False),
    ("/v2/oauth/revoke/", "client_key", {"token": "x"}, False),
    ("/oauth/introspect", "client_id", {"token": "x"}, False),
    ("/v2/oauth/check_qrcode/", "client_key", {"token": "x"}, False),
    ("/oauth/device_authorization", "client_id", {"scope": "user.info.basic"}, False),
]


@pytest.mark.parametrize(("path", "key_field", "form", "basic"), NON_ASCII_SECRET_CALLS)
def test_non_ascii_client_secret_is_invalid_client_not_a_crash(app_http, web_app, path,
                                                               key_field, form, basic):
    data = dict(form)
    auth = None
    if basic:
        token = base64.b64encode(f"{web_app['client_key']}:{SECRET}".encode()).decode()
        auth = {"Authorization": f"Basic {token}"}
    else:
        data.update({key_field: web_app["client_key"], "client_secret": SECRET})
    resp = app_http.post(path, data=data, headers=auth)
    assert resp.status_code < 500 and resp.json()["error"] == "invalid_client", resp.text


def test_wrong_secret_says_what_tiktok_says_not_authlib_method_names(app_http, web_app):
    body = app_http.post("/v2/oauth/token/", data={
        "client_key": web_app["client_key"], "client_secret": "wrong",
        "grant_type": "client_credentials"}).json()
    assert body["error"] == "invalid_client"
    assert body["error_description"] == "Client key or secret is invalid."
    rfc = app_http.post("/oauth/token", data={"grant_type": "client_credentials"},
                        auth=(web_app["client_key"], "wrong")).json()
    assert "client_key_post" not in rfc["error_description"]


def test_basic_auth_with_the_same_client_in_the_body_is_accepted_a_different_one_refused(
        app_http, web_app, world):
    auth = (web_app["client_key"], web_app["client_secret"])
    for field in ("client_id", "client_key"):
        same = app_http.post("/oauth/token", data={"grant_type": "client_credentials",
                                                   field: web_app["client_key"]}, auth=auth)
        assert same.status_code == 200 and same.json()["access_token"].startswith("clt.")
    other = world.create_client(name="Other", redirect_uris=[WEB], scopes=SCOPE)
    differs = app_http.post("/oauth/token", data={"grant_type": "client_credentials",
                                                  "client_id": other["client_key"]}, auth=auth)
    assert differs.status_code == 401 and differs.json()["error"] == "invalid_client"


# -- 2. authorize parameters that an error description cannot quote ----------------------------
@pytest.mark.parametrize("path", ["/v2/auth/authorize/", "/oauth/authorize"])
def test_non_ascii_response_type_redirects_with_unsupported_response_type(sandbox, app_http,
                                                                          web_app, path):
    resp = app_http.get(authorize_url(sandbox.app_url, web_app, path=path,
                                      response_type="\u00e9"))
    assert resp.status_code == 302
    assert params(resp.headers["location"])["error"] == "unsupported_response_type"


@pytest.mark.parametrize("path", ["/v2/auth/authorize/", "/oauth/authorize"])
def test_non_ascii_redirect_uri_is_a_page_error(sandbox, app_http, web_app, path):
    resp = app_http.get(authorize_url(sandbox.app_url, web_app, path=path,
                                      redirect_uri="https://partner.example/\u00e9/"))
    assert resp.status_code == 400


# -- 3, 4. the loopback wildcard is a pattern with plain ports ----------------------------------
@pytest.mark.parametrize("redirect_uri", [
    DESKTOP,  # the pattern itself is no target
    "http://user:pw@127.0.0.1:5555/callback/",
    "http://127.0.0.1:05555/callback/",
])
def test_wildcard_redirect_refuses_the_pattern_userinfo_and_leading_zero_ports(
        sandbox, app_http, desktop_app, redirect_uri):
    resp = app_http.get(authorize_url(sandbox.app_url, desktop_app, redirect_uri=redirect_uri))
    assert resp.status_code == 400 and "location" not in resp.headers


def test_wildcard_redirect_still_accepts_a_plain_loopback_port(sandbox, desktop_app, alice):
    redirect = "http://127.0.0.1:5555/callback/"
    url = alice.app.approve(authorize_url(sandbox.app_url, desktop_app, redirect_uri=redirect))
    assert url.startswith(redirect) and params(url)["code"]


# -- 5. refresh may narrow the scope (either separator), never widen it -------------------------
@pytest.mark.parametrize(("path", "sep"), [("/v2/oauth/token/", ","), ("/oauth/token", " "),
                                           ("/v2/oauth/token/", " "), ("/oauth/token", ",")])
def test_refresh_with_a_subset_scope_is_accepted_and_a_wider_one_refused(
        sandbox, app_http, web_app, alice, path, sep):
    tokens = tokens_for(sandbox.app_url, app_http, web_app, alice)
    same = refresh(app_http, web_app, tokens["refresh_token"], path,
                   scope=sep.join(["user.info.profile", "user.info.basic"]))
    assert same.status_code == 200, same.text
    narrow = refresh(app_http, web_app, same.json()["refresh_token"], path,
                     scope="user.info.basic").json()
    assert narrow["scope"] == "user.info.basic"
    wide = refresh(app_http, web_app, narrow["refresh_token"], path,
                   scope=sep.join(["user.info.basic", "user.info.stats"])).json()
    assert wide["error"] == "invalid_scope"
    # The refresh token keeps the whole grant (RFC 6749 §6): the full scope comes back.
    full = refresh(app_http, web_app, narrow["refresh_token"], path).json()
    assert set(full["scope"].replace(",", " ").split()) == set(SCOPE.split(","))


# -- 6. a replayed refresh token is refused; its family lives on unless the world says ---------
def _without_log_id(body):
    return {k: v for k, v in body.items() if k != "log_id"}


def test_replayed_refresh_token_is_refused_and_the_newest_tokens_keep_working(
        sandbox, app_http, web_app, alice):
    first = tokens_for(sandbox.app_url, app_http, web_app, alice)
    second = refresh(app_http, web_app, first["refresh_token"]).json()
    third = refresh(app_http, web_app, second["refresh_token"]).json()
    replay = refresh(app_http, web_app, first["refresh_token"])
    # Refused as any invalid refresh token is (TikTok documents no other answer).
    unknown = refresh(app_http, web_app, "rft.never-issued")
    assert (replay.status_code, _without_log_id(replay.json())) == (
        unknown.status_code, _without_log_id(unknown.json()))
    assert replay.json()["error"] == "invalid_grant"
    for token in (second, third):
        assert user_info(app_http, token["access_token"]).status_code == 200
    fourth = refresh(app_http, web_app, third["refresh_token"]).json()
    assert fourth["refresh_token"].startswith("rft.")
    assert user_info(app_http, fourth["access_token"]).status_code == 200


@pytest.mark.sandbox_world(settings={"refresh_reuse_revokes_family": True})
def test_refresh_reuse_revokes_family_makes_a_replay_revoke_every_token_of_the_grant(
        sandbox, app_http, web_app, alice):
    first = tokens_for(sandbox.app_url, app_http, web_app, alice)
    second = refresh(app_http, web_app, first["refresh_token"]).json()
    third = refresh(app_http, web_app, second["refresh_token"]).json()
    assert user_info(app_http, third["access_token"]).status_code == 200
    replay = refresh(app_http, web_app, first["refresh_token"]).json()
    assert replay["error"] == "invalid_grant"
    for token in (first, second, third):
        assert user_info(app_http, token["access_token"]).status_code == 401
    assert refresh(app_http, web_app, third["refresh_token"]).json()["error"] == "invalid_grant"


@pytest.mark.sandbox_world(settings={"refresh_reuse_revokes_family": True})
def test_refresh_reuse_revokes_family_spares_another_grant(sandbox, app_http, web_app, alice):
    mine = tokens_for(sandbox.app_url, app_http, web_app, alice)
    other = tokens_for(sandbox.app_url, app_http, web_app, alice)
    refresh(app_http, web_app, mine["refresh_token"])
    refresh(app_http, web_app, mine["refresh_token"])  # the replay
    assert user_info(app_http, mine["access_token"]).status_code == 401
    assert user_info(app_http, other["access_token"]).status_code == 200


@pytest.fixture(scope="module")
def strict():
    """Family revocation and strict user-info fields on as the deployment's defaults."""
    local = Sandbox.local(db=suite_database_url(), refresh_reuse_revokes_family=True,
                          user_info_strict_fields=True)
    yield local
    local.stop()


def test_deployment_defaults_turn_on_family_revocation_and_strict_fields(strict):
    world = strict.create_world(name="strict", frozen=True)
    try:
        client = world.create_client(name="S", redirect_uris=[WEB], scopes=SCOPE)
        bob = world.create_account(username="bob", age=30, region="US")
        with httpx.Client(base_url=strict.app_url) as http:
            first = tokens_for(strict.app_url, http, client, bob)
            second = refresh(http, client, first["refresh_token"]).json()
            loose = user_info(http, second["access_token"], "open_id,favourite_colour")
            assert loose.status_code == 400
            assert loose.json()["error"]["code"] == "invalid_params"
            assert refresh(http, client, first["refresh_token"]).json()["error"] == "invalid_grant"
            assert user_info(http, second["access_token"]).status_code == 401
            assert refresh(http, client, second["refresh_token"]).json()["error"] == \
                "invalid_grant"
    finally:
        world.delete()


# -- 7. user info ignores fields it does not know -----------------------------------------------
def test_user_info_answers_the_known_fields_and_ignores_unknown_ones(sandbox, app_http, web_app,
                                                                     alice):
    tokens = tokens_for(sandbox.app_url, app_http, web_app, alice)
    resp = user_info(app_http, tokens["access_token"], "open_id,favourite_colour,username")
    assert resp.status_code == 200, resp.text
    assert resp.json()["data"]["user"] == {"open_id": alice.open_id, "username": "alice"}
    only_unknown = user_info(app_http, tokens["access_token"], "favourite_colour")
    assert only_unknown.status_code == 200 and only_unknown.json()["data"]["user"] == {}


# -- 10. metadata names the issuer the app really has -------------------------------------------
@pytest.mark.parametrize("app_url", ["http://0.0.0.0:8701", "http://192.168.1.20:8701"])
def test_metadata_is_served_with_a_plain_http_lan_issuer(app_url):
    app = create_app(Settings(db="memory", app_url=app_url, seed_demo=False))
    resp = app.test_client().get("/.well-known/oauth-authorization-server")
    assert resp.status_code == 200, resp.get_data(as_text=True)
    doc = resp.get_json()
    assert doc["issuer"] == app_url and doc["token_endpoint"] == f"{app_url}/oauth/token"
