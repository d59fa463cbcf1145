"""Seller Center's product catalogue: one row a product (one SKU each, which is all the linking
journeys need)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.kernel.store import Base, WorldScoped


class Product(WorldScoped, Base):
    __tablename__ = "sc_products"
    __table_args__ = (Index("ix_sc_products_shop", "world_id", "shop_id", "status"),)

    id: Mapped[str] = mapped_column(String(24), primary_key=True)  # 19 digits, like TikTok's
    shop_id: Mapped[str] = mapped_column(String(24))
    title: Mapped[str] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(String(10000), default="")
    price: Mapped[str] = mapped_column(String(20))  # "19.99"
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(24))
    sku_id: Mapped[str] = mapped_column(String(24))
    seller_sku: Mapped[str] = mapped_column(String(50), default="")
    inventory: Mapped[int] = mapped_column(Integer, default=100)
    affiliate_open: Mapped[bool] = mapped_column(Boolean, default=False)
    commission_rate: Mapped[int] = mapped_column(Integer, default=0)  # ten-thousandths
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
