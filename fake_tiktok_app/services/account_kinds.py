"""Switching an account's kind in the app's settings: personal ↔ business (A1, A2; Partner
Center links business accounts, I1)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from fake_tiktok_app.store.accounts import Account
from sandbox.kernel.errors import Conflict
from sandbox.kernel.events import append_event


def switch_to_business(session: Session, account: Account, now: datetime) -> Account:
    """Settings → Account → Switch to Business Account (A2; what Partner Center links, I1). A
    business account switching again is a no-op; other kinds are not personal accounts."""
    if account.kind == "business":
        return account
    if account.kind != "personal":
        raise Conflict(f"Only a personal account can switch to a business account; this is an "
                       f"{account.kind} account.", code="ACCOUNT_NOT_PERSONAL")
    account.kind = "business"
    append_event(session, account.world_id, now, "account.switched_to_business", account.open_id,
                 {"kind": "business"})
    return account


def switch_to_personal(session: Session, account: Account, now: datetime) -> Account:
    """Settings → Account → Switch to Personal Account (A2 back to A1). A personal account
    switching again is a no-op; organization and enterprise accounts cannot."""
    if account.kind == "personal":
        return account
    if account.kind != "business":
        raise Conflict(f"Only a business account can switch back to a personal account; this "
                       f"is an {account.kind} account.", code="ACCOUNT_NOT_BUSINESS")
    account.kind = "personal"
    append_event(session, account.world_id, now, "account.switched_to_personal",
                 account.open_id, {"kind": "personal"})
    return account
