"""Marketing accounts by invitation (E1, E2, B3, B4, B5, C8): send, watch, link, expire."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.domain import eligibility, link_limits
from sandbox.domain.markets import profile
from sandbox.kernel.clock import iso
from sandbox.kernel.errors import BadRequest, Conflict, NotFound, RuleViolation, SandboxError
from sandbox.kernel.events import append_event
from sandbox.kernel.jobs import schedule
from sandbox.kernel.models import Job
from sandbox.kernel.store import new_id
from sandbox.kernel.world_facts import world_now
from sandbox.rules import registry
from sandbox.rules.registry import RuleValues
from sandbox.services import account_sync, links
from sandbox.services.claims import CHECKING, ClaimMachine
from sandbox.services.seller_center import SellerCenter, credentials
from sandbox.services.shops import get_shop, shop_rules
from sandbox.services.tiktok_app import TikTokAppError
from sandbox.store.links import Invitation, Link
from sandbox.store.shops import Shop

EXPIRE_JOB = "invitation.expire"
SENT, LINKED, DECLINED, EXPIRED, REFUSED = "sent", "linked", "declined", "expired", "refused"
WAITING = (SENT, EXPIRED)  # an expired one is polled once more: acceptance may predate expiry
ACCOUNT_KEYS = ("open_id", "username", "display_name", "avatar_url", "phone_number",
                "follower_count", "account_kind")


def active_marketing(session: Session, world_id: str, shop_id: str) -> list[Link]:
    return [lk for lk in links.shop_links(session, world_id, shop_id) if lk.role == "marketing"]


def marketing_bind_times(session: Session, world_id: str, shop_id: str) -> list[datetime]:
    return list(session.scalars(select(Link.linked_at).where(
        Link.world_id == world_id, Link.shop_id == shop_id, Link.role == "marketing")))


def shop_can_bind(session: Session, shop: Shop, now: datetime) -> None:
    """C4, B4, B3 and E2, checked before an invitation is sent and again when it is accepted."""
    rules = shop_rules(session, shop)
    for refusal in (eligibility.shop_status_refusal(shop.status),
                    link_limits.marketing_slots_refusal(
                        shop.recruitment, len(active_marketing(session, shop.world_id, shop.id)),
                        rules),
                    link_limits.marketing_binds_refusal(
                        marketing_bind_times(session, shop.world_id, shop.id), now, rules)):
        if refusal is not None:
            raise refusal


def invitee_refusal(session: Session, shop: Shop, user: dict[str, Any]) -> RuleViolation | None:
    """C8 (with B5 and every C rule): why this account cannot be invited, or None."""
    facts = eligibility.AccountFacts.from_user_info(user)
    current = links.active_link_of(session, shop.world_id, facts.open_id)
    if current is not None and current.shop_id == shop.id and current.role == "official":
        return RuleViolation("This account is this shop's official account; one account cannot be "
                             "both the official and a marketing account of a shop.",
                             code="MARKETING_ACCOUNT_IS_OFFICIAL", rule="B5")
    market = profile(shop.market)
    verdict = eligibility.evaluate(facts, market, shop_rules(session, shop), shop.status,
                                   links.linked_shop(session, current),
                                   world_now(session, shop.world_id))
    causes = [(cause, _invitee_code(cause.code))
              for cause in eligibility.invitee_causes(facts, market, verdict)]
    if not causes:
        return None
    # Support can fix the invitation only when it can fix every cause: report one it cannot.
    cause, code = next(((c, k) for c, k in causes if not support_can_fix(k)), causes[0])
    fixable = support_can_fix(code)
    return RuleViolation(
        f"@{user.get('username')} cannot be invited (rule C8, cause rule {cause.rule}): "
        f"{cause.message} " + ("A support ticket can fix this." if fixable else
                               "Support cannot fix this cause."),
        code=code, rule="C8",
        details={**cause.details, "cause_code": cause.code, "cause_rule": cause.rule,
                 "support_can_fix": fixable,
                 "causes": [{"code": c.code, "rule": c.rule, "support_can_fix": support_can_fix(k)}
                            for c, k in causes]})


def _invitee_code(cause_code: str) -> str:
    return cause_code.replace("LINK_PENDING_", "INVITEE_").replace("LINK_", "INVITEE_")


def support_can_fix(invitee_code: str) -> bool:
    """C8: whether a support ticket can fix this cause (declared with the code in the rule
    registry: every cause except an abnormal account and registration outside the market and,
    in the sandbox, a link to another shop or the shop's own status)."""
    found = registry.declared(invitee_code, "C8")
    return bool(found and found.ticket_fixable)


def read_invitee(sc: SellerCenter, world_id: str, username: str) -> dict[str, Any]:
    with sc.runtime.session() as session:
        client = credentials(session, world_id)
    try:
        return sc.tiktok.account_by_username(client, username)
    except TikTokAppError as exc:
        if exc.code == "ACCOUNT_NOT_FOUND":
            raise NotFound(f"No TikTok account @{username} in this world.",
                           code="INVITEE_NOT_FOUND") from None
        raise


def invite(sc: SellerCenter, world_id: str, shop_id: str, username: Any) -> Invitation:
    """E1: check the shop (B3, B4, E2) and the invitee (C8), then deliver to the app's inbox."""
    if not isinstance(username, str) or not username.strip().lstrip("@"):
        raise BadRequest("'username' is required: the TikTok username to invite.",
                         code="MISSING_FIELD", details={"missing": ["username"]})
    username = username.strip().lstrip("@")
    with sc.runtime.session() as session:
        shop = get_shop(session, world_id, shop_id)
        shop_can_bind(session, shop, sc.runtime.now(session, world_id))
        shop_name, ttl = shop.name, shop_rules(session, shop).E1.hours * 3600
        client = credentials(session, world_id)
    user = read_invitee(sc, world_id, username)
    with sc.runtime.session() as session:
        shop = get_shop(session, world_id, shop_id)
        if (refusal := invitee_refusal(session, shop, user)) is not None:
            raise refusal
        if session.scalars(select(Invitation).where(
                Invitation.world_id == world_id, Invitation.shop_id == shop_id,
                Invitation.open_id == user["open_id"], Invitation.status == SENT)).first():
            raise Conflict(f"@{username} already has a pending invitation from this shop.",
                           code="INVITATION_ALREADY_PENDING", rule="E1")
    invitation_id = new_id("iv_")
    sent = sc.tiktok.send_invitation(client, username, invitation_id, shop_name, ttl)
    with sc.runtime.session() as session:
        now = sc.runtime.now(session, world_id)
        inv = Invitation(world_id=world_id, id=invitation_id, shop_id=shop_id, username=username,
                         open_id=user["open_id"], app_invitation_id=sent["invitation_id"],
                         status=SENT, refusal={}, account={k: user.get(k) for k in ACCOUNT_KEYS},
                         created_at=now, expires_at=now + timedelta(seconds=ttl), updated_at=now)
        session.add(inv)
        schedule(session, world_id, EXPIRE_JOB, inv.expires_at, inv.id)
        append_event(session, world_id, now, "invitation.sent", inv.id,
                     {"shop_id": shop_id, "username": username, "expires_at": iso(inv.expires_at)})
        session.commit()
        return inv


def get_invitation(session: Session, world_id: str, invitation_id: str,
                   shop_id: str | None = None) -> Invitation:
    inv = session.get(Invitation, invitation_id)
    if inv is None or inv.world_id != world_id or (shop_id and inv.shop_id != shop_id):
        raise NotFound(f"No invitation {invitation_id!r} for this shop.", code="INVITATION_NOT_FOUND")
    return inv


def _settle(session: Session, inv: Invitation, status: str, at: datetime | None = None,
            **data: Any) -> None:
    now = at or world_now(session, inv.world_id)
    inv.status, inv.updated_at = status, now
    append_event(session, inv.world_id, now, f"invitation.{status}", inv.id,
                 {"shop_id": inv.shop_id, "username": inv.username, **data})


def refresh_invitation(sc: SellerCenter, world_id: str, invitation_id: str,
                       shop_id: str | None = None) -> Invitation:
    """Ask the app once whether the creator answered; an acceptance links the account."""
    with sc.runtime.session() as session:
        inv = get_invitation(session, world_id, invitation_id, shop_id)
        if inv.status == CHECKING:  # a claim whose poller died is retried after the lease
            code = MACHINE.take_over(session, inv, world_now(session, world_id),
                                     sc.claim_lease(session, world_id))
            session.commit()
            return _accept(sc, world_id, invitation_id, code) if code else inv
        if inv.status not in WAITING or inv.refusal.get("final"):
            return inv
        client = credentials(session, world_id)
    polled = sc.tiktok.check_invitation(client, inv.app_invitation_id)
    status = polled.get("status")
    with sc.runtime.session() as session:
        inv = get_invitation(session, world_id, invitation_id)
        if status == "declined" and inv.status in WAITING:
            _settle(session, inv, DECLINED)
        elif status == "expired" and inv.status == SENT:
            _settle(session, inv, EXPIRED)
        elif status == "expired":
            inv.refusal = {**inv.refusal, "final": True}  # never accepted: stop polling
        elif status == "accepted":
            claimed = MACHINE.take(session, inv, polled["code"], world_now(session, world_id),
                                   sc.claim_lease(session, world_id))
            session.commit()
            if claimed:
                return _accept(sc, world_id, invitation_id, polled["code"])
        session.commit()
        return inv


def _accept(sc: SellerCenter, world_id: str, invitation_id: str, code: str) -> Invitation:
    with sc.runtime.session() as session:
        client = credentials(session, world_id)
    try:
        token, user = sc.tiktok.account_for_code(*client, code)
    except TikTokAppError as exc:
        return _refuse(sc, world_id, invitation_id, exc)
    try:
        with sc.runtime.session() as session:
            inv = get_invitation(session, world_id, invitation_id)
            links.lock_shop(session, world_id, inv.shop_id)
            shop = get_shop(session, world_id, inv.shop_id)
            now = sc.runtime.now(session, world_id)
            shop_can_bind(session, shop, now)
            if (refusal := invitee_refusal(session, shop, user)) is not None:
                raise refusal
            account = {k: user.get(k) for k in ACCOUNT_KEYS}
            link = link_marketing(session, shop, user["open_id"], account, now,
                                  shop_rules(session, shop))
            inv = get_invitation(session, world_id, invitation_id)
            inv.account, inv.link_id = account, link.id
            _settle(session, inv, LINKED, link_id=link.id, open_id=link.open_id)
            append_event(session, world_id, now, "link.linked", link.id,
                         {"shop_id": shop.id, "role": "marketing", "open_id": link.open_id,
                          "invitation_id": inv.id})
            session.commit()
    except SandboxError as exc:
        return _refuse(sc, world_id, invitation_id, exc)
    account_sync.after_link(sc, world_id, link.id)
    with sc.runtime.session() as session:
        return get_invitation(session, world_id, invitation_id)


def _refuse(sc: SellerCenter, world_id: str, invitation_id: str, exc: SandboxError) -> Invitation:
    with sc.runtime.session() as session:
        inv = get_invitation(session, world_id, invitation_id)
        _record_refusal(session, inv, exc)
        session.commit()
        return inv


def _record_refusal(session: Session, inv: Invitation, exc: SandboxError,
                    at: datetime | None = None) -> None:
    inv.refusal = {"code": exc.code, "rule": exc.rule, "message": exc.message}
    _settle(session, inv, REFUSED, at=at, code=exc.code, rule=exc.rule)


MACHINE = ClaimMachine(Invitation, WAITING, job_kind="invitation.claim_lease",
                       fail=_record_refusal)


def link_marketing(session: Session, shop: Shop, open_id: str, account: dict[str, Any],
                   now: datetime, rules: RuleValues) -> Link:
    """B3 under concurrency: take the lowest free numbered slot; the unique index decides."""
    for _attempt in range(rules.B3.max + 1):
        used = {lk.slot for lk in active_marketing(session, shop.world_id, shop.id)}
        free = [s for s in range(1, rules.B3.max + 1) if s not in used]
        if not free:
            break
        try:
            return links.create_link(session, shop.world_id, shop.id, open_id, "marketing", now,
                                     account=account, slot=free[0])
        except links.MarketingSlotTaken:
            continue
    raise link_limits.marketing_slots_refusal("invited", rules.B3.max, rules) \
        or links.account_linked_refusal(session, shop.world_id, open_id)


def list_invitations(session: Session, world_id: str, shop_id: str) -> list[Invitation]:
    return list(session.scalars(select(Invitation).where(
        Invitation.world_id == world_id, Invitation.shop_id == shop_id)
        .order_by(Invitation.created_at.desc())))


def expire_job(session: Session, job: Job, now: datetime) -> None:
    """E1: 48 hours after sending, an unanswered invitation is expired (seller sees it)."""
    inv = session.get(Invitation, job.subject)
    if inv is not None and inv.status == SENT:
        _settle(session, inv, EXPIRED, at=now)


def invitation_view(inv: Invitation) -> dict[str, Any]:
    view: dict[str, Any] = {
        "id": inv.id, "shop_id": inv.shop_id, "username": inv.username, "open_id": inv.open_id,
        "status": inv.status, "account": inv.account or None, "link_id": inv.link_id,
        "created_at": iso(inv.created_at), "expires_at": iso(inv.expires_at),
        "updated_at": iso(inv.updated_at)}
    if inv.refusal.get("code"):
        view["error"] = {k: inv.refusal.get(k) for k in ("code", "rule", "message")}
    return view
