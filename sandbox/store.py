"""Seller Center's tables: shops, sellers, their sessions, link requests and links."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.kernel.store import Base, WorldScoped


class Shop(WorldScoped, Base):
    __tablename__ = "sc_shops"

    id: Mapped[str] = mapped_column(String(24), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    market: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20), default="normal")
    recruitment: Mapped[str] = mapped_column(String(10), default="invited")
    phone: Mapped[str | None] = mapped_column(String(32))
    business_entity: Mapped[str | None] = mapped_column(String(200))
    cipher: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]


class Seller(WorldScoped, Base):
    __tablename__ = "sc_sellers"
    __table_args__ = (UniqueConstraint("world_id", "email"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    shop_id: Mapped[str] = mapped_column(String(24), index=True)
    email: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]


class SellerSession(WorldScoped, Base):
    """A logged-in seller: a browser cookie or the actor API's bearer token."""

    __tablename__ = "sc_sessions"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    seller_id: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime]


class LinkRequest(WorldScoped, Base):
    """One attempt to link an account by QR code (D1–D4), from QR shown to linked or refused."""

    __tablename__ = "sc_link_requests"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    shop_id: Mapped[str] = mapped_column(String(24), index=True)
    role: Mapped[str] = mapped_column(String(12), default="official")
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


class Invitation(WorldScoped, Base):
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


class SupportTicket(WorldScoped, Base):
    """A help-centre ticket (C7, C8): about a link in progress or an ineligible invitee."""

    __tablename__ = "sc_tickets"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    shop_id: Mapped[str] = mapped_column(String(24), index=True)
    subject: Mapped[str] = mapped_column(String(20))  # link_in_progress | ineligible_invitee
    link_id: Mapped[str | None] = mapped_column(String(40))
    open_id: Mapped[str] = mapped_column(String(64))
    username: Mapped[str | None] = mapped_column(String(64))
    cause: Mapped[dict[str, Any]] = mapped_column(default=dict)  # code, rule, message
    status: Mapped[str] = mapped_column(String(12), default="open")  # fixed | rejected
    note: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]
