"""One-time passwords (rule G4): pyotp TOTP with the world's `now` passed in, single-use steps."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

import pyotp

from sandbox.kernel.errors import BadRequest, RuleViolation


@dataclass(frozen=True)
class OtpPolicy:
    """How passwords look and how long they live (settings otp_* and lockout_*)."""

    digits: int = 6
    interval: int = 60
    valid_window: int = 1
    lockout_threshold: int = 5
    lockout_seconds: int = 900


def new_secret() -> str:
    return pyotp.random_base32()


def check_secret(secret: object) -> str:
    """A base32 secret (RFC 4648, no padding needed); refuse what pyotp cannot read."""
    if not isinstance(secret, str) or not secret.strip():
        raise BadRequest("'secret' must be a base32 string.", code="INVALID_FIELD",
                         details={"field": "secret"})
    value = secret.strip().replace(" ", "").upper()
    try:
        pyotp.TOTP(value).at(0)
    except Exception:  # binascii.Error and friends: not base32
        raise BadRequest("'secret' is not valid base32 (letters A-Z and digits 2-7).",
                         code="INVALID_FIELD", details={"field": "secret"}) from None
    return value


def step_of(now: datetime, interval: int) -> int:
    return int(now.timestamp()) // interval


def code_at(secret: str, digits: int, interval: int, now: datetime) -> str:
    """The password of `now`'s time-step (RFC 6238)."""
    return code_of_step(secret, digits, interval, step_of(now, interval))


def code_of_step(secret: str, digits: int, interval: int, step: int) -> str:
    """The password of time-step `step` (RFC 6238: HOTP of T = floor(unix time / interval)).
    HOTP itself, as pyotp's TOTP refuses steps over 120 s and the rules allow longer ones."""
    return pyotp.HOTP(secret, digits=digits).at(step)


def expires_at(now: datetime, interval: int, window: int, step: int | None = None) -> datetime:
    """When a password of `step` (default: `now`'s) stops being accepted."""
    end_step = (step_of(now, interval) if step is None else step) + window + 1
    return datetime.fromtimestamp(end_step * interval, tz=now.tzinfo)


def step_to_issue(now: datetime, interval: int, window: int, issued: int,
                  used: set[int]) -> int | None:
    """G4: the step whose password to hand out now: the current step, or, when that one was
    already handed out or used, the next one within `window`; None when none is left."""
    current = step_of(now, interval)
    for step in range(current, current + max(window, 0) + 1):
        if step > issued and step not in used:
            return step
    return None


def seconds_to_next_step(now: datetime, interval: int) -> int:
    """Whole seconds (at least 1) until the next time-step starts."""
    left = (step_of(now, interval) + 1) * interval - now.timestamp()
    return max(1, int(left + 0.999))


def matching_step(secret: str, digits: int, interval: int, otp: str, now: datetime,
                  window: int) -> int | None:
    """The time-step `otp` belongs to: up to `window` steps back, or (a password handed out
    early, see `step_to_issue`) up to `window` steps ahead; None if none matches."""
    if not isinstance(otp, str) or len(otp) != digits or not otp.isdigit():
        return None
    current = step_of(now, interval)
    for offset in sorted(range(-window, window + 1), key=lambda o: (abs(o), o)):
        if hmac.compare_digest(code_of_step(secret, digits, interval, current + offset), otp):
            return current + offset
    return None


def check_not_locked(locked_until: datetime | None, now: datetime, what: str) -> None:
    if locked_until is not None and now < locked_until:
        minutes = max(1, int((locked_until - now).total_seconds() + 59) // 60)
        raise RuleViolation(f"Too many wrong {what}: locked for {minutes} more minute(s) "
                            "of world time. Try again later.", code="OTP_LOCKED", rule="G4",
                            details={"locked_until": locked_until.isoformat()})


def after_failure(failures: int, now: datetime, policy: OtpPolicy) -> tuple[int, datetime | None]:
    """Count one more failure; the threshold-th locks (and resets the count)."""
    failures += 1
    if failures >= policy.lockout_threshold:
        return 0, now + timedelta(seconds=policy.lockout_seconds)
    return failures, None
