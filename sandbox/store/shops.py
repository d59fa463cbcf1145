"""Seller Center's tables for shops, their sellers and sellers' sessions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, UniqueConstraint
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
    """A logged-in seller: a browser cookie or the actor API's bearer token, never both (a cookie
    a page on another port may see cannot be replayed as a bearer token, nor the reverse)."""

    __tablename__ = "sc_sessions"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    seller_id: Mapped[str] = mapped_column(String(40))
    channel: Mapped[str] = mapped_column(String(8), default="api")  # "api" | "browser"
    created_at: Mapped[datetime]
