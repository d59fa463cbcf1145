"""An order's life on a frozen clock (S2-S4): every boundary the clock moves an order at, to the
second, rule parameters that change the timing, the control plane's walk through the steps, and
the events every move leaves. Requests and refusals: test_order_requests.py."""

from __future__ import annotations

from datetime import timedelta

import pytest
from order_support import JUST_BEFORE, STOCK, at, make_cast, refused_unchanged

pytestmark = pytest.mark.usefixtures("no_big_numbers")


@pytest.fixture
def cast(world):
    return make_cast(world)


# -- the clock (S3) -------------------------------------------------------------------------

def test_S3_an_unpaid_order_is_cancelled_at_exactly_its_limit(cast):
    order = cast.buy(quantity=2, paid=False)
    assert (order.status, cast.stock()) == ("UNPAID", STOCK - 2)
    created = at(order["created_at"])
    assert order["next"] == {"to": "CANCELLED", "why": "system_cancel_unpaid_time_out",
                             "at": order["next"]["at"]}
    assert at(order["next"]["at"]) - created == timedelta(minutes=30)
    cast.advance(timedelta(minutes=30) - JUST_BEFORE)
    assert order.refresh().status == "UNPAID" and cast.stock() == STOCK - 2
    cast.advance(JUST_BEFORE)
    order.refresh()
    assert order.status == "CANCELLED"
    assert order["cancel_reason"] == "system_cancel_unpaid_time_out"
    assert order["cancellation_initiator"] == "SYSTEM"
    assert order["cancel_time"] == int((created + timedelta(minutes=30)).timestamp())
    assert order["next"] is None and order["commission"]["status"] == "NONE"
    assert cast.stock() == STOCK
    assert cast.moves(order) == [("UNPAID", "CANCELLED", "SYSTEM")]


def test_S3_a_paid_order_is_on_hold_until_exactly_the_end_of_the_hold(cast):
    order = cast.buy()
    assert order.status == "ON_HOLD" and order["commission"]["status"] == "PENDING"
    assert order["next"]["to"] == "AWAITING_SHIPMENT"
    cast.advance(timedelta(minutes=60) - JUST_BEFORE)
    assert order.refresh().status == "ON_HOLD"
    cast.advance(JUST_BEFORE)
    assert order.refresh().status == "AWAITING_SHIPMENT"
    assert order["next"] is None  # nothing but the seller moves it now
    assert cast.moves(order) == [("UNPAID", "ON_HOLD", "BUYER"),
                                 ("ON_HOLD", "AWAITING_SHIPMENT", "SYSTEM")]


def test_S3_the_carrier_collects_after_collect_hours_and_delivers_after_deliver_hours(cast):
    order = cast.buy()
    cast.advance(timedelta(minutes=60))
    order.ship(provider="UPS", tracking="1Z999")
    assert order.status == "AWAITING_COLLECTION"
    assert (order["shipping"]["provider"], order["shipping"]["tracking_number"]) == ("UPS",
                                                                                   "1Z999")
    assert order["rts_time"] is not None and order["collection_time"] is None
    cast.advance(timedelta(hours=24) - JUST_BEFORE)
    assert order.refresh().status == "AWAITING_COLLECTION"
    cast.advance(JUST_BEFORE)
    assert order.refresh().status == "IN_TRANSIT" and order["collection_time"] is not None
    cast.advance(timedelta(hours=72) - JUST_BEFORE)
    assert order.refresh().status == "IN_TRANSIT"
    cast.advance(JUST_BEFORE)
    assert order.refresh().status == "DELIVERED" and order["delivery_time"] is not None
    assert [m[1] for m in cast.moves(order)] == ["ON_HOLD", "AWAITING_SHIPMENT",
                                                 "AWAITING_COLLECTION", "IN_TRANSIT",
                                                 "DELIVERED"]


def test_S3_the_carrier_delivers_when_told_collecting_first(cast):
    order = cast.shipped()
    cast.world.carrier.deliver(order)
    assert order.status == "DELIVERED"
    assert cast.moves(order)[-2:] == [("AWAITING_COLLECTION", "IN_TRANSIT", "SYSTEM"),
                                      ("IN_TRANSIT", "DELIVERED", "SYSTEM")]
    assert order["next"]["to"] == "COMPLETED"


def test_S3_S2_a_delivered_order_completes_after_the_period_and_its_commission_is_payable(cast):
    order = cast.delivered(quantity=2)
    assert order["commission"] == {"status": "PENDING", "amount": "3.00"}
    cast.advance(timedelta(days=7) - JUST_BEFORE)
    assert order.refresh().status == "DELIVERED"
    assert order["commission"]["status"] == "PENDING"
    cast.advance(JUST_BEFORE)
    assert order.refresh().status == "COMPLETED"
    assert order["commission"] == {"status": "PAYABLE", "amount": "3.00"}
    assert cast.amy.app.earnings()["totals"] == {"pending": "0.00", "payable": "3.00",
                                                 "reversed": "0.00"}
    assert cast.moves(order)[-1] == ("DELIVERED", "COMPLETED", "SYSTEM")
    assert cast.stock() == STOCK - 2  # a completed sale keeps its stock taken


def test_S3_one_long_advance_walks_the_whole_life_each_move_at_its_own_instant(cast):
    order = cast.buy()
    cast.advance(timedelta(minutes=60))
    order.ship()
    shipped = at(order["updated_at"])
    cast.advance(timedelta(days=30))
    order.refresh()
    assert order.status == "COMPLETED"
    assert order["collection_time"] == int((shipped + timedelta(hours=24)).timestamp())
    assert order["delivery_time"] == int((shipped + timedelta(hours=96)).timestamp())
    assert at(order["updated_at"]) == shipped + timedelta(hours=96, days=7)


def test_S3_rule_overrides_change_the_timing(cast):
    cast.world.set_rules({"S3": {"hold_minutes": 5, "unpaid_cancel_minutes": 2,
                                 "collect_hours": 1, "deliver_hours": 2,
                                 "auto_complete_days": 1}})
    unpaid, paid = cast.buy(paid=False), cast.buy()
    cast.advance(timedelta(minutes=2) - JUST_BEFORE)
    assert unpaid.refresh().status == "UNPAID"
    cast.advance(JUST_BEFORE)
    assert unpaid.refresh().status == "CANCELLED"
    cast.advance(timedelta(minutes=3) - JUST_BEFORE)
    assert paid.refresh().status == "ON_HOLD"
    cast.advance(JUST_BEFORE)
    assert paid.refresh().status == "AWAITING_SHIPMENT"
    paid.ship()
    cast.advance(timedelta(hours=3) - JUST_BEFORE)
    assert paid.refresh().status == "IN_TRANSIT"
    cast.advance(JUST_BEFORE)
    assert paid.refresh().status == "DELIVERED"
    cast.advance(timedelta(days=1))
    assert paid.refresh().status == "COMPLETED"


@pytest.mark.sandbox_world(rules={"S3": {"cancel_auto_approve_hours": 2,
                                         "return_auto_approve_hours": 3}})
def test_S3_request_answer_limits_are_rule_parameters_too(cast):
    waiting = cast.buy().transition("AWAITING_SHIPMENT").cancel("too slow")
    kept = cast.delivered()
    kept.request_return("Broken")
    assert at(waiting["requests"][0]["answer_due_at"]) - at(waiting["requests"][0]["created_at"]) \
        == timedelta(hours=2)
    cast.advance(timedelta(hours=2))
    assert waiting.refresh().status == "CANCELLED"
    assert kept.refresh().status == "DELIVERED"
    cast.advance(timedelta(hours=1))
    assert kept.refresh().status == "COMPLETED" and kept["requests"][0]["status"] == "APPROVED"


# -- the control plane (S3) -----------------------------------------------------------------

def test_S3_a_transition_walks_every_step_with_its_side_effects(cast):
    order = cast.buy(paid=False)
    moved = order.transition("COMPLETED")
    assert moved["steps"] == ["ON_HOLD", "AWAITING_SHIPMENT", "AWAITING_COLLECTION",
                              "IN_TRANSIT", "DELIVERED", "COMPLETED"]
    assert moved.status == "COMPLETED"
    assert moved["commission"] == {"status": "PAYABLE", "amount": "1.50"}  # fixed at payment
    assert moved["shipping"]["tracking_number"] and moved["shipping"]["provider"]
    for stamp in ("paid_time", "rts_time", "collection_time", "delivery_time"):
        assert moved[stamp] is not None, stamp
    assert cast.moves(order) == [
        ("UNPAID", "ON_HOLD", "OPERATOR"), ("ON_HOLD", "AWAITING_SHIPMENT", "OPERATOR"),
        ("AWAITING_SHIPMENT", "AWAITING_COLLECTION", "OPERATOR"),
        ("AWAITING_COLLECTION", "IN_TRANSIT", "OPERATOR"),
        ("IN_TRANSIT", "DELIVERED", "OPERATOR"), ("DELIVERED", "COMPLETED", "OPERATOR")]
    assert cast.stock() == STOCK - 1
    cast.advance(timedelta(days=30))  # no clock move of an earlier status is left behind
    assert order.refresh().status == "COMPLETED" and len(cast.moves(order)) == 6


def test_S3_S4_a_transition_to_cancelled_gives_the_stock_back(cast):
    order = cast.shipped(quantity=4)
    assert cast.stock() == STOCK - 4
    moved = order.transition("CANCELLED", reason="lost in the warehouse")
    assert moved["steps"] == ["CANCELLED"]
    assert (moved.status, moved["cancel_reason"]) == ("CANCELLED", "lost in the warehouse")
    assert moved["cancellation_initiator"] == "SYSTEM"
    assert moved["commission"]["status"] == "REVERSED" and cast.stock() == STOCK


@pytest.mark.parametrize(("path", "to", "allowed"), [
    ([], "UNPAID", ["AWAITING_SHIPMENT", "CANCELLED"]),
    (["COMPLETED"], "DELIVERED", []),
    (["DELIVERED"], "CANCELLED", ["COMPLETED"]),
    (["IN_TRANSIT"], "AWAITING_SHIPMENT", ["DELIVERED", "COMPLETED", "CANCELLED"]),
    (["CANCELLED"], "COMPLETED", []),
])
def test_S3_a_move_the_lifecycle_does_not_have_is_refused_naming_the_allowed_ones(
        cast, path, to, allowed):
    order = cast.buy()
    for status in path:
        order.transition(status)
    err = refused_unchanged(cast, order, lambda: order.transition(to),
                            "ORDER_TRANSITION_NOT_ALLOWED")
    assert err.details["allowed"] == allowed
    assert (err.details["status"], err.details["to"]) == (order.status, to)


def test_S3_a_status_that_does_not_exist_is_a_bad_request(cast):
    order = cast.buy()
    err = refused_unchanged(cast, order, lambda: order.transition("LOST"), "INVALID_FIELD",
                            rule=None, status=400)
    assert err.details["field"] == "to"


# -- events (S3) ----------------------------------------------------------------------------

def test_S3_every_move_of_an_order_is_an_event(cast):
    order = cast.buy(paid=False)
    cast.bea.app.pay(order.id)
    cast.advance(timedelta(hours=1))
    order.cancel("wait")
    cast.acme.seller.reject_request(order)
    cast.acme.seller.ship(order)
    cast.world.carrier.collect(order)
    cast.bea.app.confirm_receipt(order)
    order.request_return("Broken")
    cast.acme.seller.approve_request(order)
    events = [e for e in cast.world.events(type="order.") if e["subject"] == order.id]
    assert [(e["type"], e["data"].get("to")) for e in events] == [
        ("order.created", None),
        ("order.status_changed", "ON_HOLD"),
        ("order.status_changed", "AWAITING_SHIPMENT"),
        ("order.cancellation_requested", None),
        ("order.cancellation_rejected", None),
        ("order.status_changed", "AWAITING_COLLECTION"),
        ("order.status_changed", "IN_TRANSIT"),
        ("order.status_changed", "DELIVERED"),
        ("order.return_requested", None),
        ("order.return_approved", None),
        ("order.status_changed", "COMPLETED"),
    ]
    assert [e["data"]["by"] for e in events if e["type"] == "order.status_changed"] == [
        "BUYER", "SYSTEM", "SELLER", "SYSTEM", "BUYER", "SELLER"]
    assert all(e["data"]["shop_id"] == cast.acme.id for e in events)
    assert events[-1]["data"]["commission"] == "REVERSED"
