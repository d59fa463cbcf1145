"""Columns every claimable request carries: who claimed it when, with which code (see
`sandbox.services.claims`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column


class Claimable:
    """Mixed into link requests, invitations and upgrade requests."""

    claimed_at: Mapped[datetime | None] = mapped_column(nullable=True)
    claim_code: Mapped[str | None] = mapped_column(String(200))
    claim_attempts: Mapped[int] = mapped_column(Integer, default=0)
