"""Organization accounts from Seller Center (G1-G3, G5): ask the app to create one, learn the
outcome when it falls due (org_outcomes), link it, and link it again after an unlink.

The app creates the account on its own clock (a due job); Seller Center never reads the app's
tables, it asks over HTTP. No DB transaction is held open across those calls."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from sandbox.domain import eligibility
from sandbox.domain import organization as rules
from sandbox.domain.markets import profile
from sandbox.kernel import jobs
from sandbox.kernel.clock import iso, parse_instant
from sandbox.kernel.errors import BadRequest, NotFound, RuleViolation
from sandbox.kernel.events import append_event
from sandbox.kernel.models import Job
from sandbox.kernel.store import new_id
from sandbox.kernel.world_facts import world_now
from sandbox.services import account_sync, links
from sandbox.services.seller_center import SellerCenter, credentials
from sandbox.services.shops import get_shop, shop_rules
from sandbox.store.organization import OrgAccount

PENDING, CREATED, FAILED, TRIAL, CANCELLED = "pending", "created", "failed", "trial", "cancelled"
OUTCOME_JOB = "org_account.outcome_due"  # the app decides then; org_outcomes learns it


def schedule_outcome(session: Session, world_id: str, at: datetime, subject: str) -> None:
    """When the app will have decided a creation (G3) or a trial (H5), in the caller's
    transaction."""
    jobs.schedule(session, world_id, OUTCOME_JOB, at, subject)


def outcome_due(world_id: str, subject: Any, due_at: Any, now: datetime) -> Any:
    """A SQL condition: the outcome's instant has come, or its due job has fired (during an
    `advance` the world's clock moves only after the jobs on the way have fired)."""
    fired = select(Job.id).where(Job.world_id == world_id, Job.kind == OUTCOME_JOB,
                                 Job.subject == subject, Job.fired_at.is_not(None))
    return or_(due_at <= now, fired.exists())


def shop_org_accounts(session: Session, world_id: str, shop_id: str) -> list[OrgAccount]:
    return list(session.scalars(select(OrgAccount).where(
        OrgAccount.world_id == world_id, OrgAccount.shop_id == shop_id)
        .order_by(OrgAccount.created_at)))


def find_org(session: Session, world_id: str, open_id: str) -> OrgAccount | None:
    """The shop record of an organization account (or one in trial), by its open_id."""
    return session.scalars(select(OrgAccount).where(
        OrgAccount.world_id == world_id, OrgAccount.open_id == open_id,
        OrgAccount.status.in_((CREATED, TRIAL))).order_by(OrgAccount.created_at.desc())).first()


def create(sc: SellerCenter, world_id: str, shop_id: str,
           username: str | None = None) -> OrgAccount:
    """G1: Linked TikTok accounts → Official account → Create (or the onboarding flag)."""
    if username is not None and not isinstance(username, str):
        raise BadRequest("'username' must be a string.", code="INVALID_FIELD")
    with sc.runtime.session() as session:
        shop = get_shop(session, world_id, shop_id)
        pending = any(o.status == PENDING for o in shop_org_accounts(session, world_id, shop_id))
        official = links.active_official(session, world_id, shop_id) is not None
        if (refusal := rules.creation_refusal(official, pending)) is not None:
            raise refusal
        if (held := links.trial_slot_refusal(session, world_id, shop_id)) is not None:
            raise held  # H1: the created account could not take the slot
        numbers = shop_rules(session, shop)
        request = {"shop_id": shop.id, "nickname": shop.name, "username": username or None,
                   "region": profile(shop.market).account_region, "shop_status": shop.status,
                   "phone": shop.phone, "delay_seconds": numbers.G3.seconds,
                   "name_limit": numbers.G2.max_name_length + 1}
        key, secret = credentials(session, world_id)
    created = sc.tiktok.first_party(key, secret, "/organization-accounts", request)
    with sc.runtime.session() as session:
        now = world_now(session, world_id)
        org = OrgAccount(world_id=world_id, id=new_id("oa_"), shop_id=shop_id, origin="created",
                         creation_id=created["id"], status=PENDING, display_name=request["nickname"],
                         username=username or None, failure={}, link_refusal={}, card={},
                         due_at=parse_instant(created["due_at"]), created_at=now)
        session.add(org)
        session.flush()
        schedule_outcome(session, world_id, org.due_at, org.id)
        append_event(session, world_id, now, "org_account.requested", org.id,
                     {"shop_id": shop_id, "due_at": created["due_at"]})
        session.commit()
        return org


def link_official(session: Session, org: OrgAccount, now: datetime) -> None:
    """Link a created organization account as its shop's official account (G1, G5, B1), in the
    caller's transaction. A rule refusal is recorded on the account; a lost B1/B5 race raises
    (create_link has rolled the session back)."""
    shop = get_shop(session, org.world_id, org.shop_id)
    refusal = links.org_link_refusal(session, org.world_id, shop, org.shop_id, org.open_id or "")
    if refusal is None:  # B1, H1 (a completing trial is no longer 'trial' here)
        refusal = links.official_slot_refusal(session, org.world_id, shop.id)
    if refusal is not None:
        org.link_refusal = {"code": refusal.code, "rule": refusal.rule, "message": refusal.message}
        return
    account = {"open_id": org.open_id, "username": org.username, "display_name": org.display_name,
               "account_kind": "organization", **(org.card or {})}
    link = links.create_link(session, org.world_id, shop.id, org.open_id or "", "official", now,
                             account=account)
    org.link_refusal = {}
    append_event(session, org.world_id, now, "link.linked", link.id,
                 {"shop_id": shop.id, "open_id": org.open_id, "via": "organization_account"})


def claim_and_link(session: Session, org_id: str, now: datetime, claim: Any,
                   link: bool) -> bool:
    """Run `claim` (a conditional UPDATE returning its rowcount) and, if it won, link the
    account in the same transaction, so a racing reader waits and then sees the link. If a
    concurrent link takes the slot meanwhile, the outcome is recorded with the refusal."""
    for attempt in (1, 2):
        if claim() != 1:
            session.rollback()
            return False
        org = session.get(OrgAccount, org_id)
        assert org is not None
        append_event(session, org.world_id, now, f"org_account.{org.status}", org.id,
                     {"shop_id": org.shop_id, "open_id": org.open_id, **(org.failure or {})})
        try:
            if link and attempt == 1:
                link_official(session, org, now)
            elif link:
                org.link_refusal = links.shop_has_official_refusal().to_dict()["error"]
            session.commit()
            return True
        except RuleViolation:
            continue  # rolled back: claim again, without the link
    return False


def _claim_pending(session: Session, org_id: str, values: dict[str, Any]) -> int:
    return session.execute(update(OrgAccount).where(
        OrgAccount.id == org_id, OrgAccount.status == PENDING).values(**values)).rowcount


def sync_creations(sc: SellerCenter, world_id: str, shop_id: str | None = None) -> int:
    """Ask the app about every creation that has fallen due (G3); returns how many changed."""
    with sc.runtime.session() as session:
        now = world_now(session, world_id)
        q = select(OrgAccount).where(OrgAccount.world_id == world_id,
                                     OrgAccount.status == PENDING,
                                     outcome_due(world_id, OrgAccount.id, OrgAccount.due_at,
                                                 now))
        if shop_id:
            q = q.where(OrgAccount.shop_id == shop_id)
        due = [(o.id, o.creation_id) for o in session.scalars(q)]
        key, secret = credentials(session, world_id) if due else ("", "")
    changed = 0
    for org_id, creation_id in due:
        status = sc.tiktok.first_party(key, secret, f"/organization-accounts/{creation_id}/status")
        if status["status"] == PENDING:
            continue
        acc = status.get("account") or {}
        values = ({"status": CREATED, "open_id": acc.get("open_id"),
                   "username": acc.get("username"), "display_name": acc.get("display_name", ""),
                   "card": {k: acc.get(k) for k in ("avatar_url", "phone_number")}}
                  if status["status"] == CREATED else
                  {"status": FAILED, "failure": status.get("failure") or {}})
        with sc.runtime.session() as session:
            now = world_now(session, world_id)
            # Of two readers at once, exactly one records the outcome and links the account.
            claim = partial(_claim_pending, session, org_id, values)
            won = claim_and_link(session, org_id, now, claim, link=values["status"] == CREATED)
            changed += won
            link = (links.active_link_of(session, world_id, values["open_id"] or "")
                    if won and values["status"] == CREATED else None)
            link_id = link.id if link is not None else None
        account_sync.after_link(sc, world_id, link_id)  # the app shows the Shop tab (B1)
    return changed


def relink(sc: SellerCenter, world_id: str, shop_id: str, open_id: str) -> OrgAccount:
    """G5: "Use existing account": link one of the shop's organization accounts again."""
    with sc.runtime.session() as session:
        org = find_org(session, world_id, open_id)
        if org is None or org.status != CREATED:
            raise NotFound("No organization account with this open_id in this world: pick one "
                           "from the shop's list.", code="ORG_ACCOUNT_NOT_FOUND")
        now = world_now(session, world_id)
        shop = get_shop(session, world_id, shop_id)
        if (refusal := links.org_link_refusal(session, world_id, shop, org.shop_id,
                                              open_id)) is not None:
            raise refusal
        if (current := links.active_link_of(session, world_id, open_id)) is not None:
            raise eligibility.already_linked_refusal(links.linked_shop(session, current))
        if (slot := links.official_slot_refusal(session, world_id, shop_id)) is not None:
            raise slot  # B1, H1
        link_official(session, org, now)
        session.commit()
        if org.link_refusal:
            raise RuleViolation(org.link_refusal["message"], code=org.link_refusal["code"],
                                rule=org.link_refusal["rule"])
        link = links.active_link_of(session, world_id, open_id)
        account_sync.after_link(sc, world_id, link.id if link is not None else None, session)
        return org


def org_view(session: Session, org: OrgAccount) -> dict[str, Any]:
    link = links.active_link_of(session, org.world_id, org.open_id) if org.open_id else None
    return {"id": org.id, "shop_id": org.shop_id, "origin": org.origin, "status": org.status,
            "open_id": org.open_id, "username": org.username, "display_name": org.display_name,
            "due_at": iso(org.due_at), "failure": org.failure or None,
            "link_refusal": org.link_refusal or None,
            "linked": link is not None and link.shop_id == org.shop_id,
            "times_linked": links.times_linked(session, org.world_id, org.shop_id,
                                               org.open_id) if org.open_id else 0,
            "created_at": iso(org.created_at)}
