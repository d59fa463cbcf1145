"""The fake app's OAuth tables: clients, QR tickets, codes and tokens."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.kernel.store import Base, WorldScoped


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
    # The code this token's grant began with (refreshed tokens inherit it): the token family
    # that a replayed code or refresh token revokes.
    from_code: Mapped[str | None] = mapped_column(String(128), index=True)
