"""The order lifecycle's pure rules: S3's moves and who may make them, the steps of an operator's
move, when the clock moves an order (S3's parameters, per world); S1's channels; S2's commission."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sandbox.domain import attribution as att
from sandbox.domain import orders
from sandbox.kernel.errors import BadRequest, RuleViolation
from sandbox.rules.registry import resolve

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(("status", "to", "by"), [
    ("UNPAID", "ON_HOLD", "BUYER"), ("UNPAID", "CANCELLED", "SYSTEM"),
    ("ON_HOLD", "AWAITING_SHIPMENT", "SYSTEM"), ("ON_HOLD", "CANCELLED", "BUYER"),
    ("ON_HOLD", "CANCELLED", "SELLER"), ("AWAITING_SHIPMENT", "AWAITING_COLLECTION", "SELLER"),
    ("AWAITING_COLLECTION", "IN_TRANSIT", "SYSTEM"), ("IN_TRANSIT", "DELIVERED", "SYSTEM"),
    ("DELIVERED", "COMPLETED", "SYSTEM"), ("AWAITING_COLLECTION", "CANCELLED", "SELLER")])
def test_S3_documented_moves_are_allowed_to_their_initiators(status, to, by):
    orders.check_move(status, to, by)


@pytest.mark.parametrize(("status", "to"), [
    ("UNPAID", "AWAITING_SHIPMENT"), ("DELIVERED", "CANCELLED"), ("COMPLETED", "CANCELLED"),
    ("CANCELLED", "ON_HOLD"), ("IN_TRANSIT", "AWAITING_COLLECTION")])
def test_S3_a_move_the_lifecycle_lacks_is_a_409_naming_the_allowed_ones(status, to):
    with pytest.raises(RuleViolation) as err:
        orders.check_move(status, to, "SYSTEM")
    assert (err.value.code, err.value.rule, err.value.status) == (
        "ORDER_TRANSITION_NOT_ALLOWED", "S3", 409)
    assert err.value.details["allowed"] == orders.allowed_moves(status)


def test_S3_a_move_by_the_wrong_party_is_refused_naming_who_may():
    with pytest.raises(RuleViolation) as err:
        orders.check_move("DELIVERED", "COMPLETED", "BUYER")  # the after-sales period ends it
    assert err.value.code == "ORDER_TRANSITION_NOT_YOURS"
    assert err.value.details["allowed_by"] == ["SELLER", "SYSTEM"]
    # TikTok's texts disagree on a seller cancelling an UNPAID order: both are accepted (§4.1.4).
    orders.check_move("UNPAID", "CANCELLED", "SELLER")
    with pytest.raises(RuleViolation):
        orders.check_move("ON_HOLD", "AWAITING_SHIPMENT", "SELLER")  # the hold ends by itself


def test_S3_an_operator_move_walks_the_main_line_or_cancels_directly():
    assert orders.steps_to("UNPAID", "DELIVERED") == [
        "ON_HOLD", "AWAITING_SHIPMENT", "AWAITING_COLLECTION", "IN_TRANSIT", "DELIVERED"]
    assert orders.steps_to("ON_HOLD", "CANCELLED") == ["CANCELLED"]
    assert orders.steps_to("IN_TRANSIT", "COMPLETED") == ["COMPLETED"]  # a full refund's move
    with pytest.raises(RuleViolation) as err:
        orders.steps_to("DELIVERED", "AWAITING_SHIPMENT")
    assert err.value.details["allowed"] == ["COMPLETED"]
    for final in orders.FINAL:
        with pytest.raises(RuleViolation):
            orders.steps_to(final, "COMPLETED")


def test_S3_the_clock_moves_orders_by_the_worlds_parameters():
    rules = resolve("US")
    assert orders.due_move("UNPAID", T0, rules) == orders.Due(
        "CANCELLED", T0 + timedelta(minutes=30), "system_cancel_unpaid_time_out")
    assert orders.due_move("ON_HOLD", T0, rules).at == T0 + timedelta(hours=1)  # documented
    assert orders.due_move("AWAITING_COLLECTION", T0, rules).to == "IN_TRANSIT"
    assert orders.due_move("DELIVERED", T0, rules).at == T0 + timedelta(days=7)
    assert orders.due_move("AWAITING_SHIPMENT", T0, rules) is None  # waits for the seller
    changed = resolve("US", world={"S3": {"hold_minutes": 5, "auto_complete_days": 1}})
    assert orders.due_move("ON_HOLD", T0, changed).at == T0 + timedelta(minutes=5)
    assert orders.due_move("DELIVERED", T0, changed).at == T0 + timedelta(days=1)
    assert orders.request_answer_due(T0, "cancellation", rules) == T0 + timedelta(hours=48)
    assert orders.request_answer_due(T0, "return", rules) == T0 + timedelta(hours=48)


def test_the_webhook_says_CANCEL_where_the_api_says_CANCELLED():
    assert orders.WEBHOOK_STATUS.get("CANCELLED") == "CANCEL"
    assert "PARTIALLY_SHIPPING" in orders.STATUSES and len(orders.STATUSES) == 9


@pytest.mark.parametrize(("relation", "channel"), [
    ("OFFICIAL", "SHOP_PAGE"), ("OFFICIAL", "LIVE"), ("MARKETING", "SHOWCASE"),
    ("AFFILIATE", "VIDEO"), ("NONE", "PRODUCT_PAGE"), ("AFFILIATE", "PRODUCT_PAGE")])
def test_S1_each_account_sells_through_its_surfaces(relation, channel):
    att.check_channel(relation, channel)


@pytest.mark.parametrize(("relation", "channel"), [
    ("OFFICIAL", "SHOWCASE"), ("MARKETING", "SHOP_PAGE"), ("AFFILIATE", "SHOP_PAGE"),
    ("NONE", "SHOWCASE"), ("NONE", "VIDEO")])
def test_S1_a_surface_the_account_does_not_sell_through_is_refused(relation, channel):
    with pytest.raises(RuleViolation) as err:
        att.check_channel(relation, channel)
    assert (err.value.code, err.value.rule) == ("CHANNEL_NOT_AVAILABLE", "S1")


def test_an_unknown_channel_is_a_400():
    with pytest.raises(BadRequest) as err:
        att.check_channel("OFFICIAL", "BILLBOARD")
    assert err.value.details["field"] == "channel"


def test_S2_only_an_affiliate_earns_and_a_campaign_rate_wins():
    assert att.commission_rate("OFFICIAL", 1500) == 0
    assert att.commission_rate("MARKETING", 1500) == 0
    assert att.commission_rate("NONE", 1500) == 0
    assert att.commission_rate("AFFILIATE", 1500) == 1500
    assert att.commission_rate("AFFILIATE", 1500, campaign_rate=2000) == 2000


@pytest.mark.parametrize(("price", "rate", "amount"), [
    ("19.99", 1500, "3.00"), ("10.00", 1000, "1.00"), ("0.05", 1000, "0.01"),
    ("0.04", 1000, "0.00"), ("19.99", 0, "0.00"), ("100", 2550, "25.50")])
def test_S2_commission_is_price_times_rate_to_the_cent(price, rate, amount):
    assert att.commission_amount(price, rate) == amount


@pytest.mark.parametrize("bad", ["abc", "-1", "NaN", "Infinity"])
def test_a_bad_amount_is_a_400(bad):
    with pytest.raises(BadRequest):
        att.money(bad)
