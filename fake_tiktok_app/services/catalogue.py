"""Shops' catalogues as the app shows them: the mirror Seller Center keeps, shop pages (B1) and
showcases (B3, A4)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from fake_tiktok_app.domain import commerce
from fake_tiktok_app.services.shop_links import link_info
from fake_tiktok_app.store.accounts import Account
from fake_tiktok_app.store.commerce import CatalogueProduct, ShowcaseItem
from sandbox.kernel.errors import NotFound, SandboxError
from sandbox.kernel.events import append_event


def replace_catalogue(session: Session, world_id: str, shop_id: str, shop_name: str,
                      products: list[dict[str, Any]], now: datetime) -> int:
    """First-party: the shop's whole catalogue, replacing what the app had (idempotent, so a
    push lost to a crash is healed by the next one). Deleted products are simply absent."""
    session.execute(delete(CatalogueProduct).where(CatalogueProduct.world_id == world_id,
                                                   CatalogueProduct.shop_id == shop_id))
    for p in products:
        session.add(CatalogueProduct(
            world_id=world_id, product_id=p["product_id"], shop_id=shop_id, shop_name=shop_name,
            title=p["title"], price=p["price"], currency=p["currency"], status=p["status"],
            affiliate_open=p["affiliate_open"], commission_rate=p["commission_rate"],
            synced_at=now))
    append_event(session, world_id, now, "app.catalogue_synced", shop_id,
                 {"products": len(products)})
    return len(products)


def seller_of(session: Session, account: Account) -> commerce.Seller:
    """The account as a seller of products: link role and shop (B1/B3), affiliate (A4)."""
    info = link_info(session, account)
    return commerce.Seller(role=info.role if info else None, shop_id=info.shop_id if info else None,
                           affiliate=account.affiliate_since is not None,
                           followers=account.followers)


def offer(session: Session, world_id: str, product_id: str) -> CatalogueProduct:
    product = session.get(CatalogueProduct, product_id)
    if product is None or product.world_id != world_id:
        raise NotFound(f"No product {product_id} on TikTok in this world.",
                       code="PRODUCT_NOT_FOUND")
    return product


def as_offer(product: CatalogueProduct) -> commerce.Offer:
    return commerce.Offer(product_id=product.product_id, shop_id=product.shop_id,
                          status=product.status, affiliate_open=product.affiliate_open)


def shop_page(session: Session, account: Account) -> list[CatalogueProduct]:
    """B1: an official account's profile shows every product on sale of its shop, as it is now."""
    seller = seller_of(session, account)
    if seller.role != "official":
        return []
    return list(session.scalars(select(CatalogueProduct).where(
        CatalogueProduct.world_id == account.world_id, CatalogueProduct.shop_id == seller.shop_id,
        CatalogueProduct.status == commerce.ACTIVE).order_by(CatalogueProduct.title)))


def own_shop_products(session: Session, account: Account) -> list[CatalogueProduct]:
    """"Add from shop" (B1, B3): the products on sale of the account's own shop, if linked."""
    seller = seller_of(session, account)
    if seller.shop_id is None:
        return []
    return list(session.scalars(select(CatalogueProduct).where(
        CatalogueProduct.world_id == account.world_id, CatalogueProduct.shop_id == seller.shop_id,
        CatalogueProduct.status == commerce.ACTIVE).order_by(CatalogueProduct.title)))


def marketplace(session: Session, world_id: str) -> list[CatalogueProduct]:
    """The affiliate marketplace (A4): products on sale of every shop, open to affiliates."""
    return list(session.scalars(select(CatalogueProduct).where(
        CatalogueProduct.world_id == world_id, CatalogueProduct.affiliate_open.is_(True),
        CatalogueProduct.status == commerce.ACTIVE).order_by(CatalogueProduct.title)))


def promotable(session: Session, account: Account) -> list[CatalogueProduct]:
    """What the account may put in a LIVE or a shoppable video now (B1/B3/A4's check_promotable)."""
    seller = seller_of(session, account)
    found = []
    for product in session.scalars(select(CatalogueProduct).where(
            CatalogueProduct.world_id == account.world_id,
            CatalogueProduct.status == commerce.ACTIVE).order_by(CatalogueProduct.title)):
        try:
            commerce.check_promotable(seller, as_offer(product))
        except SandboxError:
            continue
        found.append(product)
    return found


def showcase(session: Session, account: Account) -> list[CatalogueProduct]:
    """B1/B3/A4: what the account added by hand and is still on TikTok (a removed product is gone)."""
    return list(session.scalars(
        select(CatalogueProduct).join(ShowcaseItem, ShowcaseItem.product_id ==
                                      CatalogueProduct.product_id)
        .where(ShowcaseItem.world_id == account.world_id, ShowcaseItem.open_id == account.open_id,
               CatalogueProduct.world_id == account.world_id,
               CatalogueProduct.status == commerce.ACTIVE)
        .order_by(ShowcaseItem.added_at, ShowcaseItem.id)))


def showcase_view(session: Session, account: Account) -> dict[str, Any]:
    """The account's showcase as the first-party showcase API answers it: seller and products."""
    seller = seller_of(session, account)
    return {"open_id": account.open_id, "role": seller.role, "shop_id": seller.shop_id,
            "affiliate": seller.affiliate, "followers": seller.followers,
            "products": [product_view(p) for p in showcase(session, account)]}


def product_titles(session: Session, world_id: str) -> dict[str, str]:
    """Product id -> title for every product of the world (what a LIVE or a video names)."""
    return {p.product_id: p.title for p in session.scalars(
        select(CatalogueProduct).where(CatalogueProduct.world_id == world_id))}


def add_to_showcase(session: Session, account: Account, product_id: str,
                    now: datetime) -> CatalogueProduct:
    """"Add from shop" (B1 official, B3 marketing) or an affiliate product (A4)."""
    product = offer(session, account.world_id, product_id)
    seller = seller_of(session, account)
    commerce.check_promotable(seller, as_offer(product))
    exists = session.scalars(select(ShowcaseItem.id).where(
        ShowcaseItem.world_id == account.world_id, ShowcaseItem.open_id == account.open_id,
        ShowcaseItem.product_id == product_id)).first()
    if exists is None:  # adding twice is a no-op, like tapping "Add" on an added product
        session.add(ShowcaseItem(world_id=account.world_id, open_id=account.open_id,
                                 product_id=product_id, added_at=now))
        append_event(session, account.world_id, now, "app.showcase_product_added", account.open_id,
                     {"product_id": product_id, "shop_id": product.shop_id})
    return product


def remove_from_showcase(session: Session, account: Account, product_id: str,
                         now: datetime) -> None:
    removed = session.execute(delete(ShowcaseItem).where(
        ShowcaseItem.world_id == account.world_id, ShowcaseItem.open_id == account.open_id,
        ShowcaseItem.product_id == product_id)).rowcount
    if not removed:
        raise NotFound(f"Product {product_id} is not in this showcase.",
                       code="SHOWCASE_PRODUCT_NOT_FOUND")
    append_event(session, account.world_id, now, "app.showcase_product_removed", account.open_id,
                 {"product_id": product_id})


def product_view(product: CatalogueProduct) -> dict[str, Any]:
    return {"product_id": product.product_id, "shop_id": product.shop_id,
            "shop_name": product.shop_name, "title": product.title, "price": product.price,
            "currency": product.currency, "status": product.status,
            "affiliate_open": product.affiliate_open,
            "commission_rate": product.commission_rate}
