"""Order webhooks (types 1, 11, 12; protocols.md §3.6, §4.6), a whole order handled by a partner
app alone over HTTP, and the affiliate and finance views of an affiliate sale (§4.4, §4.5)
(S1-S3)."""

from __future__ import annotations

import json

import pytest
from order_api_support import RR, new_app, seller_api

from sandbox.domain.signing import shop_webhook_signature

pytestmark = pytest.mark.usefixtures("no_big_numbers")
ORDER_SCOPES = ("seller.order.info", "seller.return_refund.basic")


@pytest.fixture
def shop(world):
    return world.create_shop(name="Acme", market="US")


@pytest.fixture
def mug(shop):
    return shop.create_product("Mug", "10.00", inventory=100, commission_rate=1500)


@pytest.fixture
def bea(world):
    return world.create_account(username="bea", age=30)


@pytest.fixture
def app(world, receiver):
    return new_app(world, webhook_url=receiver.url)


@pytest.fixture
def api(world, control_http, app, shop):
    return seller_api(control_http, world, app, shop)


def order_hooks(world, app, receiver, order_ids, expected):
    """The next `expected` webhooks about `order_ids`, checked: signed with the app's secret,
    ids as strings, `(type, status)` in the order they were queued."""
    got = []
    while len(got) < expected:
        received = receiver.next()
        assert received.headers["Authorization"] == shop_webhook_signature(
            app["app_key"], app["app_secret"], received.body)
        body = json.loads(received.body)
        assert isinstance(body["type"], int) and isinstance(body["timestamp"], int)
        assert isinstance(body["tts_notification_id"], str) and isinstance(body["shop_id"], str)
        if body["data"].get("order_id") in order_ids:
            got.append(body)
    for body in got:
        data = body["data"]
        assert isinstance(data["order_id"], str)
        for key in ("cancel_id", "return_id"):
            assert key not in data or isinstance(data[key], str)
    return got


def statuses(hooks):
    return [(h["type"], h["data"].get("order_status") or h["data"].get("cancel_status")
             or h["data"].get("return_status")) for h in hooks]


def delivered_bodies(world, order_id):
    """Every queued delivery about `order_id`, oldest first: each change is sent once."""
    found = [json.loads(d["body"]) for d in sorted(world.deliveries(), key=lambda d: d["id"])]
    return [b for b in found if b.get("data", {}).get("order_id") == order_id]


# -- 5. webhooks ------------------------------------------------------------------------------
def test_S3_type_1_on_every_status_change_in_order_signed_and_once(world, api, app, receiver,
                                                                   shop, mug, bea):
    order = world.create_order(bea, mug, paid=False)
    bea.app.pay(order.id)
    world.clock.advance(hours=1)
    shipped = api.call("POST", f"/fulfillment/202309/orders/{order.id}/packages",
                       {"tracking_number": "1Z999", "shipping_provider_id": "7117859084333745966"})
    assert shipped["code"] == 0
    world.carrier.deliver(order)
    world.clock.advance(days=7)
    assert order.refresh().status == "COMPLETED"
    hooks = order_hooks(world, app, receiver, {order.id}, 7)
    assert statuses(hooks) == [(1, s) for s in (
        "UNPAID", "ON_HOLD", "AWAITING_SHIPMENT", "AWAITING_COLLECTION", "IN_TRANSIT",
        "DELIVERED", "COMPLETED")]
    assert {h["shop_id"] for h in hooks} == {shop.id}
    assert all(h["data"]["is_on_hold_order"] is True for h in hooks)
    times = [h["data"]["update_time"] for h in hooks]
    assert times == sorted(times)
    assert len({h["tts_notification_id"] for h in hooks}) == 7
    assert [b["data"]["order_status"] for b in delivered_bodies(world, order.id)] == [
        s for _t, s in statuses(hooks)]


def test_S3_a_cancelled_order_says_CANCEL_and_cancellations_send_type_11(world, api, app,
                                                                         receiver, mug, bea):
    quick = world.create_order(bea, mug)
    bea.app.cancel_order(quick.id, "ecom_order_to_ship_canceled_reason_no_longer_needed")
    # In the hold the buyer cancels at once: a cancellation that succeeds and completes.
    hooks = order_hooks(world, app, receiver, {quick.id}, 5)
    assert statuses(hooks) == [
        (1, "UNPAID"), (1, "ON_HOLD"), (11, "CANCELLATION_REQUEST_SUCCESS"),
        (11, "CANCELLATION_REQUEST_COMPLETE"), (1, "CANCEL")]
    assert hooks[2]["data"]["cancellations_role"] == "BUYER"
    # PARTIALLY_SHIPPING has no webhook spelling: nothing is sent for it (§4.6).
    split = world.create_order(bea, mug).transition("AWAITING_SHIPMENT")
    split.transition("PARTIALLY_SHIPPING").transition("AWAITING_COLLECTION")
    assert statuses(delivered_bodies(world, split.id)) == [
        (1, "UNPAID"), (1, "ON_HOLD"), (1, "AWAITING_SHIPMENT"), (1, "AWAITING_COLLECTION")]
    asked = world.create_order(bea, mug)
    world.clock.advance(hours=1)
    bea.app.cancel_order(asked.id, "ecom_order_to_ship_canceled_reason_no_longer_needed")
    (row,) = api.ok("POST", f"{RR}/cancellations/search", {"order_ids": [asked.id]},
                    {"page_size": "10"})["cancellations"]
    assert row["cancel_status"] == "CANCELLATION_REQUEST_PENDING"
    assert api.ok("POST", f"{RR}/cancellations/{row['cancel_id']}/approve", {}) == {}
    hooks = delivered_bodies(world, asked.id)
    assert statuses(hooks) == [
        (1, "UNPAID"), (1, "ON_HOLD"), (1, "AWAITING_SHIPMENT"),
        (11, "CANCELLATION_REQUEST_PENDING"), (11, "CANCELLATION_REQUEST_SUCCESS"),
        (11, "CANCELLATION_REQUEST_COMPLETE"), (1, "CANCEL")]
    for hook in hooks:
        if hook["type"] == 11:
            assert hook["data"]["cancel_id"] == row["cancel_id"]
            assert hook["data"]["cancellations_role"] == "BUYER"
            assert isinstance(hook["data"]["create_time"], int)
    # A rejected request is closed: CANCELLED, and the order goes on.
    kept = world.create_order(bea, mug)
    world.clock.advance(hours=1)
    bea.app.cancel_order(kept.id, "ecom_order_to_ship_canceled_reason_no_longer_needed")
    (row,) = api.ok("POST", f"{RR}/cancellations/search", {"order_ids": [kept.id]},
                    {"page_size": "10"})["cancellations"]
    path = f"{RR}/cancellations/{row['cancel_id']}/reject"
    assert api.call("POST", path, {})["code"] == 36009004
    assert api.ok("POST", path, {"reject_reason":
                                 "seller_reject_apply_product_has_been_packed"}) == {}
    assert statuses(delivered_bodies(world, kept.id))[-2:] == [
        (11, "CANCELLATION_REQUEST_PENDING"), (11, "CANCELLATION_REQUEST_CANCELLED")]
    assert kept.refresh().status == "AWAITING_SHIPMENT"


def test_S3_returns_send_type_12_and_the_refund_completes_the_order(world, api, app, receiver,
                                                                    mug, bea):
    order = world.create_order(bea, mug).transition("DELIVERED")
    bea.app.request_return(order.id, "ecom_order_delivered_refund_reason_damaged")
    (ret,) = api.ok("POST", f"{RR}/returns/search", {"order_ids": [order.id]},
                    {"page_size": "10"})["return_orders"]
    assert ret["return_type"] == "RETURN_AND_REFUND"
    assert api.ok("POST", f"{RR}/returns/{ret['return_id']}/approve",
                  {"decision": "APPROVE_RETURN"}) == {}
    hooks = delivered_bodies(world, order.id)
    assert statuses(hooks)[-4:] == [
        (12, "RETURN_OR_REFUND_REQUEST_PENDING"), (12, "RETURN_OR_REFUND_REQUEST_SUCCESS"),
        (12, "RETURN_OR_REFUND_REQUEST_COMPLETE"), (1, "COMPLETED")]
    for hook in hooks:
        if hook["type"] == 12:
            data = hook["data"]
            assert data["return_id"] == ret["return_id"] and data["return_role"] == "BUYER"
            assert data["return_type"] == "RETURN_AND_REFUND"
            assert isinstance(data["create_time"], int) and isinstance(data["update_time"], int)
    assert api.order(order.id)["status"] == "COMPLETED"


def test_S3_the_system_cancels_an_unpaid_order_and_a_rejected_return_lets_it_complete(
        world, api, mug, bea):
    unpaid = world.create_order(bea, mug, paid=False)
    world.clock.advance(minutes=31)
    found = api.order(unpaid.id)
    assert (found["status"], found["cancellation_initiator"]) == ("CANCELLED", "SYSTEM")
    assert found["cancel_reason"] == "Unpaid time out"
    hooks = delivered_bodies(world, unpaid.id)
    assert statuses(hooks) == [(1, "UNPAID"), (11, "CANCELLATION_REQUEST_SUCCESS"),
                               (11, "CANCELLATION_REQUEST_COMPLETE"), (1, "CANCEL")]
    assert hooks[1]["data"]["cancellations_role"] == "SYSTEM"
    assert hooks[-1]["data"]["update_time"] == found["cancel_time"]
    order = world.create_order(bea, mug).transition("DELIVERED")
    bea.app.request_return(order.id, "ecom_order_delivered_refund_reason_damaged", "REFUND_ONLY")
    (ret,) = api.ok("POST", f"{RR}/returns/search", {"order_ids": [order.id]},
                    {"page_size": "10"})["return_orders"]
    assert api.ok("POST", f"{RR}/returns/{ret['return_id']}/reject", {
        "decision": "REJECT_REFUND", "reject_reason": "reverse_reject_request_reason_1"}) == {}
    assert statuses(delivered_bodies(world, order.id))[-2:] == [
        (12, "RETURN_OR_REFUND_REQUEST_PENDING"), (12, "REFUND_OR_RETURN_REQUEST_REJECT")]
    assert api.order(order.id)["status"] == "DELIVERED"
    world.clock.advance(days=7)
    assert order.refresh().status == "COMPLETED"
    assert statuses(delivered_bodies(world, order.id))[-1] == (1, "COMPLETED")


def test_S3_a_failed_delivery_is_retried_on_the_world_clock(world, mug, bea, app, api,
                                                            receiver):
    world.deliveries(wait=1)
    while not receiver.empty():  # what came before the order
        receiver.next()
    before = {d["id"] for d in world.deliveries()}
    receiver.statuses = [500]
    order = world.create_order(bea, mug, paid=False)
    first = receiver.next()
    assert json.loads(first.body)["data"] == {**json.loads(first.body)["data"],
                                              "order_id": order.id, "order_status": "UNPAID"}
    (failed,) = [d for d in world.deliveries() if d["id"] not in before]
    assert (failed["status"], failed["attempts"]) != ("delivered", 1)
    world.clock.advance(minutes=1)
    assert receiver.empty()
    world.clock.advance(minutes=1)
    again = receiver.next()
    assert again.body == first.body
    assert again.headers["Authorization"] == first.headers["Authorization"] == \
        shop_webhook_signature(app["app_key"], app["app_secret"], again.body)
    (done,) = [d for d in world.deliveries() if d["id"] == failed["id"]]
    assert (done["status"], done["attempts"]) == ("delivered", 2)


def test_S3_an_app_without_the_order_scopes_hears_no_order(world, control_http, app, api,
                                                           shop, mug, bea):
    from receiver import start_receiver

    deaf_rx, server = start_receiver()
    try:
        deaf = new_app(world, webhook_url=deaf_rx.url, name="Catalogue only",
                       scopes=["seller.authorization.info", "seller.product.basic"])
        seller_api(control_http, world, deaf, shop)
        order = world.create_order(bea, mug).transition("DELIVERED")
        bea.app.request_return(order.id, "ecom_order_delivered_refund_reason_damaged")
        world.clock.advance(days=3)  # TikTok approves the unanswered request
        assert order.refresh().status == "COMPLETED"
        assert [d for d in world.deliveries() if d["app_key"] == deaf["app_key"]] == []
        heard = {json.loads(d["body"])["type"] for d in world.deliveries()
                 if d["app_key"] == app["app_key"]}
        assert {1, 12} <= heard  # the app with the scopes heard it all
        assert deaf_rx.empty()
    finally:
        server.shutdown()
