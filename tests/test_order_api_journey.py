"""A whole order handled by a partner app alone over HTTP (protocols.md §4.1, §4.2, §4.6), and
an affiliate showcase sale seen by the seller's and the creator's affiliate order searches and
by Finance (§4.4, §4.5) (S1-S3)."""

from __future__ import annotations

import json

import pytest
from order_api_support import Api, new_app, seller_api
from shop_support import params, token_get

from sandbox.domain.signing import shop_webhook_signature

pytestmark = pytest.mark.usefixtures("no_big_numbers")
SELLER_AFFILIATE = "/affiliate_seller/202410/orders/search"
CREATOR_AFFILIATE = "/affiliate_creator/202410/orders/search"


@pytest.fixture
def shop(world):
    return world.create_shop(name="Acme", market="US")


@pytest.fixture
def mug(shop):
    return shop.create_product("Mug", "10.00", inventory=100, commission_rate=1500)


@pytest.fixture
def bea(world):
    return world.create_account(username="bea", age=30)


def next_order_hook(app, receiver, order_id):
    while True:
        got = receiver.next()
        assert got.headers["Authorization"] == shop_webhook_signature(
            app["app_key"], app["app_secret"], got.body)
        body = json.loads(got.body)
        if body["type"] == 1 and body["data"]["order_id"] == order_id:
            return body["data"]


def test_S3_a_partner_app_alone_takes_an_order_from_purchase_to_completion(
        world, control_http, receiver, shop, mug, bea):
    app = new_app(world, webhook_url=receiver.url)
    api = seller_api(control_http, world, app, shop)
    bought = bea.app.buy(mug, quantity=2)
    assert next_order_hook(app, receiver, bought.id)["order_status"] == "UNPAID"
    assert next_order_hook(app, receiver, bought.id)["order_status"] == "ON_HOLD"
    assert api.ids({"order_status": "ON_HOLD"}) == [bought.id]
    assert api.ids({"order_status": "AWAITING_SHIPMENT"}) == []
    world.clock.advance(hours=1)  # the remorse window ends
    assert next_order_hook(app, receiver, bought.id)["order_status"] == "AWAITING_SHIPMENT"
    (order,) = api.search({"order_status": "AWAITING_SHIPMENT"})["orders"]
    assert order["id"] == bought.id and len(order["line_items"]) == 2
    option = order["delivery_option_id"]
    providers = api.ok("GET", f"/logistics/202309/delivery_options/{option}/shipping_providers")[
        "shipping_providers"]
    ups = next(p for p in providers if p["name"] == "UPS")
    shipped = api.ok("POST", f"/fulfillment/202309/orders/{bought.id}/packages",
                     {"tracking_number": "1Z999AA10123456784",
                      "shipping_provider_id": ups["id"]})
    assert shipped["order_id"] == bought.id and isinstance(shipped["package_id"], str)
    assert sorted(shipped["order_line_item_ids"]) == sorted(li["id"] for li in
                                                            order["line_items"])
    assert next_order_hook(app, receiver, bought.id)["order_status"] == "AWAITING_COLLECTION"
    package = api.ok("GET", f"/fulfillment/202309/packages/{shipped['package_id']}")
    assert package["tracking_number"] == "1Z999AA10123456784"
    assert package["shipping_provider_id"] == ups["id"]
    tracking = api.ok("GET", f"/fulfillment/202309/orders/{bought.id}/tracking")["tracking"]
    assert len(tracking) == 1 and isinstance(tracking[0]["update_time_millis"], int)
    world.carrier.deliver(bought)
    assert next_order_hook(app, receiver, bought.id)["order_status"] == "IN_TRANSIT"
    delivered = next_order_hook(app, receiver, bought.id)
    assert delivered["order_status"] == "DELIVERED"
    detail = api.order(bought.id)
    assert detail["status"] == "DELIVERED" and detail["delivery_time"] == \
        delivered["update_time"]
    assert len(api.ok("GET", f"/fulfillment/202309/orders/{bought.id}/tracking")[
        "tracking"]) == 3
    days = world.rules()["rules"]["S3"]["auto_complete_days"]
    world.clock.advance(days=days - 1)
    assert api.order(bought.id)["status"] == "DELIVERED"
    world.clock.advance(days=1)
    assert next_order_hook(app, receiver, bought.id)["order_status"] == "COMPLETED"
    # The token is a week old: the app refreshes it, and everyone sees the same order.
    fresh = control_http.get("/api/v2/token/refresh", params={
        "app_key": app["app_key"], "app_secret": app["app_secret"],
        "refresh_token": api.refresh, "grant_type": "refresh_token"}).json()["data"]
    api = Api(control_http, world, app, fresh["access_token"], api.cipher)
    assert api.order(bought.id)["status"] == "COMPLETED"
    assert {o["id"]: o["status"] for o in shop.seller.orders()}[bought.id] == "COMPLETED"
    assert {o["id"]: o["status"] for o in bea.app.orders()}[bought.id] == "COMPLETED"


def creator_api(sandbox, world, http, app, account):
    link = f"{sandbox.url}/alliance/creator/auth?app_key={app['app_key']}&state=c"
    data = token_get(http, app, params(account.app.approve(link))["code"]).json()["data"]
    assert data["user_type"] == 1
    return Api(http, world, app, data["access_token"])


def test_S1_S2_an_affiliate_showcase_sale_in_the_affiliate_orders_and_finance(
        sandbox, world, control_http, shop, mug, bea):
    amy = world.create_account(username="amy", age=30, followers=5000, affiliate=True)
    amy.app.add_to_showcase(mug["id"])
    app = new_app(world)
    api = seller_api(control_http, world, app, shop)
    plain = bea.app.buy(mug)  # no creator: not an affiliate order
    sale = bea.app.buy(mug, quantity=2, via=amy, channel="SHOWCASE")
    listed = api.ok("POST", SELLER_AFFILIATE, {}, {"page_size": "20"})
    assert listed["total_count"] == 1 and listed["next_page_token"] == ""
    (row,) = listed["orders"]
    assert row["id"] == sale.id and row["id"] != plain.id
    assert isinstance(row["create_time"], int)
    (sku,) = row["skus"]
    assert sku["content_type"] == "SHOP" and sku["commission_rate"] == "1500"
    assert sku["quantity"] == 2 and sku["creator_username"] == "amy"
    assert sku["estimated_commission_base"] == {"amount": "20.00", "currency": "USD"}
    assert sku["estimated_paid_commission"] == {"amount": "3.00", "currency": "USD"}
    creator = creator_api(sandbox, world, control_http, app, amy)
    mine = creator.ok("POST", CREATOR_AFFILIATE, {}, {"page_size": "20"})
    (theirs,) = mine["orders"]
    assert theirs["id"] == sale.id and theirs["status"] == "ORDERED"
    (csku,) = theirs["skus"]
    assert csku["commission_rate"] == 1500 and isinstance(csku["commission_bonus_rate"], int)
    assert csku["content_type"] == "SHOP" and csku["shop_name"] == "Acme"
    assert csku["estimated_commission"] == {"amount": "3.00", "currency": "USD"}
    assert "creator_username" not in csku
    # A seller's token is not a creator's, and a creator's needs no shop_cipher.
    assert api.call("POST", CREATOR_AFFILIATE, {}, {"page_size": "20"}, cipher=None)[
        "code"] == 105005
    sale.transition("COMPLETED")
    statement = api.ok("GET", f"/finance/202501/orders/{sale.id}/statement_transactions")
    assert statement["order_id"] == sale.id and statement["currency"] == "USD"
    assert (statement["revenue_amount"], statement["fee_and_tax_amount"],
            statement["settlement_amount"]) == ("20.00", "-3.00", "17.00")
    (tx,) = statement["sku_transactions"]
    assert tx["quantity"] == "2"
    assert tx["fee_tax_breakdown"]["fee"]["affiliate_commission_amount"] == "-3.00"
    assert creator.ok("POST", CREATOR_AFFILIATE, {}, {"page_size": "20"})["orders"][0][
        "status"] == "SETTLED"
    assert api.ok("POST", SELLER_AFFILIATE, {}, {"page_size": "20"})["orders"][0][
        "status"] == "COMPLETED"
