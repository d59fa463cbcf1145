"""Which login methods an account may use: OTP-only for organization accounts (G4) and accounts in
an upgrade trial (H2). Both the password login and the OTP login ask it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from fake_tiktok_app.domain.organization import TRIAL
from fake_tiktok_app.store.accounts import Account
from fake_tiktok_app.store.organization import Upgrade
from sandbox.kernel.errors import RuleViolation


def active_trial(session: Session, open_id: str) -> Upgrade | None:
    return session.scalars(select(Upgrade).where(Upgrade.open_id == open_id,
                                                 Upgrade.status == TRIAL)).first()


def otp_only_rule(session: Session, account: Account) -> str | None:
    """G4 for organization accounts, H2 for accounts in an upgrade trial; else None."""
    if account.kind == "organization":
        return "G4"
    return "H2" if active_trial(session, account.open_id) is not None else None


def refuse_other_login(session: Session, account: Account | None, method: str) -> None:
    """Password, phone and e-mail logins stop working for OTP-only accounts (G4, H2)."""
    if account is None:
        return
    rule = otp_only_rule(session, account)
    if rule is not None:
        who = "An organization account" if rule == "G4" else "An account in its upgrade trial"
        raise RuleViolation(f"{who} cannot log in with {method.replace('_', ' ')}: use the "
                            "username and a one-time password from Seller Center.",
                            code=f"ORG_ACCOUNT_{method.upper()}_LOGIN_DISABLED", rule=rule)
