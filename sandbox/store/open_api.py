"""Tables of the Open API: partner apps, auth codes, seller authorizations and their tokens."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.kernel.store import Base, WorldScoped


class ShopApp(WorldScoped, Base):
    """A partner app registered in Partner Center (here: through the control plane)."""

    __tablename__ = "oa_apps"
    __table_args__ = (UniqueConstraint("world_id", "service_id"),)

    app_key: Mapped[str] = mapped_column(String(40), primary_key=True)
    app_secret: Mapped[str] = mapped_column(String(64))
    service_id: Mapped[str] = mapped_column(String(40), index=True)
    name: Mapped[str] = mapped_column(String(100))
    redirect_url: Mapped[str] = mapped_column(String(1000))
    webhook_url: Mapped[str | None] = mapped_column(String(1000))
    scopes: Mapped[list[Any]] = mapped_column(default=list)
    created_at: Mapped[datetime]


class ShopAuthCode(WorldScoped, Base):
    """A seller's consent, waiting to be exchanged: 30 minutes, single use."""

    __tablename__ = "oa_auth_codes"

    code: Mapped[str] = mapped_column(String(120), primary_key=True)
    app_key: Mapped[str] = mapped_column(String(40))
    authorization_id: Mapped[int] = mapped_column(Integer,
                                                  info={"refers_to": "oa_authorizations"})
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class ShopAuthorization(WorldScoped, Base):
    """A seller authorized an app for a shop, until it expires (a year) or is deauthorized."""

    __tablename__ = "oa_authorizations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    app_key: Mapped[str] = mapped_column(String(40), index=True)
    shop_id: Mapped[str] = mapped_column(String(24), index=True)
    seller_id: Mapped[str] = mapped_column(String(40))
    open_id: Mapped[str] = mapped_column(String(40))
    granted_scopes: Mapped[list[Any]] = mapped_column(default=list)
    # 0 seller, 1 creator (shop_id and seller_id are empty for a creator); name for token data.
    user_type: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(100), default="")
    # The shop's webhook registrations (PUT/DELETE /event/202309/webhooks), by event type name:
    # {"SELLER_DEAUTHORIZATION": {"address", "create_time", "update_time"}}, or None for a type
    # deleted here (so the app's own address no longer applies to it). Replaced, never mutated.
    webhooks: Mapped[dict[str, Any]] = mapped_column(default=dict)
    authorized_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16), default="active")  # active|deauthorized|expired
    ended_at: Mapped[datetime | None]


class ShopToken(WorldScoped, Base):
    """An access/refresh pair of one authorization; refresh rotates the pair."""

    __tablename__ = "oa_tokens"

    access_token: Mapped[str] = mapped_column(String(120), primary_key=True)
    refresh_token: Mapped[str] = mapped_column(String(120), unique=True)
    authorization_id: Mapped[int] = mapped_column(Integer, index=True,
                                                  info={"refers_to": "oa_authorizations"})
    app_key: Mapped[str] = mapped_column(String(40))
    issued_at: Mapped[datetime]
    access_expires_at: Mapped[datetime]
    refresh_expires_at: Mapped[datetime]
    refreshed: Mapped[bool] = mapped_column(Boolean, default=False)
