"""What a TikTok account is: kinds, statuses, ages and which user-info fields each scope opens."""

from __future__ import annotations

from datetime import date, datetime

from sandbox.kernel.errors import BadRequest

KINDS = ("personal", "business", "organization", "enterprise")  # enterprise: Douyin 企业号
STATUSES = ("normal", "restricted", "banned", "suspended")
REGIONS = ("US", "GB", "CN", "DE", "FR", "ID", "MY", "PH", "SG", "TH", "VN", "JP", "MX", "BR", "ES",
           "IT", "IE", "CA")

BASIC_SCOPE = "user.info.basic"
PROFILE_SCOPE = "user.info.profile"
STATS_SCOPE = "user.info.stats"
# Sandbox extension: what Seller Center, a first-party client, reads to apply rules C1–C7.
ELIGIBILITY_SCOPE = "user.info.eligibility"
FIRST_PARTY_SCOPES = frozenset({ELIGIBILITY_SCOPE, "account.upgrade"})

FIELD_SCOPES: dict[str, str] = {
    **dict.fromkeys(("open_id", "union_id", "avatar_url", "avatar_url_100", "avatar_large_url",
                     "display_name"), BASIC_SCOPE),
    **dict.fromkeys(("bio_description", "profile_deep_link", "is_verified", "username"),
                    PROFILE_SCOPE),
    **dict.fromkeys(("follower_count", "following_count", "likes_count", "video_count"),
                    STATS_SCOPE),
    **dict.fromkeys(("birthdate", "is_over_18", "region", "network_region", "account_status",
                     "account_kind", "ecommerce_permission", "ecommerce_revoked_reason",
                     "associated_with_revoked", "phone_number", "violation_points",
                     "health_score", "last_serious_violation_at", "music_library",
                     "muted_earlier_videos", "owner_shop_id", "upgrade_status",
                     "business_entity", "creator_network", "real_name_verified",
                     "enterprise_verified", "verified_entity", "douyin_verification",
                     "id_verified_country", "affiliate_status"),
                    ELIGIBILITY_SCOPE),
}
# Sandbox extension: the account consents to an upgrade to an organization account (H1).
UPGRADE_SCOPE = "account.upgrade"
KNOWN_SCOPES = frozenset(FIELD_SCOPES.values()) | {"video.list", "video.upload", "video.publish",
                                                   UPGRADE_SCOPE}


def age_on(birthdate: date, now: datetime) -> int:
    today = now.date()
    return today.year - birthdate.year - ((today.month, today.day) < (birthdate.month, birthdate.day))


def birthdate_for_age(age: int, now: datetime) -> date:
    """The birthdate that makes the holder exactly `age` today (a year before the next birthday)."""
    today = now.date()
    try:
        return today.replace(year=today.year - age)
    except ValueError:  # 29 February
        return today.replace(year=today.year - age, day=28)


def check_choice(field: str, value: object, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise BadRequest(f"'{field}' must be one of {', '.join(allowed)}; got {value!r}.",
                         code="INVALID_FIELD", details={"field": field})
    return str(value)


def check_region(field: str, value: object) -> str:
    if not isinstance(value, str) or len(value) != 2 or not value.isalpha():
        raise BadRequest(f"'{field}' must be a two-letter region code such as US or GB; "
                         f"got {value!r}.", code="INVALID_FIELD", details={"field": field})
    return value.upper()


def mask_phone(phone: str | None) -> str | None:
    if not phone:
        return None
    return phone[:3] + "*" * max(0, len(phone) - 5) + phone[-2:]


def parse_fields(fields: str | None) -> list[str]:
    return [f.strip() for f in (fields or "").split(",") if f.strip()]


def scopes_needed(fields: list[str]) -> tuple[set[str], list[str]]:
    """The scopes the requested fields need, and the fields nobody knows."""
    unknown = [f for f in fields if f not in FIELD_SCOPES]
    return {FIELD_SCOPES[f] for f in fields if f in FIELD_SCOPES}, unknown
