"""Request bodies of the control plane's TikTok accounts: every attribute the rules read."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from sandbox.web_shared.purchase_models import ShippingAddress
from sandbox.web_shared.requests import MAX_STORED_INT, RequestModel


def _not_sent(description: str, fmt: str | None = None, **constraints: Any) -> Any:
    """A field that cannot be cleared: it takes no null, and its default None only means "not
    sent" (so the document shows no default)."""

    def schema(field: dict[str, Any]) -> None:
        field.pop("default", None)
        if fmt:
            field["format"] = fmt

    return Field(None, description=description, json_schema_extra=schema, **constraints)


Count = _not_sent("a whole number ≥ 0", ge=0, le=MAX_STORED_INT)


class IdDocument(RequestModel):
    """A personal ID document (A4, M2)."""

    type: str = Field(min_length=1, max_length=24, description="passport, green_card, "
                      "drivers_license, driving_licence, national_id, …")
    country: str = Field(min_length=2, max_length=2, description="issuing country, e.g. GB")


class AccountChange(RequestModel):
    """PATCH /worlds/{world_id}/accounts/{open_id} (and the attributes of a new account)."""

    nickname: str | None = None
    age: int = _not_sent("1 to 129; instead of birthdate", ge=1, le=129)
    birthdate: str = _not_sent("YYYY-MM-DD; instead of age", fmt="date")
    region: str = _not_sent("two letters, e.g. US")
    network_region: str = _not_sent("two letters")
    kind: str = _not_sent("personal, business, organization or enterprise (Douyin 企业号)")
    status: str = _not_sent("normal, restricted, banned or suspended")
    followers: int = Count
    following: int = Count
    likes: int = Count
    videos: int = Count
    violation_points: int = Count
    health_score: int = Count
    ecommerce_revoked: bool | str = _not_sent(
        "true, false, or the reason; 'violations' keeps a link in progress (C7) instead of "
        "refusing (C5)")
    ecommerce_revoked_reason: str | None = None
    associated_with_revoked: bool = _not_sent("linked to an account whose e-commerce was revoked")
    phone: str | None = None
    bio: str | None = None
    verified: bool = _not_sent("the verified badge")
    password: str = _not_sent("at least 4 characters; generated when omitted", min_length=4)
    serious_violation_at: str | None = Field(None, description="ISO instant, \"now\", or null (F4)")
    business_entity: str | None = Field(None, max_length=200, description=(
        "the entity a business account is registered to (I2)"))
    creator_network: bool = _not_sent("bound to TikTok's Creator Network (I2)")
    real_name_verified: bool = _not_sent("Douyin real-name verification, 实名认证 (J2)")
    enterprise_verified: bool = _not_sent("a verified enterprise (blue V, 蓝V) account (J3, J4)")
    verified_entity: str | None = Field(None, max_length=200, description=(
        "the entity a verified enterprise account is registered to (J3)"))


    id_document: IdDocument | None = Field(None, description=(
        "a personal ID document the account verified with (A4 affiliates, M2 GB links); null "
        "clears it"))
    affiliate: bool = _not_sent("an approved affiliate creator (A4); the control plane skips "
                                "the application's checks")
    payment: str = _not_sent("what the sandbox's payment does when this account buys: "
                             "succeed (default), decline (the order stays UNPAID and the "
                             "buyer is told), or unpaid (checkout leaves it UNPAID)")
    shipping_address: ShippingAddress | None = Field(None, description=(
        "the address checkout starts from; null: one made up in the account's region"))


class AccountCreate(AccountChange):
    """POST /worlds/{world_id}/accounts: a TikTok account; the answer carries its password."""

    username: str = Field(description="up to 24 letters, digits, '.', '_' (a leading @ is dropped)")
    region: str = Field(description="two letters, e.g. US")  # type: ignore[assignment]
