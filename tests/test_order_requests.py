"""The buyer's cancellation and return requests and the seller's (or TikTok's) answers on a
frozen clock (S2-S4), and the refusals of moves an order cannot make: each with its code and
rule, changing nothing, and explained."""

from __future__ import annotations

from datetime import timedelta

import pytest
from order_support import (
    JUST_BEFORE,
    STOCK,
    at,
    make_cast,
    refused_unchanged,
    requested_cancellation,
    requested_return,
)

from sandbox.client import SandboxAPIError

pytestmark = pytest.mark.usefixtures("no_big_numbers")


@pytest.fixture
def cast(world):
    return make_cast(world)


# -- the buyer's cancellation request (S3, S4, S2) -------------------------------------------

def test_S3_S4_S2_the_seller_approves_a_cancellation_request(cast):
    order = requested_cancellation(cast)
    answer = cast.acme.seller.approve_request(order, reason="ok")
    assert answer["status"] == "CANCELLED"
    assert (answer["cancellation_initiator"], answer["cancel_reason"]) == ("BUYER",
                                                                          "changed my mind")
    assert answer["requests"][0]["status"] == "APPROVED"
    assert answer["requests"][0]["answered_by"] == "SELLER"
    assert answer["commission"]["status"] == "REVERSED"
    assert cast.stock() == STOCK
    types = [e["type"] for e in cast.world.events(type="order.") if e["subject"] == order.id]
    assert types[-3:] == ["order.cancellation_requested", "order.cancellation_approved",
                          "order.status_changed"]
    assert cast.moves(order)[-1] == ("AWAITING_SHIPMENT", "CANCELLED", "BUYER")
    assert cast.amy.app.earnings()["totals"]["reversed"] == "4.50"


def test_S3_the_seller_rejects_a_cancellation_request_and_ships(cast):
    order = requested_cancellation(cast)
    answer = cast.acme.seller.reject_request(order, reason="already packed")
    assert answer["status"] == "AWAITING_SHIPMENT"
    assert answer["requests"][0]["status"] == "REJECTED"
    assert answer["requests"][0]["answer_reason"] == "already packed"
    assert cast.stock() == STOCK - 3 and answer["commission"]["status"] == "PENDING"
    cast.advance(timedelta(hours=48))  # a rejected request is never approved later
    assert order.refresh().status == "AWAITING_SHIPMENT"
    assert cast.acme.seller.ship(order)["status"] == "AWAITING_COLLECTION"


def test_S3_an_unanswered_cancellation_request_is_approved_at_exactly_48_hours(cast):
    order = requested_cancellation(cast)
    cast.advance(timedelta(hours=48) - JUST_BEFORE)
    assert order.refresh().status == "AWAITING_SHIPMENT"
    assert order["requests"][0]["status"] == "PENDING" and cast.stock() == STOCK - 3
    cast.advance(JUST_BEFORE)
    order.refresh()
    assert order.status == "CANCELLED" and cast.stock() == STOCK
    request = order["requests"][0]
    assert (request["status"], request["answered_by"], request["answer_reason"]) == (
        "APPROVED", "SYSTEM", "auto_approved")
    assert order["commission"]["status"] == "REVERSED"


def test_S3_the_buyer_cancels_at_once_before_the_hold_ends(cast):
    order = cast.buy(quantity=2).cancel("oops")
    # No request to answer: the cancellation is a record of its own (`cancel_type` CANCEL).
    assert order.status == "CANCELLED"
    assert [(r["type"], r["status"]) for r in order["requests"]] == [("CANCEL", "APPROVED")]
    assert (order["cancellation_initiator"], order["cancel_reason"]) == ("BUYER", "oops")
    assert cast.stock() == STOCK
    cast.advance(timedelta(hours=1))  # the hold's end no longer moves it
    assert order.refresh().status == "CANCELLED"


# -- the buyer's return (S3, S4, S2) --------------------------------------------------------

def test_S3_S4_S2_the_seller_approves_a_return_the_order_is_refunded(cast):
    order = requested_return(cast)
    answer = cast.acme.seller.approve_request(order)
    assert answer["status"] == "COMPLETED"
    assert answer["requests"][0]["status"] == "APPROVED"
    assert answer["commission"] == {"status": "REVERSED", "amount": "3.00"}
    assert cast.stock() == STOCK
    assert cast.moves(order)[-1] == ("DELIVERED", "COMPLETED", "SELLER")
    assert cast.amy.app.earnings()["totals"] == {"pending": "0.00", "payable": "0.00",
                                                 "reversed": "3.00"}


def test_S3_a_rejected_return_lets_the_order_complete_when_the_period_ends(cast):
    order = requested_return(cast)
    delivered = at(order["updated_at"])
    cast.advance(timedelta(days=1))
    answer = cast.acme.seller.reject_request(order, reason="no damage visible")
    assert answer["status"] == "DELIVERED" and answer["requests"][0]["status"] == "REJECTED"
    assert at(answer["next"]["at"]) == delivered + timedelta(days=7)
    cast.advance(timedelta(days=6) - JUST_BEFORE)
    assert order.refresh().status == "DELIVERED"
    cast.advance(JUST_BEFORE)
    assert order.refresh().status == "COMPLETED"
    assert order["commission"]["status"] == "PAYABLE" and cast.stock() == STOCK - 2


def test_S3_an_unanswered_return_is_approved_at_exactly_48_hours(cast):
    order = requested_return(cast)
    cast.advance(timedelta(hours=48) - JUST_BEFORE)
    assert order.refresh().status == "DELIVERED" and cast.stock() == STOCK - 2
    cast.advance(JUST_BEFORE)
    order.refresh()
    assert order.status == "COMPLETED" and cast.stock() == STOCK
    assert (order["requests"][0]["status"], order["requests"][0]["answered_by"]) == (
        "APPROVED", "SYSTEM")
    assert order["commission"]["status"] == "REVERSED"


def test_S3_an_order_with_a_return_pending_does_not_complete(cast):
    order = cast.delivered()
    cast.advance(timedelta(days=6))
    order.request_return("Wrong colour", type="REFUND_ONLY")
    cast.advance(timedelta(days=1, hours=1))  # past the end of the after-sales period
    assert order.refresh().status == "DELIVERED"
    assert order["requests"][0]["status"] == "PENDING"
    assert order["commission"]["status"] == "PENDING"
    cast.advance(timedelta(hours=23))  # 48 h after the request: TikTok approves it
    assert order.refresh().status == "COMPLETED"
    assert order["commission"]["status"] == "REVERSED" and cast.stock() == STOCK


def test_S3_a_return_rejected_after_the_period_ended_completes_the_order_then(cast):
    order = cast.delivered()
    cast.advance(timedelta(days=6))
    order.request_return("Wrong colour")
    cast.advance(timedelta(days=1, hours=12))
    rejected = at(cast.world.clock.now())
    answer = cast.acme.seller.reject_request(order)
    # The after-sales period is over: the clock completes the order now, not in the past (the
    # ticker may already have done it: that move is due now).
    assert answer["next"] is None or at(answer["next"]["at"]) == rejected
    cast.advance(JUST_BEFORE)
    order.refresh()
    assert order.status == "COMPLETED" and at(order["updated_at"]) == rejected
    times = [at(e["at"]) for e in cast.world.events(type="order.") if e["subject"] == order.id]
    assert times == sorted(times)


# -- refusals: code, rule, nothing changed, explained -------------------------------------

def test_S3_a_cancelled_order_cannot_be_shipped(cast):
    order = cast.buy().cancel()
    refused_unchanged(cast, order, order.ship, "ORDER_IS_CANCELLED")


def test_S3_an_order_is_shipped_once(cast):
    order = cast.shipped()
    refused_unchanged(cast, order, order.ship, "ORDER_ALREADY_SHIPPED")
    refused_unchanged(cast, order, lambda: cast.acme.seller.ship(order), "ORDER_ALREADY_SHIPPED")


def test_S3_an_order_on_hold_cannot_be_shipped_and_explain_says_why(cast):
    order = cast.buy()
    refused_unchanged(cast, order, order.ship, "ORDER_ON_HOLD")
    row = cast.world.requests(status=409)[-1]
    assert row["code"] == "ORDER_ON_HOLD" and row["path"].endswith(f"/orders/{order.id}/ship")
    found = cast.world.explain(row["log_id"])
    assert (found["code"], found["rule"]) == ("ORDER_ON_HOLD", "S3")
    assert found["state"]["details"] == {"order_id": order.id, "status": "ON_HOLD"}
    assert "Rule S3" in found["explanation"] and "ON_HOLD" in found["explanation"]


def test_S3_no_return_before_delivery(cast):
    order = cast.shipped()
    cast.bea.app.login()  # the phone's login is an event of its own
    refused_unchanged(cast, order, order.request_return, "RETURN_BEFORE_DELIVERY")
    refused_unchanged(cast, order, lambda: cast.bea.app.request_return(order),
                      "RETURN_BEFORE_DELIVERY")


def test_S3_no_return_after_completion(cast):
    order = cast.buy().transition("COMPLETED")
    refused_unchanged(cast, order, order.request_return, "RETURN_WINDOW_CLOSED")


def test_S3_one_open_request_at_a_time(cast):
    waiting = requested_cancellation(cast)
    refused_unchanged(cast, waiting, waiting.cancel, "ORDER_REQUEST_PENDING")
    # Shipping is no refusal: it rejects the buyer's open request (TikTok US since 2024, §4.2.2).
    kept = cast.delivered()
    kept.request_return("Broken")
    refused_unchanged(cast, kept, kept.request_return, "ORDER_REQUEST_PENDING")
    row = cast.world.requests(status=409)[-1]
    found = cast.world.explain(row["log_id"])
    assert (found["code"], found["rule"]) == ("ORDER_REQUEST_PENDING", "S3")
    assert "open request" in found["explanation"]


def test_S3_answering_without_an_open_request_is_not_found(cast):
    order = cast.delivered()
    refused_unchanged(cast, order, lambda: cast.acme.seller.approve_request(order),
                      "ORDER_REQUEST_NOT_FOUND", rule=None, status=404)
    order.request_return("Broken")
    cast.acme.seller.reject_request(order)
    refused_unchanged(cast, order, lambda: cast.acme.seller.reject_request(order),
                      "ORDER_REQUEST_NOT_FOUND", rule=None, status=404)
    row = cast.world.requests(status=404)[-1]
    found = cast.world.explain(row["log_id"])
    assert found["code"] == "ORDER_REQUEST_NOT_FOUND" and order.id in found["explanation"]


def test_S3_a_shipped_order_can_no_longer_be_cancelled_by_its_buyer(cast):
    order = cast.shipped()
    refused_unchanged(cast, order, order.cancel, "ORDER_NOT_CANCELLABLE")


def test_S3_the_operator_cannot_complete_an_order_whose_return_is_still_open(world):
    shop = world.create_shop(name="Acme")
    mug = shop.create_product("Mug", "10.00", inventory=5)
    bea = world.create_account(username="bea", age=30)
    order = bea.app.buy(mug).transition("DELIVERED")
    order.request_return("Damaged")
    with pytest.raises(SandboxAPIError) as err:
        order.transition("COMPLETED")
    assert (err.value.code, err.value.rule) == ("ORDER_REQUEST_PENDING", "S3")
    assert order.refresh().status == "DELIVERED"
