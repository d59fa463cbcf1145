"""A shop's products: the fields and values TikTok Shop accepts, and who may open them to
affiliates (B1, B3, A4 read them on the app's side)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from sandbox.kernel.errors import BadRequest, Conflict

# TikTok Shop's product statuses (Product API 202309 `status`).
STATUSES = ("DRAFT", "PENDING", "FAILED", "ACTIVATE", "SELLER_DEACTIVATED",
            "PLATFORM_DEACTIVATED", "FREEZE", "DELETED")
SETTABLE_STATUSES = ("DRAFT", "ACTIVATE", "SELLER_DEACTIVATED", "PLATFORM_DEACTIVATED", "FREEZE")
ON_SALE = "ACTIVATE"
DELETED = "DELETED"
# Each market sells in its own currency (M1); cross-border sellers sell into the US.
CURRENCIES = {"US": "USD", "CB": "USD", "GB": "GBP", "DOUYIN": "CNY"}
# Open collaboration commission: TikTok sends ten-thousandths (1000 = 10.00%); 1%–80%.
COMMISSION_MIN, COMMISSION_MAX = 100, 8000
_PRICE = re.compile(r"\d{1,9}(\.\d{1,2})?")


def currency_for(market: str) -> str:
    return CURRENCIES.get(market, "USD")


def check_price(price: str) -> str:
    """A positive amount with at most two decimals, as a string (TikTok's wire format)."""
    if not _PRICE.fullmatch(price):
        raise BadRequest(f"'price' {price!r} must be an amount such as \"19.99\" (up to two "
                         "decimals).", code="INVALID_FIELD", details={"field": "price"})
    try:
        amount = Decimal(price)
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        raise BadRequest("'price' must be a decimal amount.", code="INVALID_FIELD") from None
    if amount <= 0:
        raise BadRequest("'price' must be more than 0.", code="INVALID_FIELD",
                         details={"field": "price"})
    return f"{amount:.2f}"


def check_currency(currency: str, market: str) -> str:
    expected = currency_for(market)
    if currency.upper() != expected:
        raise BadRequest(f"A {market} shop sells in {expected}, not {currency}.",
                         code="CURRENCY_MISMATCH", rule="M1", details={"expected": expected})
    return expected


def check_status(status: str) -> str:
    if status not in SETTABLE_STATUSES:
        raise BadRequest(f"'status' must be one of {', '.join(SETTABLE_STATUSES)}.",
                         code="INVALID_FIELD", details={"field": "status"})
    return status


def check_commission(rate: int) -> int:
    if not COMMISSION_MIN <= rate <= COMMISSION_MAX:
        raise BadRequest(f"'commission_rate' is in ten-thousandths, from {COMMISSION_MIN} (1%) to "
                         f"{COMMISSION_MAX} (80%).", code="INVALID_COMMISSION_RATE", rule="A4",
                         details={"min": COMMISSION_MIN, "max": COMMISSION_MAX})
    return rate


def check_changeable(status: str, product_id: str) -> None:
    if status == DELETED:
        raise Conflict(f"Product {product_id} was deleted.", code="PRODUCT_DELETED")


def check_affiliate_openable(status: str, product_id: str) -> None:
    """Affiliates can only promote what is on sale."""
    check_changeable(status, product_id)
    if status != ON_SALE:
        raise Conflict(f"Product {product_id} is not on sale (status {status}); activate it "
                       "before opening it to affiliates.", code="PRODUCT_NOT_ON_SALE", rule="A4")
