"""Seller Center's tables for organization accounts: the shop's accounts, its SMS outbox, the
phone checks before a one-time password, and upgrade requests."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.kernel.store import Base, WorldScoped
from sandbox.store.claims import Claimable


class OrgAccount(WorldScoped, Base):
    """An organization account this shop asked for (G1) or upgraded (H1), as Seller Center
    knows it: pending → created | failed; linked as the official account once created."""

    __tablename__ = "sc_org_accounts"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    shop_id: Mapped[str] = mapped_column(String(24), index=True)
    origin: Mapped[str] = mapped_column(String(12), default="created")  # created | upgraded
    creation_id: Mapped[str | None] = mapped_column(String(40))  # the app's request id
    status: Mapped[str] = mapped_column(String(12))
    open_id: Mapped[str | None] = mapped_column(String(64))
    username: Mapped[str | None] = mapped_column(String(64))
    display_name: Mapped[str] = mapped_column(String(200), default="")
    failure: Mapped[dict[str, Any]] = mapped_column(default=dict)
    link_refusal: Mapped[dict[str, Any]] = mapped_column(default=dict)
    card: Mapped[dict[str, Any]] = mapped_column(default=dict)  # avatar_url, phone (D4)
    due_at: Mapped[datetime | None]
    created_at: Mapped[datetime]


class SmsMessage(WorldScoped, Base):
    """The world's SMS outbox: every text the sandbox sends to a phone (DESIGN §6)."""

    __tablename__ = "sc_sms"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    phone: Mapped[str] = mapped_column(String(32), index=True)
    body: Mapped[str] = mapped_column(String(500))
    code: Mapped[str | None] = mapped_column(String(12))
    purpose: Mapped[str] = mapped_column(String(40))
    shop_id: Mapped[str | None] = mapped_column(String(24))
    subject: Mapped[str | None] = mapped_column(String(64))  # e.g. the account's open_id
    sent_at: Mapped[datetime]
    expires_at: Mapped[datetime | None]
    used_at: Mapped[datetime | None]


class PhoneGuard(WorldScoped, Base):
    """Wrong SMS codes counted per shop; the threshold-th locks for a while (G4)."""

    __tablename__ = "sc_phone_guards"

    shop_id: Mapped[str] = mapped_column(String(24), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]


class UpgradeRequest(Claimable, WorldScoped, Base):
    """Upgrading a personal account (H1-H6): qr_shown → scanned → trial → completed |
    cancelled, or refused / expired / denied / failed along the way."""

    __tablename__ = "sc_upgrade_requests"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    shop_id: Mapped[str] = mapped_column(String(24), index=True)
    status: Mapped[str] = mapped_column(String(16))
    qr_token: Mapped[str] = mapped_column(String(64))
    client_ticket: Mapped[str] = mapped_column(String(64))
    scan_url: Mapped[str] = mapped_column(String(1000))
    open_id: Mapped[str | None] = mapped_column(String(64))
    account: Mapped[dict[str, Any]] = mapped_column(default=dict)
    upgrade_id: Mapped[str | None] = mapped_column(String(40))  # the app's upgrade
    trial_ends_at: Mapped[datetime | None]
    refusal: Mapped[dict[str, Any]] = mapped_column(default=dict)
    link_id: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
