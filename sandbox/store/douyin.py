"""Douyin Shop's tables (J1, J5–J7): the shop's official-account state, its authorized
accounts, and the products it lists (the listing J7 can restrict)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.kernel.store import Base, WorldScoped


class DouyinShopState(WorldScoped, Base):
    """Per Douyin shop: rebinds used (J5), the upgrade (J6), the binding's instant (J7)."""

    __tablename__ = "dy_shop_states"

    shop_id: Mapped[str] = mapped_column(String(24), primary_key=True)
    rebinds_used: Mapped[int] = mapped_column(Integer, default=0)
    bound_at: Mapped[datetime | None]
    upgraded_at: Mapped[datetime | None]


class DouyinAuthorization(WorldScoped, Base):
    """An account the shop authorized for promotion (授权账号, J1). `slot` < the limit makes the
    limit a unique index, so concurrent authorizations cannot exceed it."""

    __tablename__ = "dy_authorizations"
    __table_args__ = (
        Index("uq_dy_authorizations_account", "world_id", "shop_id", "open_id", unique=True),
        Index("uq_dy_authorizations_slot", "world_id", "shop_id", "slot", unique=True),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    shop_id: Mapped[str] = mapped_column(String(24), index=True)
    open_id: Mapped[str] = mapped_column(String(64))
    username: Mapped[str] = mapped_column(String(64))
    slot: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]
