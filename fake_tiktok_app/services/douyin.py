"""Douyin accounts (抖音, region CN): the verifications a binding starts (J4 cases 3 and 4) and
the enterprise identity an account may cancel (case 2). The app owns these account states; the
Douyin Shop backend starts a verification and learns the result through user info."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from fake_tiktok_app.services.accounts import get_account
from fake_tiktok_app.store.accounts import Account
from sandbox.kernel import jobs
from sandbox.kernel.errors import BadRequest, Conflict
from sandbox.kernel.events import append_event
from sandbox.kernel.models import Job

VERIFY_JOB = "douyin.verification"
BLUE_V, ENTITY_CHANGE = "blue_v", "entity_change"  # 蓝V认证, 账号主体变更


def start_verification(session: Session, world_id: str, open_id: str, kind: str, entity: str,
                       delay_seconds: int, now: datetime) -> Account:
    """Case 4 starts blue V verification, case 3 an entity-change confirmation; either completes
    by itself after `delay_seconds` of world time (a due job)."""
    if kind not in (BLUE_V, ENTITY_CHANGE):
        raise BadRequest("'kind' must be 'blue_v' or 'entity_change'.", code="invalid_params")
    account = get_account(session, world_id, open_id)
    if account.douyin_verification is not None:
        raise Conflict("A verification of this account is already in progress.",
                       code="VERIFICATION_IN_PROGRESS")
    account.douyin_verification = kind
    jobs.schedule(session, world_id, VERIFY_JOB, now + timedelta(seconds=delay_seconds),
                  open_id, {"kind": kind, "entity": entity})
    append_event(session, world_id, now, f"app.douyin_{kind}_started", open_id,
                 {"entity": entity, "due_in": delay_seconds})
    return account


def verification_job(session: Session, job: Job, now: datetime) -> None:
    account = session.get(Account, job.subject)
    if account is None or account.douyin_verification is None:
        return
    kind = account.douyin_verification
    account.kind, account.enterprise_verified = "enterprise", True
    account.verified_entity, account.douyin_verification = job.payload["entity"], None
    append_event(session, job.world_id, now, f"app.douyin_{kind}_completed", account.open_id,
                 {"entity": account.verified_entity})


def cancel_enterprise_identity(session: Session, account: Account, now: datetime) -> Account:
    """Case 2 on the phone: cancel the account's enterprise identity; it is a personal account
    afterwards (and a new scan is case 4)."""
    if account.kind != "enterprise":
        raise Conflict("This account has no enterprise identity to cancel.",
                       code="NOT_AN_ENTERPRISE_ACCOUNT")
    account.kind, account.enterprise_verified, account.verified_entity = "personal", False, None
    append_event(session, account.world_id, now, "app.douyin_enterprise_cancelled",
                 account.open_id, {})
    return account


def douyin_view(account: Account) -> dict[str, Any]:
    """What the phone in Douyin mode shows on the profile."""
    return {"real_name_verified": account.real_name_verified, "kind": account.kind,
            "enterprise_verified": account.enterprise_verified,
            "verified_entity": account.verified_entity,
            "verification": account.douyin_verification}
