"""The fake app's tables for organization accounts: creations, per-account OTP state, upgrades."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.kernel.store import Base, WorldScoped


class OrgCreation(WorldScoped, Base):
    """A shop asked for an organization account (G1-G3): pending → created | failed."""

    __tablename__ = "tt_org_creations"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    client_key: Mapped[str] = mapped_column(String(64))
    shop_id: Mapped[str] = mapped_column(String(40), index=True)
    status: Mapped[str] = mapped_column(String(12))
    request: Mapped[dict[str, Any]] = mapped_column(default=dict)  # nickname, username, region…
    failure: Mapped[dict[str, Any]] = mapped_column(default=dict)  # code, rule, message
    open_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]
    due_at: Mapped[datetime]


class OrgProfile(WorldScoped, Base):
    """What an account gains as an organization account or in an upgrade trial: its owner shop,
    its TOTP secret and the state that makes passwords single-use and lockable (G4)."""

    __tablename__ = "tt_org_profiles"

    open_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner_shop_id: Mapped[str | None] = mapped_column(String(40))
    origin: Mapped[str] = mapped_column(String(12), default="created")  # created | upgraded
    org_since: Mapped[datetime | None]
    totp_secret: Mapped[str] = mapped_column(String(64))
    otp_digits: Mapped[int] = mapped_column(Integer)
    otp_interval: Mapped[int] = mapped_column(Integer)
    last_used_step: Mapped[int] = mapped_column(Integer, default=-1)
    # The steps whose passwords were handed out, and those used to log in (the recent ones):
    # a second password asked for in one step is the next step's (G4).
    last_issued_step: Mapped[int] = mapped_column(Integer, default=-1)
    used_steps: Mapped[list[Any]] = mapped_column(default=list)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    # H3: earnings (cents) the creator can withdraw; unclaimed ones expire when a trial ends.
    earnings_cents: Mapped[int] = mapped_column(Integer, default=0)


class Upgrade(WorldScoped, Base):
    """A personal account's upgrade (H1-H5): trial → completed | cancelled."""

    __tablename__ = "tt_upgrades"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    open_id: Mapped[str] = mapped_column(String(64), index=True)
    shop_id: Mapped[str] = mapped_column(String(40))
    client_key: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(12))
    started_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    expired_earnings_cents: Mapped[int] = mapped_column(Integer, default=0)
