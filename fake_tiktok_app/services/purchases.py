"""A TikTok account buying: what the surface it buys from shows (S1), who the buyer is to the
shop (name, address, payment persona), and the calls that place and follow its orders in
TikTok Shop. The phone's pages and the buyer's actor API both come here."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fake_tiktok_app.domain import shopping
from fake_tiktok_app.services import catalogue, content
from fake_tiktok_app.services.accounts import get_account
from fake_tiktok_app.services.shop_client import ShopClient
from fake_tiktok_app.store.accounts import Account
from fake_tiktok_app.store.commerce import Video


def buyer_facts(account: Account) -> dict[str, Any]:
    """What TikTok Shop records of a buyer: open_id, name, the address checkout starts from,
    and the payment persona."""
    address = account.shipping_address or shopping.default_address(
        account.nickname or account.username, account.phone, account.region)
    return {"open_id": account.open_id, "name": account.nickname or account.username,
            "address": address, "payment": account.payment}


def shown_on(session: Session, via: Account, channel: str) -> tuple[set[str], bool]:
    """The product ids `via`'s surface shows, and (LIVE) whether a LIVE is running."""
    if channel == shopping.SHOP_PAGE:
        return {p.product_id for p in catalogue.shop_page(session, via)}, True
    if channel == shopping.SHOWCASE:
        return {p.product_id for p in catalogue.showcase(session, via)}, True
    if channel == shopping.LIVE:
        live = content.current_live(session, via)
        return (set(live.product_ids) if live else set()), live is not None
    if channel == shopping.VIDEO:
        shown: set[str] = set()
        for ids in session.scalars(select(Video.product_ids).where(
                Video.world_id == via.world_id, Video.open_id == via.open_id)):
            shown.update(ids or [])
        return shown, True
    return set(), True


def surface_facts(session: Session, world_id: str, via_open_id: str | None, channel: str,
                  product_ids: list[str]) -> dict[str, Any]:
    """S1: refuse a purchase through a surface that does not show the products; else what
    TikTok Shop needs to attribute it (whether `via` is an affiliate creator, A4)."""
    if channel == shopping.PRODUCT_PAGE or via_open_id is None:
        return {"affiliate": False}
    via = get_account(session, world_id, via_open_id)
    shown, running = shown_on(session, via, channel)
    if channel in shopping.SURFACES:
        shopping.check_on_surface(channel, via.username, shown, product_ids, running)
    return {"affiliate": via.affiliate_since is not None, "username": via.username}


def buy(shop: ShopClient, session: Session, buyer: Account, items: list[dict[str, Any]],
        via: dict[str, Any] | None, address: dict[str, Any] | None,
        message: str = "") -> dict[str, Any]:
    """Check the surface here, then ask TikTok Shop to place the order (it checks products,
    stock and the channel, and attributes the sale). The buyer's payment persona decides
    whether it is paid. Returns TikTok Shop's order."""
    channel = (via or {}).get("channel") or shopping.PRODUCT_PAGE
    via_open_id = (via or {}).get("open_id")
    facts = surface_facts(session, buyer.world_id, via_open_id, channel,
                          [str(i.get("product_id")) for i in items])
    body = {"buyer": buyer_facts(buyer), "items": items, "address": address,
            "via": {"open_id": via_open_id, "channel": channel,
                    "affiliate": facts["affiliate"], "username": facts.get("username", "")},
            "message": message}
    world_id = buyer.world_id
    session.commit()  # nothing of the app's is held while TikTok Shop answers
    return shop.call(session, world_id, "POST", "/orders", body)


def buyer_call(shop: ShopClient, session: Session, buyer: Account, method: str, path: str,
               body: dict[str, Any] | None = None,
               params: dict[str, Any] | None = None) -> dict[str, Any]:
    """The buyer's other calls (their orders, cancel, return, receipt, pay, earnings): TikTok
    Shop checks the order is theirs."""
    world_id, open_id = buyer.world_id, buyer.open_id
    session.commit()
    return shop.call(session, world_id, method, path,
                              {**(body or {}), "buyer": open_id} if method != "GET" else None,
                              {**(params or {}), "buyer": open_id})
