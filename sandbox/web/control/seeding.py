"""What every new world gets (Seller Center's first-party client) and the demo world's cast."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from fake_tiktok_app.domain.shopping import default_address
from fake_tiktok_app.services import accounts, clients
from fake_tiktok_app.services.catalogue import add_to_showcase, replace_catalogue
from fake_tiktok_app.services.shop_links import apply_link_notice
from sandbox.domain.checkout import Item
from sandbox.domain.orders import OPERATOR
from sandbox.kernel.events import append_event
from sandbox.kernel.models import World
from sandbox.services.links import create_link
from sandbox.services.order_lifecycle import move
from sandbox.services.orders import Buyer, Via, place_order
from sandbox.services.partners import create_partner
from sandbox.services.products import new_product
from sandbox.services.shops import create_shop, shop_rules
from sandbox.services.tiktok_app import (
    CREATOR_CALLBACKS,
    PARTNER_CENTER_REDIRECT,
    SELLER_CENTER_CLIENT_SCOPES,
    SELLER_CENTER_REDIRECT,
    SELLER_CENTER_SCOPES,
)
from sandbox.store.links import Link

DEMO_PASSWORD = "demo1234"


def register_seller_center_client(session: Session, world: World, now: datetime) -> None:
    """Seller Center is a first-party client of the app in every world (DESIGN §1)."""
    client = clients.register_client(
        session, world.id, now, name="TikTok Shop Seller Center",
        redirect_uris=[SELLER_CENTER_REDIRECT, *CREATOR_CALLBACKS],
        scopes=SELLER_CENTER_CLIENT_SCOPES, first_party=True)
    partner = clients.register_client(
        session, world.id, now, name="TikTok Shop Partner Center",
        redirect_uris=[PARTNER_CENTER_REDIRECT], scopes=SELLER_CENTER_SCOPES, first_party=True)
    partner.kind = "partner_center"  # the phone's consent says "Connect Now" (I1)
    world.settings = {**(world.settings or {}), "seller_center_client": {
        "client_key": client.client_key, "client_secret": client.client_secret},
        "partner_center_client": {"client_key": partner.client_key,
                                  "client_secret": partner.client_secret}}


# username, attributes, who they are on stage
DEMO_PERSONAS: list[tuple[str, dict[str, Any], str]] = [
    ("alice", {"nickname": "Alice Creates", "age": 27, "region": "US", "followers": 12800,
               "phone": "+12025550101"}, "eligible: links fine"),
    ("teen_tom", {"nickname": "Tom (16)", "age": 16, "region": "US"}, "under 18: refused, C1"),
    ("uk_ursula", {"nickname": "Ursula in London", "age": 31, "region": "GB"},
     "located in GB: refused at a US shop, C2"),
    ("flagged_fred", {"nickname": "Fred", "age": 40, "region": "US", "status": "restricted"},
     "abnormal account status: refused, C3"),
    ("revoked_rita", {"nickname": "Rita", "age": 29, "region": "US", "ecommerce_revoked": True},
     "e-commerce permission revoked: refused, C5"),
    ("linked_lena", {"nickname": "Lena", "age": 33, "region": "US"},
     "already linked to Other Shop: refused, C6"),
    ("pending_paul", {"nickname": "Paul", "age": 35, "region": "CA", "network_region": "US"},
     "registered in Canada: stays linking in progress, C7"),
    ("violet", {"nickname": "Violet", "age": 26, "region": "US",
                "ecommerce_revoked": "violations"},
     "revoked for violations: stays linking in progress, C7"),
    ("mobile_mo", {"nickname": "Mo on Mobile", "age": 29, "region": "US", "followers": 2100},
     "eligible: link him to Acme Mobile through the Seller app (D5)"),
    ("bob", {"nickname": "Bob Sells", "age": 30, "region": "US", "followers": 420},
     "eligible: invite him as a marketing account, E1"),
    ("mia_markets", {"nickname": "Mia for Acme", "age": 28, "region": "US", "followers": 3100},
     "Acme's marketing account: its Showcase has Acme's products added by hand (B3)"),
    ("aff_amy", {"nickname": "Amy Recommends", "age": 32, "region": "US", "followers": 25400,
                 "affiliate": True, "id_document": {"type": "passport", "country": "US"}},
     "affiliate creator (25,400 followers): Other Shop's affiliate products in her showcase (A4)"),
    ("bea_buyer", {"nickname": "Bea Buyer", "age": 34, "region": "US", "followers": 85},
     "a shopper: buy from linked_lena's shop page or aff_amy's showcase (S1, S2); has orders"),
    ("few_fiona", {"nickname": "Fiona", "age": 24, "region": "US", "followers": 640},
     "640 followers: her affiliate application is refused (A4), no LIVE (B6)"),
    ("points_pat", {"nickname": "Pat", "age": 38, "region": "US", "violation_points": 12},
     "12 violation points: can be linked, but not unlinked, F4"),
    ("starmcn_biz", {"nickname": "Star MCN", "age": 34, "region": "US", "kind": "business",
                     "business_entity": "Star MCN"},
     "Star MCN's business account: link it in Partner Center (I1)"),
    # Douyin (region CN), one per J4 case and one without real-name verification (J2)
    ("dy_bluev", {"nickname": "蓝V企业号", "age": 36, "region": "CN", "real_name_verified": True,
                  "kind": "enterprise", "enterprise_verified": True,
                  "verified_entity": "杭州某某科技有限公司"}, "Douyin case 1: binds (J4)"),
    ("dy_other", {"nickname": "别家企业号", "age": 41, "region": "CN", "real_name_verified": True,
                  "kind": "enterprise", "enterprise_verified": True,
                  "verified_entity": "北京另一家公司"}, "Douyin case 2: entity mismatch (J3)"),
    ("dy_ent", {"nickname": "未认证企业号", "age": 29, "region": "CN", "real_name_verified": True,
                "kind": "enterprise"}, "Douyin case 3: entity change starts (J4)"),
    ("dy_user", {"nickname": "个人号", "age": 27, "region": "CN", "real_name_verified": True},
     "Douyin case 4: blue V verification starts (J4)"),
    ("dy_anon", {"nickname": "未实名", "age": 33, "region": "CN"},
     "Douyin: not real-name verified, refused (J2)"),
]
DOUYIN_ENTITY = "杭州某某科技有限公司"


def seed_demo(session: Session, world: World, now: datetime) -> None:
    """Shops and personas for a walkthrough: one per refusal, one that stays in progress."""
    seller_logins = []
    shops = {}
    for name, market, email, status, note in (
            ("Acme Official", "US", "seller@acme.test", "normal", "US shop for the walkthrough"),
            ("Other Shop", "US", "seller@other.test", "normal", "already has linked_lena"),
            ("Frozen Goods", "US", "seller@frozen.test", "frozen",
             "abnormal shop status: links refused, C4"),
            ("Brit Boutique", "GB", "seller@brit.test", "normal", "UK shop"),
            ("Acme Studio", "US", "seller@studio.test", "normal",
             "its official slot stays free: Create an organization account here (G1)"),
            ("Acme Mobile", "US", "seller@mobile.test", "normal",
             "the Seller app's walkthrough shop: link mobile_mo from the phone app (D5)"),
            ("抖音小店", "DOUYIN", "seller@douyin.test", "normal",
             f"Douyin shop of {DOUYIN_ENTITY}: one persona per scan case (J4)")):
        shop, _seller, _pw, _token = create_shop(session, world.id, now, {
            "name": name, "market": market, "email": email, "password": DEMO_PASSWORD,
            "status": status, "phone": f"+1202555{len(shops) + 190:04d}",
            **({"business_entity": DOUYIN_ENTITY} if market == "DOUYIN" else {})})
        shops[name] = shop
        seller_logins.append({"email": email, "password": DEMO_PASSWORD, "shop": name,
                              "note": note})
    app_logins, personas = [], {}
    for username, attrs, note in DEMO_PERSONAS:
        account, _ = accounts.create_account(session, world.id, now, {
            "username": username, "password": DEMO_PASSWORD, **attrs})
        app_logins.append({"username": username, "password": DEMO_PASSWORD, "note": note})
        if username == "linked_lena":
            seed_link(session, world.id, shops["Other Shop"], account, now)
        elif username == "mia_markets":
            seed_link(session, world.id, shops["Acme Official"], account, now, "marketing")
        personas[username] = account
    made = _seed_products(session, world.id, shops, personas, now)
    _seed_orders(session, world.id, personas, made, now)
    partner_logins = []
    for name, kind, email, note in (
            ("Star MCN", "mcn", "partner@starmcn.test", "links starmcn_biz (I1)"),
            ("Deal Finders TAP", "tap", "partner@dealtap.test", "a TAP partner")):
        create_partner(session, world.id, now, {"name": name, "kind": kind, "email": email,
                                                "password": DEMO_PASSWORD})
        partner_logins.append({"email": email, "password": DEMO_PASSWORD, "partner": name,
                               "kind": kind, "note": note})
    world.settings = {**(world.settings or {}), "seller_logins": seller_logins,
                      "app_logins": app_logins, "partner_logins": partner_logins}


# shop, title, price, commission (ten-thousandths) or None: closed to affiliates
DEMO_PRODUCTS = [("Acme Official", "Desk lamp", "24.50", None),
                 ("Acme Official", "Ceramic mug", "8.00", None),
                 ("Acme Official", "Notebook set", "12.00", 1000),
                 ("Other Shop", "Travel kettle", "30.00", 1500),
                 ("Other Shop", "Yoga mat", "19.99", 2000),
                 ("Other Shop", "Water bottle", "11.00", None)]


def _seed_products(session: Session, world_id: str, shops: dict[str, Any],
                   personas: dict[str, Any], now: datetime) -> dict[str, Any]:
    """The catalogue (services.products) and its copy on TikTok, as a sync leaves it; Mia's
    showcase (B3) and Amy's (A4) filled the way the app fills them."""
    made: dict[str, Any] = {}
    for shop_name, title, price, commission in DEMO_PRODUCTS:
        made[title] = new_product(session, shops[shop_name], {
            "title": title, "price": price, "commission_rate": commission}, now)
    session.flush()
    for shop in shops.values():
        replace_catalogue(session, world_id, shop.id, shop.name, [
            {"product_id": p.id, "title": p.title, "price": p.price, "currency": p.currency,
             "status": p.status, "affiliate_open": p.affiliate_open,
             "commission_rate": p.commission_rate}
            for p in made.values() if p.shop_id == shop.id], now)
    session.flush()
    for username, titles in (("mia_markets", ("Desk lamp", "Ceramic mug")),
                             ("aff_amy", ("Travel kettle", "Yoga mat", "Notebook set"))):
        for title in titles:
            add_to_showcase(session, personas[username], made[title].id, now)
    return made


# Bea's orders, one per stage a walkthrough points at: (product, through, statuses to walk)
DEMO_ORDERS = [("Water bottle", ("linked_lena", "SHOP_PAGE"), ("AWAITING_SHIPMENT",)),
               ("Travel kettle", ("aff_amy", "SHOWCASE"),
                ("AWAITING_SHIPMENT", "AWAITING_COLLECTION", "IN_TRANSIT", "DELIVERED")),
               ("Yoga mat", ("aff_amy", "SHOWCASE"), ("AWAITING_SHIPMENT", "AWAITING_COLLECTION",
                                                      "IN_TRANSIT", "DELIVERED", "COMPLETED")),
               ("Desk lamp", None, ("CANCELLED",))]


def _seed_orders(session: Session, world_id: str, personas: dict[str, Any],
                 made: dict[str, Any], now: datetime) -> None:
    """Orders in different states, placed and moved the way every order is (S1-S4)."""
    bea = personas["bea_buyer"]
    buyer = Buyer(bea.open_id, bea.nickname, default_address(bea.nickname, bea.phone, "US"))
    for title, through, statuses in DEMO_ORDERS:
        via = (Via(personas[through[0]].open_id, through[1], through[0] == "aff_amy",
                   through[0]) if through else Via(None, "PRODUCT_PAGE"))
        order = place_order(session, world_id, buyer, [Item(made[title].id, 1)], via, now)[0]
        for status in statuses:
            move(session, order, status, OPERATOR, now, reason="demo")


def seed_link(session: Session, world_id: str, shop: Any, account: Any, now: datetime,
               role: str = "official") -> Link:
    """A link made the way every link is made (its event, B2 name, M3 kind, link info on the
    phone); the seed may call the app's service directly, as the operator."""
    official = role == "official"
    link = create_link(session, world_id, shop.id, account.open_id, role, now,
                       account={"open_id": account.open_id, "username": account.username,
                                "display_name": shop.name if official else account.nickname})
    append_event(session, world_id, now, "link.linked", link.id,
                 {"shop_id": shop.id, "role": role, "open_id": account.open_id})
    apply_link_notice(session, world_id, {
        "open_id": account.open_id, "link_id": link.id, "shop_id": shop.id,
        "shop_name": shop.name, "role": role, "linked": True,
        "nickname": shop.name if official else None,
        "business_upgrade": official and shop_rules(session, shop).M3.business_account}, now)
    return link
