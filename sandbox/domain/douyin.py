"""Rules J1–J7 of Douyin Shop (抖店): which Douyin account may be bound as a shop's official
account, the four scan cases, the one rebind, the upgrade and its deadline. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sandbox.kernel.errors import RuleViolation

MARKET = "DOUYIN"
# J4's four cases on scan (seed 003 §III.1)
VERIFIED_MATCH, ENTITY_MISMATCH, UNVERIFIED_ENTERPRISE, PERSONAL = 1, 2, 3, 4
CASE_NAMES = {VERIFIED_MATCH: "verified_enterprise", ENTITY_MISMATCH: "entity_mismatch",
              UNVERIFIED_ENTERPRISE: "unverified_enterprise", PERSONAL: "personal"}
# What binding starts in the app, by case (J4): an entity-change confirmation or blue V.
STARTS = {UNVERIFIED_ENTERPRISE: "entity_change", PERSONAL: "blue_v"}


@dataclass(frozen=True)
class DouyinFacts:
    """What the Douyin Shop backend learns from user info (first-party fields)."""

    open_id: str
    real_name_verified: bool
    kind: str
    enterprise_verified: bool
    verified_entity: str | None
    verification: str | None

    @classmethod
    def from_user_info(cls, user: dict[str, Any]) -> DouyinFacts:
        return cls(open_id=user["open_id"],
                   real_name_verified=bool(user.get("real_name_verified")),
                   kind=user.get("account_kind") or "personal",
                   enterprise_verified=bool(user.get("enterprise_verified")),
                   verified_entity=user.get("verified_entity"),
                   verification=user.get("douyin_verification"))


def scan_case(facts: DouyinFacts, shop_entity: str) -> int:
    """J4: a verified (blue V) enterprise account matching the shop's licence entity (1), or not
    matching (2); an unverified enterprise account (3); a personal account (4)."""
    if facts.kind == "enterprise" and facts.enterprise_verified:
        return VERIFIED_MATCH if facts.verified_entity == shop_entity else ENTITY_MISMATCH
    if facts.kind == "enterprise":
        return UNVERIFIED_ENTERPRISE
    return PERSONAL


def binding_refusal(facts: DouyinFacts, shop_entity: str, authorized: bool) -> RuleViolation | None:
    """J2 real-name first, then J3 (case 2), then J1 (an authorized account)."""
    if not facts.real_name_verified:
        return RuleViolation("This Douyin account has not completed real-name verification "
                             "(实名认证): complete it in the Douyin app before binding.",
                             code="DOUYIN_REAL_NAME_REQUIRED", rule="J2")
    if scan_case(facts, shop_entity) == ENTITY_MISMATCH:
        return RuleViolation(
            f"The account's verified entity ({facts.verified_entity}) does not match the shop's "
            f"business licence entity ({shop_entity}): binding is not supported. Bind another "
            "account, or cancel this account's enterprise identity first.",
            code="DOUYIN_ENTITY_MISMATCH", rule="J3")
    if authorized:
        return authorized_official_refusal()
    return None


def authorized_official_refusal() -> RuleViolation:
    return RuleViolation("This account is authorized for the shop's promotion (授权账号); an "
                         "authorized account cannot also be the official account.",
                         code="DOUYIN_AUTHORIZED_NOT_OFFICIAL", rule="J1")


def rebind_refusal(upgraded: bool, rebinds_used: int, rebinds_max: int,
                   has_official: bool) -> RuleViolation | None:
    """J5: a bound, not upgraded official account may be replaced once in the shop's history."""
    if not has_official:
        return RuleViolation("The shop has no official account to rebind: bind one first.",
                             code="DOUYIN_NOTHING_TO_REBIND", rule="J5")
    if upgraded:
        return RuleViolation("The official account is upgraded: it can no longer be rebound.",
                             code="DOUYIN_REBIND_AFTER_UPGRADE", rule="J5")
    if rebinds_used >= rebinds_max:
        return RuleViolation(f"The shop has used its {rebinds_max} rebind(s) (换绑); the official "
                             "account cannot be changed again.", code="DOUYIN_REBIND_USED",
                             rule="J5", details={"max": rebinds_max})
    return None


def unlink_refusal(market: str) -> RuleViolation | None:
    """J5: a Douyin shop has no unlink (TikTok's F rules do not apply): its seller changes the
    official account only by the one rebind; only the operator may unlink."""
    if market != MARKET:
        return None
    return RuleViolation("Douyin Shop has no unlink: the official account can be changed only by "
                         "\"rebind\" (换绑, one replacement while it is bound and not upgraded). "
                         "Only the sandbox operator can unlink it.",
                         code="DOUYIN_UNLINK_NOT_AVAILABLE", rule="J5",
                         details={"instead": "rebind"})


def reminder_active(now: datetime, reminder_from: datetime, bound: bool, upgraded: bool) -> bool:
    """J7: from the set date, shops with a bound, not upgraded official account are reminded."""
    return bound and not upgraded and now >= reminder_from


def upgrade_deadline(bound_at: datetime, reminder_from: datetime, days: int) -> datetime:
    """J7: the deadline counts from the later of the binding and the reminder date."""
    return max(bound_at, reminder_from) + timedelta(days=days)


def listing_refusal(now: datetime, deadline: datetime | None) -> RuleViolation | None:
    if deadline is not None and now >= deadline:
        return RuleViolation("The official account upgrade (官方账号升级) was not completed by "
                             f"its deadline ({deadline.date()}): product listing is restricted "
                             "until the upgrade is done.", code="DOUYIN_UPGRADE_OVERDUE",
                             rule="J7")
    return None
