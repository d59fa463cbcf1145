"""How an account shows on its profile and in user info as regards organization accounts (G6,
H2): badge, music library, muted videos, login methods, trial and earnings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fake_tiktok_app.domain.organization import features
from fake_tiktok_app.services import otp
from fake_tiktok_app.store.accounts import Account
from fake_tiktok_app.store.organization import OrgProfile, Upgrade


def latest_upgrade(session: Session, open_id: str) -> Upgrade | None:
    return session.scalars(select(Upgrade).where(Upgrade.open_id == open_id)
                           .order_by(Upgrade.started_at.desc())).first()


def organization_view(session: Session, account: Account, now: datetime) -> dict[str, Any]:
    prof = session.get(OrgProfile, account.open_id)
    upgrade = latest_upgrade(session, account.open_id)
    in_trial = upgrade is not None and upgrade.status == otp.TRIAL
    feats = features(account.kind, account.videos, prof.origin if prof else None)
    otp_only = account.kind == "organization" or in_trial
    return {
        "open_id": account.open_id, "username": account.username, "kind": account.kind,
        # G6: an organization account never shows the verified badge.
        "verified_badge": bool(account.verified and feats["verified_badge_allowed"]),
        "music_library": feats["music_library"],
        "muted_earlier_videos": feats["muted_earlier_videos"],
        "owner_shop_id": prof.owner_shop_id if prof and account.kind == "organization" else None,
        "organization_origin": prof.origin if prof and account.kind == "organization" else None,
        "login_methods": ["one_time_password"] if otp_only else ["password", "phone", "email"],
        # H2: no e-commerce permission during the trial.
        "ecommerce_permission": "none" if in_trial else (
            "revoked" if account.ecommerce_revoked else "granted"),
        "upgrade": None if upgrade is None else {
            "id": upgrade.id, "status": upgrade.status, "shop_id": upgrade.shop_id,
            "ends_at": upgrade.ends_at.isoformat(),
            "expired_earnings_cents": upgrade.expired_earnings_cents},
        "earnings_cents": prof.earnings_cents if prof else 0,
    }


def user_info_fields(session: Session, account: Account, now: datetime) -> dict[str, Any]:
    """First-party user-info fields (sandbox extension, scope user.info.eligibility)."""
    view = organization_view(session, account, now)
    return {"is_verified": view["verified_badge"], "music_library": view["music_library"],
            "muted_earlier_videos": view["muted_earlier_videos"],
            "owner_shop_id": view["owner_shop_id"], "ecommerce_permission":
            view["ecommerce_permission"],
            "upgrade_status": view["upgrade"]["status"] if view["upgrade"] else None}
