"""A shop's catalogue (B1, B3, A4): add, change, delete, open to affiliates; every change is
told to the app after the commit, so shop pages and showcases follow the catalogue."""

from __future__ import annotations

import logging
import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.domain import products as rules
from sandbox.domain.webhook_types import PRODUCT_CREATION, PRODUCT_STATUS_CHANGE
from sandbox.kernel.clock import iso
from sandbox.kernel.errors import NotFound
from sandbox.kernel.events import append_event
from sandbox.services import shop_webhooks as webhooks
from sandbox.services.seller_center import SellerCenter, credentials
from sandbox.services.shops import get_shop
from sandbox.services.tiktok_app import TikTokAppError
from sandbox.store.products import Product
from sandbox.store.shops import Shop

log = logging.getLogger(__name__)


def _numeric_id() -> str:
    return "17" + "".join(secrets.choice("0123456789") for _ in range(17))


def new_product(session: Session, shop: Shop, fields: dict[str, Any], now: datetime) -> Product:
    """A product in the shop's currency (M1); on sale at once unless a status says otherwise."""
    product = Product(
        world_id=shop.world_id, id=_numeric_id(), shop_id=shop.id,
        title=fields["title"].strip(), description=fields.get("description") or "",
        price=rules.check_price(fields["price"]),
        currency=rules.check_currency(fields.get("currency") or rules.currency_for(shop.market),
                                      shop.market),
        status=rules.check_status(fields.get("status") or rules.ON_SALE),
        sku_id=_numeric_id(), seller_sku=fields.get("seller_sku") or "",
        inventory=fields.get("inventory", 100), affiliate_open=False, commission_rate=0,
        created_at=now, updated_at=now)
    if fields.get("commission_rate") is not None:
        rules.check_affiliate_openable(product.status, product.id)
        product.affiliate_open = True
        product.commission_rate = rules.check_commission(fields["commission_rate"])
    session.add(product)
    append_event(session, shop.world_id, now, "product.created", product.id,
                 {"shop_id": shop.id, "title": product.title,
                  "affiliate_open": product.affiliate_open})
    webhooks.send_to_shop_apps(session, shop.world_id, shop.id, now, PRODUCT_CREATION,
                               creation_data(product))
    return product


def creation_data(product: Product) -> dict[str, Any]:
    """PRODUCT_CREATION (16)'s `data`. TikTok's product webhook pages type `product_id` as int,
    but a 19-digit number loses digits in JavaScript (their own sample shows
    576486316948490000); the sandbox sends it as the string every 202309 API answer carries,
    as it sends `shop_id`."""
    return {"product_id": product.id, "update_time": int(product.created_at.timestamp())}


def status_change_data(product: Product) -> dict[str, Any]:
    """PRODUCT_STATUS_CHANGE (5)'s `data`, in the wheel's shape (the id a string, as in 16)."""
    return {"product_id": product.id, "status": "PRODUCT_STATUS_CHANGED",
            "suspended_reason": "", "update_time": int(product.updated_at.timestamp())}


def _status_changed(session: Session, product: Product, now: datetime) -> None:
    """PRODUCT_STATUS_CHANGE (5) to the shop's authorized apps."""
    webhooks.send_to_shop_apps(session, product.world_id, product.shop_id, now,
                               PRODUCT_STATUS_CHANGE, status_change_data(product))


def get_product(session: Session, world_id: str, shop_id: str, product_id: str,
                *, deleted: bool = False) -> Product:
    product = session.get(Product, product_id)
    if (product is None or product.world_id != world_id or product.shop_id != shop_id
            or (product.status == rules.DELETED and not deleted)):
        raise NotFound(f"No product {product_id} in this shop.", code="PRODUCT_NOT_FOUND")
    return product


def change_product(session: Session, product: Product, fields: dict[str, Any],
                   now: datetime) -> Product:
    """Title, description, price, status, inventory; deactivating closes it to affiliates."""
    rules.check_changeable(product.status, product.id)
    if "title" in fields:
        product.title = fields["title"].strip()
    if "description" in fields:
        product.description = fields["description"] or ""
    if "price" in fields:
        product.price = rules.check_price(fields["price"])
    if "inventory" in fields:
        product.inventory = fields["inventory"]
    before = product.status
    if "status" in fields:
        product.status = rules.check_status(fields["status"])
        if product.status != rules.ON_SALE:
            product.affiliate_open = False
    product.updated_at = now
    if product.status != before:
        _status_changed(session, product, now)
    append_event(session, product.world_id, now, "product.updated", product.id,
                 {"shop_id": product.shop_id, "changed": sorted(fields)})
    return product


def delete_product(session: Session, product: Product, now: datetime) -> None:
    """TikTok keeps deleted products (status DELETED); they leave shop pages and showcases."""
    if product.status == rules.DELETED:
        return
    product.status, product.affiliate_open, product.updated_at = rules.DELETED, False, now
    _status_changed(session, product, now)
    append_event(session, product.world_id, now, "product.deleted", product.id,
                 {"shop_id": product.shop_id})


def set_affiliate(session: Session, product: Product, commission_rate: int | None,
                  now: datetime) -> Product:
    """Open to affiliates at a commission (A4: any shop's affiliates may promote it), or close
    (`commission_rate` None)."""
    if commission_rate is None:
        rules.check_changeable(product.status, product.id)
        product.affiliate_open, product.commission_rate = False, 0
    else:
        rules.check_affiliate_openable(product.status, product.id)
        product.affiliate_open = True
        product.commission_rate = rules.check_commission(commission_rate)
    product.updated_at = now
    append_event(session, product.world_id, now,
                 "product.affiliate_opened" if product.affiliate_open else
                 "product.affiliate_closed", product.id,
                 {"shop_id": product.shop_id, "commission_rate": product.commission_rate})
    return product


def shop_products(session: Session, world_id: str, shop_id: str,
                  status: str | None = None) -> list[Product]:
    query = select(Product).where(Product.world_id == world_id, Product.shop_id == shop_id)
    if status:
        query = query.where(Product.status == status)
    else:
        query = query.where(Product.status != rules.DELETED)
    return list(session.scalars(query.order_by(Product.created_at, Product.id)))


def affiliate_products(session: Session, world_id: str) -> list[Product]:
    """The open-collaboration marketplace: every shop's products open to affiliates (A4)."""
    return list(session.scalars(select(Product).where(
        Product.world_id == world_id, Product.affiliate_open.is_(True),
        Product.status == rules.ON_SALE).order_by(Product.created_at, Product.id)))


def product_view(product: Product) -> dict[str, Any]:
    return {"id": product.id, "shop_id": product.shop_id, "title": product.title,
            "description": product.description, "price": product.price,
            "currency": product.currency, "status": product.status, "sku_id": product.sku_id,
            "seller_sku": product.seller_sku, "inventory": product.inventory,
            "affiliate_open": product.affiliate_open,
            "commission_rate": product.commission_rate,
            "created_at": iso(product.created_at), "updated_at": iso(product.updated_at)}


def commit_and_sync(sc: SellerCenter, session: Session, world_id: str, shop_id: str) -> None:
    """Every catalogue change ends so: commit, then tell the app (B1: shop pages follow)."""
    session.commit()
    sync_catalogue(sc, world_id, shop_id)


def sync_catalogue(sc: SellerCenter, world_id: str, shop_id: str) -> bool:
    """Push the shop's whole catalogue to the app (after the commit; a lost push is healed by
    the next, as each replaces the last). Returns whether the app took it."""
    with sc.runtime.session() as session:
        client = credentials(session, world_id)
        shop = get_shop(session, world_id, shop_id)
        items = [{"product_id": p.id, "title": p.title, "price": p.price,
                  "currency": p.currency, "status": p.status,
                  "affiliate_open": p.affiliate_open, "commission_rate": p.commission_rate}
                 for p in shop_products(session, world_id, shop_id)]
        name = shop.name
    try:
        sc.tiktok.first_party(*client, f"/shops/{shop_id}/catalogue",
                              {"shop_name": name, "products": items}, method="PUT")
    except TikTokAppError as exc:
        log.warning("catalogue push to the app failed: %s", exc.message)
        return False
    return True
