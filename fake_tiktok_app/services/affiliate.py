"""Becoming an affiliate creator in the app (A4): ID verification, the agreement, the application."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from fake_tiktok_app.domain import commerce
from fake_tiktok_app.services.catalogue import seller_of
from fake_tiktok_app.store.accounts import Account
from sandbox.kernel.clock import iso
from sandbox.kernel.events import append_event


def verify_identity(session: Session, account: Account, document_type: str, country: str,
                    now: datetime) -> None:
    """A4/M2: a personal ID document of the account's market (the sandbox accepts it at once)."""
    commerce.check_id_document(document_type, country, account.region)
    account.id_document_type, account.id_document_country = document_type, country
    account.id_verified_at = now
    append_event(session, account.world_id, now, "account.identity_verified", account.open_id,
                 {"document_type": document_type, "country": country})


def sign_agreement(session: Session, account: Account, now: datetime) -> None:
    if account.affiliate_agreement_at is None:
        account.affiliate_agreement_at = now
        append_event(session, account.world_id, now, "account.affiliate_agreement_signed",
                     account.open_id, {})


def apply(session: Session, account: Account, follower_minimum: int, now: datetime) -> None:
    """A4: every condition is checked at once; the first unmet one is the refusal."""
    commerce.check_affiliate_application(
        seller_of(session, account), account.affiliate_agreement_at is not None,
        account.id_document_country, account.region, follower_minimum)
    account.affiliate_since = now
    append_event(session, account.world_id, now, "account.affiliate_approved", account.open_id,
                 {"followers": account.followers})


def status_view(account: Account, follower_minimum: int) -> dict[str, Any]:
    """What the app's "Become an affiliate" page shows, step by step."""
    return {
        "affiliate": account.affiliate_since is not None,
        "affiliate_since": iso(account.affiliate_since),
        "agreement_signed": account.affiliate_agreement_at is not None,
        "identity": ({"document_type": account.id_document_type,
                      "country": account.id_document_country,
                      "verified_at": iso(account.id_verified_at)}
                     if account.id_verified_at else None),
        "accepted_documents": list(commerce.accepted_documents(account.region)),
        "followers": account.followers, "follower_minimum": follower_minimum,
    }
