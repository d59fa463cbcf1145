"""Signatures on the partner's clock: the Open API `timestamp` is checked against the wall clock
by default, so an app signing with its machine's time works in a frozen world and after time
travel; the world setting `signature_clock` chooses `world` or `either` (tokens stay on the
world's clock)."""

from __future__ import annotations

import pytest
from shop_support import REDIRECT, signed, tokens, wall_ts, world_ts

SHOPS = "/authorization/202309/shops"
PAST = "2025-03-01T09:00:00Z"  # a frozen world far from the machine's time


@pytest.fixture
def app(world):
    return world.create_client(kind="shop_app", name="Acme ERP", redirect_url=REDIRECT)


@pytest.fixture
def shop(world):
    return world.create_shop(name="Acme Official", market="US")


def _refresh(http, app, refresh_token):
    body = http.get("/api/v2/token/refresh", params={
        "app_key": app["app_key"], "app_secret": app["app_secret"],
        "refresh_token": refresh_token, "grant_type": "refresh_token"}).json()
    assert body["code"] == 0, body
    return body["data"]


@pytest.mark.sandbox_world(now=PAST)
def test_a_call_signed_with_the_real_time_works_in_a_frozen_world_and_after_P8D(
        world, control_http, app, shop):
    data = tokens(control_http, shop, app)
    resp = signed(control_http, world, app, SHOPS, data["access_token"])  # wall time
    assert resp.json()["code"] == 0, resp.text
    world.clock.advance(days=8)  # the access token (7 days) runs out on the world's clock
    expired = signed(control_http, world, app, SHOPS, data["access_token"]).json()
    assert expired["code"] == 105002
    fresh = _refresh(control_http, app, data["refresh_token"])
    resp = signed(control_http, world, app, SHOPS, fresh["access_token"])
    assert resp.json()["code"] == 0, resp.text


@pytest.mark.sandbox_world(now=PAST, settings={"signature_clock": "world"})
def test_with_the_world_clock_a_real_time_signature_is_refused_naming_the_world_clock(
        world, control_http, app, shop):
    token = tokens(control_http, shop, app)["access_token"]
    body = signed(control_http, world, app, SHOPS, token).json()
    assert body["code"] == 36009004
    assert "the world clock read" in body["message"] and "signature_clock" in body["message"]
    assert body["message"].startswith("Invalid timestamp. The `timestamp` query parameter must "
                                      "not exceed the current time by more than 30 seconds.")
    ok = signed(control_http, world, app, SHOPS, token, ts=world_ts(world)).json()
    assert ok["code"] == 0


@pytest.mark.sandbox_world(now=PAST, settings={"signature_clock": "either"})
def test_either_clock_accepts_both_and_refuses_a_time_far_from_each(
        world, control_http, app, shop):
    token = tokens(control_http, shop, app)["access_token"]
    for ts in (wall_ts(), world_ts(world)):
        assert signed(control_http, world, app, SHOPS, token, ts=ts).json()["code"] == 0
    body = signed(control_http, world, app, SHOPS, token, ts=world_ts(world) - 3600).json()
    assert body["code"] == 36009004
    assert "the wall clock read" in body["message"] and "the world clock read" in body["message"]


def test_the_default_refusal_names_the_wall_clock(world, control_http, app, shop):
    token = tokens(control_http, shop, app)["access_token"]
    body = signed(control_http, world, app, SHOPS, token, ts=wall_ts() - 301).json()
    assert body["code"] == 36009004 and "the wall clock read" in body["message"]
    assert "world clock" not in body["message"]
