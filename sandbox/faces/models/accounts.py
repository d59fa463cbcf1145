"""Request bodies of the control plane's TikTok accounts: every attribute the rules read."""

from __future__ import annotations

from pydantic import Field

from sandbox.kernel.web import RequestModel

Count = Field(None, description="a whole number ≥ 0")


class AccountChange(RequestModel):
    """PATCH /worlds/{world_id}/accounts/{open_id} (and the attributes of a new account)."""

    nickname: str | None = None
    age: int | None = Field(None, description="1 to 129; instead of birthdate")
    birthdate: str | None = Field(None, description="YYYY-MM-DD; instead of age",
                                  json_schema_extra={"format": "date"})
    region: str | None = Field(None, description="two letters, e.g. US")
    network_region: str | None = Field(None, description="two letters")
    kind: str | None = Field(None, description="personal, business or organization")
    status: str | None = Field(None, description="normal, restricted, banned or suspended")
    followers: int | None = Count
    following: int | None = Count
    likes: int | None = Count
    videos: int | None = Count
    violation_points: int | None = Count
    health_score: int | None = Count
    ecommerce_revoked: bool | str | None = Field(
        None, description="true, false, or the reason; 'violations' keeps a link in progress "
                          "(C7) instead of refusing (C5)")
    ecommerce_revoked_reason: str | None = None
    associated_with_revoked: bool | None = None
    phone: str | None = None
    bio: str | None = None
    verified: bool | None = None
    password: str | None = Field(None, description="at least 4 characters; generated when omitted")
    serious_violation_at: str | None = Field(None, description="ISO instant, \"now\", or null (F4)")


class AccountCreate(AccountChange):
    """POST /worlds/{world_id}/accounts: a TikTok account; the answer carries its password."""

    username: str = Field(description="up to 24 letters, digits, '.', '_' (a leading @ is dropped)")
    region: str = Field(description="two letters, e.g. US")  # type: ignore[assignment]
