"""A code_verifier for a code authorized without a code_challenge: ignored, or refused (pkce_strict)."""

from __future__ import annotations

import base64
import hashlib
import secrets

import pytest
from test_oauth_edges import SCOPE, WEB, authorize_url, params, user_info


@pytest.fixture
def web_app(world):
    return world.create_client(name="PKCE Web", redirect_uris=[WEB], scopes=SCOPE)


@pytest.fixture
def alice(world):
    return world.create_account(username="alice", age=27, region="US")


def exchange(http, client, code, path="/v2/oauth/token/", **extra):
    key = "client_id" if path.startswith("/oauth/") else "client_key"
    return http.post(path, data={
        key: client["client_key"], "client_secret": client["client_secret"], "code": code,
        "grant_type": "authorization_code", "redirect_uri": WEB, **extra})


def code_of(sandbox, client, account, **challenge):
    return params(account.app.approve(authorize_url(sandbox.app_url, client, **challenge)))["code"]


@pytest.mark.parametrize("path", ["/v2/oauth/token/", "/oauth/token"])
def test_a_verifier_without_a_challenge_is_ignored_by_default(sandbox, app_http, web_app,
                                                             alice, path):
    code = code_of(sandbox, web_app, alice)
    resp = exchange(app_http, web_app, code, path, code_verifier=secrets.token_urlsafe(48))
    assert resp.status_code == 200 and "access_token" in resp.json(), resp.text
    assert user_info(app_http, resp.json()["access_token"]).status_code == 200


@pytest.mark.sandbox_world(settings={"pkce_strict": True})
def test_pkce_strict_refuses_a_verifier_without_a_challenge(sandbox, app_http, web_app, alice):
    code = code_of(sandbox, web_app, alice)
    refused = exchange(app_http, web_app, code, code_verifier=secrets.token_urlsafe(48)).json()
    assert refused["error"] == "invalid_request" and "access_token" not in refused
    # The refusal spent nothing: the same code without a verifier is exchanged.
    assert "access_token" in exchange(app_http, web_app, code).json()


@pytest.mark.parametrize("strict", [False, True])
def test_a_verifier_is_checked_against_the_challenge_either_way(sandbox, app_http, world,
                                                                web_app, alice, strict):
    world.set_settings(pkce_strict=strict)
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(
        b"=").decode()
    code = code_of(sandbox, web_app, alice, code_challenge=challenge,
                   code_challenge_method="S256")
    assert exchange(app_http, web_app, code).json()["error"] == "invalid_request"
    assert exchange(app_http, web_app, code, code_verifier="x" * 43).json()[
        "error"] == "invalid_grant"
    assert "access_token" in exchange(app_http, web_app, code, code_verifier=verifier).json()
