"""The app's side of shop links: invitation inbox (E1), link info, unlink requests (F5), B2/M3."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fake_tiktok_app.services.accounts import find_by_username, get_account
from fake_tiktok_app.store.accounts import Account
from fake_tiktok_app.store.oauth import AuthorizationCode, OAuthClient
from fake_tiktok_app.store.shop_links import (
    Invitation,
    PartnerBadge,
    PartnerRefusal,
    ShopLinkInfo,
    UnlinkRequest,
)
from sandbox.kernel.clock import iso
from sandbox.kernel.errors import BadRequest, Conflict, NotFound
from sandbox.kernel.events import append_event
from sandbox.kernel.jobs import cancel, schedule
from sandbox.kernel.models import Job
from sandbox.kernel.store import new_id

PENDING, ACCEPTED, DECLINED, EXPIRED, UTILISED = "pending", "accepted", "declined", "expired", "utilised"
EXPIRE_JOB = "app_invitation.expire"


def _status(invitation: Invitation, now: datetime) -> str:
    """A pending invitation past its deadline is expired, whether or not anyone looked (E1)."""
    if invitation.status == PENDING and now >= invitation.expires_at:
        return EXPIRED
    return invitation.status


def deliver_invitation(session: Session, client: OAuthClient, username: str, state: str,
                       display_name: str, expires_in: int, now: datetime,
                       details: dict[str, Any] | None = None) -> Invitation:
    """First-party: put a shop's invitation in the account's inbox."""
    account = find_by_username(session, client.world_id, username or "")
    if account is None:
        raise NotFound(f"No TikTok account @{(username or '').lstrip('@')} in this world.",
                       code="account_not_found")
    invitation = Invitation(world_id=client.world_id, id=new_id("inv_"),
                            client_key=client.client_key, open_id=account.open_id,
                            display_name=display_name[:200], state=state[:512],
                            scope=client.scopes, status=PENDING, created_at=now,
                            details=details or {},
                            expires_at=now + timedelta(seconds=expires_in))
    session.add(invitation)
    schedule(session, client.world_id, EXPIRE_JOB, invitation.expires_at, invitation.id)
    append_event(session, client.world_id, now, "app.invitation_received", invitation.id,
                 {"open_id": account.open_id, "from": display_name})
    return invitation


def expire_job(session: Session, job: Job, now: datetime) -> None:
    """E1/I4: at its deadline an unanswered invitation leaves the inbox's pending list."""
    invitation = session.get(Invitation, job.subject)
    if invitation is not None and invitation.status == PENDING:
        invitation.status = EXPIRED
        append_event(session, invitation.world_id, now, "app.invitation_expired", invitation.id,
                     {"open_id": invitation.open_id, "from": invitation.display_name})


def _mine(session: Session, account: Account, invitation_id: str) -> Invitation:
    invitation = session.get(Invitation, invitation_id)
    if invitation is None or invitation.open_id != account.open_id:
        raise NotFound("No such invitation in your inbox.", code="INVITATION_NOT_FOUND")
    return invitation


def inbox(session: Session, account: Account) -> list[Invitation]:
    return list(session.scalars(select(Invitation).where(
        Invitation.world_id == account.world_id, Invitation.open_id == account.open_id)
        .order_by(Invitation.created_at.desc())))


def answer_invitation(session: Session, account: Account, invitation_id: str, accept: bool,
                      now: datetime) -> Invitation:
    """The creator taps Accept (consent for the inviting client) or Decline."""
    invitation = _mine(session, account, invitation_id)
    status = _status(invitation, now)
    if status != PENDING:
        raise Conflict(f"This invitation is {status}; only a pending invitation can be answered"
                       + (f" (it expired at {iso(invitation.expires_at)}, the time the shop gave it, "
                          "rule E1)." if status == EXPIRED else "."),
                       code="INVITATION_NOT_PENDING", rule="E1" if status == EXPIRED else None,
                       details={"status": status})
    invitation.decided_at = now
    invitation.status = ACCEPTED if accept else DECLINED
    cancel(session, account.world_id, EXPIRE_JOB, invitation.id, now)
    append_event(session, account.world_id, now, f"app.invitation_{invitation.status}",
                 invitation.id, {"open_id": account.open_id})
    return invitation


def check_invitation(session: Session, client: OAuthClient, invitation_id: str | None,
                     now: datetime, code_ttl_seconds: int) -> dict[str, Any]:
    """First-party, like check_qrcode: the first poll after acceptance hands out a fresh code
    (issued then, so an acceptance noticed late still has a usable code)."""
    invitation = session.get(Invitation, invitation_id or "")
    if invitation is None or invitation.client_key != client.client_key:
        raise BadRequest("The invitation id is invalid for this client_key.",
                         code="invalid_request")
    status = _status(invitation, now)
    body: dict[str, Any] = {"invitation_id": invitation.id, "status": status,
                            "state": invitation.state}
    if status == ACCEPTED:
        code = AuthorizationCode(
            world_id=client.world_id, code=secrets.token_urlsafe(36), client_key=client.client_key,
            open_id=invitation.open_id, redirect_uri=client.redirect_uris[0],
            scope=invitation.scope, created_at=now,
            expires_at=now + timedelta(seconds=code_ttl_seconds))
        session.add(code)
        invitation.code, invitation.status = code.code, UTILISED
        body.update(code=code.code, scopes=invitation.scope)
    return body


def invitation_view(invitation: Invitation, now: datetime) -> dict[str, Any]:
    status = _status(invitation, now)
    # The creator sees "accepted" whether or not the shop has collected the answer yet.
    return {"id": invitation.id, "from": invitation.display_name,
            "details": invitation.details or {},
            "status": ACCEPTED if status == UTILISED else status,
            "created_at": iso(invitation.created_at), "expires_at": iso(invitation.expires_at)}


def apply_partner_notice(session: Session, world_id: str, notice: dict[str, Any],
                         now: datetime) -> PartnerBadge | None:
    """First-party: Partner Center says which partner the account is linked to (I3), or none."""
    account = get_account(session, world_id, notice["open_id"])
    badge = session.get(PartnerBadge, account.open_id)
    refused = session.get(PartnerRefusal, account.open_id)
    if notice.get("refusal"):
        if refused is None:
            refused = PartnerRefusal(world_id=world_id, open_id=account.open_id, refused_at=now)
            session.add(refused)
        refused.partner_name, refused.refusal = notice["partner_name"], notice["refusal"]
        refused.refused_at = now
        append_event(session, world_id, now, "app.partner_link_refused", account.open_id,
                     {"code": notice["refusal"].get("code"), "rule": notice["refusal"].get("rule")})
        return badge
    if refused is not None and notice.get("partner_id"):
        session.delete(refused)  # linked now: the last refusal no longer applies
    if notice.get("partner_id") is None:
        if badge is not None:
            session.delete(badge)
            append_event(session, world_id, now, "app.partner_badge_removed", account.open_id, {})
        return None
    if badge is None:
        badge = PartnerBadge(world_id=world_id, open_id=account.open_id, linked_at=now)
        session.add(badge)
    badge.partner_id, badge.partner_name = notice["partner_id"], notice["partner_name"]
    badge.partner_kind = notice["partner_kind"]
    append_event(session, world_id, now, "app.partner_badge_shown", account.open_id,
                 {"partner_id": badge.partner_id, "partner_kind": badge.partner_kind})
    return badge


def partner_badge(session: Session, account: Account) -> PartnerBadge | None:
    return session.get(PartnerBadge, account.open_id)


def partner_refusal(session: Session, account: Account) -> PartnerRefusal | None:
    return session.get(PartnerRefusal, account.open_id)


def apply_link_notice(session: Session, world_id: str, notice: dict[str, Any],
                      now: datetime) -> Account:
    """First-party: Seller Center tells the app a link exists or ended; B2 name, M3 upgrade.
    `notice` carries every field of the face's LinkNotice model (defaults filled in)."""
    account = get_account(session, world_id, notice["open_id"])
    info = session.get(ShopLinkInfo, account.open_id)
    if not notice["linked"]:
        if info is not None and notice["link_id"] in (None, info.link_id):
            session.delete(info)
        # The request the shop approved is approved; any other is moot once the link is gone.
        for req in session.scalars(select(UnlinkRequest).where(
                UnlinkRequest.world_id == world_id, UnlinkRequest.open_id == account.open_id,
                UnlinkRequest.status == PENDING)):
            approved = req.id == notice["unlink_request_id"]
            req.status, req.decided_at = ("approved" if approved else "closed"), now
            append_event(session, world_id, now, f"app.unlink_request_{req.status}", req.id,
                         {"open_id": req.open_id})
        append_event(session, world_id, now, "app.shop_link_removed", account.open_id, {})
        return account
    if info is None:
        info = ShopLinkInfo(world_id=world_id, open_id=account.open_id)
        session.add(info)
    info.link_id, info.shop_id = notice["link_id"] or "", notice["shop_id"]
    info.shop_name, info.role, info.linked_at = notice["shop_name"], notice["role"], now
    append_event(session, world_id, now, "app.shop_link_shown", account.open_id,
                 {"shop_id": info.shop_id, "role": info.role})
    if notice["business_upgrade"] and account.kind == "personal":
        account.kind = "business"  # M3 (US): linking upgrades a personal account
        append_event(session, world_id, now, "account.upgraded_to_business", account.open_id, {})
    rename_to = notice["nickname"]
    if rename_to and rename_to != account.nickname:
        account.nickname = rename_to[:100]  # B2: the official account is named after the shop
        append_event(session, world_id, now, "account.renamed", account.open_id,
                     {"nickname": account.nickname, "rule": "B2"})
    return account


def link_info(session: Session, account: Account) -> ShopLinkInfo | None:
    info = session.get(ShopLinkInfo, account.open_id)
    return info if info is not None and info.world_id == account.world_id else None


def request_unlink(session: Session, account: Account, now: datetime) -> UnlinkRequest:
    """F5: Shop → View link info → Send unlink request."""
    info = link_info(session, account)
    if info is None:
        raise Conflict("This account is not linked to a shop; there is nothing to unlink.",
                       code="NOT_LINKED_TO_A_SHOP", rule="F5")
    pending = session.scalars(select(UnlinkRequest).where(
        UnlinkRequest.world_id == account.world_id, UnlinkRequest.open_id == account.open_id,
        UnlinkRequest.status == PENDING)).first()
    if pending is not None:
        return pending
    req = UnlinkRequest(world_id=account.world_id, id=new_id("ur_"), open_id=account.open_id,
                        link_id=info.link_id, shop_id=info.shop_id, status=PENDING,
                        created_at=now)
    session.add(req)
    append_event(session, account.world_id, now, "app.unlink_requested", req.id,
                 {"open_id": account.open_id, "shop_id": info.shop_id, "link_id": info.link_id})
    return req


def unlink_requests(session: Session, world_id: str, shop_id: str) -> list[UnlinkRequest]:
    return list(session.scalars(select(UnlinkRequest).where(
        UnlinkRequest.world_id == world_id, UnlinkRequest.shop_id == shop_id)
        .order_by(UnlinkRequest.created_at)))


def resolve_unlink_request(session: Session, world_id: str, request_id: str, decision: str,
                           now: datetime) -> UnlinkRequest:
    req = session.get(UnlinkRequest, request_id or "")
    if req is None or req.world_id != world_id:
        raise NotFound("No such unlink request.", code="UNLINK_REQUEST_NOT_FOUND")
    if decision not in ("approved", "declined"):
        raise BadRequest("'decision' must be approved or declined.", code="invalid_request")
    if req.status == PENDING:
        req.status, req.decided_at = decision, now
        append_event(session, world_id, now, f"app.unlink_request_{decision}", req.id,
                     {"open_id": req.open_id})
    return req


def unlink_request_view(req: UnlinkRequest) -> dict[str, Any]:
    return {"id": req.id, "open_id": req.open_id, "link_id": req.link_id, "shop_id": req.shop_id,
            "status": req.status, "created_at": iso(req.created_at),
            "decided_at": iso(req.decided_at)}
