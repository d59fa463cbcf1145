"""Placing orders: which products, through whom (S1), at what commission (S2), from the stock
the shop has (S4), paid or not (S3). One implementation for the phone, the buyer's actor API
and the control plane."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sandbox.domain import attribution, checkout
from sandbox.domain.attribution import AFFILIATE, NONE, PRODUCT_PAGE
from sandbox.domain.checkout import Item
from sandbox.domain.orders import BUYER, ON_HOLD, UNPAID
from sandbox.kernel.errors import NotFound
from sandbox.kernel.events import append_event
from sandbox.kernel.world_config import settings_for
from sandbox.services import order_webhooks, shop_webhooks
from sandbox.services.links import active_link_of
from sandbox.services.order_lifecycle import move, schedule_clock
from sandbox.services.shops import get_shop
from sandbox.store.orders import Order, OrderLine
from sandbox.store.products import Product

ROLE_RELATION = {"official": attribution.OFFICIAL, "marketing": attribution.MARKETING}


@dataclass(frozen=True)
class Buyer:
    """Who buys, as the app knows them (the app owns accounts; the shop only records them)."""

    open_id: str
    name: str = ""
    address: dict[str, str] | None = None  # the account's own, the checkout's default


@dataclass(frozen=True)
class Via:
    """Where the sale happened: the content account and its surface, and whether the app
    knows that account as an affiliate creator (A4) showing the product."""

    open_id: str | None
    channel: str
    affiliate: bool = False
    username: str = ""


def products_of(session: Session, world_id: str, items: list[Item]) -> dict[str, Product]:
    """The products an order names, each for sale, all of one shop (S1)."""
    wanted = {item.product_id for item in items}
    found = {p.id: p for p in session.scalars(select(Product).where(
        Product.world_id == world_id, Product.id.in_(wanted)))}
    for item in items:
        product = found.get(item.product_id)
        if product is None or product.status == "DELETED":
            raise NotFound(f"No product {item.product_id} in this world.",
                           code="PRODUCT_NOT_FOUND", details={"product_id": item.product_id})
        if item.sku_id is not None and item.sku_id != product.sku_id:
            raise NotFound(f"Product {item.product_id} has no SKU {item.sku_id}; its SKU is "
                           f"{product.sku_id}.", code="SKU_NOT_FOUND",
                           details={"product_id": item.product_id, "sku_id": item.sku_id})
        checkout.check_for_sale(product.id, product.status)
    checkout.check_one_shop({p.shop_id for p in found.values()})
    return found


def relation_of(session: Session, world_id: str, shop_id: str, via: Via) -> str:
    """The content account's relation to the shop at the moment of sale (S1, S2): its own
    linked account's role, else an affiliate creator's, else none."""
    if via.open_id is None or via.channel == PRODUCT_PAGE:
        return NONE
    link = active_link_of(session, world_id, via.open_id)
    if link is not None and link.status == "linked" and link.shop_id == shop_id \
            and link.role in ROLE_RELATION:
        return ROLE_RELATION[link.role]
    return AFFILIATE if via.affiliate else NONE


def take_stock(session: Session, world_id: str, product: Product, units: int,
               now: datetime) -> None:
    """S4: one conditional UPDATE, so concurrent buyers (threads or processes, SQLite or
    PostgreSQL) never take more than there is; the loser's transaction changes nothing."""
    taken = session.execute(update(Product).where(
        Product.world_id == world_id, Product.id == product.id, Product.inventory >= units)
        .values(inventory=Product.inventory - units, updated_at=now)).rowcount
    if taken != 1:
        left = session.scalar(select(Product.inventory).where(
            Product.world_id == world_id, Product.id == product.id)) or 0
        raise checkout.out_of_stock(product.id, units, left)


def place_order(session: Session, world_id: str, buyer: Buyer, items: list[Item], via: Via,
                now: datetime, *, address: dict[str, Any] | None = None, pay: bool = True,
                message: str = "", copies: int = 1, declined: bool = False) -> list[Order]:
    """Create `copies` identical orders (a bulk form for load tests), taking their stock in
    the caller's transaction; paid at once unless `pay` is False. Refusals raise before
    anything is kept (the caller rolls back)."""
    settings = settings_for(session, world_id)
    checkout.check_items(items, settings.order_max_quantity)
    found = products_of(session, world_id, items)
    shop = get_shop(session, world_id, next(iter(found.values())).shop_id)
    relation = relation_of(session, world_id, shop.id, via)
    attribution.check_channel(relation, via.channel)
    recipient = checkout.recipient(address, buyer.address or {})
    prices = [(found[i.product_id].price, i.quantity) for i in items]
    payment = checkout.amounts(prices, settings.order_shipping_fee_cents)
    for item in items:
        take_stock(session, world_id, found[item.product_id], item.quantity * copies, now)
    with shop_webhooks.held_audience(session):
        return [_place_one(session, world_id, shop.id, buyer, items, found, via, relation,
                           recipient, payment, now, pay=pay, message=message,
                           declined=declined) for _ in range(copies)]


def _place_one(session: Session, world_id: str, shop_id: str, buyer: Buyer, items: list[Item],
               found: dict[str, Product], via: Via, relation: str,
               recipient: dict[str, str], payment: dict[str, str], now: datetime, *,
               pay: bool, message: str, declined: bool) -> Order:
    """One order of a checkout whose checks passed and whose stock is taken."""
    order = Order(
        world_id=world_id, id=checkout.new_id("5"), shop_id=shop_id,
        buyer_open_id=buyer.open_id, buyer_name=buyer.name[:100],
        buyer_user_id=checkout.user_id_of(buyer.open_id), status=UNPAID,
        package_id=checkout.new_id("1"),
        status_since=now, channel=via.channel,
        via_open_id=via.open_id if via.channel != PRODUCT_PAGE else None,
        via_username=via.username[:64] if via.channel != PRODUCT_PAGE else "",
        relation=relation, currency=found[items[0].product_id].currency,
        recipient=recipient, buyer_message=message[:500], commission_status="NONE",
        payment_declined=declined,
        created_at=now, updated_at=now, **payment)
    session.add(order)
    position, lines = 0, []
    for item in items:
        product = found[item.product_id]
        for _unit in range(item.quantity):
            lines.append(OrderLine(
                world_id=world_id, id=checkout.new_id("6"), order_id=order.id,
                position=position, product_id=product.id, sku_id=product.sku_id,
                product_name=product.title, seller_sku=product.seller_sku,
                sale_price=product.price, original_price=product.price))
            position += 1
    session.add_all(lines)
    append_event(session, world_id, now, "order.created", order.id, {
        "shop_id": shop_id, "buyer": buyer.open_id, "channel": via.channel,
        "via": order.via_open_id, "relation": relation, "units": position,
        "total_amount": order.total_amount, "currency": order.currency})
    order_webhooks.order_status(session, order, now)  # type 1 from placement on (§4.6)
    if pay:
        move(session, order, ON_HOLD, BUYER, now, reason="paid", lines=lines, new=True)
    else:
        schedule_clock(session, order, now, replace=False)
    return order


def pay_order(session: Session, order: Order, now: datetime) -> None:
    """The buyer pays an unpaid order (S3: UNPAID → ON_HOLD)."""
    move(session, order, ON_HOLD, BUYER, now, reason="paid")


def get_order(session: Session, world_id: str, order_id: str, *, shop_id: str | None = None,
              buyer: str | None = None, lock: bool = False) -> Order:
    """The order, seen by its shop or its buyer only; `lock` serialises concurrent moves of it
    (row lock on PostgreSQL; SQLite's writer lock serialises anyway)."""
    query = select(Order).where(Order.world_id == world_id, Order.id == order_id)
    if lock:
        query = query.with_for_update()
    order = session.scalars(query).first()
    if order is None or (shop_id and order.shop_id != shop_id) or \
            (buyer and order.buyer_open_id != buyer):
        raise NotFound(f"No order {order_id} here.", code="ORDER_NOT_FOUND",
                       details={"order_id": order_id})
    return order
