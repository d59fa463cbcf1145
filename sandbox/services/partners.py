"""Partner Center's partners (MCN and TAP): creation, logins, and what a partner looks like."""

from __future__ import annotations

import re
import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sandbox.domain import partners as rules
from sandbox.domain.markets import profile
from sandbox.kernel.clock import iso
from sandbox.kernel.errors import BadRequest, Conflict, NotFound, Unauthorized
from sandbox.kernel.events import append_event
from sandbox.kernel.passwords import API, check_password, hash_password, new_password
from sandbox.kernel.store import new_id
from sandbox.store.partners import Partner, PartnerLink, PartnerSession


def create_partner(session: Session, world_id: str, now: datetime,
                   body: dict[str, Any]) -> tuple[Partner, str, str]:
    """A partner account and its login; returns it with its password and an API token."""
    name = (body.get("name") or "").strip()
    if not name:
        raise BadRequest("'name' is required.", code="MISSING_FIELD", details={"field": "name"})
    kind = rules.check_kind(body.get("kind"))
    market = profile(str(body.get("market") or "US").upper()).code
    domain = re.sub(r"[^a-z0-9-]", "-", world_id.lower())
    partner = Partner(world_id=world_id, id=new_id("pt_"), name=name[:100], kind=kind,
                      market=market, business_entity=(body.get("business_entity") or name)[:200],
                      email="", password_hash="", created_at=now)
    partner.email = body.get("email") or f"partner-{partner.id[3:]}@{domain}.sandbox.test"
    if session.scalars(select(Partner).where(Partner.world_id == world_id,
                                             Partner.email == partner.email)).first():
        raise Conflict(f"A partner with e-mail {partner.email} already exists in this world.",
                       code="PARTNER_EMAIL_TAKEN")
    password = body.get("password") or new_password()
    partner.password_hash = hash_password(password)
    token = secrets.token_urlsafe(24)
    session.add_all([partner, PartnerSession(world_id=world_id, token=token,
                                             partner_id=partner.id, channel=API, created_at=now)])
    session.flush()
    append_event(session, world_id, now, "partner.created", partner.id,
                 {"name": partner.name, "kind": kind})
    return partner, password, token


def log_in(session: Session, world_id: str, email: str, password: str, now: datetime,
           channel: str = API) -> PartnerSession:
    partner = session.scalars(select(Partner).where(Partner.world_id == world_id,
                                                    Partner.email == (email or "").strip())).first()
    if partner is None or not check_password(partner.password_hash, password or ""):
        raise Unauthorized("Wrong e-mail or password.", code="PARTNER_LOGIN_FAILED")
    login = PartnerSession(world_id=world_id, token=secrets.token_urlsafe(24),
                           partner_id=partner.id, channel=channel, created_at=now)
    session.add(login)
    return login


def partner_for_token(session: Session, token: str | None, channel: str = API) -> Partner | None:
    login = session.get(PartnerSession, token) if token else None
    if login is None or login.channel != channel:
        return None
    partner = session.get(Partner, login.partner_id)
    return partner if partner is not None and partner.world_id == login.world_id else None


def log_out(session: Session, token: str | None, channel: str) -> bool:
    """End the partner session `token` names on `channel` (a logout): a copy of the token is
    refused from now on, the partner's other sessions stay. False if there was no such session."""
    if not token:
        return False
    return session.execute(delete(PartnerSession).where(
        PartnerSession.token == token, PartnerSession.channel == channel)).rowcount == 1


def get_partner(session: Session, world_id: str, partner_id: str) -> Partner:
    partner = session.get(Partner, partner_id)
    if partner is None or partner.world_id != world_id:
        raise NotFound(f"No partner {partner_id!r} in this world.", code="PARTNER_NOT_FOUND")
    return partner


def list_partners(session: Session, world_id: str) -> list[Partner]:
    return list(session.scalars(select(Partner).where(Partner.world_id == world_id)
                                .order_by(Partner.created_at)))


def active_link(session: Session, world_id: str, partner_id: str) -> PartnerLink | None:
    return session.scalars(select(PartnerLink).where(
        PartnerLink.world_id == world_id, PartnerLink.partner_id == partner_id,
        PartnerLink.active.is_(True))).first()


def link_view(link: PartnerLink | None) -> dict[str, Any] | None:
    if link is None:
        return None
    return {"id": link.id, "open_id": link.open_id, **(link.account or {}),
            "linked_at": iso(link.linked_at)}


def partner_view(session: Session, partner: Partner) -> dict[str, Any]:
    return {"id": partner.id, "name": partner.name, "kind": partner.kind,
            "kind_name": rules.KIND_NAMES[partner.kind], "market": partner.market,
            "business_entity": partner.business_entity, "email": partner.email,
            "tiktok_account": link_view(active_link(session, partner.world_id, partner.id)),
            "created_at": iso(partner.created_at)}
