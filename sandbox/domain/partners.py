"""Rules I1–I4: which TikTok account a Partner Center partner (MCN or TAP) may link, and when its
handle may be attached. Pure: facts in, coded refusals out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sandbox.kernel.errors import BadRequest, RuleViolation

KINDS = ("mcn", "tap")
KIND_NAMES = {"mcn": "TikTok Shop Multi-Channel Network (MCN)",
              "tap": "TikTok Shop Affiliate Partner (TAP)"}
# I2's "cannot be a registered business account" (seed 004) next to "link your TikTok business
# account": RULES.md reads it as registered to *another* entity; the literal reading refuses
# every business account. Rule I2's parameter `business_account` chooses. Under RULES.md's
# reading (the default) I1 also holds: a personal account is refused until it switches to a
# business account; the literal reading refuses business accounts, so it keeps linking personal
# ones (else nothing could link).
ANOTHER_ENTITY, ANY_BUSINESS = "another_entity", "any_business"
BUSINESS_RULES = (ANOTHER_ENTITY, ANY_BUSINESS)


def check_kind(kind: Any) -> str:
    if kind not in KINDS:
        raise BadRequest("'kind' must be 'mcn' (Multi-Channel Network) or 'tap' (Affiliate "
                         "Partner).", code="INVALID_FIELD", details={"field": "kind"})
    return kind


@dataclass(frozen=True)
class PartnerAccountFacts:
    """What Partner Center learns about the account from user info (first-party fields)."""

    open_id: str
    username: str
    is_over_18: bool
    account_status: str
    account_kind: str
    violation_points: int
    last_serious_violation_at: str | None
    business_entity: str | None
    creator_network: bool

    @classmethod
    def from_user_info(cls, user: dict[str, Any]) -> PartnerAccountFacts:
        return cls(open_id=user["open_id"], username=user.get("username") or "",
                   is_over_18=bool(user.get("is_over_18")),
                   account_status=user.get("account_status") or "normal",
                   account_kind=user.get("account_kind") or "personal",
                   violation_points=int(user.get("violation_points") or 0),
                   last_serious_violation_at=user.get("last_serious_violation_at"),
                   business_entity=user.get("business_entity"),
                   creator_network=bool(user.get("creator_network")))


def _i2(code: str, message: str) -> RuleViolation:
    return RuleViolation(message, code=code, rule="I2")


def link_refusals(facts: PartnerAccountFacts, partner_entity: str, business_rule: str,
                  other_agency: str | None) -> list[RuleViolation]:
    """I2 (then I1's business account), every criterion the account fails (the first is the one
    shown). `other_agency` names the partner the account is already linked to or bound to as a
    creator, if any."""
    refusals = []
    if not facts.is_over_18:
        refusals.append(_i2("PARTNER_HOLDER_UNDER_18", "The TikTok account holder must be at "
                                                       "least 18 years old."))
    if facts.account_status != "normal":
        refusals.append(_i2("PARTNER_ACCOUNT_NOT_ACTIVE", "The TikTok account must be active; "
                            f"its status is '{facts.account_status}'."))
    if facts.violation_points > 0 or facts.last_serious_violation_at:
        refusals.append(_i2("PARTNER_ACCOUNT_HAS_VIOLATIONS", "The TikTok account must have no "
                            "violation history."))
    if facts.account_kind == "business" and (
            business_rule == ANY_BUSINESS
            or (facts.business_entity and facts.business_entity != partner_entity)):
        whose = f" (to {facts.business_entity})" if facts.business_entity else ""
        refusals.append(_i2("PARTNER_ACCOUNT_REGISTERED_BUSINESS", "The TikTok account cannot "
                            f"be a registered business account{whose}."))
    if other_agency:
        refusals.append(_i2("PARTNER_ACCOUNT_WITH_OTHER_AGENCY", "The TikTok account is already "
                            f"linked with another agency ({other_agency})."))
    if facts.creator_network:
        refusals.append(_i2("PARTNER_ACCOUNT_IN_CREATOR_NETWORK", "The TikTok account is linked "
                            "with the Creator Network."))
    if facts.account_kind == "personal" and business_rule == ANOTHER_ENTITY:
        refusals.append(RuleViolation(
            "Partner Center links a TikTok business account; this is a personal account. Switch "
            "to a business account in the TikTok app (Settings and privacy → Account → Switch to "
            "Business Account), then scan the QR code again.",
            code="PARTNER_ACCOUNT_NOT_BUSINESS", rule="I1"))
    return refusals


def already_linked() -> RuleViolation:
    return RuleViolation("This Partner Center account already has a linked TikTok account. To "
                         "change or unlink it, contact your account manager.",
                         code="PARTNER_ALREADY_LINKED", rule="I3")


def link_required(where: str) -> RuleViolation:
    return RuleViolation(f"Link your TikTok business account (My Account → Link TikTok Account) "
                         f"before attaching your TikTok profile to {where}.",
                         code="PARTNER_TIKTOK_NOT_LINKED", rule="I4")
