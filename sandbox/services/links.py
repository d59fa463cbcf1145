"""The links themselves: create one (the database's unique indexes decide races, B1/B5), find
them, describe them. Every way of linking (QR, organization account, invitation) comes here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sandbox.kernel.clock import iso
from sandbox.kernel.errors import RuleViolation
from sandbox.kernel.store import new_id

from ..store import Link


def active_official(session: Session, world_id: str, shop_id: str) -> Link | None:
    return session.scalars(select(Link).where(
        Link.world_id == world_id, Link.shop_id == shop_id, Link.role == "official",
        Link.active.is_(True))).first()


def active_link_of(session: Session, world_id: str, open_id: str) -> Link | None:
    return session.scalars(select(Link).where(
        Link.world_id == world_id, Link.open_id == open_id, Link.active.is_(True))).first()


def shop_links(session: Session, world_id: str, shop_id: str) -> list[Link]:
    return list(session.scalars(select(Link).where(
        Link.world_id == world_id, Link.shop_id == shop_id, Link.active.is_(True))
        .order_by(Link.linked_at)))


def shop_has_official_refusal() -> RuleViolation:
    return RuleViolation("This shop already has an official account (at most one per shop). "
                         "Unlink it before linking another.",
                         code="LINK_SHOP_HAS_OFFICIAL_ACCOUNT", rule="B1")


def account_linked_refusal() -> RuleViolation:
    return RuleViolation("This TikTok account is already linked to a shop. It must be unlinked "
                         "there first.", code="LINK_ACCOUNT_ALREADY_LINKED", rule="C6")


def create_link(session: Session, world_id: str, shop_id: str, open_id: str, role: str,
                now: datetime, *, status: str = "linked", account: dict[str, Any] | None = None,
                pending: dict[str, str] | None = None) -> Link:
    """Insert an active link and flush. On a B1/B5 race the session is rolled back and the
    refusal raised, so the caller's transaction holds nothing half-written."""
    link = Link(world_id=world_id, id=new_id("ln_"), shop_id=shop_id, open_id=open_id,
                role=role, status=status, active=True, pending_reason=pending or {},
                account=account or {"open_id": open_id}, linked_at=now)
    session.add(link)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        if role == "official" and active_official(session, world_id, shop_id) is not None:
            raise shop_has_official_refusal() from None
        raise account_linked_refusal() from None
    from ..open_api.webhooks import account_link_changed

    account_link_changed(session, world_id, shop_id, link, now, linked=True)
    return link


def link_view(link: Link) -> dict[str, Any]:
    return {"id": link.id, "shop_id": link.shop_id, "open_id": link.open_id, "role": link.role,
            "status": link.status, "account": link.account, "linked_at": iso(link.linked_at),
            "pending_reason": link.pending_reason or None}
