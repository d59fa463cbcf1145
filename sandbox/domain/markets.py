"""Market profiles (rule M1): each shop belongs to one. The numbers of rules that differ by
market are per-market parameters in the rule registry (sandbox.rules)."""

from __future__ import annotations

from dataclasses import dataclass

from sandbox.kernel.errors import BadRequest


@dataclass(frozen=True)
class MarketProfile:
    code: str
    # The TikTok region a linked account must be located and registered in (C2, C7).
    account_region: str
    seller_type: str  # TikTok Shop Open API: LOCAL | CROSS_BORDER


PROFILES: dict[str, MarketProfile] = {
    "US": MarketProfile("US", "US", "LOCAL"),
    "GB": MarketProfile("GB", "GB", "LOCAL"),
    "CB": MarketProfile("CB", "US", "CROSS_BORDER"),
    "DOUYIN": MarketProfile("DOUYIN", "CN", "LOCAL"),
}


def profile(market: str) -> MarketProfile:
    try:
        return PROFILES[market]
    except KeyError:
        raise BadRequest(f"Unknown market {market!r}; use one of {', '.join(PROFILES)}.",
                         code="INVALID_MARKET", rule="M1") from None
