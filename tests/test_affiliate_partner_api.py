"""TikTok Shop's Affiliate Partner API over HTTP for a TAP partner's app: the sandbox-extension
authorize, signed campaign calls in TikTok's envelope, and Partner Center seeing the result."""

from __future__ import annotations

import json

import pytest
from shop_support import REDIRECT, signed, world_ts

from sandbox.client import SandboxAPIError

pytestmark = pytest.mark.usefixtures("no_big_numbers")

CAMPAIGNS = "/affiliate_partner/202405/campaigns"


@pytest.fixture
def app(world):
    return world.create_client(kind="shop_app", name="TAP Suite", redirect_url=REDIRECT)


@pytest.fixture
def tap(world):
    return world.create_partner("Acme TAP", kind="tap")


@pytest.fixture
def grant(world, app, tap):
    return world._cp("POST", f"/partners/{tap.id}/authorize", json={"app_key": app["app_key"]})


def call(http, world, app, grant, path, *, method="GET", query=None, body=None, **kw):
    q = {"category_asset_cipher": grant["category_asset_cipher"], **(query or {})}
    raw = json.dumps(body).encode() if body is not None else b""
    return signed(http, world, app, path, kw.pop("token", grant["access_token"]), method=method,
                  query=q, body=raw, **kw)


def create(http, world, app, grant, **fields):
    resp = call(http, world, app, grant, CAMPAIGNS, method="POST",
                body={"name": "Summer picks", **fields})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["code"] == 0 and len(body["request_id"]) == 34, body
    return body["data"]["campaign_id"]


def test_authorize_answers_a_token_and_cipher(world, app, tap, grant, control_http):
    assert grant["access_token"].startswith("TTP_") and grant["expires_in"] == 7 * 86400
    assert grant["category_asset_cipher"]
    assets = call(control_http, world, app, grant, "/authorization/202405/category_assets",
                  query={"category_asset_cipher": ""}).json()
    assert assets["code"] == 0
    assert assets["data"]["category_assets"][0]["cipher"] == grant["category_asset_cipher"]
    again = world._cp("POST", f"/partners/{tap.id}/authorize", json={"app_key": app["app_key"]})
    assert again["access_token"] != grant["access_token"]
    assert again["category_asset_cipher"] == grant["category_asset_cipher"]


def test_a_tap_with_no_linked_account_creates_and_partner_center_shows_it(
        world, app, tap, grant, control_http):
    assert tap.refresh()["tiktok_account"] is None
    now = world_ts(world)
    cid = create(control_http, world, app, grant, description="for the API",
                 campaign_start_time=now + 86400, campaign_end_time=now + 10 * 86400,
                 registration_end_time=now + 5 * 86400, commission_rate=1500,
                 contact_info={"email": "tap@example.com"}, target_seller_types=["LOCAL"])
    seen = [c for c in world._cp("GET", "/campaigns")["campaigns"] if c["id"] == cid]
    assert seen and seen[0]["partner_id"] == tap.id and seen[0]["status"] == "ready"
    mine = tap.center.campaigns()
    assert [c["id"] for c in mine] == [cid] and mine[0]["commission_rate"] == 1500
    detail = call(control_http, world, app, grant, f"{CAMPAIGNS}/{cid}").json()["data"]
    assert detail["id"] == cid and detail["name"] == "Summer picks"
    assert detail["status"] == "READY" and detail["commission_rate"] == 1500
    assert detail["campaign_start_time"] == now + 86400
    assert detail["registration_start_time"] == now + 86400
    assert detail["registration_end_time"] == now + 5 * 86400
    assert detail["contact_info"] == {"email": "tap@example.com"}
    assert detail["target_seller_types"] == ["LOCAL"] and detail["region"] == "US"


def test_publish_list_and_products(world, app, tap, grant, control_http):
    cid = create(control_http, world, app, grant)
    resp = call(control_http, world, app, grant, f"{CAMPAIGNS}/{cid}/publish", method="POST",
                body={})
    assert resp.json() == {**resp.json(), "code": 0, "data": {}}
    assert tap.center.campaigns()[0]["status"] == "published"
    detail = call(control_http, world, app, grant, f"{CAMPAIGNS}/{cid}").json()["data"]
    assert detail["status"] == "ONGOING"
    again = call(control_http, world, app, grant, f"{CAMPAIGNS}/{cid}/publish", method="POST",
                 body={}).json()
    assert again["code"] == 36009004 and again["data"] is None
    second = create(control_http, world, app, grant, name="Autumn")
    listed = call(control_http, world, app, grant, CAMPAIGNS,
                  query={"page_size": "1"}).json()["data"]
    assert listed["total_count"] == 2 and len(listed["campaigns"]) == 1
    rest = call(control_http, world, app, grant, CAMPAIGNS, query={
        "page_size": "1", "page_token": listed["next_page_token"]}).json()["data"]
    ids = {listed["campaigns"][0]["id"], rest["campaigns"][0]["id"]}
    assert ids == {cid, second} and rest["next_page_token"] == ""
    ready = call(control_http, world, app, grant, CAMPAIGNS,
                 query={"page_size": "10", "status": "READY"}).json()["data"]
    assert [c["id"] for c in ready["campaigns"]] == [second]
    products = call(control_http, world, app, grant, f"{CAMPAIGNS}/{cid}/products",
                    query={"page_size": "20"}).json()
    assert products["code"] == 0 and products["data"] == {
        "products": [], "total_count": 0, "next_page_token": ""}
    world.clock.advance(days=31)  # past the campaign's end, and the token's: authorize again
    grant = world._cp("POST", f"/partners/{tap.id}/authorize", json={"app_key": app["app_key"]})
    closed = call(control_http, world, app, grant, f"{CAMPAIGNS}/{cid}").json()["data"]
    assert closed["status"] == "CLOSED"


def test_refusals_wear_tiktoks_codes(world, app, tap, grant, control_http):
    cid = create(control_http, world, app, grant)
    path = f"{CAMPAIGNS}/{cid}"
    bad_sign = call(control_http, world, app, grant, path, sign="00" * 32)
    assert bad_sign.status_code == 401 and bad_sign.json()["code"] == 106001
    bad_token = call(control_http, world, app, grant, path, token="TTP_nope")
    assert bad_token.status_code == 401 and bad_token.json()["code"] == 36009004
    no_cipher = call(control_http, world, app, grant, path,
                     query={"category_asset_cipher": ""})
    assert no_cipher.json()["code"] == 106013
    wrong = call(control_http, world, app, grant, path, query={"category_asset_cipher": "x"})
    assert wrong.status_code == 400 and wrong.json()["code"] == 36009004
    unknown = call(control_http, world, app, grant, f"{CAMPAIGNS}/7000/publish", method="POST",
                   body={})
    assert unknown.status_code == 404 and unknown.json()["code"] == 36009004
    for fields in ({"name": ""}, {"name": "x" * 50}, {"commission_rate": 100},
                   {"commission_rate": "1000"}, {"campaign_start_time": 10,
                                                  "campaign_end_time": 5},
                   {"target_seller_types": ["ANY"]}, {"contact_info": {"fax": "1"}}):
        resp = call(control_http, world, app, grant, CAMPAIGNS, method="POST",
                    body={"name": "ok", **fields})
        assert resp.status_code == 400 and resp.json()["code"] == 36009004, fields
    no_page = call(control_http, world, app, grant, CAMPAIGNS).json()
    assert no_page["code"] == 36009004
    world.clock.advance(days=8)
    expired = call(control_http, world, app, grant, path)
    assert expired.status_code == 401 and expired.json()["code"] == 105002


def test_another_partners_campaign_is_unknown(
        world, app, grant, control_http):
    other = world.create_partner("Other TAP", kind="tap")
    theirs = other.center.create_campaign("Theirs")["id"]
    resp = call(control_http, world, app, grant, f"{CAMPAIGNS}/{theirs}")
    assert resp.status_code == 404 and resp.json()["code"] == 36009004


def test_an_mcn_cannot_be_authorized(world, app):
    mcn = world.create_partner("Star MCN", kind="mcn")
    with pytest.raises(SandboxAPIError) as err:
        world._cp("POST", f"/partners/{mcn.id}/authorize", json={"app_key": app["app_key"]})
    assert err.value.status == 403 and err.value.code == "PARTNER_NOT_TAP"
    with pytest.raises(SandboxAPIError) as err:
        world._cp("POST", f"/partners/{mcn.id}/authorize", json={"app_key": "nope"})
    assert err.value.code == "PARTNER_NOT_TAP"
    tap = world.create_partner("T", kind="tap")
    with pytest.raises(SandboxAPIError) as err:
        world._cp("POST", f"/partners/{tap.id}/authorize", json={"app_key": "nope"})
    assert err.value.status == 404 and err.value.code == "SHOP_APP_NOT_FOUND"
