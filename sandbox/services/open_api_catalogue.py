"""The catalogue in TikTok Shop's Open API words: Product API 202309 and Affiliate Seller
bodies read into services.products calls, products written back in TikTok's shapes, pages."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from sandbox.domain import products as rules
from sandbox.domain.signing import OpenApiError
from sandbox.kernel.errors import SandboxError
from sandbox.kernel.fields import int_field, text_field, text_list_field
from sandbox.services import products
from sandbox.services.open_api_refusals import sandbox_words, tiktok_codes
from sandbox.store.products import Product
from sandbox.store.shops import Shop

INVALID = 36009004  # TikTok Shop's code for invalid parameters
PAGE_MAX = 100
BATCH_MAX = 50
SEARCH_STATUSES = ("ALL", *rules.STATUSES)


def bad(message: str, status: int = 400) -> OpenApiError:
    return OpenApiError(INVALID, f"Invalid parameter. {message}", status)


def tiktok_refusals() -> Any:
    """A service's refusal as TikTok's 36009004 (the catalogue documents no other codes)."""
    return tiktok_codes()


def item_error(product_id: str, exc: SandboxError) -> dict[str, Any]:
    """One entry of a batch answer's `errors`: TikTok's {code, message, detail{product_id}},
    plus `sandbox: {code, rule}` (sandbox extension)."""
    return {"code": INVALID, "message": sandbox_words(exc), "detail": {"product_id": product_id},
            "sandbox": {"code": exc.code, "rule": exc.rule}}


# -- pages ------------------------------------------------------------------------------------
def page_args(query: Mapping[str, str]) -> tuple[int, int]:
    """`page_size` (1-100, required) and `page_token` (opaque; the previous `next_page_token`)."""
    size = int_field(query, "page_size", low=1, high=PAGE_MAX)
    if size is None:
        raise bad(f"`page_size` is required and must be from 1 to {PAGE_MAX}.")
    token = text_field(query, "page_token", "")
    if not token:
        return size, 0
    try:
        offset = int(base64.urlsafe_b64decode(token.encode()).decode().removeprefix("offset:"))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise bad("`page_token` is not a token this endpoint returned.") from None
    if offset < 0:
        raise bad("`page_token` is not a token this endpoint returned.")
    return size, offset


def paged(items: list[Any], size: int, offset: int) -> tuple[list[Any], str]:
    """A page and the token of the next ("" on the last page, as TikTok sends)."""
    end = offset + size
    token = base64.urlsafe_b64encode(f"offset:{end}".encode()).decode() if end < len(items) else ""
    return items[offset:end], token


# -- TikTok's shapes --------------------------------------------------------------------------
def sales_region(market: str) -> str:
    return {"CB": "US"}.get(market, market)


def _ts(at: datetime) -> int:
    return int(at.timestamp())


def sku_view(product: Product) -> dict[str, Any]:
    return {"id": product.sku_id, "seller_sku": product.seller_sku,
            "price": {"currency": product.currency, "sale_price": product.price,
                      "tax_exclusive_price": product.price},
            "inventory": [{"warehouse_id": "7" + product.shop_id[1:],
                           "quantity": product.inventory}]}


def product_summary(product: Product, shop: Shop) -> dict[str, Any]:
    """Search Products' `products[]` entry (one SKU a product here)."""
    return {"id": product.id, "title": product.title, "status": product.status,
            "skus": [sku_view(product)], "sales_regions": [sales_region(shop.market)],
            "create_time": _ts(product.created_at), "update_time": _ts(product.updated_at),
            "is_not_for_sale": False}


def product_detail(product: Product, shop: Shop) -> dict[str, Any]:
    """Get Product Detail: the fields the sandbox keeps, in TikTok's names."""
    return {**product_summary(product, shop), "description": product.description,
            "main_images": [], "category_chains": [], "product_attributes": []}


# -- reading TikTok's bodies ------------------------------------------------------------------
def required_text(body: Mapping[str, Any], name: str) -> str:
    """A text field that must hold more than spaces."""
    value = text_field(body, name)
    if value is None or not value.strip():
        raise bad(f"`{name}` is required.")
    return value


def create_fields(body: Any) -> dict[str, Any]:
    """Create Product's body for one SKU: title, description, skus[0].price{amount|sale_price,
    currency}, seller_sku, inventory; category_id, main_images and the rest are accepted and
    ignored. `save_mode` AS_DRAFT keeps it a draft; otherwise it is on sale at once."""
    if not isinstance(body, dict):
        raise bad("The request body must be a JSON object.")
    title = required_text(body, "title")
    if len(title) > 255:
        raise bad("`title` must be at most 255 characters.")
    skus = body.get("skus")
    if not isinstance(skus, list) or len(skus) != 1 or not isinstance(skus[0], dict):
        raise bad("`skus` must hold exactly one SKU (the sandbox keeps one SKU a product).")
    sku = skus[0]
    price = sku.get("price")
    if not isinstance(price, dict):
        raise bad("`skus[0].price` is required: {amount, currency}.")
    at = "skus[0].price"
    amount = (text_field(price, "amount", within=at)
              or text_field(price, "sale_price", within=at))
    if amount is None:
        raise bad("`skus[0].price.amount` (or `sale_price`) is required.")
    fields: dict[str, Any] = {"title": title, "description": text_field(body, "description", ""),
                              "price": amount, "currency": text_field(price, "currency", within=at),
                              "seller_sku": text_field(sku, "seller_sku", "", within="skus[0]")}
    save_mode = text_field(body, "save_mode")
    if save_mode not in (None, "LISTING", "AS_DRAFT"):
        raise bad("`save_mode` must be LISTING or AS_DRAFT.")
    if save_mode == "AS_DRAFT":
        fields["status"] = "DRAFT"
    inventory = sku.get("inventory", [{"quantity": 100}])
    if not isinstance(inventory, list) or not all(
            isinstance(i, dict) and isinstance(i.get("quantity"), int)
            and not isinstance(i.get("quantity"), bool) and i["quantity"] >= 0
            for i in inventory):
        raise bad("`skus[0].inventory` is a list of {warehouse_id, quantity >= 0}.")
    fields["inventory"] = sum(i["quantity"] for i in inventory)
    if len(fields["seller_sku"]) > 50:
        raise bad("`seller_sku` must be at most 50 characters.")
    return fields


def product_ids(body: Any) -> list[str]:
    ids = text_list_field(body, "product_ids") if isinstance(body, dict) else None
    if ids is None or not 1 <= len(ids) <= BATCH_MAX or not all(ids):
        raise bad(f"`product_ids` is a list of 1 to {BATCH_MAX} product IDs.")
    return list(dict.fromkeys(ids))


def search_filter(body: Any) -> str | None:
    """Search Products' `status` (ALL or a product status); None for every live product."""
    if body is None:
        return None
    if not isinstance(body, dict):
        raise bad("The request body must be a JSON object.")
    status = text_field(body, "status")
    if status is not None and status not in SEARCH_STATUSES:
        raise bad(f"`status` must be one of {', '.join(SEARCH_STATUSES)}.")
    return None if status in (None, "ALL") else status


# -- batch changes ----------------------------------------------------------------------------
def change_each(session: Session, shop: Shop, ids: list[str], action: str,
                now: datetime) -> list[dict[str, Any]]:
    """Activate, deactivate or delete each product; a refused one changes nothing and is an
    entry of the answer's `errors` (TikTok answers code 0 with per-product errors)."""
    errors = []
    for product_id in ids:
        try:
            product = products.get_product(session, shop.world_id, shop.id, product_id)
            if action == "delete":
                products.delete_product(session, product, now)
            else:
                status = rules.ON_SALE if action == "activate" else "SELLER_DEACTIVATED"
                products.change_product(session, product, {"status": status}, now)
        except SandboxError as exc:
            if exc.status >= 500:
                raise
            errors.append(item_error(product_id, exc))
    return errors
