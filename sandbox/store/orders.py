"""TikTok Shop's orders: the order, one line per unit sold (as TikTok has them), and the buyer's
cancellation and return requests (S1-S4)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.kernel.store import Base, WorldScoped


class Order(WorldScoped, Base):
    """An order of one shop's products, with where it was sold (S1) and its status (S3).

    Money is kept as TikTok sends it: decimal strings in the order's currency."""

    __tablename__ = "sc_orders"
    __table_args__ = (Index("ix_sc_orders_shop_status", "world_id", "shop_id", "status",
                            "created_at"),
                      Index("ix_sc_orders_shop_created", "world_id", "shop_id", "created_at"),
                      Index("ix_sc_orders_shop_updated", "world_id", "shop_id", "updated_at"),
                      Index("ix_sc_orders_buyer", "world_id", "buyer_open_id"),
                      Index("ix_sc_orders_via", "world_id", "via_open_id"))

    id: Mapped[str] = mapped_column(String(24), primary_key=True)  # 18 digits, like TikTok's
    shop_id: Mapped[str] = mapped_column(String(24))
    buyer_open_id: Mapped[str] = mapped_column(String(64))
    buyer_name: Mapped[str] = mapped_column(String(100), default="")
    buyer_user_id: Mapped[str] = mapped_column(String(24), default="")  # TikTok's `user_id`
    status: Mapped[str] = mapped_column(String(24))
    status_since: Mapped[datetime]  # when it entered `status` (the clock's moves count from it)
    channel: Mapped[str] = mapped_column(String(16))
    via_open_id: Mapped[str | None] = mapped_column(String(64))
    via_username: Mapped[str] = mapped_column(String(64), default="")
    relation: Mapped[str] = mapped_column(String(12))
    currency: Mapped[str] = mapped_column(String(3))
    sub_total: Mapped[str] = mapped_column(String(20))
    shipping_fee: Mapped[str] = mapped_column(String(20))
    total_amount: Mapped[str] = mapped_column(String(20))
    recipient: Mapped[dict[str, Any]] = mapped_column(default=dict)
    buyer_message: Mapped[str] = mapped_column(String(500), default="")
    commission_status: Mapped[str] = mapped_column(String(12), default="NONE")
    payment_declined: Mapped[bool] = mapped_column(Boolean, default=False)  # the persona said no
    refunded: Mapped[bool] = mapped_column(Boolean, default=False)  # ended with its money back
    address_updated: Mapped[bool] = mapped_column(Boolean, default=False)  # the buyer changed it
    shipping_provider: Mapped[str] = mapped_column(String(100), default="")
    shipping_provider_id: Mapped[str] = mapped_column(String(24), default="")
    tracking_number: Mapped[str] = mapped_column(String(64), default="")
    package_id: Mapped[str] = mapped_column(String(24), default="")  # made at payment
    shipping_info_updates: Mapped[int] = mapped_column(Integer, default=0)
    cancel_reason: Mapped[str] = mapped_column(String(200), default="")
    cancellation_initiator: Mapped[str] = mapped_column(String(12), default="")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    paid_at: Mapped[datetime | None]
    rts_at: Mapped[datetime | None]
    collection_at: Mapped[datetime | None]
    delivery_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]
    cancel_at: Mapped[datetime | None]
    request_cancel_at: Mapped[datetime | None]


class OrderLine(WorldScoped, Base):
    """One unit of one SKU: TikTok's line item has no quantity (protocols.md §4.1.3). The
    commission a unit earns is fixed here when the order is paid (S2)."""

    __tablename__ = "sc_order_lines"
    __table_args__ = (Index("ix_sc_order_lines_order", "world_id", "order_id"),)

    id: Mapped[str] = mapped_column(String(24), primary_key=True)
    order_id: Mapped[str] = mapped_column(String(24))
    position: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[str] = mapped_column(String(24))
    sku_id: Mapped[str] = mapped_column(String(24))
    product_name: Mapped[str] = mapped_column(String(255))
    seller_sku: Mapped[str] = mapped_column(String(50), default="")
    sale_price: Mapped[str] = mapped_column(String(20))
    original_price: Mapped[str] = mapped_column(String(20))
    commission_rate: Mapped[int] = mapped_column(Integer, default=0)  # ten-thousandths
    commission_amount: Mapped[str] = mapped_column(String(20), default="0.00")


class OrderRequest(WorldScoped, Base):
    """A buyer's cancellation request (after the hold) or return/refund request (after
    delivery), answered by the seller or, unanswered, approved by TikTok (S3)."""

    __tablename__ = "sc_order_requests"
    # One open request an order at a time, whoever races to make a second (S3).
    __table_args__ = (Index("ix_sc_order_requests_order", "world_id", "order_id"),
                      Index("uq_sc_order_requests_pending", "world_id", "order_id", unique=True,
                            sqlite_where=text("status = 'PENDING'"),
                            postgresql_where=text("status = 'PENDING'")))

    id: Mapped[str] = mapped_column(String(24), primary_key=True)
    order_id: Mapped[str] = mapped_column(String(24))
    shop_id: Mapped[str] = mapped_column(String(24))
    kind: Mapped[str] = mapped_column(String(16))  # cancellation | return
    # CANCEL (a direct cancellation) | BUYER_CANCEL | REFUND_ONLY | RETURN_AND_REFUND
    type: Mapped[str] = mapped_column(String(24))
    role: Mapped[str] = mapped_column(String(12), default="BUYER")  # who initiated it
    status: Mapped[str] = mapped_column(String(12))  # PENDING | APPROVED | REJECTED
    reason: Mapped[str] = mapped_column(String(200), default="")
    answer_reason: Mapped[str] = mapped_column(String(200), default="")
    answered_by: Mapped[str] = mapped_column(String(12), default="")
    refund_total: Mapped[str] = mapped_column(String(20), default="0.00")
    created_at: Mapped[datetime]
    answer_due_at: Mapped[datetime]
    answered_at: Mapped[datetime | None]
