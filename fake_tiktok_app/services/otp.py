"""Organization-account logins (G4, H2): issue one-time passwords, log in with them, and refuse
password, phone and e-mail logins of accounts that may only use one-time passwords."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from fake_tiktok_app.domain import otp as rules
from fake_tiktok_app.services import accounts
from fake_tiktok_app.services.login_policy import (  # noqa: F401 (re-exported)
    TRIAL,
    active_trial,
    otp_only_rule,
    refuse_other_login,
)
from fake_tiktok_app.store.accounts import Account, AppSession
from fake_tiktok_app.store.organization import OrgProfile
from sandbox.kernel.clock import iso
from sandbox.kernel.errors import BadRequest, SandboxError, Unauthorized
from sandbox.kernel.events import append_event
from sandbox.kernel.passwords import API
from sandbox.kernel.world_config import rules_for
from sandbox.rules.registry import ParamValues


def g4(session: Session, account: Account) -> ParamValues:
    """G4's numbers in the account's world (digits, interval, window, lockout)."""
    return rules_for(session, account.world_id).G4


def policy(numbers: ParamValues) -> rules.OtpPolicy:
    return rules.OtpPolicy(digits=numbers.otp_digits, interval=numbers.otp_interval_seconds,
                           valid_window=numbers.otp_valid_window,
                           lockout_threshold=numbers.lockout_threshold,
                           lockout_seconds=numbers.lockout_seconds)


def profile_of(session: Session, account: Account) -> OrgProfile:
    """The account's organization profile, made on first need with a fresh TOTP secret."""
    prof = session.get(OrgProfile, account.open_id)
    if prof is None:
        numbers = g4(session, account)
        prof = OrgProfile(world_id=account.world_id, open_id=account.open_id, origin="created",
                          totp_secret=rules.new_secret(), otp_digits=numbers.otp_digits,
                          otp_interval=numbers.otp_interval_seconds, last_used_step=-1,
                          failures=0, earnings_cents=0)
        session.add(prof)
        session.flush()
    return prof


def _used(prof: OrgProfile) -> set[int]:
    return {int(s) for s in (prof.used_steps or [])} | {prof.last_used_step}


def issue(session: Session, account: Account, now: datetime) -> dict[str, Any]:
    """A usable one-time password (for Seller Center, after its phone check): the current
    step's, or the next step's when that one was already handed out or used (G4); when both
    were, a refusal saying how many seconds until the next step."""
    prof = profile_of(session, account)
    window = g4(session, account).otp_valid_window
    step = rules.step_to_issue(now, prof.otp_interval, window,
                               prof.last_issued_step if prof.last_issued_step is not None
                               else -1, _used(prof))
    if step is None:
        wait = rules.seconds_to_next_step(now, prof.otp_interval)
        raise SandboxError(f"A one-time password was already handed out for this and the next "
                           f"time-step: wait {wait} s for the next one, or use one already "
                           "handed out.", code="OTP_WAIT", rule="G4", status=429,
                           details={"retry_after_seconds": wait})
    prof.last_issued_step = step
    code = rules.code_of_step(prof.totp_secret, prof.otp_digits, prof.otp_interval, step)
    until = rules.expires_at(now, prof.otp_interval, window, step)
    append_event(session, account.world_id, now, "otp.issued", account.open_id,
                 {"username": account.username, "step": step})
    return {"username": account.username, "one_time_password": code, "expires_at": iso(until),
            "digits": prof.otp_digits, "interval": prof.otp_interval}


def log_in_with_otp(session: Session, world_id: str, username: str, otp: str, now: datetime,
                    surface: str = "app",
                    channel: str = API) -> AppSession:
    """Username + one-time password: single-use, 5 wrong ones lock the account (G4)."""
    if not isinstance(otp, str) or not otp.strip():
        raise BadRequest("'one_time_password' is required.", code="MISSING_FIELD")
    account = accounts.find_by_username(session, world_id, username or "")
    if account is None or otp_only_rule(session, account) is None:
        raise Unauthorized("One-time passwords are for organization accounts (and accounts in "
                           "an upgrade trial); log in with the password instead.",
                           code="OTP_LOGIN_NOT_AVAILABLE")
    prof, numbers = profile_of(session, account), g4(session, account)
    rules.check_not_locked(prof.locked_until, now, "one-time passwords")
    step = rules.matching_step(prof.totp_secret, prof.otp_digits, prof.otp_interval,
                               otp.strip(), now, numbers.otp_valid_window)
    if step is None or step in _used(prof):
        replay = step is not None
        prof.failures, locked = rules.after_failure(prof.failures, now, policy(numbers))
        if locked:
            prof.locked_until = locked
        append_event(session, world_id, now, "otp.login_failed", account.open_id,
                     {"reason": "replayed" if replay else "wrong_or_expired",
                      "locked": locked is not None})
        session.commit()  # the failure counts even though the login is refused
        if replay:
            raise Unauthorized("This one-time password was already used: get a new one from "
                               "Seller Center.", code="OTP_ALREADY_USED", rule="G4")
        raise Unauthorized("Wrong or expired one-time password: get a new one from Seller "
                           "Center.", code="OTP_INVALID", rule="G4")
    current = rules.step_of(now, prof.otp_interval)
    prof.used_steps = sorted(s for s in _used(prof) | {step}
                             if s >= current - numbers.otp_valid_window)
    prof.last_used_step = max(prof.last_used_step, step)
    prof.failures, prof.locked_until = 0, None
    app_session = AppSession(world_id=world_id, token=secrets.token_urlsafe(24),
                             open_id=account.open_id, channel=channel, created_at=now)
    session.add(app_session)
    append_event(session, world_id, now, "account.logged_in", account.open_id,
                 {"username": account.username, "method": "otp", "surface": surface})
    return app_session


def set_secret(session: Session, account: Account, body: dict[str, Any]) -> OrgProfile:
    """Control-plane extension: set a known TOTP secret (and digits/interval) for tests."""
    unknown = set(body) - {"secret", "digits", "interval"}
    if unknown:
        raise BadRequest(f"Unknown field(s): {', '.join(sorted(unknown))}; use secret, digits, "
                         "interval.", code="UNKNOWN_FIELD")
    prof = profile_of(session, account)
    if "secret" in body:
        prof.totp_secret = rules.check_secret(body["secret"])
    for name, lo, hi in (("digits", 6, 10), ("interval", 1, 86400)):
        if name in body:
            value = body[name]
            if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
                raise BadRequest(f"'{name}' must be a whole number from {lo} to {hi}.",
                                 code="INVALID_FIELD", details={"field": name})
            setattr(prof, f"otp_{name}", value)
    prof.last_used_step, prof.failures, prof.locked_until = -1, 0, None
    prof.last_issued_step, prof.used_steps = -1, []
    return prof


def otp_state(prof: OrgProfile, now: datetime) -> dict[str, Any]:
    return {"digits": prof.otp_digits, "interval": prof.otp_interval,
            "current_otp": rules.code_at(prof.totp_secret, prof.otp_digits, prof.otp_interval,
                                         now),
            "last_used_step": prof.last_used_step, "failures": prof.failures,
            "locked_until": iso(prof.locked_until) if prof.locked_until and
            prof.locked_until > now else None}
