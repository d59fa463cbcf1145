"""Rules C1–C7 (and D5's typed username): can this TikTok account be linked to this shop now?"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sandbox.domain.markets import MarketProfile
from sandbox.kernel.errors import BadRequest, RuleViolation
from sandbox.rules.registry import RuleValues

ABNORMAL_SHOP_STATUSES = ("frozen", "suspended", "closed", "deactivated")


@dataclass(frozen=True)
class AccountFacts:
    """What Seller Center learns from user info (first-party fields)."""

    open_id: str
    is_over_18: bool
    region: str
    network_region: str
    account_status: str
    ecommerce_permission: str
    ecommerce_revoked_reason: str | None = None
    associated_with_revoked: bool = False
    birthdate: str | None = None  # first-party field; C1 compares it with the market's min_age
    id_verified_country: str | None = None  # M2: the issuing country of a verified ID document

    def old_enough(self, min_age: int, now: datetime | None) -> bool:
        """C1 by the market's minimum age; TikTok's `is_over_18` when no birthdate is known."""
        if self.birthdate is None or now is None:
            return self.is_over_18
        born, today = date.fromisoformat(self.birthdate), now.date()
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        return age >= min_age

    @classmethod
    def from_user_info(cls, user: dict[str, Any]) -> AccountFacts:
        return cls(open_id=user["open_id"], is_over_18=bool(user["is_over_18"]),
                   region=user["region"], network_region=user["network_region"],
                   account_status=user["account_status"],
                   ecommerce_permission=user["ecommerce_permission"],
                   ecommerce_revoked_reason=user.get("ecommerce_revoked_reason"),
                   associated_with_revoked=bool(user.get("associated_with_revoked")),
                   birthdate=user.get("birthdate"),
                   id_verified_country=user.get("id_verified_country"))


@dataclass(frozen=True)
class LinkedShop:
    """C6: the shop an account is already linked to (B5), named in the refusal."""

    shop_id: str
    name: str
    role: str


def already_linked_refusal(linked: LinkedShop | None) -> RuleViolation:
    """C6, naming the shop that holds the account (None: a lost race, the shop unknown)."""
    if linked is None:
        return RuleViolation("This TikTok account is already linked to a shop. It must be "
                             "unlinked there first.", code="LINK_ACCOUNT_ALREADY_LINKED", rule="C6")
    return RuleViolation(
        f"This TikTok account is already linked to the shop '{linked.name}' ({linked.shop_id}) "
        f"as its {linked.role} account. It must be unlinked there first.",
        code="LINK_ACCOUNT_ALREADY_LINKED", rule="C6",
        details={"linked_shop_id": linked.shop_id, "linked_shop_name": linked.name,
                 "linked_role": linked.role})


@dataclass(frozen=True)
class Verdict:
    """All refusals found (the first is reported), or why the link must wait (C7), or ok."""

    refusals: list[RuleViolation] = field(default_factory=list)
    pending: dict[str, str] | None = None

    @property
    def ok(self) -> bool:
        return not self.refusals and self.pending is None


def shop_status_refusal(shop_status: str) -> RuleViolation | None:
    if shop_status != "normal":
        return RuleViolation(f"The shop's status is '{shop_status}', not normal: resolve the shop's "
                             "exception before linking an account.",
                             code="LINK_SHOP_STATUS_ABNORMAL", rule="C4")
    return None


def evaluate(facts: AccountFacts, market: MarketProfile, rules: RuleValues, shop_status: str,
             linked_to: LinkedShop | None, now: datetime | None = None) -> Verdict:
    """C1–C7 and M2 with the world's numbers for the shop's market (`rules`); `linked_to` is
    the shop the account is already linked to (C6), if any."""
    refusals: list[RuleViolation] = []
    if not facts.old_enough(rules.C1.min_age, now):
        refusals.append(RuleViolation(
            f"The account holder must be at least {rules.C1.min_age} years old.",
            code="LINK_HOLDER_UNDER_18", rule="C1"))
    if facts.network_region != market.account_region:
        refusals.append(RuleViolation(
            f"The account is located in {facts.network_region}, outside this shop's market "
            f"({market.account_region}). Link an account located in {market.account_region}.",
            code="LINK_ACCOUNT_OUTSIDE_MARKET", rule="C2"))
    if facts.account_status != "normal":
        refusals.append(RuleViolation(
            f"The TikTok account's status is '{facts.account_status}', not normal.",
            code="LINK_ACCOUNT_STATUS_ABNORMAL", rule="C3"))
    if (refusal := shop_status_refusal(shop_status)) is not None:
        refusals.append(refusal)
    revoked_for_violations = (facts.ecommerce_permission == "revoked"
                              and facts.ecommerce_revoked_reason == "violations")
    if (facts.ecommerce_permission == "revoked" and not revoked_for_violations) or \
            facts.associated_with_revoked:
        refusals.append(RuleViolation(
            "This account, or an account associated with it, had its e-commerce permission "
            "revoked by TikTok Shop.", code="LINK_ECOMMERCE_PERMISSION_REVOKED", rule="C5"))
    if rules.M2.id_check and facts.id_verified_country != market.account_region:
        refusals.append(RuleViolation(
            f"Linking to a {market.code} shop needs a personal ID check: in the TikTok app, verify "
            f"the account's identity with an ID document of {market.account_region} first (US "
            "and cross-border shops need none).", code="LINK_ID_CHECK_REQUIRED", rule="M2"))
    if linked_to is not None:
        refusals.append(already_linked_refusal(linked_to))
    if refusals:
        return Verdict(refusals=refusals)
    # C7: these links are allowed to start but wait for a support ticket.
    if (registered := registered_outside(facts, market)) is not None:
        return Verdict(pending=registered)
    if revoked_for_violations:
        return Verdict(pending={"code": "LINK_PENDING_ECOMMERCE_REVOKED", "rule": "C7",
                                "message": "The account's e-commerce permission was revoked for "
                                           "violations: linking stays in progress until a "
                                           "support ticket resolves it."})
    return Verdict()


def registered_outside(facts: AccountFacts, market: MarketProfile) -> dict[str, str] | None:
    """C7's first cause: the account was registered outside the shop's market (also C8's cause
    support cannot fix, whatever else is wrong with the account)."""
    if facts.region == market.account_region:
        return None
    return {"code": "LINK_PENDING_REGISTERED_OUTSIDE_MARKET", "rule": "C7",
            "message": f"The account was registered in {facts.region}, outside "
                       f"{market.account_region}: linking stays in progress until a support "
                       "ticket resolves it."}


def invitee_causes(facts: AccountFacts, market: MarketProfile,
                   verdict: Verdict) -> list[RuleViolation]:
    """C8: every reason this account cannot be sent an invitation, in rule order: the refusals,
    then C7's causes. Registration outside the market is listed even beside a refusal (for a
    link it would only matter once the refusals are gone): support cannot fix it."""
    causes = list(verdict.refusals)
    registered = registered_outside(facts, market)
    if registered is not None:
        causes.append(RuleViolation(f"The account was registered in {facts.region}, outside "
                                    f"{market.account_region}.", code=registered["code"],
                                    rule="C7"))
    elif verdict.pending is not None:
        causes.append(RuleViolation(verdict.pending["message"], code=verdict.pending["code"],
                                    rule="C7"))
    return causes


def seller_app_username(typed: str | None) -> str | None:
    """D5: the username the seller typed in the Seller app ("@" optional), or None (QR entry)."""
    if typed is None:
        return None
    name = typed.strip().lstrip("@").strip()
    if not name or len(name) > 64:
        raise BadRequest("Enter the username of the TikTok account to link (1 to 64 "
                         "characters).", code="INVALID_FIELD", details={"field": "username"})
    return name


def seller_app_refusal(expected: str | None, username: str | None) -> RuleViolation | None:
    """D5: the account that authorized must be the one typed in the Seller app."""
    if expected is None or (username or "").lower() == expected.lower():
        return None
    return RuleViolation(f"The Seller app asked to link @{expected}, but @{username} authorized "
                         "in the TikTok app.", code="SELLER_APP_ACCOUNT_MISMATCH", rule="D5")
