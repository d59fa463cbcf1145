"""Login Kit token lifetimes are settings: the classic 24 h / 365 d and the newer 2 h / 180 d."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlparse

import httpx
import pytest
from support import suite_database_url

from sandbox.client import Sandbox


@pytest.fixture(scope="module")
def newer():
    local = Sandbox.local(db=suite_database_url(), token_preset="2026",
                          oauth_error_status="rfc")
    yield local
    local.stop()


def test_2026_preset_gives_2h_180d_and_rotates(newer):
    world = newer.create_world(name="preset", frozen=True)
    try:
        client = world.create_client(name="P", redirect_uris=["https://p.example/cb"],
                                     scopes="user.info.basic")
        alice = world.create_account(username="alice", age=30, region="US")
        url = f"{newer.app_url}/v2/auth/authorize/?" + urlencode({
            "client_key": client["client_key"], "scope": "user.info.basic",
            "redirect_uri": "https://p.example/cb", "response_type": "code", "state": "s"})
        code = parse_qs(urlparse(alice.app.approve(url)).query)["code"][0]
        with httpx.Client(base_url=newer.app_url) as http:
            form = {"client_key": client["client_key"], "client_secret": client["client_secret"]}
            tokens = http.post("/v2/oauth/token/", data={
                **form, "code": code, "grant_type": "authorization_code",
                "redirect_uri": "https://p.example/cb"}).json()
            assert tokens["expires_in"] == 7200 and tokens["refresh_expires_in"] == 180 * 86400
            world.clock.advance(hours=3)
            info = http.get("/v2/user/info/", params={"fields": "open_id"},
                            headers={"Authorization": f"Bearer {tokens['access_token']}"})
            assert info.status_code == 401
            new = http.post("/v2/oauth/token/", data={
                **form, "grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]})
            assert new.status_code == 200 and new.json()["expires_in"] == 7200
            again = http.post("/v2/oauth/token/", data={
                **form, "grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]})
            assert again.status_code == 400 and again.json()["error"] == "invalid_grant"
    finally:
        world.delete()
