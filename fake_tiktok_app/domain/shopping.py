"""Buying in the app, pure: a buyer's payment persona, the address checkout starts from, and
whether the surface a buyer bought from shows the product (S1; B1, B3, A4 decide what shows)."""

from __future__ import annotations

from sandbox.kernel.errors import RuleViolation

PAYMENT_OUTCOMES = ("succeed", "decline", "unpaid")
SHOP_PAGE, SHOWCASE, LIVE, VIDEO, PRODUCT_PAGE = (
    "SHOP_PAGE", "SHOWCASE", "LIVE", "VIDEO", "PRODUCT_PAGE")
SURFACES = {SHOP_PAGE: "shop page", SHOWCASE: "showcase", LIVE: "LIVE", VIDEO: "videos"}
# Made-up but well-formed addresses, one a market, for buyers who never typed one.
_PLACES = {
    "US": ("1199 Coleman Ave", "San Jose", "CA", "95110"),
    "GB": ("10 Downing Street", "London", "", "SW1A 2AA"),
    "CN": ("朝阳区建国路 88 号", "北京", "北京市", "100022"),
}


def default_address(name: str, phone: str | None, region: str) -> dict[str, str]:
    line1, city, state, postal = _PLACES.get(region, _PLACES["US"])
    return {"name": name, "phone_number": phone or "", "address_line1": line1,
            "address_line2": "", "city": city, "state": state, "postal_code": postal,
            "region_code": region}


def check_on_surface(channel: str, via: str, shown: set[str], product_ids: list[str],
                     live_running: bool = True) -> None:
    """S1: a buyer buys only what the surface shows: the official account's shop page, an
    account's showcase, a LIVE in progress, a video's products."""
    if channel == LIVE and not live_running:
        raise RuleViolation(f"@{via} has no LIVE in progress; buy from a LIVE while it runs.",
                            code="PRODUCT_NOT_ON_SURFACE", rule="S1", status=409,
                            details={"channel": channel, "via": via})
    missing = [p for p in product_ids if p not in shown]
    if missing:
        raise RuleViolation(
            f"@{via}'s {SURFACES.get(channel, channel)} does not show product "
            f"{', '.join(missing)}; buy it where it is shown, or from its own page "
            "(PRODUCT_PAGE).", code="PRODUCT_NOT_ON_SURFACE", rule="S1", status=409,
            details={"channel": channel, "via": via, "product_ids": missing})
