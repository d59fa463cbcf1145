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
from fake_tiktok_app.store.organization import OrgCreation, OrgProfile, Upgrade
from fake_tiktok_app.store.shop_links import ShopLinkInfo


def latest_upgrade(session: Session, open_id: str) -> Upgrade | None:
    return session.scalars(select(Upgrade).where(Upgrade.open_id == open_id)
                           .order_by(Upgrade.started_at.desc())).first()


def _org_rows(session: Session, open_id: str) -> tuple[OrgProfile | None, Upgrade | None]:
    """The account's organization profile and its latest upgrade, in one statement."""
    row = session.execute(
        select(OrgProfile, Upgrade).select_from(Account)
        .outerjoin(OrgProfile, OrgProfile.open_id == Account.open_id)
        .outerjoin(Upgrade, Upgrade.open_id == Account.open_id)
        .where(Account.open_id == open_id).order_by(Upgrade.started_at.desc()).limit(1)).first()
    return (row[0], row[1]) if row is not None else (None, None)


def organization_view(session: Session, account: Account, now: datetime) -> dict[str, Any]:
    prof, upgrade = _org_rows(session, account.open_id)
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


def shop_name_of(session: Session, world_id: str, shop_id: str | None,
                 open_id: str | None = None) -> str | None:
    """The name the app knows a shop by: from a link's info Seller Center told it, else from
    the shop's organization-account request (its nickname is the shop's name, G1)."""
    if not shop_id:
        return None
    info = session.scalars(select(ShopLinkInfo).where(
        ShopLinkInfo.world_id == world_id, ShopLinkInfo.shop_id == shop_id)
        .order_by(ShopLinkInfo.open_id != (open_id or ""), ShopLinkInfo.linked_at.desc())).first()
    if info is not None and info.shop_name:
        return info.shop_name
    creation = session.scalars(select(OrgCreation).where(
        OrgCreation.world_id == world_id, OrgCreation.shop_id == shop_id)
        .order_by(OrgCreation.open_id != (open_id or ""), OrgCreation.created_at.desc())).first()
    if creation is not None:
        req = creation.request or {}
        return req.get("shop_name") or req.get("nickname") or None
    return None


# The user-info fields `user_info_fields` answers (the others need no organization rows).
ORG_FIELDS = frozenset({"is_verified", "music_library", "muted_earlier_videos", "owner_shop_id",
                        "ecommerce_permission", "upgrade_status"})


def user_info_fields(session: Session, account: Account, now: datetime) -> dict[str, Any]:
    """First-party user-info fields (sandbox extension, scope user.info.eligibility)."""
    view = organization_view(session, account, now)
    return {"is_verified": view["verified_badge"], "music_library": view["music_library"],
            "muted_earlier_videos": view["muted_earlier_videos"],
            "owner_shop_id": view["owner_shop_id"], "ecommerce_permission":
            view["ecommerce_permission"],
            "upgrade_status": view["upgrade"]["status"] if view["upgrade"] else None}
