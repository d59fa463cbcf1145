"""`/v2/user/info/`: the fields a token's scopes open, TikTok's names and shapes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import object_session

from fake_tiktok_app.domain import accounts as rules
from fake_tiktok_app.services.profile import ORG_FIELDS, user_info_fields
from fake_tiktok_app.store.accounts import Account
from sandbox.kernel.clock import iso
from sandbox.kernel.errors import BadRequest, SandboxError


def user_fields(account: Account, fields: str | None, granted_scope: str, now: datetime,
                app_url: str) -> dict[str, Any]:
    """Requesting a field whose scope was not granted fails the whole call (protocols.md §1.4)."""
    names = rules.parse_fields(fields)
    if not names:
        raise BadRequest("The 'fields' query parameter is required, e.g. "
                         "fields=open_id,display_name.", code="invalid_params")
    needed, unknown = rules.scopes_needed(names)
    if unknown:
        raise BadRequest(f"Unknown field(s): {', '.join(unknown)}.", code="invalid_params")
    missing = needed - set(granted_scope.split(","))
    if missing:
        raise SandboxError(f"The access token lacks scope(s) {', '.join(sorted(missing))} "
                           "needed for the requested fields.", code="scope_not_authorized",
                           status=401)
    avatar = f"{app_url}/avatars/{account.open_id}.svg"
    values: dict[str, Any] = {
        "open_id": account.open_id, "union_id": account.union_id, "avatar_url": avatar,
        "avatar_url_100": avatar + "?size=100", "avatar_large_url": avatar + "?size=720",
        "display_name": account.nickname, "bio_description": account.bio,
        "profile_deep_link": f"{app_url}/phone/@{account.username}",
        "is_verified": account.verified, "username": account.username,
        "follower_count": account.followers, "following_count": account.following,
        "likes_count": account.likes, "video_count": account.videos,
        "birthdate": account.birthdate.isoformat(),
        # TikTok's field says what it means: over 18, whatever age a rule (C1 `min_age`) asks.
        "is_over_18": rules.age_on(account.birthdate, now) >= 18,
        "region": account.region, "network_region": account.network_region,
        "account_status": account.status, "account_kind": account.kind,
        "ecommerce_permission": "revoked" if account.ecommerce_revoked else "granted",
        "ecommerce_revoked_reason": account.ecommerce_revoked_reason,
        "associated_with_revoked": account.associated_with_revoked,
        "phone_number": rules.mask_phone(account.phone),
        "violation_points": account.violation_points, "health_score": account.health_score,
        "last_serious_violation_at": iso(account.serious_violation_at),
        "business_entity": account.business_entity, "creator_network": account.creator_network,
        "real_name_verified": account.real_name_verified,
        "enterprise_verified": account.enterprise_verified,
        "verified_entity": account.verified_entity,
        "douyin_verification": account.douyin_verification,
        "id_verified_country": account.id_document_country,
        "affiliate_status": "approved" if account.affiliate_since is not None else "none",
    }
    session = object_session(account)
    if session is not None and ORG_FIELDS.intersection(names):  # G6/H2: organizations, trials
        values.update(user_info_fields(session, account, now))
    return {name: values[name] for name in names}
