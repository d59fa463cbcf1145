"""TikTok Shop's Affiliate Creator and Affiliate Seller APIs over the catalogue: the creator's
showcase (read and added through the app, B1/B3/A4), open-collaboration products (A4), and a
seller opening a product to affiliates at a commission."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from sandbox.domain import products as rules
from sandbox.kernel.fields import int_field, text_field, text_list_field
from sandbox.services import products
from sandbox.services.open_api_catalogue import (
    bad,
    item_error,
    page_args,
    paged,
    sales_region,
    tiktok_refusals,
)
from sandbox.services.seller_center import SellerCenter, credentials
from sandbox.services.tiktok_app import TikTokAppError
from sandbox.store.products import Product
from sandbox.store.shops import Shop

ORIGINS = ("SHOWCASE", "LIVE")
SORT_FIELDS = ("commission", "commission_rate", "product_sales_price", "units_sold")


def _money(amount: str, currency: str) -> dict[str, str]:
    return {"currency": currency, "minimum_amount": amount, "maximum_amount": amount}


def _commission(price: str, rate: int) -> str:
    return f"{Decimal(price) * rate / 10000:.2f}"


# -- Affiliate Creator: showcase ---------------------------------------------------------------
def _showcase_item(item: Mapping[str, Any], shop_id: str | None, origin: str) -> dict[str, Any]:
    own = item["shop_id"] == shop_id
    view: dict[str, Any] = {
        "id": item["product_id"], "title": item["title"], "shop": {"name": item["shop_name"]},
        "price": {"original_price": _money(item["price"], item["currency"])},
        "main_images": [], "source": "TIKTOK_STORE" if own else "AFFILIATE",
        "status": {"inventory_status": "IN_STOCK", "review_status": "APPROVED",
                   "is_hidden": False,
                   "added_status": "ADDED" if origin == "SHOWCASE" else "NOT_ADDED"}}
    if not own:
        view["commission"] = {"rate": item["commission_rate"], "reward_rate": 0}
    return view


def showcase_products(sc: SellerCenter, session: Session, world_id: str, open_id: str,
                      query: Mapping[str, str]) -> dict[str, Any]:
    """Get Showcase Products (`origin` SHOWCASE or LIVE; the sandbox keeps no live bag, so under
    LIVE the showcase's products are NOT_ADDED)."""
    size, offset = page_args(query)
    origin = text_field(query, "origin")
    if origin not in ORIGINS:
        raise bad("`origin` is required: SHOWCASE or LIVE.")
    client = credentials(session, world_id)
    with tiktok_refusals():
        showcase = sc.tiktok.showcase(client, open_id)
    items = [_showcase_item(p, showcase.get("shop_id"), origin) for p in showcase["products"]]
    page, token = paged(items, size, offset)
    return {"products": page, "next_page_token": token, "total_count": len(items)}


def add_showcase_products(sc: SellerCenter, session: Session, world_id: str, open_id: str,
                          body: Any) -> dict[str, Any]:
    """Add Showcase Products (`add_type` PRODUCT_ID): each product goes through the app's rules
    on its own; a refused one is an entry of `errors` (omitted when none), as TikTok answers."""
    add_type = text_field(body, "add_type") if isinstance(body, dict) else None
    if add_type not in ("PRODUCT_ID", "PRODUCT_LINK"):
        raise bad("`add_type` is required: PRODUCT_ID or PRODUCT_LINK.")
    if add_type == "PRODUCT_LINK":
        raise bad("`add_type` PRODUCT_LINK is not supported by the sandbox; send PRODUCT_ID "
                  "with `product_ids`.")
    ids = text_list_field(body, "product_ids")
    if ids is None or not 1 <= len(ids) <= 20 or not all(ids):
        raise bad("`product_ids` is a list of 1 to 20 product IDs.")
    client = credentials(session, world_id)
    errors = []
    for product_id in dict.fromkeys(ids):
        try:
            sc.tiktok.add_to_showcase(client, open_id, [product_id])
        except TikTokAppError as exc:
            if exc.status >= 500:
                raise
            errors.append(item_error(product_id, exc))
    return {"errors": errors} if errors else {}


# -- Affiliate Creator: open collaborations ----------------------------------------------------
def _range(body: Mapping[str, Any], name: str, low: str, high: str,
           kind: type) -> tuple[Any, Any]:
    spec = body.get(name) or {}
    if not isinstance(spec, dict):
        raise bad(f"`{name}` must be an object with `{low}` and `{high}`.")
    try:
        values = tuple(None if spec.get(k) is None else kind(spec[k]) for k in (low, high))
        if any(isinstance(v, Decimal) and not v.is_finite() for v in values):
            raise ValueError("not a finite number")  # NaN compares with nothing
    except (ValueError, ArithmeticError, TypeError):
        raise bad(f"`{name}` takes numbers in `{low}` and `{high}`.") from None
    return values


def open_collaboration_products(session: Session, world_id: str, query: Mapping[str, str],
                                body: Any) -> dict[str, Any]:
    """Search Open Collaboration Products: every shop's products open to affiliates (A4),
    filtered by title keywords (AND), sales price and commission rate; category is ignored."""
    size, offset = page_args(query)
    body = body if body is not None else {}
    if not isinstance(body, dict):
        raise bad("The request body must be a JSON object.")
    keywords = text_list_field(body, "title_keywords", [])
    price_ge, price_lt = _range(body, "sales_price_range", "amount_ge", "amount_lt", Decimal)
    rate_ge, rate_lt = _range(body, "commission_rate_range", "rate_ge", "rate_lt", int)
    field, order = text_field(query, "sort_field"), text_field(query, "sort_order") or "DESC"
    if field is not None and field not in SORT_FIELDS or order not in ("ASC", "DESC"):
        raise bad(f"`sort_field` is one of {', '.join(SORT_FIELDS)}; `sort_order` ASC or DESC.")
    rows = [p for p in products.affiliate_products(session, world_id)
            if all(k.lower() in p.title.lower() for k in keywords)
            and (price_ge is None or Decimal(p.price) >= price_ge)
            and (price_lt is None or Decimal(p.price) < price_lt)
            and (rate_ge is None or p.commission_rate >= rate_ge)
            and (rate_lt is None or p.commission_rate < rate_lt)]
    if field is not None:
        key = {"commission": lambda p: Decimal(_commission(p.price, p.commission_rate)),
               "commission_rate": lambda p: p.commission_rate,
               "product_sales_price": lambda p: Decimal(p.price),
               "units_sold": lambda p: 0}[field]
        rows.sort(key=key, reverse=order == "DESC")
    shops = {s.id: s for s in (session.get(Shop, sid) for sid in {p.shop_id for p in rows})
             if s is not None}
    items = [_open_product(p, shops[p.shop_id]) for p in rows if p.shop_id in shops]
    page, token = paged(items, size, offset)
    return {"products": page, "next_page_token": token, "total_count": len(items)}


def _open_product(product: Product, shop: Shop) -> dict[str, Any]:
    price = _money(product.price, product.currency)
    return {"id": product.id, "title": product.title, "shop": {"name": shop.name},
            "has_inventory": product.inventory > 0, "units_sold": 0,
            "sale_region": sales_region(shop.market), "main_image_url": "",
            "original_price": price, "sales_price": price, "category_chains": [],
            "commission": {"rate": product.commission_rate, "currency": product.currency,
                           "amount": _commission(product.price, product.commission_rate)}}


# -- Affiliate Seller --------------------------------------------------------------------------
def open_collaboration_id(product: Product) -> str:
    """The sandbox keeps one open collaboration a product, so its id derives from the product's."""
    return "3" + product.id[1:]


def create_open_collaboration(session: Session, shop: Shop, body: Any,
                              now: datetime) -> dict[str, Any]:
    """Create Open Collaboration: {product_id, commission_rate (100-8000)}; effective at once."""
    product_id = text_field(body, "product_id") if isinstance(body, dict) else None
    if not product_id:
        raise bad("`product_id` is required.")
    rate = int_field(body, "commission_rate")
    if rate is None:
        raise bad("`commission_rate` is required: an integer in hundredths of a percent "
                  f"({rules.COMMISSION_MIN}-{rules.COMMISSION_MAX}).")
    with tiktok_refusals():
        product = products.get_product(session, shop.world_id, shop.id, product_id)
        products.set_affiliate(session, product, rate, now)
    return {"open_collaboration": {"id": open_collaboration_id(product), "product_id": product.id,
                                   "effective_time": int(now.timestamp())}}


def remove_open_collaboration(session: Session, shop: Shop, product_id: str,
                              now: datetime) -> dict[str, Any]:
    """Remove Open Collaboration: TikTok ends it at the shop's next midnight; the sandbox ends
    it at once."""
    with tiktok_refusals():
        product = products.get_product(session, shop.world_id, shop.id, product_id)
        if not product.affiliate_open:
            raise bad(f"Product {product_id} has no open collaboration.", 404)
        products.set_affiliate(session, product, None, now)
    return {"terminated_effective_time": int(now.timestamp())}
