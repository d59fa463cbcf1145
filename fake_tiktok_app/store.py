"""The fake app's tables: TikTok accounts, OAuth clients, QR tickets, codes, tokens, sessions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, UniqueConstraint
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
    created_at: Mapped[datetime]


class OAuthClient(WorldScoped, Base):
    """A registered app: a partner's Login Kit app, or Seller Center itself (first party)."""

    __tablename__ = "tt_clients"

    client_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    client_secret: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20), default="login_kit")
    platform: Mapped[str] = mapped_column(String(10), default="web")
    first_party: Mapped[bool] = mapped_column(Boolean, default=False)
    redirect_uris: Mapped[list[Any]] = mapped_column(default=list)
    scopes: Mapped[str] = mapped_column(String(1000))  # comma list the client may be granted
    # Login Kit webhooks (authorization.removed); signed with TikTok-Signature.
    webhook_url: Mapped[str | None] = mapped_column(String(1000))
    created_at: Mapped[datetime]


class QrTicket(WorldScoped, Base):
    """One QR authorization (protocols.md §2): new → scanned → confirmed → utilised | expired."""

    __tablename__ = "tt_qr_tickets"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    client_key: Mapped[str] = mapped_column(ForeignKey("tt_clients.client_key"))
    scope: Mapped[str] = mapped_column(String(1000))
    state: Mapped[str] = mapped_column(String(512), default="")
    # Sandbox extension: who is asking, shown on the consent screen (e.g. the shop's name).
    display_name: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[str] = mapped_column(String(12), default="new")
    client_ticket: Mapped[str] = mapped_column(String(512), default="")
    open_id: Mapped[str | None] = mapped_column(String(64))
    code: Mapped[str | None] = mapped_column(String(128))
    redirect_uri: Mapped[str | None] = mapped_column(String(512))
    # RFC 8628: a device authorization is a QR ticket whose token is the device_code.
    user_code: Mapped[str | None] = mapped_column(String(20), index=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    scanned_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]


class AuthorizationCode(WorldScoped, Base):
    __tablename__ = "tt_auth_codes"

    code: Mapped[str] = mapped_column(String(128), primary_key=True)
    client_key: Mapped[str] = mapped_column(String(64))
    open_id: Mapped[str] = mapped_column(String(64))
    redirect_uri: Mapped[str] = mapped_column(String(512), default="")
    scope: Mapped[str] = mapped_column(String(1000))
    code_challenge: Mapped[str | None] = mapped_column(String(200))
    code_challenge_method: Mapped[str | None] = mapped_column(String(10))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class Token(WorldScoped, Base):
    __tablename__ = "tt_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    client_key: Mapped[str] = mapped_column(String(64), index=True)
    open_id: Mapped[str | None] = mapped_column(String(64))
    access_token: Mapped[str] = mapped_column(String(128), unique=True)
    refresh_token: Mapped[str | None] = mapped_column(String(128), unique=True)
    scope: Mapped[str] = mapped_column(String(1000), default="")
    issued_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    refresh_expires_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    # Set when the refresh token was rotated away (the access token may live on).
    refresh_revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    # The code this token came from, so a replayed code can revoke what it issued.
    from_code: Mapped[str | None] = mapped_column(String(128), index=True)


class AppSession(WorldScoped, Base):
    """A logged-in phone (browser cookie or actor-API bearer token)."""

    __tablename__ = "tt_sessions"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    open_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]


class Invitation(WorldScoped, Base):
    """Sandbox extension: a shop's marketing-account invitation in the creator's inbox (E1).

    pending → accepted (code issued to the first-party client) → utilised | declined | expired."""

    __tablename__ = "tt_invitations"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    client_key: Mapped[str] = mapped_column(String(64))
    open_id: Mapped[str] = mapped_column(String(64), index=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")  # the inviting shop
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
