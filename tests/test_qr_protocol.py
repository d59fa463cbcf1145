"""TikTok's QR authorization protocol (protocols.md §2) over HTTP against the live fake app."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from sandbox.client import SandboxAPIError

REDIRECT = "https://partner.example/callback"
SCOPE = "user.info.basic,user.info.profile"


@pytest.fixture
def partner(world):
    """A partner's desktop app registered through the control plane."""
    return world.create_client(name="Partner Desktop", redirect_uris=[REDIRECT], scopes=SCOPE)


@pytest.fixture
def alice(world):
    return world.create_account(username="alice", age=27, region="US")


def get_qr(app_http, partner, state="st-1", scope=SCOPE):
    resp = app_http.post("/v2/oauth/get_qrcode/", data={
        "client_key": partner["client_key"], "scope": scope, "state": state})
    assert resp.status_code == 200
    return resp.json()


def check(app_http, partner, token, secret=None):
    resp = app_http.post("/v2/oauth/check_qrcode/", data={
        "client_key": partner["client_key"],
        "client_secret": partner["client_secret"] if secret is None else secret, "token": token})
    assert resp.status_code == 200  # TikTok answers errors with HTTP 200 too
    return resp.json()


def filled(qr, ticket="my-ticket-123"):
    return qr["scan_qrcode_url"].replace("client_ticket=tobefilled", f"client_ticket={ticket}")


def exchange(app_http, partner, code, redirect_uri=REDIRECT):
    return app_http.post("/v2/oauth/token/", data={
        "client_key": partner["client_key"], "client_secret": partner["client_secret"],
        "code": code, "grant_type": "authorization_code", "redirect_uri": redirect_uri})


def test_get_qrcode_returns_an_http_scan_url_with_ticket_placeholder(app_http, partner):
    qr = get_qr(app_http, partner)
    assert set(qr) == {"scan_qrcode_url", "token"}
    url = urlparse(qr["scan_qrcode_url"])
    assert url.scheme == "http" and url.path == "/phone/authorize"
    assert parse_qs(url.query)["client_ticket"] == ["tobefilled"]


def test_qr_walks_new_scanned_confirmed_utilised(app_http, partner, alice):
    qr = get_qr(app_http, partner, state="xyz")
    assert check(app_http, partner, qr["token"]) == {"client_ticket": "", "status": "new"}

    alice.app.scan(filled(qr))
    assert check(app_http, partner, qr["token"]) == {"client_ticket": "my-ticket-123",
                                                      "status": "scanned"}

    alice.app.scan(filled(qr)).authorize()
    confirmed = check(app_http, partner, qr["token"])
    assert confirmed["status"] == "confirmed"
    assert confirmed["client_ticket"] == "my-ticket-123"
    assert confirmed["state"] == "xyz" and confirmed["code"]
    # Both documented shapes: top-level code/state and a redirect_uri carrying them.
    query = parse_qs(urlparse(confirmed["redirect_uri"]).query)
    assert confirmed["redirect_uri"].startswith(REDIRECT + "?")
    assert query["code"] == [confirmed["code"]] and query["state"] == ["xyz"]

    assert check(app_http, partner, qr["token"]) == {"client_ticket": "my-ticket-123",
                                                      "status": "utilised"}


def test_qr_expires_when_the_world_clock_passes_the_ttl(world, app_http, partner):
    qr = get_qr(app_http, partner)
    world.clock.advance(119)
    assert check(app_http, partner, qr["token"])["status"] == "new"
    result = world.clock.advance(1)
    assert [e["type"] for e in result.fired] == ["qr.expired"]
    assert check(app_http, partner, qr["token"]) == {"client_ticket": "", "status": "expired"}


def test_a_scanned_qr_expires_and_can_no_longer_be_authorized(world, app_http, partner, alice):
    qr = get_qr(app_http, partner)
    scanned = alice.app.scan(filled(qr))
    world.clock.advance(120)
    with pytest.raises(SandboxAPIError) as err:
        scanned.authorize()
    assert err.value.code == "QR_EXPIRED"
    assert check(app_http, partner, qr["token"])["status"] == "expired"


def test_a_confirmed_code_is_single_use_and_a_replay_revokes_its_tokens(app_http, partner,
                                                                        alice):
    qr = get_qr(app_http, partner)
    alice.app.scan(filled(qr)).authorize()
    code = check(app_http, partner, qr["token"])["code"]

    first = exchange(app_http, partner, code)
    assert first.status_code == 200
    token = first.json()
    assert token["access_token"].startswith("act.") and token["refresh_token"].startswith("rft.")
    assert token["open_id"] == alice.open_id and token["token_type"] == "Bearer"
    assert token["expires_in"] == 86400 and token["refresh_expires_in"] == 31536000
    assert token["scope"] == SCOPE

    second = exchange(app_http, partner, code)
    assert second.status_code == 200
    assert second.json()["error"] == "invalid_grant"
    assert len(second.json()["log_id"]) == 34

    info = app_http.get("/v2/user/info/", params={"fields": "open_id"},
                        headers={"Authorization": f"Bearer {token['access_token']}"})
    assert info.status_code == 401
    assert info.json()["error"]["code"] == "access_token_invalid"


def test_token_exchange_with_another_redirect_uri_is_invalid_grant(app_http, partner, alice):
    qr = get_qr(app_http, partner)
    alice.app.scan(filled(qr)).authorize()
    code = check(app_http, partner, qr["token"])["code"]
    assert exchange(app_http, partner, code, "https://evil.example/cb").json()["error"] == \
        "invalid_grant"


def test_check_with_a_wrong_client_secret_is_refused(app_http, partner):
    qr = get_qr(app_http, partner)
    body = check(app_http, partner, qr["token"], secret="not-the-secret")
    assert body["error"] == "invalid_client"
    assert "status" not in body


def test_check_without_a_client_secret_says_it_is_missing(app_http, partner):
    qr = get_qr(app_http, partner)
    resp = app_http.post("/v2/oauth/check_qrcode/", data={"client_key": partner["client_key"],
                                                          "token": qr["token"]})
    assert resp.json()["error_description"] == "Client secret is missed in request."


def test_an_account_of_world_a_cannot_scan_a_qr_of_world_b(sandbox, app_http, partner, alice):
    other = sandbox.create_world("world-b", frozen=True)
    try:
        other_client = other.create_client(redirect_uris=[REDIRECT], scopes=SCOPE)
        qr = get_qr(app_http, other_client)
        with pytest.raises(SandboxAPIError) as err:
            alice.app.scan(filled(qr))
        assert err.value.status == 404 and err.value.code == "QR_NOT_FOUND"
        assert check(app_http, other_client, qr["token"])["status"] == "new"
    finally:
        other.delete()


def test_world_a_keys_are_unknown_in_world_b_and_after_a_is_deleted(sandbox, app_http):
    world_a = sandbox.create_world("world-a", frozen=True)
    world_b = sandbox.create_world("world-b", frozen=True)
    try:
        key_a = world_a.create_client(redirect_uris=[REDIRECT], scopes=SCOPE)
        key_b = world_b.create_client(redirect_uris=[REDIRECT], scopes=SCOPE)
        qr_b = get_qr(app_http, key_b)
        # A's credentials cannot read B's QR code.
        assert check(app_http, key_a, qr_b["token"])["error"] == "invalid_request"
        world_a.delete()
        resp = app_http.post("/v2/oauth/get_qrcode/", data={"client_key": key_a["client_key"],
                                                            "scope": SCOPE})
        assert resp.json()["error"] == "invalid_client"
        with pytest.raises(SandboxAPIError) as err:
            world_a.create_shop(name="Ghost")
        assert err.value.code == "WORLD_NOT_FOUND"
    finally:
        world_b.delete()


def test_get_qrcode_refuses_scopes_the_client_was_not_given(app_http, partner):
    resp = app_http.post("/v2/oauth/get_qrcode/", data={"client_key": partner["client_key"],
                                                        "scope": "user.info.stats"})
    assert resp.status_code == 200 and resp.json()["error"] == "invalid_scope"


def test_first_party_eligibility_scope_is_not_grantable_to_partners(world):
    with pytest.raises(SandboxAPIError) as err:
        world.create_client(redirect_uris=[REDIRECT], scopes="user.info.eligibility")
    assert err.value.status == 400 and err.value.code == "INVALID_SCOPE"


def test_user_info_fields_are_checked_against_the_granted_scopes(app_http, world):
    basic = world.create_client(redirect_uris=[REDIRECT], scopes="user.info.basic")
    bob = world.create_account(username="bob", age=30, region="US", followers=42)
    qr = get_qr(app_http, basic, scope="user.info.basic")
    bob.app.scan(filled(qr)).authorize()
    code = check(app_http, basic, qr["token"])["code"]
    access = exchange(app_http, basic, code).json()["access_token"]
    auth = {"Authorization": f"Bearer {access}"}

    ok = app_http.get("/v2/user/info/", params={"fields": "open_id,display_name"}, headers=auth)
    assert ok.status_code == 200
    assert ok.json()["data"]["user"] == {"open_id": bob.open_id, "display_name": "bob"}
    assert ok.json()["error"]["code"] == "ok"

    denied = app_http.get("/v2/user/info/", params={"fields": "follower_count"}, headers=auth)
    assert denied.status_code == 401
    assert denied.json()["error"]["code"] == "scope_not_authorized"

    first_party = app_http.get("/v2/user/info/", params={"fields": "is_over_18"}, headers=auth)
    assert first_party.json()["error"]["code"] == "scope_not_authorized"

    no_fields = app_http.get("/v2/user/info/", headers=auth)
    assert no_fields.status_code == 400 and no_fields.json()["error"]["code"] == "invalid_params"


def test_denying_on_the_phone_expires_the_qr_with_a_sandbox_reason(app_http, partner, alice):
    qr = get_qr(app_http, partner)
    alice.app.scan(filled(qr)).deny()
    assert check(app_http, partner, qr["token"]) == {"client_ticket": "", "status": "expired",
                                                      "sandbox_reason": "denied"}


def test_another_account_cannot_answer_a_qr_someone_else_scanned(world, app_http, partner,
                                                                  alice):
    qr = get_qr(app_http, partner)
    alice.app.scan(filled(qr))
    mallory = world.create_account(username="mallory", age=30, region="US")
    with pytest.raises(SandboxAPIError) as err:
        mallory.app.scan(filled(qr))
    assert err.value.code == "QR_SCANNED_BY_OTHER"


def test_the_phone_lists_the_qr_codes_displayed_in_its_world(app_http, partner, alice):
    qr = get_qr(app_http, partner)
    tokens = [q["token"] for q in alice.app.displayed_qr_codes()]
    assert tokens == [qr["token"]]


def test_a_newer_code_of_the_same_screen_replaces_the_older_one_in_the_phones_picker(world,
                                                                                    alice):
    acme, other = world.create_shop(name="Acme"), world.create_shop(name="Other")
    acme.seller.start_official_link()
    world.clock.advance(5)
    newer = acme.seller.start_official_link()
    theirs = other.seller.start_official_link()
    listed = {q["token"] for q in alice.app.displayed_qr_codes()}
    assert listed == {token_of(newer.qr_url), token_of(theirs.qr_url)}


def token_of(url):
    return dict(p.split("=", 1) for p in url.split("?", 1)[1].split("&"))["token"]
