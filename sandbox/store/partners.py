"""Partner Center's tables (I1–I4): partners and their logins, QR link requests, the one linked
TikTok account per partner, creator invitations and partner campaigns."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.kernel.store import Base, WorldScoped
from sandbox.store.claims import Claimable


class Partner(WorldScoped, Base):
    """A TikTok Shop partner account: an MCN or a TAP, with its Partner Center login."""

    __tablename__ = "pc_partners"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(4))  # mcn | tap
    market: Mapped[str] = mapped_column(String(8), default="US")
    business_entity: Mapped[str] = mapped_column(String(200))  # I2: its own registered entity
    email: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]


class PartnerSession(WorldScoped, Base):
    """A logged-in partner: a browser cookie or an actor-API bearer token, never both."""

    __tablename__ = "pc_sessions"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    partner_id: Mapped[str] = mapped_column(String(40))
    channel: Mapped[str] = mapped_column(String(8), default="api")
    created_at: Mapped[datetime]


class PartnerLinkRequest(Claimable, WorldScoped, Base):
    """One "Get Started" QR code (I1), from shown to linked or refused."""

    __tablename__ = "pc_link_requests"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    partner_id: Mapped[str] = mapped_column(String(40), index=True)
    status: Mapped[str] = mapped_column(String(16))
    qr_token: Mapped[str] = mapped_column(String(64))
    client_ticket: Mapped[str] = mapped_column(String(64))
    scan_url: Mapped[str] = mapped_column(String(1000))
    account: Mapped[dict[str, Any]] = mapped_column(default=dict)
    refusal: Mapped[dict[str, Any]] = mapped_column(default=dict)
    link_id: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class PartnerLink(WorldScoped, Base):
    """A partner ↔ TikTok account link. The partial unique indexes are I3 (one account per
    partner) and I2's "not linked with another agency" (one partner per account)."""

    __tablename__ = "pc_links"
    __table_args__ = (
        Index("uq_pc_links_partner_active", "world_id", "partner_id", unique=True,
              sqlite_where=text("active = 1"), postgresql_where=text("active")),
        Index("uq_pc_links_account_active", "world_id", "open_id", unique=True,
              sqlite_where=text("active = 1"), postgresql_where=text("active")),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    partner_id: Mapped[str] = mapped_column(String(40))
    open_id: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    account: Mapped[dict[str, Any]] = mapped_column(default=dict)  # username, display name…
    linked_at: Mapped[datetime]
    unlinked_at: Mapped[datetime | None]


class PartnerInvitation(WorldScoped, Base):
    """A creator invitation from Partner Center (I4): a binding (Manage Partnerships → Add New
    Creator) or a product collaboration (Find Creators → Invite), optionally with the partner's
    TikTok handle attached. Delivered through the app's invitation protocol."""

    __tablename__ = "pc_invitations"
    __table_args__ = (
        # A creator is bound to one agency at a time (what I2 then checks for other partners).
        Index("uq_pc_invitations_bound_creator", "world_id", "open_id", unique=True,
              sqlite_where=text("bound = 1"), postgresql_where=text("bound")),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    partner_id: Mapped[str] = mapped_column(String(40), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # binding | collaboration
    username: Mapped[str] = mapped_column(String(64))
    open_id: Mapped[str | None] = mapped_column(String(64))
    handle: Mapped[str | None] = mapped_column(String(64))  # the attached TikTok handle
    message: Mapped[str] = mapped_column(String(500), default="")
    app_invitation_id: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(12))  # sent | accepted | declined | expired
    bound: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]


class PartnerCampaign(WorldScoped, Base):
    """Partner Campaigns → Create Campaign (I4: Social Account → Attach TikTok profile)."""

    __tablename__ = "pc_campaigns"

    id: Mapped[str] = mapped_column(String(24), primary_key=True)
    partner_id: Mapped[str] = mapped_column(String(40), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(String(2000), default="")
    status: Mapped[str] = mapped_column(String(12), default="published")
    handle: Mapped[str | None] = mapped_column(String(64))
    commission_rate: Mapped[int] = mapped_column(default=1000)  # basis points, 1000 = 10 %
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    created_at: Mapped[datetime]
