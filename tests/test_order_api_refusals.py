"""Refusals of TikTok Shop's Order, Fulfillment and Return and Refund APIs with TikTok's codes
(protocols.md §3.4, §4.2.2, §4.3), each changing nothing: the order's status and events stay
as they were (S3)."""

from __future__ import annotations

import pytest
from order_api_support import RR, SEARCH, SHIP, USPS, Api, new_app, seller_api, ship

pytestmark = pytest.mark.usefixtures("no_big_numbers")


@pytest.fixture
def shop(world):
    return world.create_shop(name="Acme", market="US")


@pytest.fixture
def mug(shop):
    return shop.create_product("Mug", "10.00", inventory=100)


@pytest.fixture
def bea(world):
    return world.create_account(username="bea", age=30)


@pytest.fixture
def api(world, control_http, shop):
    return seller_api(control_http, world, new_app(world), shop)


def unchanged(world, order, status):
    assert order.refresh().status == status
    return len(world.events(type="order."))


def test_S3_bad_signature_expired_token_missing_cipher_and_scope_are_refused(
        world, control_http, api, shop, mug, bea):
    order = world.create_order(bea, mug)
    bad = api.raw("POST", SEARCH, {}, {"page_size": "10"}, sign="0" * 64)
    assert bad.status_code == 401 and bad.json()["code"] == 106001
    assert bad.json()["data"] is None
    no_cipher = Api(control_http, world, api.app, api.token)
    assert no_cipher.call("POST", SEARCH, {}, {"page_size": "10"})["code"] == 106013
    narrow = new_app(world, name="Narrow", scopes=["seller.authorization.info",
                                                   "seller.product.basic"])
    other = seller_api(control_http, world, narrow, shop)
    assert other.call("POST", SEARCH, {}, {"page_size": "10"})["code"] == 105005
    assert other.call("GET", "/order/202309/orders", query={"ids": order.id})["code"] == 105005
    assert ship(other, order.id)["code"] == 105005
    world.clock.advance(days=7, seconds=1)  # past the access token's 7 days (§3.2)
    expired = api.raw("POST", SEARCH, {}, {"page_size": "10"})
    assert expired.status_code == 401 and expired.json()["code"] == 105002


def test_S3_fulfillment_refusals_change_nothing(world, api, mug, bea):
    order = world.create_order(bea, mug)
    events = unchanged(world, order, "ON_HOLD")
    got = ship(api, order.id)
    assert got["code"] == 21011044 and got["data"] is None
    assert unchanged(world, order, "ON_HOLD") == events
    world.clock.advance(hours=1)
    events = unchanged(world, order, "AWAITING_SHIPMENT")
    assert ship(api, order.id, provider="1234")["code"] == 21011022
    assert ship(api, order.id, tracking="no way!")["code"] == 21004012
    assert api.call("POST", SHIP.format(order.id), {"tracking_number": "X1"})["code"] == 36009004
    assert unchanged(world, order, "AWAITING_SHIPMENT") == events
    assert api.order(order.id)["tracking_number"] == ""
    assert ship(api, order.id)["code"] == 0
    events = unchanged(world, order, "AWAITING_COLLECTION")
    assert ship(api, order.id, tracking="OTHER1")["code"] == 21011006
    assert unchanged(world, order, "AWAITING_COLLECTION") == events
    assert api.order(order.id)["tracking_number"] == "9400111206213"
    gone = world.create_order(bea, mug)
    gone.cancel()
    events = unchanged(world, gone, "CANCELLED")
    assert ship(api, gone.id)["code"] == 21011041
    assert unchanged(world, gone, "CANCELLED") == events
    unknown = api.raw("POST", SHIP.format("1799000000000000000"),
                      {"tracking_number": "X1", "shipping_provider_id": USPS})
    assert unknown.status_code == 200 and unknown.json()["code"] == 21011028  # HTTP 200 (§3.4)


def test_S3_a_cancellation_is_answered_once(world, api, mug, bea):
    order = world.create_order(bea, mug)
    world.clock.advance(hours=1)
    bea.app.cancel_order(order.id, "ecom_order_to_ship_canceled_reason_no_longer_needed")
    (row,) = api.ok("POST", f"{RR}/cancellations/search", {"order_ids": [order.id]},
                    {"page_size": "10"})["cancellations"]
    path = f"{RR}/cancellations/{row['cancel_id']}"
    assert api.call("POST", f"{RR}/returns/{row['cancel_id']}/approve",
                    {"decision": "APPROVE_REFUND"})["code"] == 25007006  # not a return
    assert unchanged(world, order, "AWAITING_SHIPMENT")
    assert api.ok("POST", f"{path}/approve", {}) == {}
    events = unchanged(world, order, "CANCELLED")
    assert api.call("POST", f"{path}/approve", {})["code"] == 25011012
    assert api.call("POST", f"{path}/reject", {
        "reject_reason": "seller_reject_apply_product_has_been_packed"})["code"] == 25011011
    assert unchanged(world, order, "CANCELLED") == events


def test_S3_return_refund_refusals_change_nothing(world, api, mug, bea):
    order = world.create_order(bea, mug).transition("DELIVERED")
    bea.app.request_return(order.id, "ecom_order_delivered_refund_reason_damaged", "REFUND_ONLY")
    (ret,) = api.ok("POST", f"{RR}/returns/search", {"order_ids": [order.id]})["return_orders"]
    assert ret["return_type"] == "REFUND" and isinstance(ret["return_id"], str)
    events = unchanged(world, order, "DELIVERED")
    path = f"{RR}/returns/{ret['return_id']}"
    wrong = api.call("POST", f"{path}/approve", {"decision": "APPROVE_RETURN"})
    assert wrong["code"] == 25020004 and wrong["data"] is None
    no_reason = api.call("POST", f"{path}/reject", {"decision": "REJECT_REFUND"})
    assert no_reason["code"] == 36009004
    assert unchanged(world, order, "DELIVERED") == events
    assert api.ok("POST", f"{path}/approve", {"decision": "APPROVE_REFUND"}) == {}
    events = unchanged(world, order, "COMPLETED")
    assert api.call("POST", f"{path}/approve", {"decision": "APPROVE_REFUND"})["code"] == 25011012
    assert api.call("POST", f"{path}/reject", {"decision": "REJECT_REFUND", "reject_reason":
                                               "reverse_reject_request_reason_1"})["code"] == \
        25011011
    assert unchanged(world, order, "COMPLETED") == events
    # The seller cannot cancel an order the carrier delivered (§4.3.3).
    delivered = world.create_order(bea, mug).transition("DELIVERED")
    events = unchanged(world, delivered, "DELIVERED")
    got = api.call("POST", f"{RR}/cancellations", {
        "order_id": delivered.id, "cancel_reason": "seller_cancel_reason_out_of_stock"})
    assert got["code"] == 25001045 and got["data"] is None
    assert unchanged(world, delivered, "DELIVERED") == events
    done = api.call("POST", f"{RR}/cancellations", {
        "order_id": order.id, "cancel_reason": "seller_cancel_reason_out_of_stock"})
    assert done["code"] == 25001051
    assert unchanged(world, order, "COMPLETED") == events
