"""Support tickets (C7, C8): the seller opens one; a sandbox operator fixes or rejects it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.domain.markets import profile
from sandbox.kernel.clock import iso
from sandbox.kernel.errors import BadRequest, Conflict, NotFound, RuleViolation
from sandbox.kernel.events import append_event
from sandbox.kernel.store import new_id
from sandbox.services import invitations
from sandbox.services.links import deactivate_link
from sandbox.services.seller_center import SellerCenter
from sandbox.services.shops import get_shop
from sandbox.store.links import Link
from sandbox.store.tickets import SupportTicket

OPEN, FIXED, REJECTED = "open", "fixed", "rejected"


def _existing(session: Session, world_id: str, shop_id: str, open_id: str) -> SupportTicket | None:
    return session.scalars(select(SupportTicket).where(
        SupportTicket.world_id == world_id, SupportTicket.shop_id == shop_id,
        SupportTicket.open_id == open_id, SupportTicket.status == OPEN)).first()


def _open(session: Session, world_id: str, shop_id: str, now: datetime, **fields: Any) -> SupportTicket:
    if (found := _existing(session, world_id, shop_id, fields["open_id"])) is not None:
        return found
    ticket = SupportTicket(world_id=world_id, id=new_id("tk_"), shop_id=shop_id, status=OPEN,
                           note="", created_at=now, **fields)
    session.add(ticket)
    session.flush()
    append_event(session, world_id, now, "ticket.opened", ticket.id,
                 {"shop_id": shop_id, "subject": ticket.subject, "cause": ticket.cause})
    session.commit()
    return ticket


def open_for_link(session: Session, world_id: str, shop_id: str, link_id: Any,
                  now: datetime) -> SupportTicket:
    """C7: a link stuck "linking in progress"."""
    link = session.get(Link, str(link_id or ""))
    if link is None or link.world_id != world_id or link.shop_id != shop_id or not link.active:
        raise NotFound(f"No active link {link_id!r} in this shop.", code="LINK_NOT_FOUND")
    if link.status != "in_progress":
        raise Conflict("Only a link in progress needs a support ticket; this one is "
                       f"'{link.status}'.", code="LINK_NOT_IN_PROGRESS", rule="C7")
    return _open(session, world_id, shop_id, now, subject="link_in_progress", link_id=link.id,
                 open_id=link.open_id, username=(link.account or {}).get("username"),
                 cause=dict(link.pending_reason or {}))


def open_for_invitee(sc: SellerCenter, world_id: str, shop_id: str, username: Any) -> SupportTicket:
    """C8: an invitee the shop could not invite; refused when support cannot fix the cause."""
    if not isinstance(username, str) or not username.strip().lstrip("@"):
        raise BadRequest("Give 'link_id' (a link in progress) or 'username' (an ineligible "
                         "invitee).", code="MISSING_FIELD", details={"missing": ["username"]})
    username = username.strip().lstrip("@")
    user = invitations.read_invitee(sc, world_id, username)
    with sc.runtime.session() as session:
        shop = get_shop(session, world_id, shop_id)
        refusal = invitations.invitee_refusal(session, shop, user)
        if refusal is None:
            raise Conflict(f"@{username} can be invited now; no ticket is needed.",
                           code="INVITEE_ELIGIBLE", rule="C8")
        if not refusal.details["support_can_fix"]:
            raise RuleViolation(f"Support cannot fix this cause ({refusal.details['cause_code']}, "
                                f"rule {refusal.details['cause_rule']}): {refusal.message}",
                                code="TICKET_CAUSE_NOT_FIXABLE", rule="C8",
                                details=refusal.details)
        cause = {"code": refusal.details["cause_code"], "rule": refusal.details["cause_rule"],
                 "message": refusal.message}
        return _open(session, world_id, shop_id, sc.runtime.now(session, world_id),
                     subject="ineligible_invitee", link_id=None, open_id=user["open_id"],
                     username=username, cause=cause)


def account_fix(ticket: SupportTicket, market_code: str) -> dict[str, Any]:
    """What support changes on the TikTok account to remove the ticket's cause."""
    region = profile(market_code).account_region
    return {
        "LINK_PENDING_REGISTERED_OUTSIDE_MARKET": {"region": region},
        "LINK_PENDING_ECOMMERCE_REVOKED": {"ecommerce_revoked": False},
        "LINK_ECOMMERCE_PERMISSION_REVOKED": {"ecommerce_revoked": False,
                                              "associated_with_revoked": False},
        "LINK_ACCOUNT_OUTSIDE_MARKET": {"network_region": region},
        "LINK_HOLDER_UNDER_18": {"age": 18},
    }.get(ticket.cause.get("code", ""), {})


def get_ticket(session: Session, world_id: str, ticket_id: str) -> SupportTicket:
    ticket = session.get(SupportTicket, ticket_id)
    if ticket is None or ticket.world_id != world_id:
        raise NotFound(f"No support ticket {ticket_id!r} in this world.", code="TICKET_NOT_FOUND")
    return ticket


def resolve(session: Session, ticket: SupportTicket, decision: Any, note: Any,
            now: datetime) -> str | None:
    """Operator: `fix` (a link in progress becomes linked) or `reject` (it ends). The caller has
    already applied `account_fix` to the account. Returns the link id that became linked."""
    if decision not in ("fix", "reject"):
        raise BadRequest("'decision' must be fix or reject.", code="INVALID_FIELD",
                         details={"field": "decision"})
    if ticket.status != OPEN:
        raise Conflict(f"This ticket is already {ticket.status}.", code="TICKET_NOT_OPEN")
    ticket.status, ticket.resolved_at = (FIXED if decision == "fix" else REJECTED), now
    ticket.note = str(note or "")[:500]
    completed = None
    link = session.get(Link, ticket.link_id) if ticket.link_id else None
    if link is not None and link.active and link.status == "in_progress":
        if decision == "fix":
            link.status, completed = "linked", link.id
            append_event(session, ticket.world_id, now, "link.linked", link.id,
                         {"shop_id": link.shop_id, "role": link.role, "ticket_id": ticket.id,
                          "rule": "C7"})
        else:
            deactivate_link(session, link, now, status="rejected", by="support",
                            ticket_id=ticket.id, rule="C7")
    append_event(session, ticket.world_id, now, f"ticket.{ticket.status}", ticket.id,
                 {"shop_id": ticket.shop_id, "link_id": ticket.link_id})
    return completed


def list_tickets(session: Session, world_id: str, shop_id: str | None = None) -> list[SupportTicket]:
    q = select(SupportTicket).where(SupportTicket.world_id == world_id)
    if shop_id:
        q = q.where(SupportTicket.shop_id == shop_id)
    return list(session.scalars(q.order_by(SupportTicket.created_at)))


def open_ticket_for_link(session: Session, world_id: str, shop_id: str,
                         link_id: str) -> SupportTicket | None:
    """C7: the ticket open for this link, if any (one at a time: `_open` returns it again)."""
    return session.scalars(select(SupportTicket).where(
        SupportTicket.world_id == world_id, SupportTicket.shop_id == shop_id,
        SupportTicket.link_id == link_id, SupportTicket.status == OPEN)).first()


def ticket_view(ticket: SupportTicket) -> dict[str, Any]:
    return {"id": ticket.id, "shop_id": ticket.shop_id, "subject": ticket.subject,
            "link_id": ticket.link_id, "open_id": ticket.open_id, "username": ticket.username,
            "cause": ticket.cause, "status": ticket.status, "note": ticket.note or None,
            "created_at": iso(ticket.created_at), "resolved_at": iso(ticket.resolved_at)}
