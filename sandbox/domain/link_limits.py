"""Counting rules of marketing links and unlinks: B3, B4, E2, F1–F4 (pure; take `now`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sandbox.domain.markets import MarketProfile
from sandbox.kernel.clock import iso
from sandbox.kernel.errors import RuleViolation


def marketing_slots_refusal(recruitment: str, active_marketing: int,
                            market: MarketProfile) -> RuleViolation | None:
    """B4: open-recruitment shops link no marketing account; B3: at most 4 at a time."""
    if recruitment == "open":
        return RuleViolation("This shop was onboarded by open recruitment: it may link only an "
                             "official account, not marketing accounts.",
                             code="MARKETING_NOT_ALLOWED_FOR_OPEN_RECRUITMENT", rule="B4")
    if active_marketing >= market.marketing_accounts_max:
        return RuleViolation(f"This shop already has {active_marketing} marketing accounts (at most "
                             f"{market.marketing_accounts_max}). Unlink one first.",
                             code="MARKETING_ACCOUNTS_FULL", rule="B3",
                             details={"max": market.marketing_accounts_max})
    return None


def window_refusal(instants: Sequence[datetime], now: datetime, limit: int, days: int, *,
                   code: str, rule: str, what: str) -> RuleViolation | None:
    """At most `limit` events in any rolling `days`: refused when `limit` already fall within
    the last `days`; the refusal says when the oldest of them leaves the window."""
    window = timedelta(days=days)
    recent = sorted(t for t in instants if t > now - window)
    if len(recent) < limit:
        return None
    next_at = recent[len(recent) - limit] + window
    return RuleViolation(f"This shop has {what} {len(recent)} times in the last {days} days (at most "
                         f"{limit}). The next one is possible from {iso(next_at)}.",
                         code=code, rule=rule,
                         details={"limit": limit, "window_days": days, "next_possible_at": iso(next_at)})


def marketing_binds_refusal(bound_at: Sequence[datetime], now: datetime,
                            market: MarketProfile) -> RuleViolation | None:
    """E2: at most 10 marketing binds in any 180 days."""
    return window_refusal(bound_at, now, market.marketing_binds_max,
                          market.marketing_binds_window_days, code="MARKETING_BIND_LIMIT",
                          rule="E2", what="bound marketing accounts")


def cooldown_refusal(linked_at: datetime, now: datetime,
                     market: MarketProfile) -> RuleViolation | None:
    """F1: no unlink earlier than 24 hours after the link was made."""
    allowed_at = linked_at + timedelta(hours=market.unlink_cooldown_hours)
    if now >= allowed_at:
        return None
    return RuleViolation(f"A link can be unlinked {market.unlink_cooldown_hours} hours after it was "
                         f"made; this one can be unlinked from {iso(allowed_at)}.",
                         code="UNLINK_TOO_SOON", rule="F1",
                         details={"unlink_possible_at": iso(allowed_at)})


def official_unlinks_refusal(past_official_unlinks: int,
                             market: MarketProfile) -> RuleViolation | None:
    """F2: an official account may be unlinked at most 3 times in the shop's whole history."""
    if past_official_unlinks < market.official_unlinks_max:
        return None
    return RuleViolation(f"This shop has already unlinked its official account "
                         f"{past_official_unlinks} times (at most {market.official_unlinks_max} "
                         "in its history).", code="OFFICIAL_UNLINK_LIMIT", rule="F2",
                         details={"max": market.official_unlinks_max})


def marketing_unlinks_refusal(unlinked_at: Sequence[datetime], now: datetime,
                              market: MarketProfile) -> RuleViolation | None:
    """F3: marketing accounts may be unlinked at most 10 times in any 180 days."""
    return window_refusal(unlinked_at, now, market.marketing_unlinks_max,
                          market.marketing_unlinks_window_days, code="MARKETING_UNLINK_LIMIT",
                          rule="F3", what="unlinked marketing accounts")


def creator_standing_refusal(user: dict[str, Any], now: datetime,
                             market: MarketProfile) -> RuleViolation | None:
    """F4: no unlink while the creator has >= 12 violation points, a health score <= 150 or a
    recent serious violation (user-info fields, read from the app just before)."""
    points = int(user.get("violation_points") or 0)
    health = int(user.get("health_score") if user.get("health_score") is not None else 1000)
    if points >= market.unlink_violation_points_max:
        return RuleViolation(f"The creator has {points} violation points (unlinking needs fewer than "
                             f"{market.unlink_violation_points_max}).",
                             code="UNLINK_CREATOR_VIOLATION_POINTS", rule="F4")
    if health <= market.unlink_health_score_min:
        return RuleViolation(f"The creator's health score is {health} (unlinking needs more than "
                             f"{market.unlink_health_score_min}).",
                             code="UNLINK_CREATOR_HEALTH_SCORE", rule="F4")
    serious = user.get("last_serious_violation_at")
    if serious:
        at = datetime.fromisoformat(str(serious).replace("Z", "+00:00"))
        if now - at < timedelta(days=market.serious_violation_lookback_days):
            return RuleViolation(f"The creator had a serious violation on {serious} (within "
                                 f"{market.serious_violation_lookback_days} days).",
                                 code="UNLINK_CREATOR_SERIOUS_VIOLATION", rule="F4")
    return None
