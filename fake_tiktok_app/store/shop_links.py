"""The fake app's side of shop links: invitations, link info, unlink requests."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.kernel.store import Base, WorldScoped


class Invitation(WorldScoped, Base):
    """Sandbox extension: a shop's marketing-account invitation in the creator's inbox (E1).

    pending → accepted (code issued to the first-party client) → utilised | declined | expired."""

    __tablename__ = "tt_invitations"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    client_key: Mapped[str] = mapped_column(String(64))
    open_id: Mapped[str] = mapped_column(String(64), index=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")  # the inviting shop
    # Partner Center invitations (I4): kind, partner name and kind, attached handle, message.
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    state: Mapped[str] = mapped_column(String(512), default="")
    scope: Mapped[str] = mapped_column(String(1000))
    status: Mapped[str] = mapped_column(String(12), default="pending")
    code: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]


class ShopLinkInfo(WorldScoped, Base):
    """Sandbox extension: what the app shows under Shop → View link info (told by Seller Center)."""

    __tablename__ = "tt_shop_links"

    open_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    link_id: Mapped[str] = mapped_column(String(40))
    shop_id: Mapped[str] = mapped_column(String(24))
    shop_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(12))
    linked_at: Mapped[datetime]


class PartnerBadge(WorldScoped, Base):
    """What the account's profile shows of the Partner Center partner it is linked to (I3)."""

    __tablename__ = "tt_partner_badges"

    open_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    partner_id: Mapped[str] = mapped_column(String(40))
    partner_name: Mapped[str] = mapped_column(String(100))
    partner_kind: Mapped[str] = mapped_column(String(4))  # mcn | tap
    linked_at: Mapped[datetime]


class PartnerRefusal(WorldScoped, Base):
    """Partner Center's last refusal to link this account (I2, I3), shown on the phone until a
    link succeeds."""

    __tablename__ = "tt_partner_refusals"

    open_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    partner_name: Mapped[str] = mapped_column(String(100))
    refusal: Mapped[dict[str, Any]] = mapped_column(default=dict)  # code, rule, message
    refused_at: Mapped[datetime]


class UnlinkRequest(WorldScoped, Base):
    """Sandbox extension: "Send unlink request" from the app (F5); the shop approves or declines."""

    __tablename__ = "tt_unlink_requests"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    open_id: Mapped[str] = mapped_column(String(64), index=True)
    link_id: Mapped[str] = mapped_column(String(40))
    shop_id: Mapped[str] = mapped_column(String(24), index=True)
    status: Mapped[str] = mapped_column(String(12), default="pending")  # approved | declined
    created_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]
