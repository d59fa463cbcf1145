"""Request bodies of orders: buying (control plane, first-party, the buyer's actor API), the
seller's and carrier's moves, and the buyer's requests (S1-S4)."""

from __future__ import annotations

from pydantic import Field

from sandbox.web_shared.purchase_models import (
    OrderItem,
    OrderReason,
    Purchase,
    ReturnRequest,
    SaleVia,
    ShippingAddress,
)
from sandbox.web_shared.requests import RequestModel

# The bodies both services accept live in web_shared; the sandbox's faces name them here too.
__all__ = ["OrderItem", "OrderReason", "Purchase", "ReturnRequest", "SaleVia", "ShippingAddress"]


class OrderCreate(Purchase):
    """POST /_sandbox/v1/worlds/{world_id}/orders: an account buys, as on the phone."""

    buyer: str = Field(min_length=1, max_length=64, description="the buyer's open_id")
    paid: bool = Field(True, description="false leaves it UNPAID (the clock cancels it, S3)")
    count: int = Field(1, ge=1, le=1000, description=(
        "bulk form for load tests: this many identical orders in one transaction"))


class BuyerFacts(RequestModel):
    open_id: str = Field(min_length=1, max_length=64)
    name: str = Field("", max_length=100)
    address: ShippingAddress | None = None
    payment: str = Field("succeed", description="succeed, decline or unpaid")


class FirstPartyVia(SaleVia):
    affiliate: bool = False
    username: str = Field("", max_length=64)


class FirstPartyPurchase(RequestModel):
    """POST /sandbox/v1/worlds/{world_id}/orders: the app places a buyer's order."""

    buyer: BuyerFacts
    items: list[OrderItem] = Field(max_length=50)
    via: FirstPartyVia
    address: ShippingAddress | None = None
    message: str = Field("", max_length=500)


class Transition(RequestModel):
    """POST …/orders/{order_id}/transition: move to any later status with every side effect."""

    to: str = Field(description="UNPAID, ON_HOLD, AWAITING_SHIPMENT, PARTIALLY_SHIPPING, "
                                "AWAITING_COLLECTION, IN_TRANSIT, DELIVERED, COMPLETED, CANCELLED")
    reason: str = Field("", max_length=200, description="why, in words")


class CarrierEvent(RequestModel):
    event: str = Field(description="collected, in_transit or delivered")


class Shipment(RequestModel):
    """The seller ships the order's package."""

    provider: str = Field("", max_length=100, description="shipping provider; default "
                                                          "Sandbox Express")
    tracking: str = Field("", max_length=64, description="tracking number; default generated")


class BuyerAction(RequestModel):
    """First-party: a buyer's cancel, return, receipt or pay, naming the buyer."""

    buyer: str = Field(min_length=1, max_length=64)
    payment: str = Field("succeed", description="the buyer's payment persona (pay)")
    reason: str = Field("", max_length=200)
    type: str = Field("RETURN_AND_REFUND", description="REFUND_ONLY or RETURN_AND_REFUND")
    address: ShippingAddress | None = Field(None, description="the new address (address)")
