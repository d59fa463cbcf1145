"""Which channel an account may sell a shop's product through (S1), and what a sale earns (S2)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from sandbox.kernel.errors import BadRequest, RuleViolation

SHOP_PAGE, SHOWCASE, LIVE, VIDEO, PRODUCT_PAGE = (
    "SHOP_PAGE", "SHOWCASE", "LIVE", "VIDEO", "PRODUCT_PAGE")
CHANNELS = (SHOP_PAGE, SHOWCASE, LIVE, VIDEO, PRODUCT_PAGE)
OFFICIAL, MARKETING, AFFILIATE, NONE = "OFFICIAL", "MARKETING", "AFFILIATE", "NONE"
RELATIONS = (OFFICIAL, MARKETING, AFFILIATE, NONE)

# S1: an official account sells through videos, LIVEs and its shop page; a marketing account and
# an affiliate creator through videos, LIVEs and their showcase; any buyer from the product page.
SELLS_THROUGH: dict[str, tuple[str, ...]] = {
    OFFICIAL: (VIDEO, LIVE, SHOP_PAGE),
    MARKETING: (VIDEO, LIVE, SHOWCASE),
    AFFILIATE: (VIDEO, LIVE, SHOWCASE),
    NONE: (),
}
RATE_UNIT = 10_000  # commission rates in hundredths of a percent, as TikTok's affiliate APIs
CENT = Decimal("0.01")


def check_channel(relation: str, channel: str) -> None:
    """Refuse a sale through a surface the content account does not sell the shop's products
    on (S1); PRODUCT_PAGE has no content account and is always open."""
    if channel not in CHANNELS:
        raise BadRequest(f"Unknown channel {channel!r}; use one of {', '.join(CHANNELS)}.",
                         code="INVALID_FIELD", details={"field": "channel",
                                                        "expected": list(CHANNELS)})
    if channel == PRODUCT_PAGE:
        return
    if channel not in SELLS_THROUGH[relation]:
        where = ", ".join(SELLS_THROUGH[relation]) or "nothing of this shop's"
        raise RuleViolation(
            f"An account whose relation to the shop is {relation} does not sell its products "
            f"through {channel}; it sells through {where}. Buy from the product's page "
            f"(PRODUCT_PAGE) instead.", code="CHANNEL_NOT_AVAILABLE", rule="S1",
            details={"relation": relation, "channel": channel,
                     "channels": list(SELLS_THROUGH[relation])})


def commission_rate(relation: str, product_rate: int, campaign_rate: int | None = None) -> int:
    """The rate a sale earns its content account (S2): none through the shop's own linked
    accounts or with no content account; an affiliate's, the campaign's rate where one applies,
    else the product's open-collaboration rate."""
    if relation != AFFILIATE:
        return 0
    return campaign_rate if campaign_rate is not None else product_rate


def money(value: str | Decimal) -> Decimal:
    """A decimal amount (TikTok sends money as decimal strings)."""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError):
        raise BadRequest(f"{value!r} is not an amount of money.", code="INVALID_FIELD") from None
    if not amount.is_finite() or amount < 0:
        raise BadRequest(f"{value!r} is not an amount of money.", code="INVALID_FIELD")
    return amount


def amount_text(amount: Decimal) -> str:
    """An amount as TikTok writes it: a string with two decimals ("19.99")."""
    return str(amount.quantize(CENT, rounding=ROUND_HALF_UP))


def commission_amount(price: str | Decimal, rate: int) -> str:
    """What a unit sold at `price` earns at `rate` (hundredths of a percent), to the cent."""
    return amount_text(money(price) * rate / RATE_UNIT)
