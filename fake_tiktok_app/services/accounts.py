"""TikTok accounts: create and change them (control plane), log them in, describe them."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from fake_tiktok_app.domain import accounts as rules
from fake_tiktok_app.domain.commerce import check_id_document
from fake_tiktok_app.domain.shopping import PAYMENT_OUTCOMES
from fake_tiktok_app.services.login_policy import refuse_other_login
from fake_tiktok_app.store.accounts import Account, AppSession
from sandbox.kernel.clock import iso, parse_instant
from sandbox.kernel.errors import BadRequest, Conflict, NotFound, SandboxError, Unauthorized
from sandbox.kernel.events import append_event
from sandbox.kernel.models import World
from sandbox.kernel.passwords import API, check_password, hash_password, new_password
from sandbox.kernel.store import new_id
from sandbox.kernel.world_facts import forget_held, held, lookup_held, world_now

# A sandbox password needs no brute-force resistance; a cheap hash keeps world seeding fast.
_COLORS = ("#fe2c55", "#25f4ee", "#7b61ff", "#ff9f1c", "#2ec4b6", "#e71d36", "#3a86ff")

def _apply(account: Account, body: dict[str, Any], now: datetime) -> None:
    """Apply the attributes in `body` (shared by create and update). Shapes, types and ranges
    were checked by the control plane's AccountChange model; the rules' values are checked here."""
    if "age" in body and "birthdate" in body:
        raise BadRequest("Give 'age' or 'birthdate', not both.", code="INVALID_FIELD")
    if "age" in body:
        account.birthdate = rules.birthdate_for_age(body["age"], now)
    if "birthdate" in body:
        try:
            account.birthdate = date.fromisoformat(str(body["birthdate"]))
        except ValueError:
            raise BadRequest("'birthdate' must be YYYY-MM-DD.", code="INVALID_FIELD",
                             details={"field": "birthdate"}) from None
        if account.birthdate > now.date():
            raise BadRequest(f"'birthdate' {account.birthdate} is after the world's today "
                             f"({now.date()}): nobody is born in the future.",
                             code="INVALID_FIELD", details={"field": "birthdate"})
    if "region" in body:
        account.region = rules.check_region("region", body["region"])
    if "network_region" in body:
        account.network_region = rules.check_region("network_region", body["network_region"])
    if "kind" in body:
        account.kind = rules.check_choice("kind", body["kind"], rules.KINDS)
    if "status" in body:
        account.status = rules.check_choice("status", body["status"], rules.STATUSES)
    for name in ("followers", "following", "likes", "videos", "violation_points", "health_score",
                 "associated_with_revoked", "verified", "creator_network", "business_entity",
                 "real_name_verified", "enterprise_verified", "verified_entity"):
        if name in body:
            setattr(account, name, body[name])
    if "id_document" in body:  # A4/M2: {"type", "country"} or null; set as already verified
        doc = body["id_document"]
        if doc:  # any issuing country (QA may craft a wrong-market one), a document it issues
            check_id_document(doc["type"], doc["country"].upper(), doc["country"].upper())
        account.id_document_type = doc["type"] if doc else None
        account.id_document_country = doc["country"].upper() if doc else None
        account.id_verified_at = now if doc else None
    if "affiliate" in body:  # A4: an approved affiliate creator (the control plane skips the checks)
        account.affiliate_since = (account.affiliate_since or now) if body["affiliate"] else None
        if body["affiliate"] and account.affiliate_agreement_at is None:
            account.affiliate_agreement_at = now
    if "payment" in body:  # S3: the buyer persona's payment outcome
        account.payment = rules.check_choice("payment", body["payment"], PAYMENT_OUTCOMES)
    if "shipping_address" in body:
        address = body["shipping_address"]
        account.shipping_address = ({k: v for k, v in address.items() if v is not None}
                                    if address else None)
    if "ecommerce_revoked" in body:
        # true, false, or the reason itself ("violations" keeps links in progress, rule C7).
        value = body["ecommerce_revoked"]
        if isinstance(value, str) and value:
            account.ecommerce_revoked, account.ecommerce_revoked_reason = True, value
        elif isinstance(value, bool):
            account.ecommerce_revoked = value
            account.ecommerce_revoked_reason = (body.get("ecommerce_revoked_reason") or "policy"
                                                if value else None)
        else:
            raise BadRequest("'ecommerce_revoked' must be true, false or a reason such as "
                             "'violations'.", code="INVALID_FIELD",
                             details={"field": "ecommerce_revoked"})
    for name in ("nickname", "phone", "bio"):
        if name in body:
            setattr(account, name, body[name] or ("" if name != "phone" else None))
    if "serious_violation_at" in body:  # rule F4: an ISO instant, "now", or null to clear
        value = body["serious_violation_at"]
        if value is None:
            account.serious_violation_at = None
        elif value == "now":
            account.serious_violation_at = now
        else:
            try:
                account.serious_violation_at = parse_instant(value)
            except SandboxError:
                raise BadRequest("'serious_violation_at' must be an ISO-8601 instant, \"now\" or "
                                 "null.", code="INVALID_FIELD",
                                 details={"field": "serious_violation_at"}) from None
    if "password" in body:
        account.password_hash = hash_password(body["password"])


def create_account(session: Session, world_id: str, now: datetime,
                   body: dict[str, Any]) -> tuple[Account, str]:
    """Create an account; returns it and its plain password (generated unless given)."""
    username = body.get("username")
    if not isinstance(username, str) or not username.strip():
        raise BadRequest("'username' is required.", code="MISSING_FIELD",
                         details={"missing": ["username"]})
    username = username.strip().lstrip("@")
    if not all(c.isalnum() or c in "._" for c in username) or len(username) > 24:
        raise BadRequest("A username is up to 24 letters, digits, '.' or '_'.",
                         code="INVALID_FIELD", details={"field": "username"})
    if "region" not in body:
        raise BadRequest("'region' is required (two letters, e.g. US).", code="MISSING_FIELD",
                         details={"missing": ["region"]})
    if find_by_username(session, world_id, username) is not None:
        raise Conflict(f"Username @{username} is taken in this world.", code="USERNAME_TAKEN")
    password = body.get("password") or new_password()
    open_id = new_id("", 16)
    account = Account(
        world_id=world_id, open_id=open_id, username=username, nickname=username,
        union_id=hashlib.sha256(f"union:{world_id}:{open_id}".encode()).hexdigest()[:32],
        password_hash="", kind="personal", birthdate=rules.birthdate_for_age(25, now),
        region="US", network_region="", status="normal", ecommerce_revoked=False,
        associated_with_revoked=False, followers=0, following=0, likes=0, videos=0,
        violation_points=0, health_score=1000, bio="", verified=False,
        avatar_color=_COLORS[int(open_id[:2], 16) % len(_COLORS)], created_at=now,
    )
    _apply(account, {**body, "password": password}, now)
    if not account.network_region:
        account.network_region = account.region
    session.add(account)
    session.flush()
    append_event(session, world_id, now, "account.created", open_id,
                 {"username": username, "kind": account.kind})
    return account, password


def fixture_account(session: Session, world_id: str, now: datetime,
                    region: str = "US") -> Account:
    """An adult account made for what a webhook trigger needs (`trigger_` + 8 hex digits)."""
    account, _ = create_account(session, world_id, now, {
        "username": f"trigger_{secrets.token_hex(4)}", "region": region})
    return account


def update_account(session: Session, world_id: str, open_id: str, now: datetime,
                   body: dict[str, Any]) -> Account:
    account = get_account(session, world_id, open_id)
    if "username" in body:
        raise BadRequest("A username cannot be changed here.", code="INVALID_FIELD",
                         details={"field": "username"})
    _apply(account, body, now)
    changed = sorted(k for k in body if k != "password")
    if body:  # an empty PATCH changes nothing, so records nothing
        append_event(session, world_id, now, "account.updated", open_id, {"changed": changed})
    return account


def get_account(session: Session, world_id: str, open_id: str) -> Account:
    account = session.get(Account, open_id)
    if account is None or account.world_id != world_id:
        raise NotFound(f"No TikTok account {open_id!r} in this world.", code="ACCOUNT_NOT_FOUND")
    return account


def find_by_username(session: Session, world_id: str, username: str) -> Account | None:
    return session.scalars(select(Account).where(
        Account.world_id == world_id, Account.username == username.lstrip("@"))).first()


def find_by_phone(session: Session, world_id: str, phone: str) -> Account | None:
    return session.scalars(select(Account).where(Account.world_id == world_id,
                                                 Account.phone == phone)).first()


def list_accounts(session: Session, world_id: str) -> list[Account]:
    return list(session.scalars(
        select(Account).where(Account.world_id == world_id).order_by(Account.created_at,
                                                                     Account.username)))


def log_in(session: Session, world_id: str, username: str, password: str,
           now: datetime, channel: str = API) -> AppSession:
    """Password login (the phone simulator and the actor API share it); `channel` says whether
    the session is a browser cookie or a bearer token."""
    account = find_by_username(session, world_id, username or "")
    refuse_other_login(session, account, "password")  # G4/H2: OTP-only accounts refuse passwords
    if account is None or not check_password(account.password_hash, password or ""):
        raise Unauthorized("Wrong username or password.", code="LOGIN_FAILED")
    if account.status == "banned":
        raise Unauthorized("This account is banned and cannot log in.", code="ACCOUNT_BANNED")
    app_session = AppSession(world_id=world_id, token=secrets.token_urlsafe(24),
                             open_id=account.open_id, channel=channel, created_at=now)
    session.add(app_session)
    append_event(session, world_id, now, "account.logged_in", account.open_id,
                 {"username": account.username})
    return app_session


def session_row(session: Session, token: str) -> AppSession | None:
    """The app session of `token`, its account and the account's world (whose clock every
    request reads next) in one statement, held for the rest of the session (the request's
    resolver, then the view)."""
    row = lookup_held(session, "app_session", token, select(AppSession, Account, World).join(
        Account, Account.open_id == AppSession.open_id).join(
        World, World.id == Account.world_id).where(AppSession.token == token), {})
    return row[0] if row is not None else None


def session_account(session: Session, token: str | None, channel: str = API) -> Account | None:
    if not token:
        return None
    app_session = session_row(session, token)
    if app_session is None:
        return None
    _, account, _world = held(session, "app_session", token)
    if app_session.channel != channel or account.world_id != app_session.world_id:
        return None
    return account


def log_out(session: Session, token: str | None, channel: str) -> bool:
    """End the app session `token` names on `channel` (a logout, `account.logged_out`): a copy
    of the token is refused from now on, the account's other sessions stay. False if there was
    no such session."""
    if not token or session_row(session, token) is None:
        return False
    app_session, account, _world = held(session, "app_session", token)
    world_id, open_id, username = app_session.world_id, account.open_id, account.username
    forget_held(session, "app_session", token)
    if not session.execute(delete(AppSession).where(
            AppSession.token == token, AppSession.channel == channel)).rowcount:
        return False
    append_event(session, world_id, world_now(session, world_id), "account.logged_out", open_id,
                 {"username": username})
    return True


def account_view(account: Account, now: datetime) -> dict[str, Any]:
    """The control plane's view: every attribute, so a test can see what the rules see."""
    return {
        "open_id": account.open_id, "union_id": account.union_id, "username": account.username,
        "nickname": account.nickname, "kind": account.kind,
        "birthdate": account.birthdate.isoformat(), "age": rules.age_on(account.birthdate, now),
        "region": account.region, "network_region": account.network_region,
        "status": account.status, "ecommerce_revoked": account.ecommerce_revoked,
        "ecommerce_revoked_reason": account.ecommerce_revoked_reason,
        "associated_with_revoked": account.associated_with_revoked,
        "followers": account.followers, "following": account.following,
        "likes": account.likes, "videos": account.videos, "bio": account.bio,
        "violation_points": account.violation_points,
        "health_score": account.health_score, "phone": account.phone,
        "verified": account.verified, "created_at": iso(account.created_at),
        "serious_violation_at": iso(account.serious_violation_at),
        "business_entity": account.business_entity, "creator_network": account.creator_network,
        "real_name_verified": account.real_name_verified,
        "enterprise_verified": account.enterprise_verified,
        "verified_entity": account.verified_entity,
        "douyin_verification": account.douyin_verification,
        "id_document": ({"type": account.id_document_type, "country": account.id_document_country}
                        if account.id_document_country else None),
        "affiliate": account.affiliate_since is not None,
        "affiliate_since": iso(account.affiliate_since),
        "payment": account.payment, "shipping_address": account.shipping_address,
    }
