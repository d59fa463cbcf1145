"""What a clock move changed, in words: one line per event its due jobs appended (any type, any face)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

ONE_BY_ONE = 8  # more changes than this are counted per kind ("… expired ×12")

# Whose state changed, by the event type's family (the part before the first dot).
FAMILIES = {
    "account": "TikTok account", "app": "TikTok app", "authorization": "Authorization",
    "client": "App client", "douyin": "Douyin", "earnings": "Earnings",
    "invitation": "Seller Center invitation", "link": "Account link", "oauth": "OAuth",
    "order": "Order", "org_account": "Organization account", "otp": "One-time password",
    "partner": "Partner Center", "product": "Product", "qr": "QR code", "shop": "Shop",
    "shop_app": "Shop app", "sms": "SMS", "ticket": "Support ticket", "upgrade": "Upgrade",
    "upgrade_request": "Upgrade request", "webhook": "Webhook", "world": "World",
}

# Event types said better than "<family>: <rest>"; {name} reads the event's data or subject.
WORDS = {
    "invitation.expired": "Seller Center invitation to @{username} expired (rule E1)",
    "invitation.declined": "Seller Center invitation to @{username} was declined",
    "invitation.linked": "Seller Center invitation to @{username} linked the account",
    "partner.invitation_expired": "Partner Center invitation to @{username} expired "
                                  "(rule I4)",
    "partner.invitation_accepted": "Partner Center invitation was accepted",
    "partner.invitation_declined": "Partner Center invitation was declined",
    "app.invitation_expired": "Invitation from {from} expired in the creator's TikTok inbox",
    "app.invitation_received": "Invitation from {from} arrived in a TikTok inbox",
    "qr.expired": "QR code {subject} expired",
    "org_account.created": "Organization account created",
    "org_account.failed": "Organization account creation failed",
    "shop_app.authorization_expired": "Shop app authorization expired",
    "shop_auth.expiry_warning": "Shop app authorization expires soon (warning sent)",
    "upgrade.trial_started": "Upgrade trial started",
    "webhook.queued": "Webhook {event} queued",
    "webhook.delivered": "Webhook delivered",
    "webhook.failed": "Webhook delivery failed",
    "link.linked": "Account linked",
    "douyin.verification": "Douyin verification settled",
    "order.status_changed": "Order {subject}: {from} → {to} (rule S3)",
    "order.cancellation_approved": "Order {subject}: the buyer's cancellation was approved "
                                   "(by {by})",
    "order.return_approved": "Order {subject}: the buyer's return was approved and refunded "
                             "(by {by})",
}


def kind_words(type_: str) -> str:
    """E.g. 'partner.invitation_expired' → 'Partner Center: invitation expired'."""
    family, _, rest = type_.partition(".")
    who = FAMILIES.get(family, family.replace("_", " ").capitalize())
    return f"{who}: {rest.replace('_', ' ').replace('.', ' ')}" if rest else who


def describe(event: Mapping[str, Any]) -> str:
    """One event in words; its type's own wording when its facts are there, else the kind."""
    type_ = str(event.get("type", ""))
    facts = {**(event.get("data") or {}), "subject": event.get("subject", "")}
    template = WORDS.get(type_)
    if template is not None:
        try:
            return template.format_map(facts)
        except (KeyError, ValueError):
            pass
    subject = event.get("subject")
    return kind_words(type_) + (f" ({subject})" if subject else "")


def summarize(events: Sequence[Mapping[str, Any]], count: int) -> list[str]:
    """Every change in words; past ONE_BY_ONE, one line per kind with its count. `count` is how
    many there were in all (the listed `events` may be cut short)."""
    if count <= ONE_BY_ONE and len(events) == count:
        return [describe(e) for e in events]
    counts: dict[str, int] = {}
    for e in events:
        counts[str(e.get("type", ""))] = counts.get(str(e.get("type", "")), 0) + 1
    lines = [kind_words(t) + (f" ×{n}" if n > 1 else "") for t, n in counts.items()]
    if len(events) < count:
        lines.append(f"… and {count - len(events)} more (in the world's event log)")
    return lines
