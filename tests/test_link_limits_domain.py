"""Pure rules of link_limits at their boundaries: F1, F2, F3/E2 windows, F4, B3, B4."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sandbox.domain import link_limits
from sandbox.rules.registry import resolve

US = resolve("US")
T0 = datetime(2026, 1, 1, tzinfo=UTC)


def test_F1_cooldown_boundary():
    assert link_limits.cooldown_refusal(T0, T0 + timedelta(hours=24) - timedelta(seconds=1), US)
    assert link_limits.cooldown_refusal(T0, T0 + timedelta(hours=24), US) is None


def test_F2_the_third_is_allowed_the_fourth_refused():
    assert link_limits.official_unlinks_refusal(2, US) is None
    assert link_limits.official_unlinks_refusal(3, US).rule == "F2"


def test_F3_window_slides_and_names_the_next_instant():
    times = [T0 + timedelta(days=i) for i in range(10)]
    now = T0 + timedelta(days=20)
    refusal = link_limits.marketing_unlinks_refusal(times, now, US)
    assert refusal.rule == "F3"
    assert refusal.details["next_possible_at"] == "2026-06-30T00:00:00Z"  # T0 + 180 days
    assert link_limits.marketing_unlinks_refusal(times, T0 + timedelta(days=180), US) is None
    assert link_limits.marketing_unlinks_refusal(times[:9], now, US) is None


def test_E2_counts_only_binds_inside_the_window():
    old = [T0 - timedelta(days=181)] * 5
    recent = [T0 - timedelta(days=i) for i in range(9)]
    assert link_limits.marketing_binds_refusal(old + recent, T0, US) is None
    assert link_limits.marketing_binds_refusal(old + recent + [T0], T0, US).rule == "E2"


def test_F4_boundaries():
    ok = {"violation_points": 11, "health_score": 151, "last_serious_violation_at": None}
    assert link_limits.creator_standing_refusal(ok, T0, US) is None
    assert link_limits.creator_standing_refusal({**ok, "violation_points": 12}, T0, US).rule == "F4"
    assert link_limits.creator_standing_refusal({**ok, "health_score": 150}, T0, US).rule == "F4"
    recent = {**ok, "last_serious_violation_at": "2025-10-04T00:00:00Z"}  # 89 days before T0
    assert link_limits.creator_standing_refusal(recent, T0, US).code == \
        "UNLINK_CREATOR_SERIOUS_VIOLATION"
    old = {**ok, "last_serious_violation_at": "2025-10-03T00:00:00Z"}  # 90 days before
    assert link_limits.creator_standing_refusal(old, T0, US) is None


def test_B3_and_B4_slots():
    assert link_limits.marketing_slots_refusal("invited", 3, US) is None
    assert link_limits.marketing_slots_refusal("invited", 4, US).rule == "B3"
    assert link_limits.marketing_slots_refusal("open", 0, US).rule == "B4"


def test_E2_F3_a_limit_of_zero_refuses_every_one_without_a_next_date():
    none_allowed = resolve("US", world={"E2": {"max": 0}, "F3": {"max": 0}})
    bind = link_limits.marketing_binds_refusal([], T0, none_allowed)
    unlink = link_limits.marketing_unlinks_refusal([T0 - timedelta(days=1)], T0, none_allowed)
    assert (bind.code, bind.details["next_possible_at"]) == ("MARKETING_BIND_LIMIT", None)
    assert (unlink.code, unlink.rule) == ("MARKETING_UNLINK_LIMIT", "F3")
