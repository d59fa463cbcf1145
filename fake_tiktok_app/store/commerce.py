"""The app's commerce tables: the mirror of shops' catalogues, showcases, videos and LIVEs."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.kernel.store import Base, WorldScoped


class CatalogueProduct(WorldScoped, Base):
    """A shop's product as TikTok shows it: Seller Center replaces a shop's rows on every change
    of its catalogue, so a shop page (B1) always shows what the shop sells now."""

    __tablename__ = "tt_catalogue"

    product_id: Mapped[str] = mapped_column(String(24), primary_key=True)
    shop_id: Mapped[str] = mapped_column(String(24), index=True)
    shop_name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(255))
    price: Mapped[str] = mapped_column(String(20))  # decimal string, as TikTok Shop sends it
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(24))
    affiliate_open: Mapped[bool] = mapped_column(Boolean, default=False)
    commission_rate: Mapped[int] = mapped_column(Integer, default=0)  # basis points (100 = 1%)
    synced_at: Mapped[datetime]


class ShowcaseItem(WorldScoped, Base):
    """A product an account put in its showcase by hand (B3, A4)."""

    __tablename__ = "tt_showcase_items"
    __table_args__ = (UniqueConstraint("world_id", "open_id", "product_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    open_id: Mapped[str] = mapped_column(String(64), index=True)
    product_id: Mapped[str] = mapped_column(String(24))
    added_at: Mapped[datetime]


class Video(WorldScoped, Base):
    """A posted video; shoppable when it carries products (B6). Served by /v2/video/list/."""

    __tablename__ = "tt_videos"

    id: Mapped[str] = mapped_column(String(24), primary_key=True)
    open_id: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str] = mapped_column(String(150), default="")
    description: Mapped[str] = mapped_column(String(2200), default="")
    duration: Mapped[int] = mapped_column(Integer, default=15)
    product_ids: Mapped[list[Any]] = mapped_column(default=list)
    created_at: Mapped[datetime]


class LiveSession(WorldScoped, Base):
    """A LIVE, with the products pinned in it (B6)."""

    __tablename__ = "tt_lives"

    id: Mapped[str] = mapped_column(String(24), primary_key=True)
    open_id: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str] = mapped_column(String(150), default="")
    product_ids: Mapped[list[Any]] = mapped_column(default=list)
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
