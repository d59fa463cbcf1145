"""Linking a TikTok account as a shop's official account by QR code (rules D1–D4, C1–C7, B1, B5).

Seller Center is a first-party OAuth client of the fake app and learns about the account only
through the QR protocol, the token endpoint and user info. No DB transaction is held open while
it talks to the app, so the in-process transport cannot deadlock on SQLite."""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import quote

from sqlalchemy.orm import Session

from sandbox.domain import douyin, eligibility
from sandbox.domain.markets import profile
from sandbox.kernel.clock import iso
from sandbox.kernel.errors import Conflict, NotFound, RuleViolation, SandboxError
from sandbox.kernel.events import append_event
from sandbox.kernel.store import new_id
from sandbox.kernel.world_facts import world_now
from sandbox.services import account_sync, douyin_shop, links, qr_requests
from sandbox.services.claims import ClaimMachine
from sandbox.services.seller_center import SellerCenter, credentials
from sandbox.services.shops import get_shop, shop_rules
from sandbox.services.tiktok_app import SELLER_CENTER_SCOPES, TikTokAppError
from sandbox.store.links import Link, LinkRequest
from sandbox.store.shops import Shop

QR_SHOWN, SCANNED, READY = "qr_shown", "scanned", "ready"
REFUSED, IN_PROGRESS, LINKED, EXPIRED, DENIED, CANCELLED, FAILED = (
    "refused", "in_progress", "linked", "expired", "denied", "cancelled", "failed")
WAITING = (QR_SHOWN, SCANNED)

SELLER_APP = "seller_app"  # D5: the Seller app's entry (the QR leg opened by an app switch)


def start_official_link(sc: SellerCenter, world_id: str, shop_id: str,
                        agreed: bool, purpose: str = "bind",
                        username: str | None = None) -> LinkRequest:
    """D1: the seller agreed; ask the app for a QR code. A Douyin shop may ask for a `rebind`
    code (J5). With `username`, the Seller app's entry (D5): same request and claim machine,
    but the phone's TikTok app opens the code for that account instead of scanning it."""
    if agreed is not True:
        raise RuleViolation("Read the official account rights and rules and agree to the "
                            "agreement before a QR code is shown.", code="AGREEMENT_REQUIRED",
                            rule="D1")
    expected = eligibility.seller_app_username(username)
    with sc.runtime.session() as session:
        shop = get_shop(session, world_id, shop_id)
        if (refusal := eligibility.shop_status_refusal(shop.status)) is not None:
            raise refusal
        if purpose == "rebind":
            douyin_shop.douyin_shop(session, world_id, shop_id)
            douyin_shop.check_rebind(session, shop)
        elif (slot := links.official_slot_refusal(session, world_id, shop_id)) is not None:
            raise slot  # B1, H1
        client_key, _ = credentials(session, world_id)
        shop_name = shop.name
    request_id = new_id("lr_")
    qr = sc.tiktok.get_qrcode(client_key, SELLER_CENTER_SCOPES, request_id, shop_name)
    client_ticket = secrets.token_urlsafe(16)
    scan_url = qr["scan_qrcode_url"].replace("client_ticket=tobefilled",
                                             f"client_ticket={client_ticket}")
    with sc.runtime.session() as session:
        now = sc.runtime.now(session, world_id)
        req = LinkRequest(world_id=world_id, id=request_id, shop_id=shop_id, role="official",
                          purpose=purpose, entry=SELLER_APP if expected else "qr",
                          expected_username=expected, status=QR_SHOWN, qr_token=qr["token"],
                          client_ticket=client_ticket, scan_url=scan_url, account={},
                          refusal={}, created_at=now, updated_at=now)
        session.add(req)
        session.flush()
        append_event(session, world_id, now, "link.requested", request_id,
                     {"shop_id": shop_id, "role": "official", "entry": req.entry})
        session.commit()
        return req


def get_request(session: Session, world_id: str, request_id: str,
                shop_id: str | None = None) -> LinkRequest:
    req = session.get(LinkRequest, request_id)
    if req is None or req.world_id != world_id or (shop_id and req.shop_id != shop_id):
        raise NotFound(f"No link request {request_id!r} for this shop.",
                       code="LINK_REQUEST_NOT_FOUND")
    return req


def _set_status(session: Session, req: LinkRequest, status: str, **data: Any) -> None:
    now = world_now(session, req.world_id)
    req.status, req.updated_at = status, now
    append_event(session, req.world_id, now, f"link.{status}", req.id,
                 {"shop_id": req.shop_id, **data})


def refresh_link_request(sc: SellerCenter, world_id: str, request_id: str,
                         shop_id: str | None = None, park: bool = False) -> LinkRequest:
    """Poll the QR code once and move the request along (what Seller Center's page does;
    `park`: stop at `checking` for one poll, see qr_requests.refresh)."""
    return qr_requests.refresh(JOURNEY, sc, world_id, request_id, shop_id, park)


def _check_account(sc: SellerCenter, session: Session, req: LinkRequest,
                   code: str) -> LinkRequest:
    """D3: exchange the code, read the account, apply C1–C7 (in the poll's session, whose
    claim is committed: nothing is held open while the app answers)."""
    world_id, request_id = req.world_id, req.id
    client_key, client_secret = credentials(session, world_id)
    session.commit()
    try:
        token, user = sc.tiktok.account_for_code(client_key, client_secret, code)
    except TikTokAppError as exc:
        _fail(session, req, exc, world_now(session, world_id))
        session.commit()
        return req
    account = {k: user.get(k) for k in ("open_id", "username", "display_name", "avatar_url",
                                        "phone_number", "follower_count", "account_kind")}
    req.access_token, req.account = token["access_token"], account
    if (wrong := eligibility.seller_app_refusal(req.expected_username,
                                                user.get("username"))) is not None:
        _refuse(session, req, [wrong])  # D5: authorized as another account than typed
        return req
    try:
        _apply_verdict(session, req, user)
    except RuleViolation as refusal:
        # A C7 link lost a B1/B5 race: create_link rolled back; record the refusal.
        req = get_request(session, world_id, request_id)
        req.access_token, req.account = token["access_token"], account
        _refuse(session, req, [refusal])
    return req


def _fail(session: Session, req: LinkRequest, exc: SandboxError, _now: Any = None) -> None:
    """The check could not finish (the app refused the code, or the claim was lost)."""
    req.refusal = {"code": exc.code, "message": exc.message}
    _set_status(session, req, FAILED, error=exc.message, code=exc.code)


MACHINE = ClaimMachine(LinkRequest, WAITING, job_kind="link_request.claim_lease", fail=_fail)
JOURNEY = qr_requests.QrJourney(MACHINE, get_request, lambda s, r, st: _set_status(s, r, st),
                                on_claimed=lambda sc, s, r, code: _check_account(sc, s, r, code))


def _refuse(session: Session, req: LinkRequest, refusals: list[RuleViolation]) -> None:
    first = refusals[0]
    req.refusal = {"code": first.code, "rule": first.rule, "message": first.message,
                   "all": [{"code": r.code, "rule": r.rule} for r in refusals],
                   **({"details": first.details} if first.details else {})}
    _set_status(session, req, REFUSED, code=first.code, rule=first.rule)
    session.commit()


def _douyin_verdict(session: Session, req: LinkRequest, shop: Shop,
                    user: dict[str, Any]) -> None:
    """J1–J4 instead of C1–C7: refused (J2, J3, J1) or ready, remembering the scan case."""
    facts = douyin.DouyinFacts.from_user_info(user)
    authorized = douyin_shop.is_authorized(session, req.world_id, shop.id, facts.open_id)
    if (refusal := douyin.binding_refusal(facts, shop.business_entity, authorized)) is not None:
        _refuse(session, req, [refusal])
        return
    case = douyin.scan_case(facts, shop.business_entity)
    req.account = {**req.account, "douyin_case": case, "douyin_case_name": douyin.CASE_NAMES[case]}
    _set_status(session, req, READY, open_id=facts.open_id, case=case)
    session.commit()


def _apply_verdict(session: Session, req: LinkRequest, user: dict[str, Any]) -> None:
    shop = get_shop(session, req.world_id, req.shop_id)
    if shop.market == douyin.MARKET:
        _douyin_verdict(session, req, shop, user)
        return
    facts = eligibility.AccountFacts.from_user_info(user)
    elsewhere = links.linked_shop(session, links.active_link_of(session, req.world_id,
                                                                facts.open_id))
    verdict = eligibility.evaluate(facts, profile(shop.market), shop_rules(session, shop),
                                   shop.status, elsewhere, world_now(session, shop.world_id))
    if (org := links.org_link_refusal(session, req.world_id, shop, user.get("owner_shop_id"),
                                      facts.open_id, user.get("upgrade_status"))) is not None:
        verdict = eligibility.Verdict(refusals=[org, *verdict.refusals])
    if (held := links.trial_slot_refusal(session, req.world_id, shop.id)) is not None:
        verdict = eligibility.Verdict(refusals=[held, *verdict.refusals])  # H1
    if verdict.refusals:
        _refuse(session, req, verdict.refusals)
    elif verdict.pending:
        _create_link(session, req, shop, status=IN_PROGRESS, pending=verdict.pending)
    else:
        _set_status(session, req, READY, open_id=facts.open_id)
        session.commit()


def _create_link(session: Session, req: LinkRequest, shop: Shop, *, status: str,
                 pending: dict[str, str] | None = None) -> Link:
    world_id, open_id = req.world_id, req.account["open_id"]
    link = links.create_link(session, world_id, shop.id, open_id, req.role,
                             world_now(session, world_id), status=status, account=req.account,
                             pending=pending)
    req.link_id = link.id
    _set_status(session, req, status, link_id=link.id, open_id=open_id,
                **({"rule": pending["rule"], "code": pending["code"]} if pending else {}))
    session.commit()
    return link


def confirm_link(sc: SellerCenter, world_id: str, shop_id: str, request_id: str) -> LinkRequest:
    """D3: "Link this account". The rules are read again: the account may have changed. One
    session for the use case, committed before each call to the app."""
    with sc.runtime.session() as session:
        req = get_request(session, world_id, request_id, shop_id)
        if req.status != READY:
            raise Conflict(f"This link request is '{req.status}'; only a request whose account "
                           "passed every check ('ready') can be confirmed.",
                           code="LINK_REQUEST_NOT_READY", details={"status": req.status})
        session.commit()  # ends the read: nothing is held while the app answers
        user = sc.tiktok.user_info(req.access_token or "")
        qr_requests.reread(session, req, ["status"], get_request)  # a cancel, a 2nd confirm
        if req.status != READY:
            raise Conflict(f"This link request is already '{req.status}'.",
                           code="LINK_REQUEST_NOT_READY", details={"status": req.status})
        shop = get_shop(session, world_id, shop_id)
        if shop.market == douyin.MARKET:
            case = _confirm_douyin(sc, session, req, shop, user)
            link_id, open_id = req.link_id, req.account["open_id"]
            douyin_shop.start_verification(sc, world_id, shop_id, open_id, case)
            account_sync.after_link(sc, world_id, link_id)
            session.refresh(req)
            return req
        facts = eligibility.AccountFacts.from_user_info(user)
        current, official = links.account_and_official(session, world_id, shop_id, facts.open_id)
        verdict = eligibility.evaluate(facts, profile(shop.market), shop_rules(session, shop),
                                       shop.status, links.linked_shop(session, current),
                                       world_now(session, shop.world_id))
        if verdict.refusals:
            raise verdict.refusals[0]
        if (org := links.org_link_refusal(session, world_id, shop, user.get("owner_shop_id"),
                                          facts.open_id, user.get("upgrade_status"))) is not None:
            raise org  # G5, H2
        if official is not None:
            raise links.shop_has_official_refusal()
        links.claim_slot_from_trials(session, world_id, shop_id)  # H1
        # C7 can arise between "ready" and the confirmation (e.g. the registration region
        # changed): the link is made, but stays in progress like any other C7 case.
        link = _create_link(session, req, shop, status=IN_PROGRESS if verdict.pending else LINKED,
                            pending=verdict.pending)
        # B2/M3: tell the app, after the commit (the link and shop are this session's rows)
        account_sync.after_link(sc, world_id, link.id, session)
        return req


def _confirm_douyin(sc: SellerCenter, session: Session, req: LinkRequest, shop: Shop,
                    user: dict[str, Any]) -> int:
    """J1–J5 read again at the backend's confirmation; a rebind replaces the old link."""
    facts = douyin.DouyinFacts.from_user_info(user)
    authorized = douyin_shop.is_authorized(session, req.world_id, shop.id, facts.open_id)
    if (refusal := douyin.binding_refusal(facts, shop.business_entity, authorized)) is not None:
        raise refusal
    old = links.active_official(session, req.world_id, shop.id)
    if req.purpose == "rebind":
        douyin_shop.check_rebind(session, shop)
    elif (slot := links.official_slot_refusal(session, req.world_id, shop.id)) is not None:
        raise slot  # B1, H1
    now = world_now(session, req.world_id)
    douyin_shop.after_binding(session, shop, old if req.purpose == "rebind" else None, now)
    _create_link(session, req, shop, status=LINKED)
    return douyin.scan_case(facts, shop.business_entity)


def cancel_link_request(sc: SellerCenter, world_id: str, shop_id: str,
                        request_id: str) -> LinkRequest:
    with sc.runtime.session() as session:
        req = get_request(session, world_id, request_id, shop_id)
        if req.status in (LINKED, IN_PROGRESS):
            raise Conflict("A link that exists cannot be cancelled here; unlink it instead.",
                           code="LINK_REQUEST_NOT_CANCELLABLE")
        if req.status in (REFUSED, EXPIRED, DENIED, FAILED):
            raise Conflict(f"This link request already ended ({req.status}); there is nothing "
                           "to cancel.", code="LINK_REQUEST_NOT_CANCELLABLE",
                           details={"status": req.status})
        if req.status != CANCELLED:
            _set_status(session, req, CANCELLED)
            session.commit()
        return req


def request_view(req: LinkRequest, seller_url: str) -> dict[str, Any]:
    view: dict[str, Any] = {
        "id": req.id, "shop_id": req.shop_id, "role": req.role, "status": req.status,
        "entry": req.entry, "qr_url": req.scan_url, "client_ticket": req.client_ticket,
        "qr_png_url": f"{seller_url}/seller/links/{req.id}/qr.png",
        "qr_svg_url": f"{seller_url}/seller/links/{req.id}/qr.svg",
        "account": req.account or None, "link_id": req.link_id,
        "created_at": iso(req.created_at), "updated_at": iso(req.updated_at)}
    if req.entry == SELLER_APP:  # D5: the scan link naming its account (a sandbox extension)
        view.update(username=req.expected_username,
                    app_link=f"{req.scan_url}&for_username={quote(req.expected_username or '')}"
                             f"&world={quote(req.world_id)}")
    if req.refusal:
        view["error"] = req.refusal
    return view


