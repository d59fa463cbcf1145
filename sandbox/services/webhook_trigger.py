"""Send one TikTok Shop webhook now, about a real object of the world, creating what it needs
first (sandbox extension, like `stripe trigger`); signed and queued as the real ones are."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.domain.webhook_types import (
    ACCOUNT_LINKED,
    ACCOUNT_UNLINKED,
    CREATOR_DEAUTHORIZATION,
    PRODUCT_CREATION,
    PRODUCT_STATUS_CHANGE,
    SELLER_DEAUTHORIZATION,
    WebhookType,
)
from sandbox.kernel import outbox
from sandbox.kernel.errors import Conflict
from sandbox.kernel.world_config import settings_for
from sandbox.services import creator_authorization, links, products, shop_authorization, shops
from sandbox.services import shop_webhooks as webhooks
from sandbox.services.partner_apps import get_app
from sandbox.store.links import Link
from sandbox.store.open_api import ShopApp, ShopAuthorization
from sandbox.store.products import Product
from sandbox.store.shops import Seller, Shop

FIXTURE_SHOP = {"name": "Webhook Trigger Shop", "market": "US"}
FIXTURE_PRODUCT = {"title": "Webhook trigger product", "price": "9.99"}
Target = tuple[ShopApp, ShopAuthorization | None]


class Fixtures(Protocol):
    """What a trigger asks of the TikTok app's side (the control plane gives it)."""

    def account(self, session: Session, world_id: str, now: datetime,
                region: str) -> tuple[str, str]:
        """A new TikTok account: (open_id, username)."""

    def link(self, session: Session, shop: Shop, now: datetime) -> Link:
        """A new account linked to `shop` as its official account, as a link is made."""


def _apps(session: Session, world_id: str, app_key: str | None) -> list[ShopApp]:
    if app_key is not None:
        return [get_app(session, world_id, app_key)]
    return list(session.scalars(select(ShopApp).where(ShopApp.world_id == world_id)
                                .order_by(ShopApp.created_at, ShopApp.app_key)))


def _targets(session: Session, apps: list[ShopApp], shop: Shop | None, type_: int) -> list[Target]:
    """The apps a real event of the shop would reach (authorized, with an address for the
    type); else every app with its own webhook URL that the shop has not authorized yet."""
    found: list[Target] = []
    fresh: list[Target] = []
    for app in apps:
        auth = (shop_authorization.active_authorization(session, app.app_key, shop.id)
                if shop is not None else None)
        if auth is not None and webhooks.address_for(app, auth, type_):
            found.append((app, auth))
        elif auth is None and app.webhook_url:
            fresh.append((app, None))
    return found or fresh


def _shop(session: Session, world_id: str, apps: list[ShopApp], type_: int) -> Shop | None:
    """The shop that most recently authorized one of `apps` with an address for the type;
    else the world's first shop; None when it has none."""
    by_key = {app.app_key: app for app in apps}
    for auth in session.scalars(select(ShopAuthorization).where(
            ShopAuthorization.world_id == world_id, ShopAuthorization.status == "active",
            ShopAuthorization.user_type == 0, ShopAuthorization.app_key.in_(list(by_key)))
            .order_by(ShopAuthorization.authorized_at.desc(), ShopAuthorization.id.desc())):
        if webhooks.address_for(by_key[auth.app_key], auth, type_):
            return shops.get_shop(session, world_id, auth.shop_id)
    first = shops.list_shops(session, world_id)
    return first[0] if first else None


def _unregistered(world_id: str, kind: WebhookType, app_key: str | None,
                 shop: Shop | None) -> Conflict:
    where = f" for shop {shop.id}" if shop is not None else ""
    what = f"webhook URL for {kind.name} ({kind.key}){where}"
    who = (f"App {app_key!r} has no {what}" if app_key
           else f"No TikTok Shop app in world {world_id!r} has a {what}")
    return Conflict(
        f"{who}. Register one: create the "
        f"app with it (POST /_sandbox/v1/worlds/{world_id}/clients {{\"kind\": \"shop_app\", "
        "\"redirect_url\": …, \"webhook_url\": \"https://…\"}), or, as an app the shop "
        f"authorized, PUT /event/202309/webhooks {{\"event_type\": \"{kind.name}\", "
        "\"address\": \"https://…\"}.", code="WEBHOOK_URL_NOT_REGISTERED",
        details={"type": kind.key, "register": f"POST /_sandbox/v1/worlds/{world_id}/clients"})


def _product(session: Session, shop: Shop, now: datetime,
             created: list[dict[str, Any]]) -> Product:
    on_sale = products.shop_products(session, shop.world_id, shop.id)
    if on_sale:
        return on_sale[-1]
    product = products.new_product(session, shop, FIXTURE_PRODUCT, now)
    created.append({"kind": "product", "id": product.id, "shop_id": shop.id})
    return product


def _link(session: Session, shop: Shop, now: datetime, type_: int, fixtures: Fixtures,
          created: list[dict[str, Any]]) -> Link:
    """9002: the link of the shop that ended last, else its newest active one; 9001: the
    newest active one. None: a new one (ended at once, for 9002)."""
    query = select(Link).where(Link.world_id == shop.world_id, Link.shop_id == shop.id)
    ended = (session.scalars(query.where(Link.active.is_(False))
                             .order_by(Link.unlinked_at.desc(), Link.id)).first()
             if type_ == ACCOUNT_UNLINKED else None)
    active = links.shop_links(session, shop.world_id, shop.id)
    if ended is not None or active:
        return ended or active[-1]
    link = fixtures.link(session, shop, now)
    created.append({"kind": "link", "id": link.id, "shop_id": shop.id, "open_id": link.open_id})
    if type_ == ACCOUNT_UNLINKED:
        links.deactivate_link(session, link, now, by="operator")
    return link


def _builder(session: Session, shop: Shop, now: datetime, type_: int, fixtures: Fixtures,
             created: list[dict[str, Any]]
             ) -> tuple[dict[str, Any], Callable[[ShopAuthorization], dict[str, Any]]]:
    """What the payload is about, and its `data` for one authorization."""
    if type_ in (PRODUCT_CREATION, PRODUCT_STATUS_CHANGE):
        product = _product(session, shop, now, created)
        build = (products.creation_data if type_ == PRODUCT_CREATION
                 else products.status_change_data)
        return ({"kind": "product", "id": product.id, "shop_id": shop.id},
                lambda _auth: build(product))
    if type_ in (ACCOUNT_LINKED, ACCOUNT_UNLINKED):
        link = _link(session, shop, now, type_, fixtures, created)
        return ({"kind": "link", "id": link.id, "shop_id": shop.id, "open_id": link.open_id},
                lambda _auth: webhooks.link_change_data(link, type_ == ACCOUNT_LINKED, now))
    if type_ == SELLER_DEAUTHORIZATION:
        return ({"kind": "shop", "id": shop.id},
                lambda _auth: shop_authorization.deauthorized_data(shop.id))
    return ({"kind": "shop", "id": shop.id},
            lambda auth: shop_authorization.expiry_warning_data(auth, now))


def _send(session: Session, auths: list[ShopAuthorization], now: datetime, type_: int,
          data: Callable[[ShopAuthorization], dict[str, Any]]) -> list[outbox.WebhookDelivery]:
    """Queue the type to each app, unless making its object already did; every delivery of
    the type this transaction queued."""
    sent = {row.app_key for row in outbox.queued_rows(session) if row.event == str(type_)}
    for auth in auths:
        if auth.app_key not in sent:
            webhooks.send_shop(session, auth, now, type_, data(auth))
    return [row for row in outbox.queued_rows(session) if row.event == str(type_)]


def _authorize(session: Session, app: ShopApp, shop: Shop, now: datetime) -> ShopAuthorization:
    """The shop's seller authorizes the app, as at the consent page (the code goes unused)."""
    seller = session.scalars(select(Seller).where(Seller.world_id == shop.world_id,
                                                  Seller.shop_id == shop.id)).one()
    code = shop_authorization.authorize(session, app, seller, now,
                                        settings_for(session, shop.world_id))
    return session.get_one(ShopAuthorization, code.authorization_id)


def _creator(session: Session, world_id: str, now: datetime, kind: WebhookType,
             apps: list[ShopApp], app_key: str | None, fixtures: Fixtures) -> outbox.Triggered:
    """20: to apps a creator authorized (else each app with a webhook URL, authorized by a new
    creator); the grant is not ended, this is the notification alone."""
    auths = [auth for app in apps for auth in session.scalars(select(ShopAuthorization).where(
        ShopAuthorization.world_id == world_id, ShopAuthorization.app_key == app.app_key,
        ShopAuthorization.user_type == 1, ShopAuthorization.status == "active")
        .order_by(ShopAuthorization.authorized_at.desc(), ShopAuthorization.id.desc()).limit(1))
        if webhooks.address_for(app, auth, CREATOR_DEAUTHORIZATION)]
    created: list[dict[str, Any]] = []
    if not auths:
        fresh = [app for app in apps if app.webhook_url]
        if not fresh:
            raise _unregistered(world_id, kind, app_key, None)
        open_id, username = fixtures.account(session, world_id, now, "US")
        created.append({"kind": "account", "id": open_id, "username": username})
        settings = settings_for(session, world_id)
        for app in fresh:
            code = creator_authorization.authorize(session, app, open_id, username, now, settings)
            auths.append(session.get_one(ShopAuthorization, code.authorization_id))
            created.append({"kind": "creator_authorization", "app_key": app.app_key,
                            "open_id": open_id})
    rows = _send(session, auths, now, CREATOR_DEAUTHORIZATION,
                 lambda auth: creator_authorization.cancel_data(auth, now))
    return outbox.Triggered(rows, {"kind": "account", "id": auths[0].open_id}, created)


def trigger(session: Session, world_id: str, now: datetime, kind: WebhookType, *,
            shop_id: str | None, app_key: str | None, fixtures: Fixtures) -> outbox.Triggered:
    """Queue `kind` (a Shop type) to the apps a real one would reach: the one named, or every
    app that would get it (authorized by the shop, else each with its own webhook URL). The
    shop, its product or link, and the app's authorization are made when missing; nothing is
    made when no app has an address for the type. The state does not change otherwise (a
    triggered 6 leaves the authorization active)."""
    type_ = int(kind.key)
    apps = _apps(session, world_id, app_key)
    if type_ == CREATOR_DEAUTHORIZATION:
        return _creator(session, world_id, now, kind, apps, app_key, fixtures)
    shop = (shops.get_shop(session, world_id, shop_id) if shop_id is not None
            else _shop(session, world_id, apps, type_))
    targets = _targets(session, apps, shop, type_)
    if not targets:
        raise _unregistered(world_id, kind, app_key, shop)
    created: list[dict[str, Any]] = []
    if shop is None:
        shop = shops.create_shop(session, world_id, now, dict(FIXTURE_SHOP))[0]
        created.append({"kind": "shop", "id": shop.id, "name": shop.name})
    about, data = _builder(session, shop, now, type_, fixtures, created)
    auths = []
    for app, auth in targets:  # after the object: making it told only the apps already there
        if auth is None:
            auth = _authorize(session, app, shop, now)
            created.append({"kind": "authorization", "app_key": app.app_key, "shop_id": shop.id})
        auths.append(auth)
    return outbox.Triggered(_send(session, auths, now, type_, data), about, created, shop.id)

