"""What a linked handle is for (I4): creator invitations (Manage Partnerships → Add New Creator,
Find Creators → Invite) and partner campaigns, each optionally with the partner's TikTok profile
attached; attaching needs a linked account.

Invitations travel through the app's invitation protocol (the creator's inbox; the first check
after acceptance hands Partner Center an authorization code, which tells it who accepted)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sandbox.domain import partners as rules
from sandbox.kernel.clock import iso
from sandbox.kernel.errors import BadRequest, NotFound
from sandbox.kernel.events import append_event
from sandbox.kernel.jobs import schedule
from sandbox.kernel.models import Job
from sandbox.kernel.store import new_id
from sandbox.kernel.world_config import rules_for
from sandbox.kernel.world_facts import world_now
from sandbox.services.partner_linking import CLIENT
from sandbox.services.partners import active_link, get_partner
from sandbox.services.seller_center import SellerCenter, credentials
from sandbox.services.tiktok_app import PARTNER_CENTER_REDIRECT, PARTNER_FIELDS, TikTokAppError
from sandbox.store.partners import Partner, PartnerCampaign, PartnerInvitation

BINDING, COLLABORATION = "binding", "collaboration"
KIND_PLACES = {BINDING: "a Manage Partnerships invitation (Add New Creator)",
               COLLABORATION: "a Find Creators invitation"}
SENT, ACCEPTED, DECLINED, EXPIRED, FAILED = "sent", "accepted", "declined", "expired", "failed"
EXPIRE_JOB = "partner_invitation.expire"


def waiting(inv: PartnerInvitation) -> bool:
    """Still worth asking the app: sent, or expired by the clock and not asked since (an
    acceptance may predate the expiry; the one more answer settles it)."""
    return inv.status == SENT or (inv.status == EXPIRED and inv.decided_at is None)


def _handle(session: Session, partner: Partner, attach: bool, where: str) -> str | None:
    """The partner's TikTok handle to attach, or None; attaching needs a link (I4)."""
    if not attach:
        return None
    link = active_link(session, partner.world_id, partner.id)
    if link is None:
        raise rules.link_required(where)
    return (link.account or {}).get("username")


def invite_creator(sc: SellerCenter, world_id: str, partner_id: str, username: str,
                   kind: str = BINDING, attach_profile: bool = False,
                   message: str = "") -> PartnerInvitation:
    if kind not in KIND_PLACES:
        raise BadRequest("'kind' must be 'binding' (Add New Creator) or 'collaboration' (Find "
                         "Creators → Invite).", code="INVALID_FIELD", details={"field": "kind"})
    username = (username or "").strip().lstrip("@")
    if not username:
        raise BadRequest("'username' is required.", code="MISSING_FIELD")
    with sc.runtime.session() as session:
        partner = get_partner(session, world_id, partner_id)
        handle = _handle(session, partner, attach_profile, KIND_PLACES[kind])
        client = credentials(session, world_id, CLIENT)
        details = {"kind": kind, "partner_name": partner.name, "partner_kind": partner.kind,
                   "handle": handle, "message": message[:500] or None}
        name = partner.name
        ttl = rules_for(session, world_id).I4.invitation_hours * 3600
    try:
        sent = sc.tiktok.send_invitation(client, username, f"partner:{partner_id}", name, ttl,
                                         details)
    except TikTokAppError as exc:
        raise NotFound(f"No TikTok account @{username} in this world.",
                       code="ACCOUNT_NOT_FOUND") from exc
    with sc.runtime.session() as session:
        now = world_now(session, world_id)
        invitation = PartnerInvitation(
            world_id=world_id, id=new_id("pi_"), partner_id=partner_id, kind=kind,
            username=username, open_id=sent.get("open_id"), handle=handle,
            message=message[:500], app_invitation_id=sent["invitation_id"], status=SENT,
            bound=False, created_at=now)
        session.add(invitation)
        session.flush()
        schedule(session, world_id, EXPIRE_JOB, now + timedelta(seconds=ttl), invitation.id)
        append_event(session, world_id, now, "partner.invitation_sent", invitation.id,
                     {"partner_id": partner_id, "kind": kind, "username": username,
                      "handle": handle})
        session.commit()
        return invitation


def get_invitation(session: Session, world_id: str, invitation_id: str,
                   partner_id: str | None = None) -> PartnerInvitation:
    inv = session.get(PartnerInvitation, invitation_id)
    if inv is None or inv.world_id != world_id or (partner_id and inv.partner_id != partner_id):
        raise NotFound(f"No invitation {invitation_id!r} for this partner.",
                       code="PARTNER_INVITATION_NOT_FOUND")
    return inv


def refresh_invitation(sc: SellerCenter, world_id: str, invitation_id: str,
                       partner_id: str | None = None) -> PartnerInvitation:
    """Ask the app once; an accepted binding binds the creator to this agency."""
    with sc.runtime.session() as session:
        inv = get_invitation(session, world_id, invitation_id, partner_id)
        if not waiting(inv):
            return inv
        client = credentials(session, world_id, CLIENT)
    answer = sc.tiktok.check_invitation(client, inv.app_invitation_id)
    status, code = answer.get("status"), answer.get("code")
    open_id = None
    if status == ACCEPTED and code:  # the code says who accepted (and proves it)
        _token, user = sc.tiktok.account_for_code(*client, code, PARTNER_FIELDS,
                                                  PARTNER_CENTER_REDIRECT)
        open_id = user["open_id"]
    with sc.runtime.session() as session:
        inv = get_invitation(session, world_id, invitation_id)
        if not waiting(inv):
            return inv
        now = world_now(session, world_id)
        if open_id:
            inv.status, inv.open_id, inv.decided_at = ACCEPTED, open_id, now
            inv.bound = inv.kind == BINDING
            try:
                append_event(session, world_id, now, "partner.invitation_accepted", inv.id,
                             {"partner_id": inv.partner_id, "open_id": open_id,
                              "kind": inv.kind})
                session.commit()
            except IntegrityError:  # bound to another agency meanwhile (one at a time)
                session.rollback()
                inv = get_invitation(session, world_id, invitation_id)
                inv.status, inv.decided_at = FAILED, now
                append_event(session, world_id, now, "partner.invitation_failed", inv.id,
                             {"code": "CREATOR_BOUND_TO_OTHER_AGENCY"})
                session.commit()
        elif status == DECLINED or status == "utilised" or (status == EXPIRED
                                                             and inv.status == SENT):
            inv.status, inv.decided_at = (FAILED if status == "utilised" else status), now
            append_event(session, world_id, now, f"partner.invitation_{inv.status}", inv.id,
                         {"partner_id": inv.partner_id})
            session.commit()
        elif inv.status == EXPIRED and status == EXPIRED:  # the clock's expiry, confirmed
            inv.decided_at = now
            session.commit()
        return inv


def expire_job(session: Session, job: Job, now: datetime) -> None:
    """I4: `invitation_hours` after sending, an unanswered invitation is expired (the partner
    sees it; the app is asked once more, in case the creator accepted just before)."""
    inv = session.get(PartnerInvitation, job.subject)
    if inv is not None and inv.status == SENT:
        inv.status = EXPIRED
        append_event(session, inv.world_id, now, "partner.invitation_expired", inv.id,
                     {"partner_id": inv.partner_id, "username": inv.username,
                      "kind": inv.kind})


def list_invitations(session: Session, world_id: str, partner_id: str) -> list[PartnerInvitation]:
    return list(session.scalars(select(PartnerInvitation).where(
        PartnerInvitation.world_id == world_id, PartnerInvitation.partner_id == partner_id)
        .order_by(PartnerInvitation.created_at.desc())))


def invitation_view(inv: PartnerInvitation) -> dict[str, Any]:
    return {"id": inv.id, "partner_id": inv.partner_id, "kind": inv.kind,
            "username": inv.username, "open_id": inv.open_id, "handle": inv.handle,
            "attached_profile": inv.handle is not None, "message": inv.message,
            "status": inv.status, "bound": inv.bound, "created_at": iso(inv.created_at),
            "decided_at": iso(inv.decided_at)}


def create_campaign(sc: SellerCenter, world_id: str, partner_id: str, body: dict[str, Any],
                    ) -> PartnerCampaign:
    """Partner Campaigns → Create Campaign; Social Account → Attach TikTok profile (I4)."""
    name = (body.get("name") or "").strip()
    if not name:
        raise BadRequest("'name' is required.", code="MISSING_FIELD", details={"field": "name"})
    days = body.get("duration_days", 30)
    with sc.runtime.session() as session:
        partner = get_partner(session, world_id, partner_id)
        handle = _handle(session, partner, bool(body.get("attach_profile")),
                         "a partner campaign (Social Account)")
        now = world_now(session, world_id)
        campaign = PartnerCampaign(
            world_id=world_id, id="7" + new_id("", 9)[:18], partner_id=partner_id,
            name=name[:200], description=(body.get("description") or "")[:2000],
            status="published", handle=handle,
            commission_rate=int(body.get("commission_rate", 1000)), starts_at=now,
            ends_at=now + timedelta(days=days), created_at=now)
        session.add(campaign)
        session.flush()
        append_event(session, world_id, now, "partner.campaign_created", campaign.id,
                     {"partner_id": partner_id, "name": campaign.name, "handle": handle})
        session.commit()
        return campaign


def get_campaign(session: Session, world_id: str, campaign_id: str) -> PartnerCampaign:
    campaign = session.get(PartnerCampaign, campaign_id)
    if campaign is None or campaign.world_id != world_id:
        raise NotFound(f"No campaign {campaign_id!r} in this world.", code="CAMPAIGN_NOT_FOUND")
    return campaign


def list_campaigns(session: Session, world_id: str,
                   partner_id: str | None = None) -> list[PartnerCampaign]:
    q = select(PartnerCampaign).where(PartnerCampaign.world_id == world_id)
    if partner_id:
        q = q.where(PartnerCampaign.partner_id == partner_id)
    return list(session.scalars(q.order_by(PartnerCampaign.created_at.desc())))


def campaign_view(session: Session, campaign: PartnerCampaign, app_url: str) -> dict[str, Any]:
    partner = session.get(Partner, campaign.partner_id)
    return {"id": campaign.id, "partner_id": campaign.partner_id,
            "partner_name": partner.name if partner else None, "name": campaign.name,
            "description": campaign.description, "status": campaign.status,
            "commission_rate": campaign.commission_rate, "handle": campaign.handle,
            "profile_url": f"{app_url}/phone/@{campaign.handle}" if campaign.handle else None,
            "starts_at": iso(campaign.starts_at), "ends_at": iso(campaign.ends_at),
            "created_at": iso(campaign.created_at)}
