"""Request bodies both services accept for buying (S1-S4): the buyer's items, where the sale
happened and the address, as the phone's actor API and the control plane take them."""

from __future__ import annotations

from pydantic import Field

from sandbox.web_shared.requests import MAX_STORED_INT, RequestModel


class ShippingAddress(RequestModel):
    """Where a buyer's orders go (TikTok's recipient_address parts)."""

    name: str | None = Field(None, max_length=200)
    phone_number: str | None = Field(None, max_length=200)
    address_line1: str | None = Field(None, max_length=200)
    address_line2: str | None = Field(None, max_length=200)
    city: str | None = Field(None, max_length=200)
    state: str | None = Field(None, max_length=200)
    postal_code: str | None = Field(None, max_length=200)
    region_code: str | None = Field(None, max_length=200)


class OrderItem(RequestModel):
    product_id: str = Field(min_length=1, max_length=24)
    sku_id: str | None = Field(None, max_length=24, description="the product's SKU; default it")
    quantity: int = Field(1, ge=-MAX_STORED_INT, le=MAX_STORED_INT, description=(
        "units of this SKU, 1 to the world's order_max_quantity (ORDER_QUANTITY_INVALID)"))


class SaleVia(RequestModel):
    open_id: str | None = Field(None, max_length=64, description=(
        "the content account whose surface sold it; none for PRODUCT_PAGE"))
    channel: str = Field("PRODUCT_PAGE", description=(
        "SHOP_PAGE, SHOWCASE, LIVE, VIDEO or PRODUCT_PAGE (S1)"))


class Purchase(RequestModel):
    """POST /app/api/v1/orders: the logged-in account buys."""

    items: list[OrderItem] = Field(min_length=1, max_length=50)
    via: SaleVia | None = None
    address: ShippingAddress | None = Field(None, description=(
        "changes to the account's address for this order"))
    message: str = Field("", max_length=500, description="a note to the seller")


class OrderReason(RequestModel):
    """A cancellation (buyer or seller) or an answer to a request, with its reason."""

    reason: str = Field("", max_length=200, description="why, in words")


class ReturnRequest(RequestModel):
    reason: str = Field(min_length=1, max_length=200)
    type: str = Field("RETURN_AND_REFUND", description="REFUND_ONLY or RETURN_AND_REFUND")


class PurchaseCheck(RequestModel):
    """First-party (Seller Center → app): who the buyer is, and does the surface show these?"""

    buyer: str = Field(min_length=1, max_length=64)
    via_open_id: str | None = Field(None, max_length=64)
    channel: str = Field("PRODUCT_PAGE", max_length=16)
    product_ids: list[str] = Field(max_length=50)
