"""Request bodies of Partner Center (I1–I4): partners (control plane) and the partner's actions."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from sandbox.web_shared.requests import RequestModel

Text = Field(min_length=1, max_length=100)


class PartnerCreate(RequestModel):
    """POST /worlds/{world_id}/partners: an MCN or TAP partner and its Partner Center login."""

    name: str = Text
    kind: Literal["mcn", "tap"] = Field(description="mcn: Multi-Channel Network; tap: TikTok "
                                        "Shop Affiliate Partner")
    market: str = Field("US", description="US, GB or CB")
    business_entity: str | None = Field(None, max_length=200, description=(
        "the entity it is registered as (I2 compares business accounts with it); default: name"))
    email: str | None = Field(None, max_length=200)
    password: str | None = Field(None, min_length=4, max_length=128)


class PartnerLogin(RequestModel):
    """POST /api/v1/partner/login: a bearer token for the partner actor API."""

    world: str = Field(min_length=1, max_length=40)
    email: str = Field(min_length=1, max_length=200)
    password: str = Field(min_length=1, max_length=128)


class CreatorInvite(RequestModel):
    """Manage Partnerships → Add New Creator (binding) or Find Creators → Invite (collaboration)."""

    username: str = Field(min_length=1, max_length=64)
    kind: Literal["binding", "collaboration"] = "binding"
    attach_profile: bool = Field(False, description="Attach TikTok profile (I4: needs a link)")
    message: str = Field("", max_length=500)


class CampaignCreate(RequestModel):
    """Partner Campaigns → Create Campaign."""

    name: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=2000)
    attach_profile: bool = Field(False, description="Social Account → Attach TikTok profile "
                                 "(I4: needs a link)")
    commission_rate: int = Field(1000, ge=100, le=8000, description="basis points (1000 = 10 %)")
    duration_days: int = Field(30, ge=1, le=365)
