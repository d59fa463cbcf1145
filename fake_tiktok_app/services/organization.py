"""Organization accounts on TikTok's side: asynchronous creation for a shop (G1-G3) and the
upgrade of a personal account through a trial (H1-H5). Both durations are due jobs."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fake_tiktok_app.domain import organization as rules
from fake_tiktok_app.domain.accounts import mask_phone
from fake_tiktok_app.domain.organization import CANCELLED, COMPLETED, TRIAL  # noqa: F401 (web uses org.CANCELLED)
from fake_tiktok_app.services import accounts, otp
from fake_tiktok_app.store.accounts import Account
from fake_tiktok_app.store.oauth import OAuthClient, Token
from fake_tiktok_app.store.organization import OrgCreation, OrgProfile, Upgrade
from sandbox.kernel import jobs
from sandbox.kernel.clock import iso
from sandbox.kernel.errors import BadRequest, Conflict, Forbidden, NotFound, RuleViolation
from sandbox.kernel.events import append_event
from sandbox.kernel.models import Job
from sandbox.kernel.store import new_id
from sandbox.kernel.world_config import rules_for

CREATE_JOB = "org.create"
TRIAL_END_JOB = "org.upgrade_trial_end"
PENDING, CREATED, FAILED = "pending", "created", "failed"
UPGRADE_SCOPE = "account.upgrade"


def request_creation(session: Session, client: OAuthClient, body: dict[str, Any],
                     now: datetime) -> OrgCreation:
    """G1/G3: accept the request now; the account appears (or fails) after `delay_seconds`."""
    req = rules.creation_request(body)
    creation = OrgCreation(world_id=client.world_id, id=new_id("oc_"),
                           client_key=client.client_key, shop_id=req["shop_id"], status=PENDING,
                           request=req, failure={}, created_at=now,
                           due_at=now + timedelta(seconds=req["delay_seconds"]))
    session.add(creation)
    jobs.schedule(session, client.world_id, CREATE_JOB, creation.due_at, creation.id)
    append_event(session, client.world_id, now, "org_account.requested", creation.id,
                 {"shop_id": creation.shop_id})
    return creation


def _free_username(session: Session, world_id: str, wanted: str | None, nickname: str) -> str:
    if wanted:
        if accounts.find_by_username(session, world_id, wanted) is not None:
            raise RuleViolation(f"Username @{wanted} is taken.", code="ORG_ACCOUNT_USERNAME_TAKEN",
                                rule="G1")
        return wanted
    base = rules.username_from(nickname)
    while True:
        candidate = f"{base}_{secrets.token_hex(2)}"
        if accounts.find_by_username(session, world_id, candidate) is None:
            return candidate


def create_job(session: Session, job: Job, now: datetime) -> None:
    """G2/G3: the delay has passed; create the account or fail with the reason."""
    creation = session.get(OrgCreation, job.subject)
    if creation is None or creation.status != PENDING:
        return
    req = creation.request
    failure = rules.creation_failure(req)
    username = None
    if failure is None:
        try:
            username = _free_username(session, creation.world_id, req.get("username"),
                                      req["nickname"])
        except RuleViolation as exc:
            failure = {"code": exc.code, "rule": exc.rule, "message": exc.message}
    if failure is not None:
        creation.status, creation.failure = FAILED, failure
        append_event(session, creation.world_id, now, "org_account.failed", creation.id,
                     {"shop_id": creation.shop_id, **failure})
        return
    account, _ = accounts.create_account(session, creation.world_id, now, {
        "username": username, "nickname": req["nickname"], "region": req["region"],
        "kind": "organization", "age": 30, "phone": req.get("phone"),
        "password": secrets.token_urlsafe(24)})  # a password nobody knows: it never works
    prof = otp.profile_of(session, account)
    prof.owner_shop_id, prof.origin, prof.org_since = creation.shop_id, "created", now
    creation.status, creation.open_id = CREATED, account.open_id
    append_event(session, creation.world_id, now, "org_account.created", creation.id,
                 {"shop_id": creation.shop_id, "open_id": account.open_id,
                  "username": account.username})


def get_creation(session: Session, client: OAuthClient, creation_id: str) -> OrgCreation:
    creation = session.get(OrgCreation, creation_id)
    if creation is None or creation.client_key != client.client_key:
        raise NotFound(f"No organization account request {creation_id!r}.",
                       code="ORG_CREATION_NOT_FOUND")
    return creation


def creation_view(session: Session, creation: OrgCreation, app_url: str) -> dict[str, Any]:
    view: dict[str, Any] = {"id": creation.id, "shop_id": creation.shop_id,
                            "status": creation.status, "due_at": iso(creation.due_at),
                            "failure": creation.failure or None, "account": None}
    if creation.open_id:
        account = session.get(Account, creation.open_id)
        if account is not None:
            view["account"] = {"open_id": account.open_id, "username": account.username,
                               "display_name": account.nickname, "region": account.region,
                               "avatar_url": f"{app_url}/avatars/{account.open_id}.svg",
                               "phone_number": mask_phone(account.phone)}
    return view


def owned_account(session: Session, client: OAuthClient, open_id: str, shop_id: str) -> Account:
    """An account this shop may manage: its organization account, or one in its trial (G5)."""
    account = session.get(Account, open_id)
    if account is None or account.world_id != client.world_id:
        raise NotFound(f"No TikTok account {open_id!r}.", code="ACCOUNT_NOT_FOUND")
    prof = session.get(OrgProfile, open_id)
    trial = otp.active_trial(session, open_id)
    owner = trial.shop_id if trial is not None else (prof.owner_shop_id if prof else None)
    if owner != shop_id or otp.otp_only_rule(session, account) is None:
        raise Forbidden("This account is not an organization account of this shop.",
                        code="ORG_ACCOUNT_NOT_OWNED", rule="G5")
    return account


# -- upgrades (H1-H5) -------------------------------------------------------------------------
def start_upgrade(session: Session, client: OAuthClient, access_token: str, shop_id: str,
                  now: datetime) -> Upgrade:
    """H1: the account consented on the phone (a token with account.upgrade); the trial starts."""
    token = session.scalars(select(Token).where(Token.access_token == access_token)).first()
    if (token is None or token.client_key != client.client_key or token.revoked_at is not None
            or now >= token.expires_at or UPGRADE_SCOPE not in token.scope.split(",")):
        raise BadRequest("'access_token' must be a live token of this client with scope "
                         "account.upgrade (from the upgrade QR code).", code="UPGRADE_TOKEN_INVALID")
    account = session.get(Account, token.open_id)
    if account is None or not shop_id:
        raise BadRequest("'shop_id' is required.", code="MISSING_FIELD")
    if account.kind == "organization":
        raise RuleViolation("This account is already an organization account.",
                            code="UPGRADE_ALREADY_ORGANIZATION", rule="H5")
    if account.kind != "personal":
        raise RuleViolation("Only a personal account can be upgraded.",
                            code="UPGRADE_NOT_PERSONAL", rule="H1")
    if otp.active_trial(session, account.open_id) is not None:
        raise Conflict("This account is already in an upgrade trial.", code="UPGRADE_IN_TRIAL")
    trial_days = rules_for(session, account.world_id).H1.trial_days
    upgrade = Upgrade(world_id=account.world_id, id=new_id("up_"), open_id=account.open_id,
                      shop_id=shop_id, client_key=client.client_key, status=TRIAL,
                      started_at=now, ends_at=now + timedelta(days=trial_days),
                      expired_earnings_cents=0)
    session.add(upgrade)
    otp.profile_of(session, account)
    jobs.schedule(session, account.world_id, TRIAL_END_JOB, upgrade.ends_at, upgrade.id)
    append_event(session, account.world_id, now, "upgrade.trial_started", upgrade.id,
                 {"open_id": account.open_id, "shop_id": shop_id, "ends_at": iso(upgrade.ends_at)})
    return upgrade


def get_upgrade(session: Session, client: OAuthClient, upgrade_id: str) -> Upgrade:
    upgrade = session.get(Upgrade, upgrade_id)
    if upgrade is None or upgrade.client_key != client.client_key:
        raise NotFound(f"No upgrade {upgrade_id!r}.", code="UPGRADE_NOT_FOUND")
    return upgrade


def finish_upgrade(session: Session, upgrade: Upgrade, now: datetime, outcome: str) -> Upgrade:
    """H4/H5: complete (permanent; unclaimed earnings expire) or cancel (back to personal)."""
    if upgrade.status != TRIAL:
        raise Conflict(f"This upgrade is already {upgrade.status}.", code="UPGRADE_NOT_IN_TRIAL",
                       rule="H4", details={"status": upgrade.status})
    upgrade.status, upgrade.finished_at = outcome, now
    jobs.cancel(session, upgrade.world_id, TRIAL_END_JOB, upgrade.id, now)
    prof = session.get(OrgProfile, upgrade.open_id)
    if outcome == COMPLETED:
        account = session.get(Account, upgrade.open_id)
        assert account is not None and prof is not None
        account.kind, account.verified = "organization", False
        prof.owner_shop_id, prof.origin, prof.org_since = upgrade.shop_id, "upgraded", now
        upgrade.expired_earnings_cents, prof.earnings_cents = prof.earnings_cents, 0
    append_event(session, upgrade.world_id, now, f"upgrade.{outcome}", upgrade.id,
                 {"open_id": upgrade.open_id, "shop_id": upgrade.shop_id,
                  "expired_earnings_cents": upgrade.expired_earnings_cents})
    return upgrade


def trial_end_job(session: Session, job: Job, now: datetime) -> None:
    upgrade = session.get(Upgrade, job.subject)
    if upgrade is not None and upgrade.status == TRIAL:
        finish_upgrade(session, upgrade, now, COMPLETED)


def upgrade_view(upgrade: Upgrade) -> dict[str, Any]:
    return {"id": upgrade.id, "open_id": upgrade.open_id, "shop_id": upgrade.shop_id,
            "status": upgrade.status, "started_at": iso(upgrade.started_at),
            "ends_at": iso(upgrade.ends_at), "finished_at": iso(upgrade.finished_at),
            "expired_earnings_cents": upgrade.expired_earnings_cents}


def withdraw(session: Session, account: Account, now: datetime) -> int:
    """H3: the creator withdraws every earning; returns the amount withdrawn (cents)."""
    prof = otp.profile_of(session, account)
    amount, prof.earnings_cents = prof.earnings_cents, 0
    append_event(session, account.world_id, now, "earnings.withdrawn", account.open_id,
                 {"amount_cents": amount})
    return amount
