"""Seller Center's tables for links: QR link requests, links, marketing invitations."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.kernel.store import Base, WorldScoped
from sandbox.store.claims import Claimable


class LinkRequest(Claimable, WorldScoped, Base):
    """One attempt to link an account by QR code (D1–D4), from QR shown to linked or refused."""

    __tablename__ = "sc_link_requests"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    shop_id: Mapped[str] = mapped_column(String(24), index=True)
    role: Mapped[str] = mapped_column(String(12), default="official")
    purpose: Mapped[str] = mapped_column(String(8), default="bind")  # bind | rebind (Douyin J5)
    # qr: Seller Center shows a QR code; seller_app: the Seller app opens the TikTok app (D5)
    entry: Mapped[str] = mapped_column(String(12), default="qr")
    expected_username: Mapped[str | None] = mapped_column(String(64))  # D5: typed in the app
    status: Mapped[str] = mapped_column(String(16))
    qr_token: Mapped[str] = mapped_column(String(64))
    client_ticket: Mapped[str] = mapped_column(String(64))
    scan_url: Mapped[str] = mapped_column(String(1000))
    access_token: Mapped[str | None] = mapped_column(String(200))
    account: Mapped[dict[str, Any]] = mapped_column(default=dict)  # the card shown (D4)
    refusal: Mapped[dict[str, Any]] = mapped_column(default=dict)  # code, rule, message
    link_id: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Link(WorldScoped, Base):
    """A shop ↔ TikTok account link. The partial unique indexes are rules B1 and B5: even
    concurrent requests in several processes cannot create a second active link."""

    __tablename__ = "sc_links"
    __table_args__ = (
        # B5 / C6: one account, at most one active link, in either role, in the whole world.
        Index("uq_links_account_active", "world_id", "open_id", unique=True,
              sqlite_where=text("active = 1"), postgresql_where=text("active")),
        # B1: one active official account per shop.
        Index("uq_links_shop_official_active", "world_id", "shop_id", unique=True,
              sqlite_where=text("active = 1 AND role = 'official'"),
              postgresql_where=text("active AND role = 'official'")),
        # B3: a marketing link holds one of the shop's numbered slots (1..4), so concurrent
        # acceptances cannot give a shop a fifth marketing account.
        Index("uq_links_shop_marketing_slot", "world_id", "shop_id", "slot", unique=True,
              sqlite_where=text("active = 1 AND role = 'marketing'"),
              postgresql_where=text("active AND role = 'marketing'")),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    shop_id: Mapped[str] = mapped_column(String(24), index=True)
    open_id: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(12))
    status: Mapped[str] = mapped_column(String(16))  # linked | in_progress | unlinked
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    pending_reason: Mapped[dict[str, Any]] = mapped_column(default=dict)
    account: Mapped[dict[str, Any]] = mapped_column(default=dict)
    linked_at: Mapped[datetime]
    unlinked_at: Mapped[datetime | None]
    slot: Mapped[int | None] = mapped_column(Integer)  # B3: marketing links only
    unlinked_by: Mapped[str | None] = mapped_column(String(20))  # seller | creator_request | support


class Invitation(Claimable, WorldScoped, Base):
    """A marketing-account invitation sent by the shop (E1): sent → linked | declined | expired."""

    __tablename__ = "sc_invitations"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    shop_id: Mapped[str] = mapped_column(String(24), index=True)
    username: Mapped[str] = mapped_column(String(64))
    open_id: Mapped[str] = mapped_column(String(64))
    app_invitation_id: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16))
    refusal: Mapped[dict[str, Any]] = mapped_column(default=dict)
    account: Mapped[dict[str, Any]] = mapped_column(default=dict)
    link_id: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    updated_at: Mapped[datetime]
