"""Partner Center links one TikTok business account per partner by QR code (rules I1–I3).

Partner Center is a first-party client of the app like Seller Center: "Get Started" asks the app
for a QR code, the phone's My QR code scanner scans it and taps **Connect Now** (the consent), and
Partner Center's poll claims the code (the shared claim machine), exchanges it, reads the account
and applies I2. There is no confirmation step: an account that passes is linked at once. No DB
transaction is held open while Partner Center talks to the app."""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sandbox.domain import partners as rules
from sandbox.kernel.clock import iso
from sandbox.kernel.errors import NotFound, RuleViolation, SandboxError
from sandbox.kernel.events import append_event
from sandbox.kernel.store import new_id
from sandbox.kernel.world_config import rules_for
from sandbox.kernel.world_facts import world_now
from sandbox.services import qr_requests
from sandbox.services.claims import ClaimMachine
from sandbox.services.partners import active_link, get_partner
from sandbox.services.seller_center import SellerCenter, credentials
from sandbox.services.tiktok_app import (
    PARTNER_CENTER_REDIRECT,
    PARTNER_FIELDS,
    SELLER_CENTER_SCOPES,
    TikTokAppError,
)
from sandbox.store.partners import Partner, PartnerInvitation, PartnerLink, PartnerLinkRequest

CLIENT = "partner_center_client"
QR_SHOWN, SCANNED, LINKED, REFUSED, EXPIRED, DENIED, FAILED = (
    "qr_shown", "scanned", "linked", "refused", "expired", "denied", "failed")
WAITING = (QR_SHOWN, SCANNED)


def start_link(sc: SellerCenter, world_id: str, partner_id: str) -> PartnerLinkRequest:
    """I1: My Account → Link TikTok Account → Get Started: a QR code (refused while a link
    exists, I3)."""
    with sc.runtime.session() as session:
        partner = get_partner(session, world_id, partner_id)
        if active_link(session, world_id, partner_id) is not None:
            raise rules.already_linked()
        client_key, _ = credentials(session, world_id, CLIENT)
        name = partner.name
    request_id = new_id("plr_")
    qr = sc.tiktok.get_qrcode(client_key, SELLER_CENTER_SCOPES, request_id, name)
    client_ticket = secrets.token_urlsafe(16)
    scan_url = qr["scan_qrcode_url"].replace("client_ticket=tobefilled",
                                             f"client_ticket={client_ticket}")
    with sc.runtime.session() as session:
        now = world_now(session, world_id)
        req = PartnerLinkRequest(world_id=world_id, id=request_id, partner_id=partner_id,
                                 status=QR_SHOWN, qr_token=qr["token"], client_ticket=client_ticket,
                                 scan_url=scan_url, account={}, refusal={}, created_at=now,
                                 updated_at=now)
        session.add(req)
        session.flush()
        append_event(session, world_id, now, "partner.link_requested", request_id,
                     {"partner_id": partner_id})
        session.commit()
        return req


def get_request(session: Session, world_id: str, request_id: str,
                partner_id: str | None = None) -> PartnerLinkRequest:
    req = session.get(PartnerLinkRequest, request_id)
    if req is None or req.world_id != world_id or (partner_id and req.partner_id != partner_id):
        raise NotFound(f"No TikTok link request {request_id!r} for this partner.",
                       code="PARTNER_LINK_REQUEST_NOT_FOUND")
    return req


def _set_status(session: Session, req: PartnerLinkRequest, status: str, **data: Any) -> None:
    now = world_now(session, req.world_id)
    req.status, req.updated_at = status, now
    append_event(session, req.world_id, now, f"partner.link_{status}", req.id,
                 {"partner_id": req.partner_id, **data})


def _fail(session: Session, req: PartnerLinkRequest, exc: SandboxError, _now: Any = None) -> None:
    req.refusal = {"code": exc.code, "message": exc.message}
    _set_status(session, req, FAILED, code=exc.code)


MACHINE = ClaimMachine(PartnerLinkRequest, WAITING, job_kind="partner_link_request.claim_lease",
                       fail=_fail)
JOURNEY = qr_requests.QrJourney(MACHINE, get_request, lambda s, r, st: _set_status(s, r, st),
                                lambda sc, w, r, code: _check_account(sc, w, r, code), CLIENT)


def refresh_link_request(sc: SellerCenter, world_id: str, request_id: str,
                         partner_id: str | None = None, park: bool = False) -> PartnerLinkRequest:
    """Poll the QR code once and move the request along (what Partner Center's page does;
    `park`: stop at `checking` for one poll, see qr_requests.refresh)."""
    return qr_requests.refresh(JOURNEY, sc, world_id, request_id, partner_id, park)


def _other_agency(session: Session, partner: Partner, open_id: str) -> str | None:
    """The other partner this account is linked to, or bound to as a creator (I2)."""
    link = session.scalars(select(PartnerLink).where(
        PartnerLink.world_id == partner.world_id, PartnerLink.open_id == open_id,
        PartnerLink.active.is_(True), PartnerLink.partner_id != partner.id)).first()
    bound = session.scalars(select(PartnerInvitation).where(
        PartnerInvitation.world_id == partner.world_id, PartnerInvitation.open_id == open_id,
        PartnerInvitation.bound.is_(True), PartnerInvitation.partner_id != partner.id)).first()
    other_id = link.partner_id if link else bound.partner_id if bound else None
    other = session.get(Partner, other_id) if other_id else None
    return other.name if other else None


def _check_account(sc: SellerCenter, world_id: str, request_id: str,
                   code: str) -> PartnerLinkRequest:
    """Exchange the code, read the account, apply I2 and I3, link (I1)."""
    with sc.runtime.session() as session:
        client_key, client_secret = credentials(session, world_id, CLIENT)
    try:
        _token, user = sc.tiktok.account_for_code(client_key, client_secret, code,
                                                  PARTNER_FIELDS, PARTNER_CENTER_REDIRECT)
    except TikTokAppError as exc:
        with sc.runtime.session() as session:
            req = get_request(session, world_id, request_id)
            _fail(session, req, exc)
            session.commit()
            return req
    account = {k: user.get(k) for k in ("username", "display_name", "avatar_url",
                                        "follower_count", "account_kind")}
    facts = rules.PartnerAccountFacts.from_user_info(user)
    with sc.runtime.session() as session:
        req = get_request(session, world_id, request_id)
        partner = get_partner(session, world_id, req.partner_id)
        req.account = {"open_id": facts.open_id, **account}
        refusals = rules.link_refusals(facts, partner.business_entity,
                                       rules_for(session, world_id).I2.business_account,
                                       _other_agency(session, partner, facts.open_id))
        if not refusals and active_link(session, world_id, partner.id) is not None:
            refusals = [rules.already_linked()]
        if not refusals:
            try:
                _link(session, req, partner, facts.open_id, account)
                session.commit()
            except IntegrityError:  # I3 / one agency per account, decided by the indexes
                session.rollback()
                req = get_request(session, world_id, request_id)
                req.account = {"open_id": facts.open_id, **account}
                refusals = [_race_refusal(session, partner, facts.open_id)]
        if refusals:
            _refuse(session, req, refusals)
            session.commit()
        link_id, refusal = req.link_id, req.refusal
    if link_id:
        tell_app(sc, world_id, partner.id)
    elif refusal:
        tell_app(sc, world_id, partner.id, refusal=refusal, refused_open_id=facts.open_id)
    with sc.runtime.session() as session:
        return get_request(session, world_id, request_id)


def _race_refusal(session: Session, partner: Partner, open_id: str) -> RuleViolation:
    if active_link(session, partner.world_id, partner.id) is not None:
        return rules.already_linked()
    other = _other_agency(session, partner, open_id) or "another partner"
    return RuleViolation(f"The TikTok account is already linked with another agency ({other}).",
                         code="PARTNER_ACCOUNT_WITH_OTHER_AGENCY", rule="I2")


def _link(session: Session, req: PartnerLinkRequest, partner: Partner, open_id: str,
          account: dict[str, Any]) -> None:
    now = world_now(session, req.world_id)
    link = PartnerLink(world_id=req.world_id, id=new_id("pl_"), partner_id=partner.id,
                       open_id=open_id, active=True, account=account, linked_at=now)
    session.add(link)
    session.flush()
    req.link_id = link.id
    _set_status(session, req, LINKED, link_id=link.id, open_id=open_id,
                username=account.get("username"))


def _refuse(session: Session, req: PartnerLinkRequest, refusals: list[RuleViolation]) -> None:
    first = refusals[0]
    req.refusal = {"code": first.code, "rule": first.rule, "message": first.message,
                   "all": [{"code": r.code, "rule": r.rule} for r in refusals]}
    _set_status(session, req, REFUSED, code=first.code, rule=first.rule)


def unlink(sc: SellerCenter, world_id: str, partner_id: str) -> PartnerLink:
    """I3: the account manager (an operator of the control plane) unlinks the account."""
    with sc.runtime.session() as session:
        get_partner(session, world_id, partner_id)
        link = active_link(session, world_id, partner_id)
        if link is None:
            raise NotFound("This partner has no linked TikTok account.",
                           code="PARTNER_NOT_LINKED")
        now = world_now(session, world_id)
        link.active, link.unlinked_at = False, now
        append_event(session, world_id, now, "partner.unlinked", link.id,
                     {"partner_id": partner_id, "open_id": link.open_id})
        session.commit()
    tell_app(sc, world_id, partner_id, unlinked_open_id=link.open_id)
    return link


def tell_app(sc: SellerCenter, world_id: str, partner_id: str,
             unlinked_open_id: str | None = None, refusal: dict[str, Any] | None = None,
             refused_open_id: str | None = None) -> None:
    """The linked account's TikTok profile shows its partner (MCN or TAP, name); after an unlink
    it shows none; a refused account's phone shows why (I2, I3)."""
    with sc.runtime.session() as session:
        partner = get_partner(session, world_id, partner_id)
        link = active_link(session, world_id, partner_id)
        client = credentials(session, world_id, CLIENT)
        notice: dict[str, Any] = ({"open_id": link.open_id, "partner_id": partner.id,
                                   "partner_name": partner.name, "partner_kind": partner.kind}
                                  if link else {"open_id": unlinked_open_id, "partner_id": None})
        if refusal is not None:
            notice = {"open_id": refused_open_id, "partner_name": partner.name,
                      "refusal": {k: refusal.get(k) for k in ("code", "rule", "message")}}
    sc.tiktok.first_party(*client, "/partner-notices", notice)


def request_view(req: PartnerLinkRequest, seller_url: str) -> dict[str, Any]:
    view: dict[str, Any] = {
        "id": req.id, "partner_id": req.partner_id, "status": req.status,
        "qr_url": req.scan_url, "qr_png_url": f"{seller_url}/partner/links/{req.id}/qr.png",
        "account": req.account or None, "link_id": req.link_id,
        "created_at": iso(req.created_at), "updated_at": iso(req.updated_at)}
    if req.refusal:
        view["error"] = req.refusal
    return view
