"""Creator authorization (protocols.md §3.7): a TikTok creator authorizes a Shop partner app,
logging in through TikTok; deauthorizing sends webhook 20 and kills the token (105001)."""

from __future__ import annotations

import json

import pytest
from shop_support import REDIRECT, params, signed, token_get

from sandbox.domain.signing import shop_webhook_signature

pytestmark = pytest.mark.usefixtures("no_big_numbers")

SHOPS = "/authorization/202309/shops"


@pytest.fixture
def app(world, receiver):
    return world.create_client(kind="shop_app", name="Creator tools", redirect_url=REDIRECT,
                               webhook_url=receiver.url)


def auth_link(sandbox, app, state="cs-1"):
    return f"{sandbox.url}/alliance/creator/auth?app_key={app['app_key']}&state={state}"


def test_creator_authorizes_then_deauthorizes(sandbox, world, control_http, app, receiver):
    alice = world.create_account(username="alice", nickname="Alice", age=25, region="US")
    got = params(alice.app.approve(auth_link(sandbox, app)))
    assert got["state"] == "cs-1" and got["code"]
    body = token_get(control_http, app, got["code"]).json()
    assert body["code"] == 0, body
    data = body["data"]
    assert data["user_type"] == 1 and data["open_id"] == alice.open_id
    assert data["seller_name"] == "Alice"
    shops = signed(control_http, world, app, SHOPS, data["access_token"]).json()
    assert shops["code"] == 0 and shops["data"]["shops"] == []
    world.clock.advance(days=400)  # no expiry for creators: no type-7 warnings
    assert receiver.empty()
    alice.app.creator_deauthorize(auth_link(sandbox, app))
    got = receiver.next()
    assert got.headers["Authorization"] == shop_webhook_signature(
        app["app_key"], app["app_secret"], got.body)
    event = json.loads(got.body)
    assert event["type"] == 20 and event["creator_open_id"] == alice.open_id
    assert "shop_id" not in event and isinstance(event["data"]["cancel_time"], int)


def test_deauthorized_creator_token_is_refused_with_105001(sandbox, world, control_http, app):
    bob = world.create_account(username="bob", age=30, region="US")
    data = token_get(control_http, app, params(bob.app.approve(auth_link(sandbox, app)))[
        "code"]).json()["data"]
    bob.app.creator_deauthorize(auth_link(sandbox, app))
    body = signed(control_http, world, app, SHOPS, data["access_token"]).json()
    assert body["code"] == 105001


def test_creator_denies(sandbox, world, app):
    carol = world.create_account(username="carol", age=30, region="US")
    got = params(carol.app.approve(auth_link(sandbox, app, "d"), decision="deny"))
    assert got == {"code": "null", "error": "auth_denied", "state": "d"}


def test_unknown_app_key(control_http):
    resp = control_http.get("/alliance/creator/auth", params={"app_key": "nope"})
    assert resp.status_code == 404
