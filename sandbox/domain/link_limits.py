"""Counting rules of marketing links and unlinks: B3, B4, E2, F1–F4 (pure; take `now`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sandbox.kernel.clock import iso
from sandbox.kernel.errors import RuleViolation
from sandbox.rules.registry import RuleValues


def marketing_slots_refusal(recruitment: str, active_marketing: int,
                            rules: RuleValues) -> RuleViolation | None:
    """B4: open-recruitment shops link no marketing account; B3: at most `rules.B3.max` at a time."""
    if recruitment == "open":
        return RuleViolation("This shop was onboarded by open recruitment: it may link only an "
                             "official account, not marketing accounts.",
                             code="MARKETING_NOT_ALLOWED_FOR_OPEN_RECRUITMENT", rule="B4")
    if active_marketing >= rules.B3.max:
        return RuleViolation(f"This shop already has {active_marketing} marketing accounts (at most "
                             f"{rules.B3.max}). Unlink one first.",
                             code="MARKETING_ACCOUNTS_FULL", rule="B3",
                             details={"max": rules.B3.max})
    return None


def in_window(instants: Sequence[datetime], now: datetime, days: int) -> list[datetime]:
    """The instants within the rolling `days` that end at `now` (what a window rule counts)."""
    return [t for t in instants if t > now - timedelta(days=days)]


def window_refusal(instants: Sequence[datetime], now: datetime, limit: int, days: int, *,
                   code: str, rule: str, what: str) -> RuleViolation | None:
    """At most `limit` events in any rolling `days`: refused when `limit` already fall within
    the last `days`; the refusal says when the oldest of them leaves the window."""
    window = timedelta(days=days)
    recent = sorted(in_window(instants, now, days))
    if len(recent) < limit:
        return None
    if limit <= 0:  # a world that allows none (an override): never, not "from a date"
        return RuleViolation(f"Rule {rule} allows {limit} in any {days} days in this world: no "
                             f"marketing account can be {what.split()[0]}.", code=code, rule=rule,
                             details={"limit": limit, "window_days": days, "next_possible_at": None})
    next_at = recent[len(recent) - limit] + window
    return RuleViolation(f"This shop has {what} {len(recent)} times in the last {days} days (at most "
                         f"{limit}). The next one is possible from {iso(next_at)}.",
                         code=code, rule=rule,
                         details={"limit": limit, "window_days": days, "next_possible_at": iso(next_at)})


def marketing_binds_refusal(bound_at: Sequence[datetime], now: datetime,
                            rules: RuleValues) -> RuleViolation | None:
    """E2: at most `max` marketing binds in any `window_days`."""
    return window_refusal(bound_at, now, rules.E2.max,
                          rules.E2.window_days, code="MARKETING_BIND_LIMIT",
                          rule="E2", what="bound marketing accounts")


def cooldown_refusal(linked_at: datetime, now: datetime,
                     rules: RuleValues) -> RuleViolation | None:
    """F1: no unlink earlier than `hours` after the link was made."""
    allowed_at = linked_at + timedelta(hours=rules.F1.hours)
    if now >= allowed_at:
        return None
    return RuleViolation(f"A link can be unlinked {rules.F1.hours} hours after it was "
                         f"made; this one can be unlinked from {iso(allowed_at)}.",
                         code="UNLINK_TOO_SOON", rule="F1",
                         details={"unlink_possible_at": iso(allowed_at)})


def official_unlinks_refusal(past_official_unlinks: int,
                             rules: RuleValues) -> RuleViolation | None:
    """F2: an official account may be unlinked at most `max` times in the shop's history."""
    if past_official_unlinks < rules.F2.max:
        return None
    return RuleViolation(f"This shop has already unlinked its official account "
                         f"{past_official_unlinks} times (at most {rules.F2.max} "
                         "in its history).", code="OFFICIAL_UNLINK_LIMIT", rule="F2",
                         details={"max": rules.F2.max})


def marketing_unlinks_refusal(unlinked_at: Sequence[datetime], now: datetime,
                              rules: RuleValues) -> RuleViolation | None:
    """F3: marketing accounts may be unlinked at most `max` times in any `window_days`."""
    return window_refusal(unlinked_at, now, rules.F3.max,
                          rules.F3.window_days, code="MARKETING_UNLINK_LIMIT",
                          rule="F3", what="unlinked marketing accounts")


def creator_standing_refusal(user: dict[str, Any], now: datetime,
                             rules: RuleValues) -> RuleViolation | None:
    """F4: no unlink while the creator has too many violation points, too low a health score or
    a recent serious violation (user-info fields, read from the app just before)."""
    points = int(user.get("violation_points") or 0)
    health_score = user.get("health_score")
    health = int(health_score if health_score is not None else 1000)
    if points >= rules.F4.violation_points:
        return RuleViolation(f"The creator has {points} violation points (unlinking needs fewer than "
                             f"{rules.F4.violation_points}).",
                             code="UNLINK_CREATOR_VIOLATION_POINTS", rule="F4")
    if health <= rules.F4.health_score:
        return RuleViolation(f"The creator's health score is {health} (unlinking needs more than "
                             f"{rules.F4.health_score}).",
                             code="UNLINK_CREATOR_HEALTH_SCORE", rule="F4")
    serious = user.get("last_serious_violation_at")
    if serious:
        at = datetime.fromisoformat(str(serious).replace("Z", "+00:00"))
        if now - at < timedelta(days=rules.F4.serious_violation_days):
            return RuleViolation(f"The creator had a serious violation on {serious} (within "
                                 f"{rules.F4.serious_violation_days} days).",
                                 code="UNLINK_CREATOR_SERIOUS_VIOLATION", rule="F4")
    return None
