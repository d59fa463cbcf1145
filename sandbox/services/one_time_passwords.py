"""One-time passwords from Seller Center (G4): a code by SMS to the shop's phone, then the app
hands out the organization account's one-time password over a first-party call."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.domain import organization as rules
from sandbox.kernel.clock import iso
from sandbox.kernel.errors import BadRequest, NotFound, RuleViolation, SandboxError
from sandbox.kernel.events import append_event
from sandbox.kernel.world_config import rules_for
from sandbox.kernel.world_facts import world_now
from sandbox.services.org_accounts import find_org
from sandbox.services.seller_center import SellerCenter, credentials
from sandbox.services.shops import get_shop, shop_rules
from sandbox.store.organization import PhoneGuard, SmsMessage

PURPOSE = "org_account_otp"


def _guard(session: Session, world_id: str, shop_id: str) -> PhoneGuard:
    guard = session.get(PhoneGuard, shop_id)
    if guard is None:
        guard = PhoneGuard(world_id=world_id, shop_id=shop_id, failures=0)
        session.add(guard)
        session.flush()
    return guard


def _check_unlocked(guard: PhoneGuard, now: datetime) -> None:
    if guard.locked_until is not None and now < guard.locked_until:
        minutes = max(1, int((guard.locked_until - now).total_seconds() + 59) // 60)
        raise RuleViolation(f"Too many wrong verification codes: locked for {minutes} more "
                            "minute(s) of world time.", code="SMS_VERIFICATION_LOCKED", rule="G4",
                            details={"locked_until": iso(guard.locked_until)})


def _org_of_shop(session: Session, world_id: str, shop_id: str, open_id: str) -> Any:
    org = find_org(session, world_id, open_id)
    if org is None or org.shop_id != shop_id:
        raise NotFound("No organization account of this shop with this open_id (only the shop's "
                       "organization accounts, and accounts in its upgrade trial, get one-time "
                       "passwords).", code="ORG_ACCOUNT_NOT_FOUND", rule="G4")
    return org


def send_sms_code(sc: SellerCenter, world_id: str, shop_id: str, open_id: str) -> SmsMessage:
    """G4: "One-time password" → verify by phone: a code goes to the shop's phone."""
    with sc.runtime.session() as session:
        shop = get_shop(session, world_id, shop_id)
        g4 = shop_rules(session, shop).G4
        _org_of_shop(session, world_id, shop_id, open_id)
        if not shop.phone:
            raise BadRequest("The shop has no phone number to send the verification code to; "
                             "set one (control plane PATCH shop {phone}).",
                             code="SHOP_PHONE_MISSING")
        now = world_now(session, world_id)
        _check_unlocked(_guard(session, world_id, shop_id), now)
        code = f"{secrets.randbelow(10**6):06d}"
        sms = SmsMessage(world_id=world_id, phone=shop.phone, code=code, purpose=PURPOSE,
                         body=f"[TikTok Shop] {code} is your verification code for the one-time "
                              f"password. It expires in {_duration(g4.sms_code_seconds)}. Do "
                              "not share it.",
                         shop_id=shop_id, subject=open_id, sent_at=now,
                         expires_at=now + timedelta(seconds=g4.sms_code_seconds))
        session.add(sms)
        session.flush()
        append_event(session, world_id, now, "sms.sent", shop.phone,
                     {"id": sms.id, "purpose": PURPOSE, "shop_id": shop_id})
        session.commit()
        return sms


def _duration(seconds: int) -> str:
    return f"{seconds // 60} minutes" if seconds % 60 == 0 else f"{seconds} seconds"


def _verify_sms(session: Session, world_id: str, shop_id: str, open_id: str, code: Any,
                now: datetime) -> int:
    g4 = rules_for(session, world_id).G4
    guard = _guard(session, world_id, shop_id)
    _check_unlocked(guard, now)
    sms = session.scalars(select(SmsMessage).where(
        SmsMessage.world_id == world_id, SmsMessage.shop_id == shop_id,
        SmsMessage.purpose == PURPOSE, SmsMessage.subject == open_id,
        SmsMessage.used_at.is_(None), SmsMessage.code == str(code or "").strip())
        .order_by(SmsMessage.id.desc())).first()
    refusal = rules.sms_code_refusal(sms is not None,
                                     sms is not None and sms.expires_at is not None
                                     and now >= sms.expires_at)
    if refusal is not None:
        guard.failures += 1
        if guard.failures >= g4.lockout_threshold:
            guard.failures = 0
            guard.locked_until = now + timedelta(seconds=g4.lockout_seconds)
        append_event(session, world_id, now, "sms.verification_failed", shop_id,
                     {"code": refusal.code, "locked": guard.locked_until is not None
                      and guard.locked_until > now})
        session.commit()  # the failure counts although the request is refused
        raise refusal
    assert sms is not None
    sms.used_at, guard.failures, guard.locked_until = now, 0, None
    return sms.id


def one_time_password(sc: SellerCenter, world_id: str, shop_id: str, open_id: str,
                      sms_code: Any) -> dict[str, Any]:
    """G4: the right SMS code → the login username and a one-time password."""
    if not sms_code:
        raise BadRequest("'sms_code' is required: the code sent to the shop's phone.",
                         code="MISSING_FIELD", details={"missing": ["sms_code"]})
    with sc.runtime.session() as session:
        _org_of_shop(session, world_id, shop_id, open_id)
        now = world_now(session, world_id)
        sms_id = _verify_sms(session, world_id, shop_id, open_id, sms_code, now)
        key, secret = credentials(session, world_id)
        session.commit()
    try:
        issued = sc.tiktok.first_party(key, secret, f"/accounts/{open_id}/one-time-password",
                                       {"shop_id": shop_id})
    except SandboxError as exc:
        if exc.code == "OTP_WAIT":  # nothing handed out: the SMS code stays usable
            with sc.runtime.session() as session:
                sms = session.get(SmsMessage, sms_id)
                if sms is not None:
                    sms.used_at = None
                    session.commit()
        raise
    with sc.runtime.session() as session:
        append_event(session, world_id, world_now(session, world_id), "otp.handed_out", open_id,
                     {"shop_id": shop_id, "username": issued["username"]})
        session.commit()
    return {"open_id": open_id, **issued}


def list_sms(session: Session, world_id: str, phone: str | None = None,
             after: int = 0) -> list[SmsMessage]:
    q = select(SmsMessage).where(SmsMessage.world_id == world_id, SmsMessage.id > after)
    if phone:
        q = q.where(SmsMessage.phone == phone)
    return list(session.scalars(q.order_by(SmsMessage.id)))


def sms_view(sms: SmsMessage) -> dict[str, Any]:
    return {"id": sms.id, "phone": sms.phone, "body": sms.body, "code": sms.code,
            "purpose": sms.purpose, "shop_id": sms.shop_id, "sent_at": iso(sms.sent_at),
            "expires_at": iso(sms.expires_at), "used_at": iso(sms.used_at)}
