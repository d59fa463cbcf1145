"""The links themselves: create one (the database's unique indexes decide races, B1/B5), find
them, describe them. Every way of linking (QR, organization account, invitation) comes here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sandbox.domain import organization
from sandbox.domain.eligibility import LinkedShop, already_linked_refusal
from sandbox.kernel.clock import iso
from sandbox.kernel.errors import NotFound, RuleViolation
from sandbox.kernel.events import append_event
from sandbox.kernel.store import new_id
from sandbox.kernel.world_config import rules_for
from sandbox.store.links import Link
from sandbox.store.organization import UpgradeRequest
from sandbox.store.shops import Shop
from sandbox.store.tickets import SupportTicket


def active_official(session: Session, world_id: str, shop_id: str) -> Link | None:
    return session.scalars(select(Link).where(
        Link.world_id == world_id, Link.shop_id == shop_id, Link.role == "official",
        Link.active.is_(True))).first()


def active_link_of(session: Session, world_id: str, open_id: str) -> Link | None:
    return session.scalars(select(Link).where(
        Link.world_id == world_id, Link.open_id == open_id, Link.active.is_(True))).first()


def account_and_official(session: Session, world_id: str, shop_id: str,
                         open_id: str) -> tuple[Link | None, Link | None]:
    """In one statement: the account's active link (C6: any shop) and the shop's active official
    link (B1), as `active_link_of` and `active_official` would answer."""
    found = list(session.scalars(select(Link).where(
        Link.world_id == world_id, Link.active.is_(True),
        or_(Link.open_id == open_id, and_(Link.shop_id == shop_id, Link.role == "official")))))
    return (next((link for link in found if link.open_id == open_id), None),
            next((link for link in found if link.shop_id == shop_id and link.role == "official"),
                 None))


def shop_links(session: Session, world_id: str, shop_id: str) -> list[Link]:
    return list(session.scalars(select(Link).where(
        Link.world_id == world_id, Link.shop_id == shop_id, Link.active.is_(True))
        .order_by(Link.linked_at)))


def world_links(session: Session, world_id: str) -> list[Link]:
    """Every active link of the world (the control plane's overview)."""
    return list(session.scalars(select(Link).where(
        Link.world_id == world_id, Link.active.is_(True)).order_by(Link.linked_at)))


def lock_shop(session: Session, world_id: str, shop_id: str) -> None:
    """Serialise the shop's counted rules (E2, F3): a no-op UPDATE takes the shop's row lock on
    PostgreSQL and the write lock on SQLite, so the counts read next are not stale."""
    session.execute(update(Shop).where(Shop.world_id == world_id, Shop.id == shop_id)
                    .values(status=Shop.status))


def shop_has_official_refusal() -> RuleViolation:
    return RuleViolation("This shop already has an official account (at most one per shop). "
                         "Unlink it before linking another.",
                         code="LINK_SHOP_HAS_OFFICIAL_ACCOUNT", rule="B1")


def running_trial(session: Session, world_id: str, shop_id: str) -> UpgradeRequest | None:
    """H1: the shop's upgrade trial that holds its official slot, if one runs."""
    return session.scalars(select(UpgradeRequest).where(
        UpgradeRequest.world_id == world_id, UpgradeRequest.shop_id == shop_id,
        UpgradeRequest.status == "trial")).first()


def official_slot_refusal(session: Session, world_id: str, shop_id: str,
                          except_request: str | None = None) -> RuleViolation | None:
    """B1 and H1: the shop's official slot is taken by a link or held by an upgrade trial
    (other than `except_request`)."""
    if active_official(session, world_id, shop_id) is not None:
        return shop_has_official_refusal()
    return trial_slot_refusal(session, world_id, shop_id, except_request)


def trial_slot_refusal(session: Session, world_id: str, shop_id: str,
                       except_request: str | None = None) -> RuleViolation | None:
    """H1: an upgrade trial (other than `except_request`) holds the shop's official slot."""
    trial = running_trial(session, world_id, shop_id)
    if trial is None or trial.id == except_request:
        return None
    who = (trial.account or {}).get("username") or trial.open_id
    return RuleViolation(
        f"The upgrade trial of @{who} holds this shop's official slot until "
        f"{iso(trial.trial_ends_at)}: no other official account can be linked while it runs. "
        "Cancel the upgrade (it is then not linked) or wait for it to complete.",
        code="OFFICIAL_SLOT_HELD_BY_UPGRADE_TRIAL", rule="H1",
        details={"upgrade_request_id": trial.id, "open_id": trial.open_id,
                 "trial_ends_at": iso(trial.trial_ends_at)})


def claim_slot_from_trials(session: Session, world_id: str, shop_id: str) -> None:
    """H1 before a link takes the slot: under the shop's lock (a trial starting meanwhile waits
    and then sees the link), refuse if an upgrade trial holds it."""
    lock_shop(session, world_id, shop_id)
    if (held := trial_slot_refusal(session, world_id, shop_id)) is not None:
        raise held


def linked_shop(session: Session, link: Link | None) -> LinkedShop | None:
    """C6: the shop (id, name) and role of an account's active link, for its refusal."""
    if link is None:
        return None
    shop = session.get(Shop, link.shop_id)
    return LinkedShop(link.shop_id, shop.name if shop is not None else link.shop_id, link.role)


def account_linked_refusal(session: Session, world_id: str, open_id: str) -> RuleViolation:
    """C6, naming the shop the account is linked to now."""
    return already_linked_refusal(linked_shop(session, active_link_of(session, world_id, open_id)))


def create_link(session: Session, world_id: str, shop_id: str, open_id: str, role: str,
                now: datetime, *, status: str = "linked", account: dict[str, Any] | None = None,
                pending: dict[str, str] | None = None, slot: int | None = None) -> Link:
    """Insert an active link and flush. On a B1/B5 race the session is rolled back and the
    refusal raised, so the caller's transaction holds nothing half-written."""
    link = Link(world_id=world_id, id=new_id("ln_"), shop_id=shop_id, open_id=open_id,
                role=role, status=status, active=True, pending_reason=pending or {},
                account=account or {"open_id": open_id}, linked_at=now, slot=slot)
    session.add(link)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        if role == "official" and active_official(session, world_id, shop_id) is not None:
            raise shop_has_official_refusal() from None
        if active_link_of(session, world_id, open_id) is None and role == "marketing":
            raise MarketingSlotTaken(slot) from None
        raise account_linked_refusal(session, world_id, open_id) from None
    from sandbox.services.shop_webhooks import account_link_changed

    account_link_changed(session, world_id, shop_id, link, now, linked=True)
    return link


class MarketingSlotTaken(RuleViolation):
    """B3: another link took this marketing slot meanwhile; the caller tries the next one."""

    def __init__(self, slot: int | None) -> None:
        super().__init__(f"Marketing slot {slot} was taken meanwhile.", code="MARKETING_SLOT_TAKEN",
                         rule="B3")


def deactivate_link(session: Session, link: Link, now: datetime, *, status: str = "unlinked",
                    by: str | None = None, **event_data: Any) -> Link:
    """End an active link: the one place that does it (the rules are checked by the callers).
    Records `link.<status>` and tells the shop's authorized apps (webhook 9002)."""
    if not link.active:
        raise NotFound(f"No active link {link.id!r}.", code="LINK_NOT_FOUND")
    link.active, link.status, link.unlinked_at, link.unlinked_by = False, status, now, by
    append_event(session, link.world_id, now, f"link.{status}", link.id,
                 {"shop_id": link.shop_id, "open_id": link.open_id, "role": link.role,
                  **({"by": by} if by else {}), **event_data})
    # A C7 ticket about this link has nothing left to fix once the link is gone.
    for ticket in session.scalars(select(SupportTicket).where(
            SupportTicket.world_id == link.world_id, SupportTicket.link_id == link.id,
            SupportTicket.status == "open")):
        ticket.status, ticket.resolved_at = "closed", now
        ticket.note = "Closed by the sandbox: the link ended before the ticket was resolved."
        append_event(session, link.world_id, now, "ticket.closed", ticket.id,
                     {"shop_id": ticket.shop_id, "link_id": link.id})
    from sandbox.services.shop_webhooks import account_link_changed

    account_link_changed(session, link.world_id, link.shop_id, link, now, linked=False)
    return link


def find_link(session: Session, world_id: str, link_id: str) -> Link:
    link = session.get(Link, link_id)
    if link is None or link.world_id != world_id:
        raise NotFound(f"No link {link_id!r} in this world.", code="LINK_NOT_FOUND")
    return link


def times_linked(session: Session, world_id: str, shop_id: str, open_id: str) -> int:
    """How many links (active or ended) this account ever had with this shop (G5)."""
    return len(list(session.scalars(select(Link.id).where(
        Link.world_id == world_id, Link.shop_id == shop_id, Link.open_id == open_id))))


def org_link_refusal(session: Session, world_id: str, shop: Shop, owner_shop_id: str | None,
                     open_id: str, upgrade_status: str | None = None) -> RuleViolation | None:
    """G5 for any way of linking: an organization account links only to its own shop, at most
    the world's G5 `max` times in total. H2: an account in its upgrade trial has no
    e-commerce permission, so it links nowhere until the upgrade completes."""
    if upgrade_status == "trial":
        return RuleViolation("This account is in its upgrade trial and has no e-commerce "
                             "permission until the upgrade completes.",
                             code="LINK_ACCOUNT_IN_UPGRADE_TRIAL", rule="H2")
    if owner_shop_id is None:  # not an organization account: G5 does not apply, count nothing
        return None
    return organization.link_refusal(owner_shop_id, shop.id,
                                     times_linked(session, world_id, shop.id, open_id),
                                     rules_for(session, world_id, shop.market).G5.max)


def link_view(link: Link) -> dict[str, Any]:
    return {"id": link.id, "shop_id": link.shop_id, "open_id": link.open_id, "role": link.role,
            "status": link.status, "account": link.account, "linked_at": iso(link.linked_at),
            "pending_reason": link.pending_reason or None}
