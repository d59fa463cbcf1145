"""What a checkout may hold and what it costs: quantities, products on sale, stock (S4), the
payment's amounts and the recipient address, pure."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sandbox.domain.attribution import amount_text, money
from sandbox.kernel.errors import BadRequest, RuleViolation

ON_SALE = "ACTIVATE"
# TikTok's ids of orders, lines, packages and requests are 18-digit decimal strings (§4).
ID_DIGITS = 18
ADDRESS_FIELDS = ("name", "phone_number", "address_line1", "address_line2", "city", "state",
                  "postal_code", "region_code")


@dataclass(frozen=True)
class Item:
    """One SKU and how many of it."""

    product_id: str
    quantity: int
    sku_id: str | None = None


def new_id(first: str = "5") -> str:
    """An id of TikTok's length (the first digit tells kinds apart when reading logs)."""
    return first + "".join(secrets.choice("0123456789") for _ in range(ID_DIGITS - 1))


def user_id_of(open_id: str) -> str:
    """The buyer's TikTok Shop `user_id`: 19 digits, the same for the same account always."""
    digest = int(hashlib.sha256(open_id.encode()).hexdigest()[:15], 16)
    return "7" + str(digest).zfill(18)[-18:]


def check_items(items: list[Item], most: int) -> None:
    """A checkout holds at least one SKU, each at least once and at most `most` times (the
    world's order_max_quantity)."""
    if not items:
        raise BadRequest("An order needs at least one item: items: [{product_id, quantity}].",
                         code="INVALID_FIELD", details={"field": "items"})
    for item in items:
        if not 1 <= item.quantity <= most:
            raise BadRequest(
                f"Quantity {item.quantity} of product {item.product_id} is not possible: buy "
                f"1 to {most} units (world setting order_max_quantity).",
                code="ORDER_QUANTITY_INVALID",
                details={"field": "quantity", "product_id": item.product_id, "min": 1,
                         "max": most})


def check_for_sale(product_id: str, status: str) -> None:
    if status != ON_SALE:
        raise RuleViolation(
            f"Product {product_id} is not on sale (status {status}); only ACTIVATE products "
            "can be bought.", code="PRODUCT_NOT_FOR_SALE", rule="S1", status=409,
            details={"product_id": product_id, "status": status})


def out_of_stock(product_id: str, wanted: int, left: int) -> RuleViolation:
    return RuleViolation(
        f"Only {left} of product {product_id} left in stock; the order asked for {wanted}. "
        "Nothing was sold.", code="OUT_OF_STOCK", rule="S4", status=409,
        details={"product_id": product_id, "wanted": wanted, "in_stock": left})


def check_one_shop(shop_ids: set[str]) -> None:
    if len(shop_ids) > 1:
        raise BadRequest("An order holds one shop's products (TikTok splits a cart by shop); "
                         f"these belong to {len(shop_ids)} shops: {', '.join(sorted(shop_ids))}.",
                         code="ORDER_MIXED_SHOPS", details={"shop_ids": sorted(shop_ids)})


def amounts(prices: list[tuple[str, int]], shipping_fee_cents: int) -> dict[str, str]:
    """TikTok's payment: sub_total = what the units cost (no discounts in the sandbox),
    shipping_fee, total_amount = sub_total + shipping_fee (no tax)."""
    sub_total = sum((money(price) * quantity for price, quantity in prices), Decimal(0))
    shipping = Decimal(shipping_fee_cents) / 100
    return {"sub_total": amount_text(sub_total), "shipping_fee": amount_text(shipping),
            "total_amount": amount_text(sub_total + shipping)}


def recipient(given: dict[str, Any] | None, default: dict[str, str]) -> dict[str, str]:
    """The address the buyer ships to: the account's, with what the buyer changed at checkout.
    Empty required parts are refused naming the field."""
    address = {key: str(default.get(key) or "") for key in ADDRESS_FIELDS}
    for key, value in (given or {}).items():
        if key not in ADDRESS_FIELDS:
            raise BadRequest(f"Unknown address field {key!r}; use {', '.join(ADDRESS_FIELDS)}.",
                             code="INVALID_FIELD", details={"field": f"address.{key}"})
        if value is not None and (not isinstance(value, str) or len(value) > 200):
            raise BadRequest(f"address.{key} must be text of up to 200 characters.",
                             code="INVALID_FIELD", details={"field": f"address.{key}"})
        if value is not None:
            address[key] = value.strip()
    for key in ("name", "address_line1", "region_code"):
        if not address[key]:
            raise BadRequest(f"The shipping address needs {key}.", code="INVALID_FIELD",
                             details={"field": f"address.{key}"})
    address["full_address"] = ", ".join(
        part for part in (address["address_line1"], address["address_line2"], address["city"],
                          " ".join(p for p in (address["state"], address["postal_code"]) if p),
                          address["region_code"]) if part)
    return address
