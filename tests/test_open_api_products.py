"""TikTok Shop's Product API 202309, Affiliate Seller open collaborations and the Affiliate
Creator showcase and marketplace, signed like an SDK signs them, in TikTok's envelope (B1, B3,
A4 decided by the app)."""

from __future__ import annotations

import json

import pytest
from shop_support import REDIRECT, params, signed, token_get, tokens
from test_selling import link_marketing, link_official

pytestmark = pytest.mark.usefixtures("no_big_numbers")

PRODUCTS = "/product/202309/products"
SEARCH = f"{PRODUCTS}/search"
SHOWCASE = "/affiliate_creator/202405/showcases/products"
MARKET = "/affiliate_creator/202405/open_collaborations/products/search"
OPEN = "/affiliate_seller/202412/open_collaborations"


@pytest.fixture
def app(world, receiver):
    return world.create_client(kind="shop_app", name="Acme ERP", redirect_url=REDIRECT,
                               webhook_url=receiver.url)


@pytest.fixture
def shop(world):
    return world.create_shop(name="Acme", market="US")


class Api:
    """One app's signed calls: a seller's (with the shop's cipher) or a creator's."""

    def __init__(self, http, world, app, token, cipher=None):
        self.http, self.world, self.app, self.token, self.cipher = http, world, app, token, cipher

    def call(self, method, path, body=None, query=None, **kw):
        raw = json.dumps(body).encode() if body is not None else b""
        resp = signed(self.http, self.world, self.app, path, self.token, method=method,
                      query=query, body=raw, cipher=self.cipher, **kw)
        assert resp.status_code < 500, resp.text
        return resp.json()

    def ok(self, method, path, body=None, query=None):
        got = self.call(method, path, body, query)
        assert got["code"] == 0, got
        return got["data"]


@pytest.fixture
def seller(world, control_http, app, shop):
    token = tokens(control_http, shop, app)["access_token"]
    cipher = signed(control_http, world, app, "/authorization/202309/shops", token).json()[
        "data"]["shops"][0]["cipher"]
    return Api(control_http, world, app, token, cipher)


def creator(sandbox, world, control_http, app, account):
    link = f"{sandbox.url}/alliance/creator/auth?app_key={app['app_key']}&state=c"
    data = token_get(control_http, app, params(account.app.approve(link))["code"]).json()["data"]
    assert data["user_type"] == 1
    return Api(control_http, world, app, data["access_token"])


def create_body(title="Desk lamp", amount="24.50", currency="USD", **extra):
    return {"title": title, "description": "<p>Warm light</p>", "category_id": "600001",
            "main_images": [{"uri": "tos-maliva-i-o3syd03w52-us/lamp"}],
            "skus": [{"seller_sku": "LAMP-1", "price": {"amount": amount, "currency": currency},
                      "inventory": [{"warehouse_id": "1", "quantity": 7}]}], **extra}


def test_create_read_and_search_products_in_tiktoks_shapes(seller, shop):
    made = seller.ok("POST", PRODUCTS, create_body())
    assert made["skus"][0]["seller_sku"] == "LAMP-1" and made["skus"][0]["id"]
    detail = seller.ok("GET", f"{PRODUCTS}/{made['product_id']}")
    assert detail["id"] == made["product_id"] and detail["title"] == "Desk lamp"
    assert detail["status"] == "ACTIVATE" and detail["description"] == "<p>Warm light</p>"
    (sku,) = detail["skus"]
    assert sku["price"] == {"currency": "USD", "sale_price": "24.50",
                            "tax_exclusive_price": "24.50"}
    assert sku["inventory"][0]["quantity"] == 7 and detail["sales_regions"] == ["US"]
    found = seller.ok("POST", SEARCH, {"status": "ACTIVATE"}, query={"page_size": "10"})
    assert found["total_count"] == 1 and found["next_page_token"] == ""
    assert found["products"][0]["id"] == made["product_id"]
    assert isinstance(found["products"][0]["create_time"], int)
    # What the API made is the shop's Seller Center catalogue.
    assert [p["id"] for p in shop.products()] == [made["product_id"]]
    draft = seller.ok("POST", PRODUCTS, create_body("Draft", save_mode="AS_DRAFT"))
    assert seller.ok("GET", f"{PRODUCTS}/{draft['product_id']}")["status"] == "DRAFT"


def test_search_pages_with_next_page_token(seller, shop):
    for n in range(5):
        shop.create_product(f"Mug {n}", "8.00")
    first = seller.ok("POST", SEARCH, query={"page_size": "2"})
    assert first["total_count"] == 5 and len(first["products"]) == 2
    seen = [p["id"] for p in first["products"]]
    token = first["next_page_token"]
    while token:
        page = seller.ok("POST", SEARCH, query={"page_size": "2", "page_token": token})
        seen += [p["id"] for p in page["products"]]
        token = page["next_page_token"]
    assert len(seen) == len(set(seen)) == 5
    for query in ({}, {"page_size": "0"}, {"page_size": "101"},
                  {"page_size": "2", "page_token": "not-ours"}):
        got = seller.call("POST", SEARCH, query=query)
        assert got["code"] == 36009004 and got["data"] is None


def test_activate_deactivate_delete_answer_per_product_errors(seller, shop):
    lamp, mug = shop.create_product("Lamp", "5.00"), shop.create_product("Mug", "3.00")
    got = seller.ok("POST", f"{PRODUCTS}/deactivate", {"product_ids": [lamp["id"], "1799"]})
    (error,) = got["errors"]
    assert error["detail"] == {"product_id": "1799"} and error["code"] == 36009004
    assert error["sandbox"]["code"] == "PRODUCT_NOT_FOUND"
    listed = seller.ok("POST", SEARCH, {"status": "SELLER_DEACTIVATED"}, {"page_size": "10"})
    assert [p["id"] for p in listed["products"]] == [lamp["id"]]
    assert seller.ok("POST", f"{PRODUCTS}/activate", {"product_ids": [lamp["id"]]}) == {}
    assert seller.ok("DELETE", PRODUCTS, {"product_ids": [mug["id"]]}) == {}
    deleted = seller.ok("POST", SEARCH, {"status": "DELETED"}, {"page_size": "10"})
    assert [p["id"] for p in deleted["products"]] == [mug["id"]]
    again = seller.ok("POST", f"{PRODUCTS}/activate", {"product_ids": [mug["id"]]})
    assert again["errors"][0]["detail"]["product_id"] == mug["id"]
    assert [p["title"] for p in shop.products()] == ["Lamp"]
    assert seller.call("POST", f"{PRODUCTS}/activate", {"product_ids": []})["code"] == 36009004


def test_M1_create_refuses_bad_values_and_changes_nothing(seller, shop):
    two = create_body()
    two["skus"] = two["skus"] * 2
    for body in (create_body(amount="-1"), create_body(currency="GBP"), two,
                 {"skus": create_body()["skus"]}, [1]):
        got = seller.call("POST", PRODUCTS, body)
        assert got["code"] == 36009004 and got["data"] is None, got
    wrong_currency = seller.call("POST", PRODUCTS, create_body(currency="GBP"))
    assert "CURRENCY_MISMATCH, rule M1" in wrong_currency["message"]
    assert shop.products() == []
    missing = seller.call("GET", f"{PRODUCTS}/1700000000000000000")
    assert missing["code"] == 36009004 and "PRODUCT_NOT_FOUND" in missing["message"]


def test_bad_signature_missing_cipher_and_missing_scope_are_refused(world, control_http,
                                                                    seller, shop):
    bad = signed(control_http, world, seller.app, SEARCH, seller.token, method="POST",
                 query={"page_size": "10"}, cipher=seller.cipher, sign="0" * 64)
    assert bad.status_code == 401 and bad.json()["code"] == 106001
    no_cipher = Api(control_http, world, seller.app, seller.token)
    assert no_cipher.call("POST", SEARCH, query={"page_size": "1"})["code"] == 106013
    narrow = world.create_client(kind="shop_app", name="Narrow", redirect_url=REDIRECT,
                                 scopes=["seller.authorization.info", "seller.product.basic"])
    api = Api(control_http, world, narrow, tokens(control_http, shop, narrow)["access_token"],
              seller.cipher)
    assert api.ok("POST", SEARCH, query={"page_size": "1"})["total_count"] == 0
    assert api.call("POST", PRODUCTS, create_body())["code"] == 105005
    assert api.call("POST", OPEN, {"product_id": "1", "commission_rate": 1000})["code"] == 105005
    assert shop.products() == []


def test_A4_a_seller_opens_a_product_and_creators_find_it_in_the_marketplace(
        sandbox, world, control_http, app, seller, shop):
    lamp = shop.create_product("Desk lamp", "20.00")
    shop.create_product("Mug", "8.00")
    opened = seller.ok("POST", OPEN, {"product_id": lamp["id"], "commission_rate": 1500})
    assert opened["open_collaboration"]["product_id"] == lamp["id"]
    assert opened["open_collaboration"]["id"] and opened["open_collaboration"]["effective_time"]
    refused = seller.call("POST", OPEN, {"product_id": lamp["id"], "commission_rate": 9000})
    assert refused["code"] == 36009004 and "rule A4" in refused["message"]
    cara = world.create_account(username="cara", age=25, region="US")
    api = creator(sandbox, world, control_http, app, cara)
    found = api.ok("POST", MARKET, {"title_keywords": ["lamp"]}, {"page_size": "10"})
    (product,) = found["products"]
    assert product["id"] == lamp["id"] and product["shop"] == {"name": "Acme"}
    assert product["commission"] == {"rate": 1500, "currency": "USD", "amount": "3.00"}
    assert product["sales_price"]["minimum_amount"] == "20.00"
    none = api.ok("POST", MARKET, {"commission_rate_range": {"rate_ge": 2000}},
                  {"page_size": "10"})
    assert none["products"] == [] and none["total_count"] == 0
    removed = seller.ok("DELETE", f"/affiliate_seller/202409/open_collaborations/products/"
                                  f"{lamp['id']}")
    assert isinstance(removed["terminated_effective_time"], int)
    assert api.ok("POST", MARKET, query={"page_size": "10"})["total_count"] == 0


def test_B1_B3_the_showcase_add_is_refused_with_the_apps_codes(sandbox, world, control_http, app,
                                                              shop):
    other = world.create_shop(name="Other", market="US")
    kettle = other.create_product("Kettle", "30.00", commission_rate=1500)
    lamp = shop.create_product("Desk lamp", "24.50")
    official = world.create_account(username="acme_official", age=30, region="US")
    link_official(shop, official)
    api = creator(sandbox, world, control_http, app, official)
    got = api.ok("POST", f"{SHOWCASE}/add", {"add_type": "PRODUCT_ID",
                                             "product_ids": [kettle["id"], lamp["id"]]})
    codes = {e["detail"]["product_id"]: e["sandbox"] for e in got["errors"]}
    # B1: the official account adds its own shop's products by hand ("Add from shop") too.
    assert codes == {kettle["id"]: {"code": "OFFICIAL_ACCOUNT_OWN_PRODUCTS_ONLY", "rule": "B1"}}
    bob = world.create_account(username="bob", age=25, region="US", followers=120)
    link_marketing(shop, bob)
    api = creator(sandbox, world, control_http, app, bob)
    got = api.ok("POST", f"{SHOWCASE}/add", {"add_type": "PRODUCT_ID",
                                             "product_ids": [kettle["id"], lamp["id"]]})
    assert [(e["detail"]["product_id"], e["sandbox"]["code"], e["sandbox"]["rule"])
            for e in got["errors"]] == [(kettle["id"], "AFFILIATE_PERMISSION_REQUIRED", "B3")]
    assert "rule B3" in got["errors"][0]["message"]
    showcase = api.ok("GET", SHOWCASE, query={"page_size": "10", "origin": "SHOWCASE"})
    assert [p["id"] for p in showcase["products"]] == [lamp["id"]]
    assert showcase["products"][0]["source"] == "TIKTOK_STORE"


def test_A4_an_affiliate_adds_products_and_reads_its_showcase(sandbox, world, control_http, app):
    other = world.create_shop(name="Other", market="US")
    kettles = [other.create_product(f"Kettle {n}", "30.00", commission_rate=1500)
               for n in range(3)]
    aff = world.create_account(username="aff", age=30, region="US", followers=5000,
                               affiliate=True)
    api = creator(sandbox, world, control_http, app, aff)
    added = api.ok("POST", f"{SHOWCASE}/add", {"add_type": "PRODUCT_ID",
                                               "product_ids": [k["id"] for k in kettles]})
    assert added == {}  # no product-level errors: TikTok omits `errors`
    first = api.ok("GET", SHOWCASE, query={"page_size": "2", "origin": "SHOWCASE"})
    assert first["total_count"] == 3 and len(first["products"]) == 2
    item = first["products"][0]
    assert item["source"] == "AFFILIATE" and item["commission"]["rate"] == 1500
    assert item["price"]["original_price"]["currency"] == "USD"
    assert item["status"]["added_status"] == "ADDED" and item["shop"] == {"name": "Other"}
    rest = api.ok("GET", SHOWCASE, query={"page_size": "2", "origin": "SHOWCASE",
                                          "page_token": first["next_page_token"]})
    assert len(rest["products"]) == 1 and rest["next_page_token"] == ""
    assert aff.app.profile_products()["products"][0]["title"] == "Kettle 0"
    for query in ({"page_size": "2"}, {"origin": "SHOWCASE"}):
        assert api.call("GET", SHOWCASE, query=query)["code"] == 36009004
    assert api.call("POST", f"{SHOWCASE}/add", {"product_ids": ["1"]})["code"] == 36009004


def test_tokens_of_the_wrong_kind_are_refused(sandbox, world, control_http, app, seller):
    assert seller.call("GET", SHOWCASE, query={"page_size": "1", "origin": "SHOWCASE"})[
        "code"] == 36009004  # a seller's call carries shop_cipher: unexpected here
    bare = Api(control_http, world, app, seller.token)
    denied = bare.call("GET", SHOWCASE, query={"page_size": "1", "origin": "SHOWCASE"})
    assert denied["code"] == 105005
    dan = world.create_account(username="dan", age=30, region="US")
    api = creator(sandbox, world, control_http, app, dan)
    api.cipher = seller.cipher
    assert api.call("POST", SEARCH, query={"page_size": "1"})["code"] == 36009004


def test_product_webhooks_creation_16_and_status_change_5(seller, shop, receiver):
    made = seller.ok("POST", PRODUCTS, create_body())
    seller.ok("POST", f"{PRODUCTS}/deactivate", {"product_ids": [made["product_id"]]})
    events = [json.loads(receiver.next().body) for _ in range(2)]
    assert [(e["type"], e["shop_id"]) for e in events] == [(16, shop.id), (5, shop.id)]
    assert events[0]["data"]["product_id"] == made["product_id"]  # a string, as the API's
    assert events[1]["data"]["product_id"] == made["product_id"]
    assert events[1]["data"]["status"] == "PRODUCT_STATUS_CHANGED"
