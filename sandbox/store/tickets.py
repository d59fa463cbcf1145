"""Seller Center's table of support tickets (C7, C8)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.kernel.store import Base, WorldScoped


class SupportTicket(WorldScoped, Base):
    """A help-centre ticket (C7, C8): about a link in progress or an ineligible invitee."""

    __tablename__ = "sc_tickets"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    shop_id: Mapped[str] = mapped_column(String(24), index=True)
    subject: Mapped[str] = mapped_column(String(20))  # link_in_progress | ineligible_invitee
    link_id: Mapped[str | None] = mapped_column(String(40))
    open_id: Mapped[str] = mapped_column(String(64))
    username: Mapped[str | None] = mapped_column(String(64))
    cause: Mapped[dict[str, Any]] = mapped_column(default=dict)  # code, rule, message
    status: Mapped[str] = mapped_column(String(12), default="open")  # fixed | rejected
    note: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]
