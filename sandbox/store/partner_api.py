"""Tables of the Affiliate Partner API (sandbox extension for the grant): a TAP partner's
authorization of a shop app, and the campaign fields Partner Center itself does not keep."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.kernel.store import Base, WorldScoped


class PartnerApiGrant(WorldScoped, Base):
    """Sandbox extension: a TAP partner authorized an app (one row per app and partner;
    re-authorizing rotates the token and the cipher stays)."""

    __tablename__ = "pa_grants"
    __table_args__ = (UniqueConstraint("app_key", "partner_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    app_key: Mapped[str] = mapped_column(String(40), index=True)
    partner_id: Mapped[str] = mapped_column(String(40), index=True)
    access_token: Mapped[str] = mapped_column(String(120), unique=True)
    category_asset_cipher: Mapped[str] = mapped_column(String(64))
    granted_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class PartnerApiCampaign(WorldScoped, Base):
    """What CreateAffiliatePartnerCampaign takes beyond Partner Center's campaign row: the
    registration period, contact info and seller targeting; and when it was published."""

    __tablename__ = "pa_campaigns"

    campaign_id: Mapped[str] = mapped_column(String(24), primary_key=True)
    registration_starts_at: Mapped[datetime]
    registration_ends_at: Mapped[datetime]
    contact_info: Mapped[dict[str, Any]] = mapped_column(default=dict)
    target_seller_types: Mapped[list[Any]] = mapped_column(default=list)
    target_shop_codes: Mapped[list[Any]] = mapped_column(default=list)
    published_at: Mapped[datetime | None]
