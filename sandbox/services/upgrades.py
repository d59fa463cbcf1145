"""Upgrading a personal account to an organization account (H1-H6): the terms, the same QR
protocol as the official link, a trial the app ends on its clock, "Upgrade now" and "Cancel"."""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sandbox.domain import eligibility
from sandbox.domain import organization as rules
from sandbox.kernel.clock import iso, parse_instant
from sandbox.kernel.errors import Conflict, NotFound, RuleViolation, SandboxError
from sandbox.kernel.events import append_event
from sandbox.kernel.store import new_id
from sandbox.kernel.world_facts import world_now
from sandbox.services import account_sync, links, qr_requests
from sandbox.services.claims import ClaimMachine
from sandbox.services.org_accounts import (
    CANCELLED,
    CREATED,
    PENDING,
    TRIAL,
    claim_and_link,
    outcome_due,
    schedule_outcome,
    shop_org_accounts,
)
from sandbox.services.seller_center import SellerCenter, credentials
from sandbox.services.shops import get_shop
from sandbox.services.tiktok_app import UPGRADE_QR_SCOPES
from sandbox.store.organization import OrgAccount, UpgradeRequest

QR_SHOWN, SCANNED, REFUSED, EXPIRED, DENIED, FAILED, COMPLETED = (
    "qr_shown", "scanned", "refused", "expired", "denied", "failed", "completed")
WAITING = (QR_SHOWN, SCANNED)


def _set(session: Session, req: UpgradeRequest, status: str, **data: Any) -> None:
    now = world_now(session, req.world_id)
    req.status, req.updated_at = status, now
    append_event(session, req.world_id, now, f"upgrade_request.{status}", req.id,
                 {"shop_id": req.shop_id, **data})


def _fail(session: Session, req: UpgradeRequest, exc: SandboxError, _now: Any = None) -> None:
    req.refusal = {"code": exc.code, "rule": exc.rule, "message": exc.message}
    _set(session, req, FAILED, code=exc.code, rule=exc.rule)


MACHINE = ClaimMachine(UpgradeRequest, WAITING, job_kind="upgrade_request.claim_lease",
                       fail=_fail)


def get_request(session: Session, world_id: str, request_id: str,
                shop_id: str | None = None) -> UpgradeRequest:
    req = session.get(UpgradeRequest, request_id)
    if req is None or req.world_id != world_id or (shop_id and req.shop_id != shop_id):
        raise NotFound(f"No upgrade request {request_id!r} for this shop.",
                       code="UPGRADE_REQUEST_NOT_FOUND")
    return req


def start(sc: SellerCenter, world_id: str, shop_id: str, agreed: Any) -> UpgradeRequest:
    """H1: the seller read the upgrade terms (15-day trial, OTP-only login) and agreed."""
    if agreed is not True:
        raise RuleViolation("Read the upgrade terms (the 15-day trial, one-time-password login, "
                            "muted sounds) and agree before a QR code is shown.",
                            code="UPGRADE_TERMS_REQUIRED", rule="H1")
    with sc.runtime.session() as session:
        shop = get_shop(session, world_id, shop_id)
        if (refusal := eligibility.shop_status_refusal(shop.status)) is not None:
            raise refusal
        if (held := links.trial_slot_refusal(session, world_id, shop_id)) is not None:
            raise held  # H1: one trial holds the official slot at a time
        creating = any(o.status == PENDING for o in shop_org_accounts(session, world_id, shop_id))
        if (pending := rules.creation_refusal(False, creating)) is not None:
            raise pending  # G3: the account being created will take the slot
        key, _ = credentials(session, world_id)
        name = shop.name
    request_id = new_id("ur_")
    qr = sc.tiktok.get_qrcode(key, UPGRADE_QR_SCOPES, request_id, name)
    ticket = secrets.token_urlsafe(16)
    with sc.runtime.session() as session:
        now = world_now(session, world_id)
        req = UpgradeRequest(world_id=world_id, id=request_id, shop_id=shop_id, status=QR_SHOWN,
                             qr_token=qr["token"], client_ticket=ticket,
                             scan_url=qr["scan_qrcode_url"].replace(
                                 "client_ticket=tobefilled", f"client_ticket={ticket}"),
                             account={}, refusal={}, created_at=now, updated_at=now)
        session.add(req)
        session.flush()
        append_event(session, world_id, now, "upgrade_request.requested", req.id, {"shop_id": shop_id})
        session.commit()
        return req


def refresh(sc: SellerCenter, world_id: str, request_id: str,
            shop_id: str | None = None) -> UpgradeRequest:
    """Poll the QR code once; on `confirmed` check H6 and start the trial in the app. (Trials
    that end are learnt when they fall due, not here: org_outcomes.)"""
    return qr_requests.refresh(JOURNEY, sc, world_id, request_id, shop_id)


def _trial_for_code(sc: SellerCenter, world_id: str, request_id: str, code: str) -> UpgradeRequest:
    with sc.runtime.session() as session:
        key, secret = credentials(session, world_id)
    return _start_trial(sc, world_id, request_id, key, secret, code)


def _refuse(sc: SellerCenter, world_id: str, request_id: str, exc: SandboxError,
            status: str = REFUSED) -> UpgradeRequest:
    with sc.runtime.session() as session:
        req = get_request(session, world_id, request_id)
        req.refusal = {"code": exc.code, "rule": exc.rule, "message": exc.message}
        _set(session, req, status, code=exc.code, rule=exc.rule)
        session.commit()
        return req


def _start_trial(sc: SellerCenter, world_id: str, request_id: str, key: str, secret: str,
                 code: str) -> UpgradeRequest:
    try:
        token, user = sc.tiktok.account_for_code(
            key, secret, code, "open_id,username,display_name,avatar_url,account_kind")
    except SandboxError as exc:
        return _refuse(sc, world_id, request_id, exc, FAILED)
    with sc.runtime.session() as session:
        req = get_request(session, world_id, request_id)
        official = links.active_link_of(session, world_id, user["open_id"])
        refusal = rules.upgrade_refusal(official is not None and official.role == "official",
                                        user.get("account_kind") or "personal")
        shop_id = req.shop_id
        if refusal is None:  # B1, H1: the trial must be able to hold the official slot
            refusal = links.official_slot_refusal(session, world_id, shop_id, request_id)
    if refusal is not None:
        return _refuse(sc, world_id, request_id, refusal)
    try:
        trial = sc.tiktok.first_party(key, secret, "/upgrades", {
            "access_token": token["access_token"], "shop_id": shop_id})
    except SandboxError as exc:
        return _refuse(sc, world_id, request_id, exc)
    with sc.runtime.session() as session:
        links.lock_shop(session, world_id, shop_id)  # a link confirmed meanwhile won the slot?
        if (slot := links.official_slot_refusal(session, world_id, shop_id,
                                                request_id)) is not None:
            session.rollback()
            sc.tiktok.first_party(key, secret, f"/upgrades/{trial['id']}/cancel")
            return _refuse(sc, world_id, request_id, slot)
        req = get_request(session, world_id, request_id)
        now = world_now(session, world_id)
        req.open_id, req.upgrade_id = user["open_id"], trial["id"]
        req.account = {k: user.get(k) for k in ("open_id", "username", "display_name",
                                                "avatar_url")}
        req.trial_ends_at = parse_instant(trial["ends_at"])
        session.add(OrgAccount(world_id=world_id, id=new_id("oa_"), shop_id=req.shop_id,
                               origin="upgraded", creation_id=trial["id"], status=TRIAL,
                               open_id=user["open_id"], username=user["username"],
                               display_name=user.get("display_name") or "", failure={},
                               link_refusal={}, card={"avatar_url": user.get("avatar_url")},
                               due_at=req.trial_ends_at, created_at=now))
        schedule_outcome(session, world_id, req.trial_ends_at, req.id)
        _set(session, req, TRIAL, open_id=user["open_id"], ends_at=trial["ends_at"])
        session.commit()
        return req


def _finished(session: Session, req: UpgradeRequest, outcome: str) -> str | None:
    """Record the app's outcome once (a conditional claim), with the link of a completed
    upgrade in the same transaction; commits. Returns the new link's id, if any."""
    now = world_now(session, req.world_id)
    request_id, world_id, upgrade_id = req.id, req.world_id, req.upgrade_id
    org = session.scalars(select(OrgAccount).where(
        OrgAccount.world_id == world_id, OrgAccount.creation_id == upgrade_id)).first()
    if org is None:
        return None
    org_id = org.id

    def claim() -> int:
        won = session.execute(update(UpgradeRequest).where(
            UpgradeRequest.id == request_id, UpgradeRequest.status == TRIAL)
            .values(status=outcome, updated_at=now)).rowcount
        if won == 1:
            session.execute(update(OrgAccount).where(OrgAccount.id == org_id).values(
                status=CREATED if outcome == COMPLETED else CANCELLED))
            append_event(session, world_id, now, f"upgrade_request.{outcome}", request_id,
                         {"open_id": req.open_id})
        return won

    if claim_and_link(session, org_id, now, claim, link=outcome == COMPLETED):
        link = links.active_link_of(session, world_id, req.open_id or "")
        if link is not None and link.shop_id == req.shop_id and outcome == COMPLETED:
            session.execute(update(UpgradeRequest).where(UpgradeRequest.id == request_id)
                            .values(link_id=link.id))
            session.commit()
            return link.id
    return None


def finish(sc: SellerCenter, world_id: str, shop_id: str, request_id: str,
           action: str) -> UpgradeRequest:
    """H4: "Upgrade now" (action complete) or "Cancel" (restores the personal account)."""
    with sc.runtime.session() as session:
        req = get_request(session, world_id, request_id, shop_id)
        if action == "cancel" and req.status in WAITING:
            _set(session, req, CANCELLED)
            session.commit()
            return req
        if req.status != TRIAL:
            raise Conflict(f"This upgrade is '{req.status}'; only one in its trial can be "
                           "completed or cancelled.", code="UPGRADE_NOT_IN_TRIAL", rule="H4",
                           details={"status": req.status})
        key, secret = credentials(session, world_id)
    done = sc.tiktok.first_party(key, secret, f"/upgrades/{req.upgrade_id}/{action}")
    with sc.runtime.session() as session:
        link_id = _finished(session, get_request(session, world_id, request_id), done["status"])
    account_sync.after_link(sc, world_id, link_id)  # the app shows the Shop tab (B1)
    with sc.runtime.session() as session:
        return get_request(session, world_id, request_id)


def sync_trials(sc: SellerCenter, world_id: str, shop_id: str | None = None) -> int:
    """Trials whose end has come: the app completed them by itself (H5); learn it and link."""
    with sc.runtime.session() as session:
        now = world_now(session, world_id)
        q = select(UpgradeRequest).where(UpgradeRequest.world_id == world_id,
                                         UpgradeRequest.status == TRIAL,
                                         outcome_due(world_id, UpgradeRequest.id,
                                                     UpgradeRequest.trial_ends_at, now))
        if shop_id:
            q = q.where(UpgradeRequest.shop_id == shop_id)
        due = [(r.id, r.upgrade_id) for r in session.scalars(q)]
        key, secret = credentials(session, world_id) if due else ("", "")
    changed = 0
    for request_id, upgrade_id in due:
        status = sc.tiktok.first_party(key, secret, f"/upgrades/{upgrade_id}/status")["status"]
        if status == TRIAL:
            continue
        with sc.runtime.session() as session:
            link_id = _finished(session, get_request(session, world_id, request_id), status)
            changed += 1
        account_sync.after_link(sc, world_id, link_id)
    return changed


def request_of_org_account(session: Session, world_id: str, shop_id: str,
                           org_id: str) -> UpgradeRequest | None:
    """The upgrade request an organization account of the shop came from (H4), if any."""
    org = session.get(OrgAccount, org_id)
    if org is None or org.world_id != world_id:
        return None
    return session.scalars(select(UpgradeRequest).where(
        UpgradeRequest.world_id == world_id, UpgradeRequest.shop_id == shop_id,
        UpgradeRequest.upgrade_id == org.creation_id)).first()


def request_view(req: UpgradeRequest, seller_url: str) -> dict[str, Any]:
    view: dict[str, Any] = {
        "id": req.id, "shop_id": req.shop_id, "status": req.status, "qr_url": req.scan_url,
        "qr_png_url": f"{seller_url}/seller/upgrades/{req.id}/qr.png",
        "account": req.account or None, "open_id": req.open_id,
        "trial_ends_at": iso(req.trial_ends_at), "link_id": req.link_id,
        "created_at": iso(req.created_at), "updated_at": iso(req.updated_at)}
    if req.refusal:
        view["error"] = req.refusal
    return view


JOURNEY = qr_requests.QrJourney(MACHINE, lambda s, w, r, o: get_request(s, w, r, o),
                                lambda s, r, st: _set(s, r, st), _trial_for_code)
