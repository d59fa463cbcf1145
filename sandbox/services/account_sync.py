"""Tell the app what a link did to the TikTok account: link info, its name (B2) and its kind (M3).

The account belongs to the fake app, so every change goes through a first-party call, made after
Seller Center's own transaction has committed (never while holding a write transaction)."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import Session

from sandbox.services import links, products, shops
from sandbox.services.seller_center import SellerCenter, credentials
from sandbox.services.shops import get_shop, shop_rules
from sandbox.services.tiktok_app import TikTokAppError
from sandbox.store.links import Link

log = logging.getLogger(__name__)


def _notice(sc: SellerCenter, world_id: str, form: dict[str, Any],
            client: tuple[str, str] | None = None) -> dict[str, Any] | None:
    if client is None:
        with sc.runtime.session() as session:
            client = credentials(session, world_id)
    try:
        return sc.tiktok.link_notice(client, **form)
    except TikTokAppError as exc:  # the link stands; the app's view catches up on the next notice
        log.warning("link notice to the app failed: %s", exc.message)
        return None


def after_link(sc: SellerCenter, world_id: str, link_id: str | None,
               session: Session | None = None) -> None:
    """A link became `linked`: show it in the app, upgrade (M3 US), rename an official (B2).
    In the caller's `session` (committed first: nothing is held while the app answers) the
    link and shop it already holds are not read again."""
    if not link_id:
        return
    if session is None:
        with sc.runtime.session() as own:
            _after_link(sc, own, world_id, link_id)
    else:
        _after_link(sc, session, world_id, link_id)


def _after_link(sc: SellerCenter, session: Session, world_id: str, link_id: str) -> None:
    link = session.get(Link, link_id)
    if link is None or link.status != "linked" or not link.active:
        return
    shop = get_shop(session, world_id, link.shop_id)
    form = {"open_id": link.open_id, "link_id": link.id, "shop_id": shop.id,
            "shop_name": shop.name, "role": link.role, "linked": True,
            "business_upgrade": shop_rules(session, shop).M3.business_account}
    if link.role == "official" and shop.market != "DOUYIN":  # Douyin: at the upgrade (J6)
        form["nickname"] = shop.name
    client = credentials(session, world_id)
    session.commit()
    answer = _notice(sc, world_id, form, client)
    if answer is None:
        return
    try:  # another writer may have changed the link's account meanwhile: read it again
        session.refresh(link, ["account"])
    except InvalidRequestError:  # the link is gone (its world was deleted)
        session.rollback()
        return
    link.account = {**link.account, "display_name": answer["nickname"],
                    "account_kind": answer["account_kind"]}
    session.commit()


def after_unlink(sc: SellerCenter, world_id: str, open_id: str, link_id: str,
                 unlink_request_id: str = "") -> None:
    """The link ended: the app drops its link info and settles the creator's requests (F5)."""
    _notice(sc, world_id, {"open_id": open_id, "link_id": link_id, "linked": False,
                           "unlink_request_id": unlink_request_id or None})


def rename_shop(sc: SellerCenter, world_id: str, shop_id: str, name: Any) -> dict[str, Any]:
    """B2: renaming the shop renames its official account at the same moment."""
    with sc.runtime.session() as session:
        shop = get_shop(session, world_id, shop_id)
        shops.rename(session, shop, name, sc.runtime.now(session, world_id))
        official = links.active_official(session, world_id, shop.id)
        official_id = official.id if official is not None else None
        session.commit()
        view = {"id": shop.id, "name": shop.name}
    after_link(sc, world_id, official_id)
    products.sync_catalogue(sc, world_id, shop_id)  # shop pages show the new name
    return {**view, "official_link_id": official_id}


def update_shop(sc: SellerCenter, world_id: str, shop_id: str,
                body: dict[str, Any]) -> dict[str, Any]:
    """Control plane: change a shop's status, phone or name; a new name renames its official
    account at the same moment (B2), told to the app after the commit."""
    with sc.runtime.session() as session:
        shop = shops.update_shop(session, world_id, shop_id, sc.runtime.now(session, world_id),
                                 body)
        official = links.active_official(session, world_id, shop_id) if "name" in body else None
        official_id = official.id if official is not None else None
        session.commit()
        view = shops.shop_view(shop)
    after_link(sc, world_id, official_id)
    if "name" in body:
        products.sync_catalogue(sc, world_id, shop_id)
    return view
