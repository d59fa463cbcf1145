"""Douyin Shop's official account after the QR leg (J1, J4–J7): the verifications a binding
starts, the one rebind, the upgrade, the reminder and listing restriction, authorized accounts.

The QR binding itself is Seller Center's link request (`linking`), whose verdict and confirmation
take the Douyin rules for shops of market DOUYIN."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sandbox.domain import douyin as rules
from sandbox.kernel.clock import iso, parse_instant
from sandbox.kernel.errors import BadRequest, Conflict, RuleViolation
from sandbox.kernel.events import append_event
from sandbox.kernel.store import new_id
from sandbox.kernel.world_config import rules_for
from sandbox.kernel.world_facts import world_now
from sandbox.services import links, products
from sandbox.services.seller_center import SellerCenter, credentials
from sandbox.services.shops import get_shop
from sandbox.store.douyin import DouyinAuthorization, DouyinShopState
from sandbox.store.links import Link
from sandbox.store.products import Product
from sandbox.store.shops import Shop


def douyin_shop(session: Session, world_id: str, shop_id: str) -> Shop:
    shop = get_shop(session, world_id, shop_id)
    if shop.market != rules.MARKET:
        raise BadRequest("This is not a Douyin shop (market DOUYIN).", code="NOT_A_DOUYIN_SHOP")
    return shop


def state_of(session: Session, world_id: str, shop_id: str) -> DouyinShopState:
    state = session.get(DouyinShopState, shop_id)
    if state is None:
        state = DouyinShopState(world_id=world_id, shop_id=shop_id, rebinds_used=0)
        session.add(state)
    return state


def is_authorized(session: Session, world_id: str, shop_id: str, open_id: str) -> bool:
    return session.scalars(select(DouyinAuthorization.id).where(
        DouyinAuthorization.world_id == world_id, DouyinAuthorization.shop_id == shop_id,
        DouyinAuthorization.open_id == open_id)).first() is not None


def after_binding(session: Session, shop: Shop, old_link: Link | None, now: datetime) -> None:
    """In the confirmation's transaction: a rebind ends the old link and uses the one rebind."""
    state = state_of(session, shop.world_id, shop.id)
    if old_link is not None:
        links.deactivate_link(session, old_link, now, status="rebound", by="rebind")
        state.rebinds_used += 1
    state.bound_at = now


def start_verification(sc: SellerCenter, world_id: str, shop_id: str, open_id: str,
                       case: int) -> None:
    """After the commit: case 3 starts an entity-change confirmation, case 4 blue V (J4)."""
    kind = rules.STARTS.get(case)
    if kind is None:
        return
    with sc.runtime.session() as session:
        j4 = rules_for(session, world_id, rules.MARKET).J4
        delay = j4.entity_change_seconds if kind == "entity_change" else j4.blue_v_seconds
        entity = get_shop(session, world_id, shop_id).business_entity
        client = credentials(session, world_id)
    sc.tiktok.first_party(*client, "/douyin/verifications", {
        "open_id": open_id, "kind": kind, "entity": entity, "delay_seconds": delay})


def official_link(session: Session, world_id: str, shop_id: str) -> Link | None:
    return links.active_official(session, world_id, shop_id)


def check_rebind(session: Session, shop: Shop) -> None:
    state = state_of(session, shop.world_id, shop.id)
    refusal = rules.rebind_refusal(state.upgraded_at is not None, state.rebinds_used,
                                   rules_for(session, shop.world_id, rules.MARKET).J5.max,
                                   official_link(session, shop.world_id, shop.id) is not None)
    if refusal is not None:
        raise refusal


def upgrade(sc: SellerCenter, world_id: str, shop_id: str) -> dict[str, Any]:
    """J6: 官方账号升级. The account's name becomes the shop's name (blue V naming)."""
    with sc.runtime.session() as session:
        shop = douyin_shop(session, world_id, shop_id)
        link = official_link(session, world_id, shop_id)
        if link is None:
            raise RuleViolation("Bind an official account before upgrading it.",
                                code="DOUYIN_NOTHING_TO_UPGRADE", rule="J6")
        if state_of(session, world_id, shop_id).upgraded_at is not None:
            raise Conflict("The official account is already upgraded.",
                           code="DOUYIN_ALREADY_UPGRADED")
        client, open_id, name = credentials(session, world_id), link.open_id, shop.name
        waits = rules_for(session, world_id, rules.MARKET).J6.waits_for_blue_v
    account = sc.tiktok.account_by_open_id(client, open_id)
    if waits and account.get("douyin_verification"):
        raise RuleViolation("The account's verification (blue V or entity change) is still in "
                            "progress: the upgrade can start once it completes.",
                            code="DOUYIN_UPGRADE_WAITS_FOR_VERIFICATION", rule="J6")
    sc.tiktok.link_notice(client, open_id=open_id, linked=True, link_id=link.id,
                          shop_id=shop_id, shop_name=name, role="official", nickname=name)
    with sc.runtime.session() as session:
        now = world_now(session, world_id)
        state_of(session, world_id, shop_id).upgraded_at = now
        append_event(session, world_id, now, "douyin.upgraded", shop_id,
                     {"open_id": open_id, "name": name})
        session.commit()
        return status(session, world_id, shop_id)


def status(session: Session, world_id: str, shop_id: str) -> dict[str, Any]:
    """What the backend shows: the official account, rebind and upgrade, the J7 reminder."""
    shop = douyin_shop(session, world_id, shop_id)
    now = world_now(session, world_id)
    state = session.get(DouyinShopState, shop_id)
    link = official_link(session, world_id, shop_id)
    upgraded = state is not None and state.upgraded_at is not None
    numbers = rules_for(session, world_id, rules.MARKET)
    reminder_from = parse_instant(numbers.J7.reminder_from)
    deadline = (rules.upgrade_deadline(state.bound_at, reminder_from, numbers.J7.deadline_days)
                if link is not None and state is not None and state.bound_at and not upgraded
                else None)
    rebind = rules.rebind_refusal(upgraded, state.rebinds_used if state else 0,
                                  numbers.J5.max, link is not None)
    return {"shop_id": shop_id, "business_entity": shop.business_entity,
            "official_account": links.link_view(link) if link else None,
            "upgraded": upgraded, "upgraded_at": iso(state.upgraded_at) if state else None,
            "rebinds_used": state.rebinds_used if state else 0,
            "rebind_available": rebind is None,
            "reminder": rules.reminder_active(now, reminder_from, link is not None, upgraded),
            "upgrade_deadline": iso(deadline),
            "listing_restricted": rules.listing_refusal(now, deadline) is not None}


def authorize(session: Session, shop: Shop, open_id: str, username: str) -> DouyinAuthorization:
    """J1: authorize an account for promotion (never the official account); at most J1
    `authorized_max`, held by a unique slot index."""
    link = official_link(session, shop.world_id, shop.id)
    if link is not None and link.open_id == open_id:
        raise rules.authorized_official_refusal()
    if is_authorized(session, shop.world_id, shop.id, open_id):
        raise Conflict("This account is already authorized.", code="DOUYIN_ALREADY_AUTHORIZED")
    used = set(session.scalars(select(DouyinAuthorization.slot).where(
        DouyinAuthorization.world_id == shop.world_id, DouyinAuthorization.shop_id == shop.id)))
    limit = rules_for(session, shop.world_id, rules.MARKET).J1.authorized_max
    free = [s for s in range(limit) if s not in used]
    if not free:
        raise RuleViolation(f"The shop already authorized {len(used)} accounts, the limit "
                            "(rule J1, parameter authorized_max).",
                            code="DOUYIN_AUTHORIZED_LIMIT", rule="J1")
    now = world_now(session, shop.world_id)
    auth = DouyinAuthorization(world_id=shop.world_id, id=new_id("da_"), shop_id=shop.id,
                               open_id=open_id, username=username, slot=free[0], created_at=now)
    session.add(auth)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise Conflict("Another authorization took the slot at the same time; try again.",
                       code="DOUYIN_AUTHORIZATION_RACE") from None
    append_event(session, shop.world_id, now, "douyin.account_authorized", auth.id,
                 {"shop_id": shop.id, "open_id": open_id})
    return auth


def authorizations(session: Session, world_id: str, shop_id: str) -> list[DouyinAuthorization]:
    return list(session.scalars(select(DouyinAuthorization).where(
        DouyinAuthorization.world_id == world_id, DouyinAuthorization.shop_id == shop_id)
        .order_by(DouyinAuthorization.slot)))


DEFAULT_PRICE = "1.00"  # the backend's form asks for a title; a price is optional (CNY)


def list_product(session: Session, world_id: str, shop_id: str, title: str,
                 price: str | None = None) -> Product:
    """A product listing — a catalogue product in CNY (services.products) — refused after a
    missed upgrade deadline (J7). The caller commits and syncs (products.commit_and_sync)."""
    if not title.strip():
        raise BadRequest("'title' is required.", code="MISSING_FIELD")
    shop = douyin_shop(session, world_id, shop_id)
    deadline = status(session, world_id, shop_id)["upgrade_deadline"]
    now = world_now(session, world_id)
    if deadline and (refusal := rules.listing_refusal(now, parse_instant(deadline))):
        raise refusal
    product = products.new_product(session, shop, {
        "title": title.strip()[:200], "price": (price or "").strip() or DEFAULT_PRICE}, now)
    append_event(session, world_id, now, "douyin.product_listed", product.id,
                 {"shop_id": shop_id, "title": product.title})
    return product
