"""Request bodies for a shop's products (actor API, control plane, Seller Center's page)."""

from __future__ import annotations

from pydantic import Field

from sandbox.web.models.accounts import _not_sent
from sandbox.web_shared.requests import MAX_STORED_INT, RequestModel

Price = Field(max_length=20, description="an amount with up to two decimals, e.g. \"19.99\"")
Commission = Field(None, ge=0, le=MAX_STORED_INT, description=(
    "open to affiliates at this commission, in ten-thousandths: 1000 = 10% (100 to 8000)"))


class ProductCreate(RequestModel):
    """POST /api/v1/products and /_sandbox/v1/worlds/{world_id}/shops/{shop_id}/products."""

    title: str = Field(min_length=1, max_length=255)
    price: str = Price
    currency: str | None = Field(None, min_length=3, max_length=3,
                                 description="the market's currency (USD, GBP, CNY); default it")
    description: str = Field("", max_length=10000)
    status: str | None = Field(None, description="ACTIVATE (default), DRAFT, SELLER_DEACTIVATED, "
                                                 "PLATFORM_DEACTIVATED or FREEZE")
    inventory: int = Field(100, ge=0, le=MAX_STORED_INT)
    seller_sku: str = Field("", max_length=50)
    commission_rate: int | None = Commission


class ProductChange(RequestModel):
    """PATCH /api/v1/products/{product_id}."""

    title: str = _not_sent("1 to 255 characters", min_length=1, max_length=255)
    price: str = _not_sent("e.g. \"19.99\"", max_length=20)
    description: str = _not_sent("up to 10,000 characters", max_length=10000)
    status: str = _not_sent("ACTIVATE, DRAFT, SELLER_DEACTIVATED, PLATFORM_DEACTIVATED, FREEZE")
    inventory: int = _not_sent("a whole number ≥ 0", ge=0, le=MAX_STORED_INT)


class AffiliateOpening(RequestModel):
    """PUT /api/v1/products/{product_id}/affiliate: open to affiliates at a commission (A4)."""

    commission_rate: int = Field(ge=0, le=MAX_STORED_INT, description=(
        "ten-thousandths: 1000 = 10% (100 to 8000)"))
