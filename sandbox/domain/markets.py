"""Market profiles (rule M1): each shop belongs to one; rules that differ by market read it."""

from __future__ import annotations

from dataclasses import dataclass

from sandbox.kernel.errors import BadRequest


@dataclass(frozen=True)
class MarketProfile:
    code: str
    # The TikTok region a linked account must be located and registered in (C2, C7).
    account_region: str
    seller_type: str  # TikTok Shop Open API: LOCAL | CROSS_BORDER
    min_age: int = 18  # C1
    id_check_for_link: bool = False  # M2: US and CB need none
    follower_minimum_for_link: int = 0  # M2
    business_account_on_link: bool = False  # M3: US only
    marketing_accounts_max: int = 4  # B3 (invited shops; B4: open-recruitment shops get 0)
    invitation_ttl_hours: int = 48  # E1
    marketing_binds_max: int = 10  # E2: per rolling window
    marketing_binds_window_days: int = 180  # E2
    unlink_cooldown_hours: int = 24  # F1
    official_unlinks_max: int = 3  # F2: in the shop's whole history
    marketing_unlinks_max: int = 10  # F3: per rolling window
    marketing_unlinks_window_days: int = 180  # F3
    unlink_violation_points_max: int = 12  # F4: refused at >= this many points
    unlink_health_score_min: int = 150  # F4: refused at <= this score
    serious_violation_lookback_days: int = 90  # F4: "recent" serious violation (sandbox default)
    # G3: seconds an organization account takes to be created ("about 2-3 minutes").
    org_account_creation_delay_seconds: int = 150
    # G2: the shop name (the account's nickname) must be shorter than this, else creation fails.
    org_account_name_limit: int = 30
    # G5: how many times in total an organization account may be linked to its own shop.
    org_account_link_limit: int = 2


PROFILES: dict[str, MarketProfile] = {
    "US": MarketProfile("US", "US", "LOCAL", business_account_on_link=True),
    "GB": MarketProfile("GB", "GB", "LOCAL", id_check_for_link=True),
    "CB": MarketProfile("CB", "US", "CROSS_BORDER"),
    "DOUYIN": MarketProfile("DOUYIN", "CN", "LOCAL", id_check_for_link=True),
}


def profile(market: str) -> MarketProfile:
    try:
        return PROFILES[market]
    except KeyError:
        raise BadRequest(f"Unknown market {market!r}; use one of {', '.join(PROFILES)}.",
                         code="INVALID_MARKET", rule="M1") from None
