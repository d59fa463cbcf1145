"""The fake app's tables of TikTok accounts and their app sessions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.kernel.store import Base, WorldScoped


class Account(WorldScoped, Base):
    """A TikTok account with every attribute the link rules (C1–C7) read."""

    __tablename__ = "tt_accounts"
    __table_args__ = (UniqueConstraint("world_id", "username"),)

    open_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    union_id: Mapped[str] = mapped_column(String(64))
    username: Mapped[str] = mapped_column(String(64))
    nickname: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="personal")
    birthdate: Mapped[date] = mapped_column(Date)
    region: Mapped[str] = mapped_column(String(8))  # where the account was registered
    network_region: Mapped[str] = mapped_column(String(8))  # physical / network location
    status: Mapped[str] = mapped_column(String(20), default="normal")
    ecommerce_revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    ecommerce_revoked_reason: Mapped[str | None] = mapped_column(String(40))
    associated_with_revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    followers: Mapped[int] = mapped_column(Integer, default=0)
    following: Mapped[int] = mapped_column(Integer, default=0)
    likes: Mapped[int] = mapped_column(Integer, default=0)
    videos: Mapped[int] = mapped_column(Integer, default=0)
    violation_points: Mapped[int] = mapped_column(Integer, default=0)
    health_score: Mapped[int] = mapped_column(Integer, default=1000)
    phone: Mapped[str | None] = mapped_column(String(32))
    bio: Mapped[str] = mapped_column(String(200), default="")
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    avatar_color: Mapped[str] = mapped_column(String(7), default="#fe2c55")
    # Rule F4: the instant of the account's last serious violation, if any.
    serious_violation_at: Mapped[datetime | None]
    # Rule I2: the entity a business account is registered to, and whether the account is bound
    # to TikTok's Creator Network (both set by the control plane).
    business_entity: Mapped[str | None] = mapped_column(String(200))
    creator_network: Mapped[bool] = mapped_column(Boolean, default=False)
    # Douyin (J2–J4): real-name verification (实名认证), a verified enterprise account (蓝V) and
    # its verified entity, and a verification in progress ("blue_v" | "entity_change").
    real_name_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    enterprise_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    verified_entity: Mapped[str | None] = mapped_column(String(200))
    douyin_verification: Mapped[str | None] = mapped_column(String(16))
    # A4/M2: the personal ID document the account verified with (type and issuing country).
    id_document_type: Mapped[str | None] = mapped_column(String(24))
    id_document_country: Mapped[str | None] = mapped_column(String(8))
    id_verified_at: Mapped[datetime | None]
    # A4: the affiliate commission agreement, and since when the account is an affiliate creator.
    affiliate_agreement_at: Mapped[datetime | None]
    affiliate_since: Mapped[datetime | None]
    # Shopping (S3): what the sandbox's payment does for this buyer (succeed, decline, or
    # leave the order unpaid), and the address checkout starts from (None: made from the region).
    payment: Mapped[str] = mapped_column(String(8), default="succeed")
    shipping_address: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    created_at: Mapped[datetime]


class AppSession(WorldScoped, Base):
    """A logged-in phone: a browser cookie or an actor-API bearer token, never both."""

    __tablename__ = "tt_sessions"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    open_id: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(8), default="api")  # "api" | "browser"
    created_at: Mapped[datetime]
