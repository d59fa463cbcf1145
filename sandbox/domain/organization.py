"""Seller Center's rules about organization accounts: when one may be created (G1) and linked
(G5), what the shop may be renamed to (G2), and when a personal account may be upgraded (H6).
Pure: no Flask, no database."""

from __future__ import annotations

from sandbox.kernel.errors import RuleViolation


def creation_refusal(has_official: bool, has_pending: bool) -> RuleViolation | None:
    """G1: only while no official account is linked, and one creation at a time."""
    if has_official:
        return RuleViolation("This shop already has an official account linked: an organization "
                             "account can be created only while none is linked.",
                             code="ORG_ACCOUNT_OFFICIAL_ALREADY_LINKED", rule="G1")
    if has_pending:
        return RuleViolation("An organization account is already being created for this shop; "
                             "wait for it (about 2-3 minutes).",
                             code="ORG_ACCOUNT_CREATION_PENDING", rule="G3")
    return None


def rename_refusal(new_name: str, official_is_organization: bool,
                   max_name_length: int) -> RuleViolation | None:
    """G2 after creation: while an organization account is the shop's official account it
    carries the shop's name (B2), so the shop keeps a name under `max_name_length`+1 characters."""
    if not official_is_organization or len(new_name) <= max_name_length:
        return None
    return RuleViolation(
        f"The shop's official account is an organization account, which carries the shop's name "
        f"(B2): the name must be under {max_name_length + 1} characters, and the new one has "
        f"{len(new_name)}. Choose a shorter name.", code="ORG_ACCOUNT_NAME_TOO_LONG", rule="G2",
        details={"field": "name", "length": len(new_name), "max_name_length": max_name_length})


def link_refusal(owner_shop_id: str | None, shop_id: str, times_linked: int,
                 limit: int) -> RuleViolation | None:
    """G5: an organization account links only to its own shop, at most `limit` times in all."""
    if owner_shop_id is None:
        return None
    if owner_shop_id != shop_id:
        return RuleViolation("This organization account belongs to another shop and can never "
                             "be linked to this one.", code="ORG_ACCOUNT_OTHER_SHOP", rule="G5")
    if times_linked >= limit:
        return RuleViolation(f"This organization account was already linked to this shop "
                             f"{times_linked} times; it can be linked at most {limit} times in "
                             "total.", code="ORG_ACCOUNT_LINK_LIMIT", rule="G5")
    return None


def upgrade_refusal(linked_as_official: bool, kind: str) -> RuleViolation | None:
    """H6: an account already linked as an official account cannot be upgraded; H1: only a
    personal account can be."""
    if linked_as_official:
        return RuleViolation("This account is linked as an official account and cannot be "
                             "upgraded to an organization account.",
                             code="UPGRADE_LINKED_OFFICIAL_ACCOUNT", rule="H6")
    if kind == "organization":
        return RuleViolation("This account is already an organization account.",
                             code="UPGRADE_ALREADY_ORGANIZATION", rule="H5")
    if kind != "personal":
        return RuleViolation(f"Only a personal account can be upgraded; this one is {kind}.",
                             code="UPGRADE_NOT_PERSONAL", rule="H1")
    return None


def sms_code_refusal(found: bool, expired: bool) -> RuleViolation | None:
    if not found:
        return RuleViolation("Wrong verification code: check the SMS sent to the shop's phone.",
                             code="SMS_CODE_INVALID", rule="G4")
    if expired:
        return RuleViolation("The verification code expired: send a new one.",
                             code="SMS_CODE_EXPIRED", rule="G4")
    return None
