"""Signed webhooks to a live local receiver: types 6, 7, 9001 and 9002, retries on the world clock,
and the control plane's delivery controls."""

from __future__ import annotations

import json

import pytest
from shop_support import REDIRECT, signed, tokens

from sandbox.domain.signing import shop_webhook_signature

pytestmark = pytest.mark.usefixtures("no_big_numbers")


@pytest.fixture
def app(world, receiver):
    return world.create_client(kind="shop_app", name="Acme ERP", redirect_url=REDIRECT,
                               webhook_url=receiver.url)


@pytest.fixture
def shop(world):
    return world.create_shop(name="Acme Official", market="US")


def verify(app, got):
    assert got.headers["Authorization"] == shop_webhook_signature(
        app["app_key"], app["app_secret"], got.body)
    return json.loads(got.body)


def test_deauthorization_sends_a_signed_type_6(world, control_http, app, shop, receiver):
    tokens(control_http, shop, app)
    shop.seller.deauthorize(app["app_key"])
    body = verify(app, receiver.next())
    assert body["type"] == 6 and body["shop_id"] == shop.id
    assert body["data"]["message"] == f"Shop_id {shop.id} is deauthorized from your APP by merchant."
    assert len(body["tts_notification_id"]) == 19 and isinstance(body["timestamp"], int)
    (delivery,) = world.deliveries()
    assert delivery["status"] == "delivered" and delivery["log"][0]["status"] == 200


def test_365_day_lifecycle_daily_expiry_warnings_then_expiry(world, control_http, app, shop,
                                                             receiver):
    data = tokens(control_http, shop, app)
    world.clock.advance(days=334)
    assert receiver.empty()
    world.clock.advance(days=31)
    warnings = [verify(app, got) for got in receiver.all]
    assert [w["type"] for w in warnings] == [7] * 30
    assert warnings[0]["data"]["message"] == (
        f"Authorization of shop_id {shop.id} is expiring in 30 days. "
        "Please direct the merchant to re-authorize.")
    assert "expiring in 1 days" in warnings[-1]["data"]["message"]
    assert {w["data"]["expiration_time"] for w in warnings} == {
        str(data["refresh_token_expire_in"])}
    assert [e["type"] for e in world.events(type="shop_app.authorization_expired")]
    fresh = control_http.get("/api/v2/token/refresh", params={
        "app_key": app["app_key"], "app_secret": app["app_secret"],
        "refresh_token": data["refresh_token"], "grant_type": "refresh_token"}).json()
    assert fresh["code"] != 0


def test_retries_follow_2m_30m_3h_12h_on_the_world_clock(world, control_http, app, shop,
                                                         receiver):
    tokens(control_http, shop, app)
    receiver.statuses = [500] * 5
    shop.seller.deauthorize(app["app_key"])
    receiver.next()
    for minutes, attempts in ((1, 1), (1, 2), (30, 3), (180, 4), (719, 4), (1, 5)):
        world.clock.advance(minutes=minutes)
        (delivery,) = world.deliveries()
        assert delivery["attempts"] == attempts, (minutes, delivery)
    assert delivery["status"] == "failed"
    world.clock.advance(days=3)
    assert world.deliveries()[0]["attempts"] == 5
    assert len({got.headers["Authorization"] for got in receiver.all}) == 1


def test_a_single_big_advance_runs_the_whole_retry_schedule(world, control_http, app, shop,
                                                            receiver):
    tokens(control_http, shop, app)
    receiver.statuses = [503, 503, 200]
    shop.seller.deauthorize(app["app_key"])
    world.clock.advance(days=1)
    (delivery,) = world.deliveries()
    assert delivery["status"] == "delivered"
    assert [a["status"] for a in delivery["log"]] == [503, 503, 200]


def test_401_counts_as_received(world, control_http, app, shop, receiver):
    tokens(control_http, shop, app)
    receiver.statuses = [401]
    shop.seller.deauthorize(app["app_key"])
    assert world.deliveries()[0]["status"] == "delivered"


def test_hold_and_release(world, control_http, app, shop, receiver):
    tokens(control_http, shop, app)
    world.hold_webhooks()
    shop.seller.deauthorize(app["app_key"])
    assert world.deliveries()[0]["status"] == "held" and receiver.empty()
    assert world.release_webhooks()["released"] == 1
    assert verify(app, receiver.next())["type"] == 6


def test_drop_next_then_retry_delivers(world, control_http, app, shop, receiver):
    tokens(control_http, shop, app)
    world.drop_next_webhooks(1)
    shop.seller.deauthorize(app["app_key"])
    assert receiver.empty()
    (delivery,) = world.deliveries()
    assert delivery["log"][0]["error"] == "dropped by the control plane"
    world.clock.advance(minutes=2)
    assert verify(app, receiver.next())["type"] == 6


def test_duplicate_and_redeliver_send_the_same_notification(world, control_http, app, shop,
                                                            receiver):
    tokens(control_http, shop, app)
    shop.seller.deauthorize(app["app_key"])
    first = verify(app, receiver.next())
    (delivery,) = world.deliveries()
    copy = world.duplicate_delivery(delivery["id"])
    assert copy["id"] != delivery["id"]
    assert verify(app, receiver.next())["tts_notification_id"] == first["tts_notification_id"]
    assert world.redeliver(delivery["id"])["attempts"] == 2
    assert verify(app, receiver.next()) == first


def test_put_event_webhooks_moves_the_shop_address(world, control_http, app, shop, receiver):
    from receiver import start_receiver

    other, server = start_receiver()
    try:
        data = tokens(control_http, shop, app)
        token = data["access_token"]
        cipher = signed(control_http, world, app, "/authorization/202309/shops", token).json()[
            "data"]["shops"][0]["cipher"]
        body = json.dumps({"address": other.url, "event_type": "SELLER_DEAUTHORIZATION"}).encode()
        put = signed(control_http, world, app, "/event/202309/webhooks", token, method="PUT",
                     body=body, cipher=cipher).json()
        assert put["code"] == 0
        listed = signed(control_http, world, app, "/event/202309/webhooks", token,
                        cipher=cipher).json()
        rows = {row["event_type"]: row for row in listed["data"]["webhooks"]}
        assert rows["SELLER_DEAUTHORIZATION"]["address"] == other.url
        shop.seller.deauthorize(app["app_key"])
        assert verify(app, other.next())["type"] == 6 and receiver.empty()
    finally:
        server.shutdown()


def test_account_linked_extension_event(world, control_http, app, shop, receiver):
    tokens(control_http, shop, app)
    alice = world.create_account(username="alice", age=27, region="US")
    link = shop.seller.start_official_link()
    alice.app.scan(link.qr_url).authorize()
    link.wait_until("ready").confirm()
    body = verify(app, receiver.next())
    assert body["type"] == 9001 and body["data"]["open_id"] == alice.open_id
    assert body["data"]["role"] == "OFFICIAL"


def test_F1_an_unlink_sends_the_account_unlinked_extension_event(world, control_http, app, shop,
                                                                  receiver):
    tokens(control_http, shop, app)
    alice = world.create_account(username="alice", age=27, region="US")
    link = shop.seller.start_official_link()
    alice.app.scan(link.qr_url).authorize()
    link.wait_until("ready").confirm()
    assert verify(app, receiver.next())["type"] == 9001
    world.clock.advance(hours=24)
    shop.seller.unlink(link.link_id)
    body = verify(app, receiver.next())
    assert body["type"] == 9002 and body["data"]["open_id"] == alice.open_id
    assert body["data"]["status"] == "UNLINKED" and body["data"]["unlink_time"] > \
        body["data"]["link_time"]


def test_webhook_control_bad_input(world):
    from sandbox.client import SandboxAPIError

    with pytest.raises(SandboxAPIError) as err:
        world.drop_next_webhooks(-1)
    assert err.value.status == 400
    with pytest.raises(SandboxAPIError) as err:
        world.redeliver(999999)
    assert err.value.status == 404
