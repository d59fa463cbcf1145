"""The pure layers: clock arithmetic, durations, the QR state machine and the C rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from fake_tiktok_app.domain import qr
from fake_tiktok_app.domain.accounts import age_on, birthdate_for_age, mask_phone
from sandbox.domain.eligibility import AccountFacts, LinkedShop, evaluate
from sandbox.domain.markets import PROFILES, profile
from sandbox.kernel.clock import ClockState, parse_duration
from sandbox.kernel.errors import BadRequest, Conflict
from sandbox.rules.registry import resolve

US = resolve("US")

T0 = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def facts(**over):
    base = dict(open_id="o1", is_over_18=True, region="US", network_region="US",
                account_status="normal", ecommerce_permission="granted")
    return AccountFacts(**{**base, **over})


def test_a_frozen_clock_reads_its_instant_whatever_the_wall_says():
    clock = ClockState(frozen_at=T0)
    assert clock.now(T0 + timedelta(days=9)) == T0
    assert clock.moved_to(T0 + timedelta(hours=1)).now() == T0 + timedelta(hours=1)


def test_a_real_time_clock_keeps_its_offset_when_moved_and_frozen():
    clock = ClockState(offset=timedelta(hours=2))
    assert clock.now(T0) == T0 + timedelta(hours=2)
    moved = clock.moved_to(T0 + timedelta(days=1), wall=T0)
    assert moved.now(T0) == T0 + timedelta(days=1) and not moved.frozen
    frozen = moved.with_freeze(True, wall=T0)
    assert frozen.frozen and frozen.now(T0 + timedelta(hours=5)) == T0 + timedelta(days=1)
    assert frozen.with_freeze(False, wall=T0).now(T0) == T0 + timedelta(days=1)


@pytest.mark.parametrize(("text", "seconds"), [
    (90, 90), ("90", 90), ("PT90S", 90), ("PT2M", 120), ("P1DT2H", 93600), ("P15D", 1296000),
    ("pt1.5h", 5400), (0.5, 0.5)])
def test_durations_are_seconds_or_iso_8601(text, seconds):
    assert parse_duration(text).total_seconds() == seconds


@pytest.mark.parametrize("bad", ["P", "soon", "-5", -1, None, True, "PT", [], "1 day"])
def test_bad_durations_are_refused(bad):
    with pytest.raises(BadRequest):
        parse_duration(bad)


def test_qr_status_expires_only_while_unanswered():
    deadline = T0 + timedelta(seconds=120)
    assert qr.effective_status("new", deadline, deadline - timedelta(seconds=1)) == "new"
    assert qr.effective_status("new", deadline, deadline) == "expired"
    assert qr.effective_status("scanned", deadline, deadline) == "expired"
    assert qr.effective_status("confirmed", deadline, deadline) == "confirmed"


def test_qr_first_confirmed_poll_leaves_it_utilised():
    assert qr.check_response("confirmed") == "utilised"
    assert qr.check_response("scanned") == "scanned"


def test_qr_cannot_be_answered_before_a_scan_or_by_another_account():
    with pytest.raises(Conflict) as err:
        qr.check_can_decide("new", None, "a")
    assert err.value.code == "QR_NOT_SCANNED"
    with pytest.raises(Conflict):
        qr.check_can_scan("scanned", "a", "b")
    qr.check_can_scan("scanned", "a", "a")


def test_ages_are_counted_in_whole_years_on_the_world_date():
    assert age_on(date(2008, 11, 24), T0) == 17
    assert age_on(date(2008, 11, 23), T0) == 18
    assert age_on(birthdate_for_age(18, T0), T0) == 18
    leap = datetime(2028, 2, 29, tzinfo=UTC)
    assert age_on(birthdate_for_age(18, leap), leap) == 18


def test_phone_numbers_are_masked_for_the_seller():
    assert mask_phone("+12025550101") == "+12*******01"
    assert mask_phone(None) is None


def test_eligibility_reports_every_failed_rule_in_rule_order():
    verdict = evaluate(facts(is_over_18=False, account_status="banned", network_region="GB"),
                       profile("US"), US, "normal",
                       linked_to=LinkedShop("7001", "Other Shop", "official"))
    assert [r.rule for r in verdict.refusals] == ["C1", "C2", "C3", "C6"]


def test_eligibility_refusal_beats_pending():
    verdict = evaluate(facts(is_over_18=False, region="CA"), profile("US"), US, "normal", None)
    assert verdict.refusals and verdict.pending is None


@pytest.mark.parametrize(("over", "code"), [
    ({"region": "CA"}, "LINK_PENDING_REGISTERED_OUTSIDE_MARKET"),
    ({"ecommerce_permission": "revoked", "ecommerce_revoked_reason": "violations"},
     "LINK_PENDING_ECOMMERCE_REVOKED"),
])
def test_C7_cases_are_pending_not_refused(over, code):
    verdict = evaluate(facts(**over), profile("US"), US, "normal", None)
    assert not verdict.refusals and verdict.pending["code"] == code
    assert verdict.pending["rule"] == "C7"


def test_M1_every_market_has_a_profile_and_unknown_ones_are_refused():
    assert set(PROFILES) == {"US", "GB", "CB", "DOUYIN"}
    assert profile("CB").account_region == "US" and profile("CB").seller_type == "CROSS_BORDER"
    assert resolve("US").M3.business_account and not resolve("GB").M3.business_account
    with pytest.raises(BadRequest) as err:
        profile("FR")
    assert err.value.rule == "M1"


def test_C1_reads_the_markets_minimum_age_from_the_birthdate():
    from dataclasses import replace

    now = datetime(2026, 12, 1, tzinfo=UTC)
    nineteen = AccountFacts(open_id="o", is_over_18=True, region="US", network_region="US",
                            account_status="normal", ecommerce_permission="granted",
                            birthdate=birthdate_for_age(19, now).isoformat())
    us = profile("US")
    assert evaluate(nineteen, us, US, "normal", None, now).refusals == []
    stricter = resolve("US", world={"C1": {"min_age": 21}})
    [refusal] = evaluate(nineteen, us, stricter, "normal", None, now).refusals
    assert (refusal.code, refusal.rule) == ("LINK_HOLDER_UNDER_18", "C1")
    assert "at least 21" in refusal.message
    # Without a birthdate (or a `now`) TikTok's own is_over_18 decides.
    assert evaluate(replace(nineteen, birthdate=None), us, stricter, "normal", None,
                    now).refusals == []
