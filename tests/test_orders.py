"""Orders through linked accounts: attribution by channel and relation (S1), commission fixed
at payment (S2), stock (S4), and the refusals of a bad purchase, each changing nothing."""

from __future__ import annotations

import pytest
from test_selling import link_marketing, link_official, refused

pytestmark = pytest.mark.usefixtures("no_big_numbers")


@pytest.fixture
def cast(world):
    """A shop with a mug open to affiliates at 15 %, a buyer, and the accounts that sell."""
    acme = world.create_shop(name="Acme", market="US")
    mug = acme.create_product("Mug", "10.00", inventory=50, commission_rate=1500)
    bea = world.create_account(username="bea", age=30)
    return world, acme, mug, bea


def test_S1_S2_a_sale_from_the_product_page_has_no_content_account_and_no_commission(cast):
    world, acme, mug, bea = cast
    order = bea.app.buy(mug, quantity=2)
    assert order["attribution"] == {"channel": "PRODUCT_PAGE", "open_id": None,
                                    "username": None, "relation": "NONE"}
    assert order.status == "ON_HOLD" and order["payment_status"] == "PAID"
    assert order["payment"] == {"currency": "USD", "sub_total": "20.00", "shipping_fee": "0.00",
                                "total_amount": "20.00"}
    item = order["items"][0]
    assert (item["quantity"], item["price"], item["commission"]) == (2, "10.00",
                                                                      {"rate": 0, "amount": "0.00"})
    assert len(item["line_item_ids"]) == 2  # one TikTok line item per unit
    assert len(order.id) == 18 and order.id.isdigit()


def test_S1_S2_the_official_account_sells_through_its_shop_page_without_commission(cast):
    world, acme, mug, bea = cast
    lena = world.create_account(username="lena", age=30)
    link_official(acme, lena)
    order = bea.app.buy(mug, via=lena, channel="SHOP_PAGE")
    assert order["attribution"] == {"channel": "SHOP_PAGE", "open_id": lena.open_id,
                                    "username": "lena", "relation": "OFFICIAL"}
    assert order["items"][0]["commission"] == {"rate": 0, "amount": "0.00"}
    assert order["commission"]["status"] == "NONE"
    # An official account has no showcase to sell through (S1).
    refused(lambda: bea.app.buy(mug, via=lena, channel="SHOWCASE"), "PRODUCT_NOT_ON_SURFACE",
            "S1")


def test_S1_S2_a_marketing_account_sells_through_its_showcase_without_commission(cast):
    world, acme, mug, bea = cast
    bob = world.create_account(username="bob", age=30)
    link_marketing(acme, bob)
    bob.app.add_to_showcase(mug["id"])
    order = world.create_order(bea, mug, via=bob, channel="SHOWCASE")
    assert order["attribution"]["relation"] == "MARKETING"
    assert order["commission"] == {"status": "NONE", "amount": "0.00"}
    refused(lambda: world.create_order(bea, mug, via=bob, channel="SHOP_PAGE"),
            "PRODUCT_NOT_ON_SURFACE", "S1")


def test_S2_an_affiliate_showcase_sale_earns_the_open_collaboration_rate(cast):
    world, acme, mug, bea = cast
    amy = world.create_account(username="amy", age=30, followers=5000, affiliate=True)
    amy.app.add_to_showcase(mug["id"])
    order = bea.app.buy(mug, quantity=3, via=amy, channel="SHOWCASE")
    assert order["attribution"] == {"channel": "SHOWCASE", "open_id": amy.open_id,
                                    "username": "amy", "relation": "AFFILIATE"}
    assert order["items"][0]["commission"] == {"rate": 1500, "amount": "4.50"}
    assert order["commission"] == {"status": "PENDING", "amount": "4.50"}
    earnings = amy.app.earnings()
    assert earnings["totals"] == {"pending": "4.50", "payable": "0.00", "reversed": "0.00"}
    assert [o["id"] for o in earnings["orders"]] == [order.id]


def test_S1_LIVE_and_VIDEO_sales_are_attributed_to_the_creator(cast):
    world, acme, mug, bea = cast
    amy = world.create_account(username="amy", age=30, followers=5000, affiliate=True)
    refused(lambda: bea.app.buy(mug, via=amy, channel="LIVE"), "PRODUCT_NOT_ON_SURFACE", "S1")
    amy.app.go_live("Morning coffee", product_ids=[mug["id"]])
    live = bea.app.buy(mug, via=amy, channel="LIVE")
    assert (live["attribution"]["channel"], live["attribution"]["relation"]) == ("LIVE",
                                                                                 "AFFILIATE")
    amy.app.end_live()
    refused(lambda: bea.app.buy(mug, via=amy, channel="LIVE"), "PRODUCT_NOT_ON_SURFACE", "S1")
    refused(lambda: bea.app.buy(mug, via=amy, channel="VIDEO"), "PRODUCT_NOT_ON_SURFACE", "S1")
    amy.app.post_video("Unboxing", product_ids=[mug["id"]])
    video = bea.app.buy(mug, via=amy, channel="VIDEO")
    assert video["attribution"]["channel"] == "VIDEO"
    assert video["items"][0]["commission"]["rate"] == 1500


def test_S1_an_account_with_no_relation_sells_nothing_of_the_shop(cast):
    world, acme, mug, bea = cast
    carl = world.create_account(username="carl", age=30, followers=5000)
    before = acme.products()[0]["inventory"]
    refused(lambda: bea.app.buy(mug, via=carl, channel="SHOWCASE"), "PRODUCT_NOT_ON_SURFACE",
            "S1")
    assert acme.products()[0]["inventory"] == before
    assert world.orders() == []


def test_S2_the_commission_is_fixed_at_payment_and_survives_unlink_and_rate_change(cast):
    world, acme, mug, bea = cast
    amy = world.create_account(username="amy", age=30, followers=5000, affiliate=True)
    amy.app.add_to_showcase(mug["id"])
    unpaid = world.create_order(bea, mug, via=amy, channel="SHOWCASE", paid=False)
    assert unpaid.status == "UNPAID" and unpaid["commission"]["status"] == "NONE"
    acme.seller.open_to_affiliates(mug["id"], commission_rate=2000)  # before payment: counts
    paid = bea.app.pay(unpaid.id)
    assert paid["items"][0]["commission"] == {"rate": 2000, "amount": "2.00"}
    acme.seller.open_to_affiliates(mug["id"], commission_rate=500)  # after payment: does not
    assert unpaid.refresh()["items"][0]["commission"] == {"rate": 2000, "amount": "2.00"}


def test_S2_an_official_sale_stays_commission_free_after_the_account_is_unlinked(cast):
    world, acme, mug, bea = cast
    lena = world.create_account(username="lena", age=30)
    link_official(acme, lena)
    order = bea.app.buy(mug, via=lena, channel="SHOP_PAGE")
    world.clock.advance(hours=25)
    acme.seller.unlink(acme.links()[0]["id"])
    again = order.refresh()
    assert again["attribution"]["relation"] == "OFFICIAL"
    assert again["commission"] == {"status": "NONE", "amount": "0.00"}


def test_S2_commission_is_payable_at_completion_and_reversed_by_a_cancellation(cast):
    world, acme, mug, bea = cast
    amy = world.create_account(username="amy", age=30, followers=5000, affiliate=True)
    amy.app.add_to_showcase(mug["id"])
    done = bea.app.buy(mug, via=amy, channel="SHOWCASE").transition("COMPLETED")
    assert done["commission"] == {"status": "PAYABLE", "amount": "1.50"}
    gone = bea.app.buy(mug, via=amy, channel="SHOWCASE").cancel("changed my mind")
    assert gone.status == "CANCELLED" and gone["commission"]["status"] == "REVERSED"
    assert amy.app.earnings()["totals"] == {"pending": "0.00", "payable": "1.50",
                                            "reversed": "1.50"}


def test_S4_a_sale_takes_stock_and_a_cancellation_gives_it_back(cast):
    world, acme, mug, bea = cast
    order = bea.app.buy(mug, quantity=4)
    assert acme.products()[0]["inventory"] == 46
    order.cancel()
    assert acme.products()[0]["inventory"] == 50


@pytest.mark.parametrize(("items", "code", "status"), [
    ([{"product_id": "1999999999999999999", "quantity": 1}], "PRODUCT_NOT_FOUND", 404),
    ([{"product_id": "MUG", "sku_id": "1", "quantity": 1}], "SKU_NOT_FOUND", 404),
    ([{"product_id": "MUG", "quantity": 0}], "ORDER_QUANTITY_INVALID", 400),
    ([{"product_id": "MUG", "quantity": -3}], "ORDER_QUANTITY_INVALID", 400),
    ([{"product_id": "MUG", "quantity": 1_000_000}], "ORDER_QUANTITY_INVALID", 400),
    ([{"product_id": "MUG", "quantity": 51}], "OUT_OF_STOCK", 409),
    ([], "INVALID_FIELD", 400),
])
def test_S1_S4_a_bad_purchase_is_refused_with_its_code_and_changes_nothing(cast, items, code,
                                                                            status):
    world, acme, mug, bea = cast
    items = [{**i, "product_id": mug["id"] if i["product_id"] == "MUG" else i["product_id"]}
             for i in items]
    err = refused(lambda: world.create_order(bea, items=items), code)
    assert err.status == status
    assert acme.products()[0]["inventory"] == 50
    assert world.orders() == [] and world.events(type="order.") == []


def test_S1_a_product_not_on_sale_cannot_be_bought(cast):
    world, acme, mug, bea = cast
    acme.seller.update_product(mug["id"], status="SELLER_DEACTIVATED")
    refused(lambda: bea.app.buy(mug), "PRODUCT_NOT_FOR_SALE", "S1")
    other = world.create_shop(name="Other").create_product("Pen", "1.00")
    refused(lambda: world.create_order(bea, items=[{"product_id": other["id"]},
                                                   {"product_id": mug["id"]}]),
            "PRODUCT_NOT_FOR_SALE", "S1")


def test_S1_one_order_holds_one_shops_products(cast):
    world, acme, mug, bea = cast
    pen = world.create_shop(name="Other").create_product("Pen", "1.00")
    refused(lambda: world.create_order(bea, items=[{"product_id": pen["id"]},
                                                   {"product_id": mug["id"]}]),
            "ORDER_MIXED_SHOPS")


def test_S3_a_declining_payment_persona_leaves_the_order_unpaid_and_says_so(cast):
    world, acme, mug, bea = cast
    bea.update(payment="decline")
    order = bea.app.buy(mug)
    assert (order.status, order["payment_status"]) == ("UNPAID", "DECLINED")
    refused(lambda: bea.app.pay(order.id), "PAYMENT_DECLINED", "S3")
    assert order.refresh().status == "UNPAID"
    bea.update(payment="succeed")
    assert bea.app.pay(order.id)["status"] == "ON_HOLD"


def test_S1_the_buyers_address_is_the_accounts_with_what_checkout_changed(cast):
    world, acme, mug, bea = cast
    bea.update(shipping_address={"name": "Bea Buyer", "address_line1": "1 Main St",
                                 "city": "Austin", "state": "TX", "postal_code": "73301",
                                 "region_code": "US"})
    order = bea.app.buy(mug, address={"address_line2": "Apt 4"})
    address = order["recipient_address"]
    assert (address["name"], address["address_line2"]) == ("Bea Buyer", "Apt 4")
    assert address["full_address"] == "1 Main St, Apt 4, Austin, TX 73301, US"
    refused(lambda: bea.app.buy(mug, address={"name": ""}), "INVALID_FIELD")


def test_S3_the_buyer_changes_the_address_until_the_order_is_shipped(cast):
    world, acme, mug, bea = cast
    order = bea.app.buy(mug)
    changed = bea.app.change_address(order, address_line1="2 Elm St", city="Reno")
    assert changed["recipient_address"]["address_line1"] == "2 Elm St"
    assert [e["type"] for e in world.events(type="order.address_updated")] == [
        "order.address_updated"]
    order.transition("AWAITING_COLLECTION")
    refused(lambda: order.change_address(city="Elsewhere"), "ORDER_ADDRESS_LOCKED", "S3")
    assert order.refresh()["recipient_address"]["city"] == "Reno"


def test_S2_the_seller_sees_each_affiliate_creators_commission(cast):
    world, acme, mug, bea = cast
    amy = world.create_account(username="amy", age=30, followers=5000, affiliate=True)
    amy.app.add_to_showcase(mug["id"])
    bea.app.buy(mug, quantity=2, via=amy, channel="SHOWCASE").transition("COMPLETED")
    bea.app.buy(mug, via=amy, channel="SHOWCASE")
    bea.app.buy(mug)  # no creator: not an affiliate order
    [creator] = acme.seller.affiliate_orders()["creators"]
    assert (creator["username"], creator["order_count"]) == ("amy", 2)
    assert creator["totals"] == {"pending": "1.50", "payable": "3.00", "reversed": "0.00"}
