"""The phone's buying pages driven like a browser (cookies, CSRF, POST → redirect → GET): Buy on
every surface that shows a product (S1), checkout and the payment persona (S3), My orders and
what a buyer does by status (S3), and a creator's earnings (S2)."""

from __future__ import annotations

import html
import re

import pytest
import test_phone_selling
from test_douyin_phone import ALLOWED, english_words
from test_phone_selling import post, refusal_of
from test_selling import link_official

phone_for = test_phone_selling.phone_for  # the fixture: an account logged in on the phone


@pytest.fixture
def cast(world):
    """A shop with a mug open to affiliates at 15 %, and a buyer."""
    acme = world.create_shop(name="Acme", market="US")
    mug = acme.create_product("Mug", "10.00", inventory=50, commission_rate=1500)
    bea = world.create_account(username="bea", age=30, region="US")
    return world, acme, mug, bea


def buy_links(page: str) -> list[str]:
    """The Buy buttons of a page: their checkout links, in order."""
    return [html.unescape(h) for h in re.findall(r'class="btn primary buy"[^>]*href="([^"]+)"',
                                                 page)]


def checkout(http, link: str, **fields: str):
    """Open a checkout link and tap Pay with its form as shown (changed by `fields`)."""
    page = http.get(link)
    assert page.status_code == 200, page.text[:300]
    shown = dict(re.findall(r'<input (?:type="(?:hidden|number)" )?name="(\w+)"[^>]*value="([^"]*)"',
                            page.text))
    shown.pop("csrf_token", None)
    return post(http, link, "/phone/checkout", **{**shown, **fields})


def order_id_of(page) -> str:
    found = re.search(r"/phone/orders/(\d+)$", str(page.url))
    assert found, page.url
    return found.group(1)


def status_on(page: str) -> str:
    return re.search(r'id="order-status" data-status="([A-Z_]+)"', page).group(1)


def test_S1_a_buyer_buys_from_an_official_accounts_shop_tab(cast, phone_for):
    world, acme, mug, bea = cast
    lena = world.create_account(username="lena", age=30, region="US")
    link_official(acme, lena)
    http = phone_for(bea)
    profile = http.get("/phone/@lena").text
    assert 'id="shop-page-products"' in profile and 'data-title="Mug"' in profile
    [link] = buy_links(profile)
    assert "channel=SHOP_PAGE" in link and "via=lena" in link
    form = http.get(link).text
    assert 'value="1199 Coleman Ave"' in form and 'value="bea"' in form  # the account's address
    assert 'id="bought-through" data-channel="SHOP_PAGE"' in form
    shown = checkout(http, link, quantity="2", address_line2="Apt 4")
    order_id = order_id_of(shown)
    assert status_on(shown.text) == "ON_HOLD" and 'id="notice"' in shown.text
    assert "20.00 USD" in shown.text and "1199 Coleman Ave, Apt 4" in shown.text
    assert 'data-live-types="order."' in shown.text  # the page follows the order by itself
    [order] = world.orders()
    assert order.id == order_id and order["attribution"]["channel"] == "SHOP_PAGE"
    assert (order["attribution"]["username"], order["items"][0]["quantity"]) == ("lena", 2)
    listed = http.get("/phone/orders").text
    assert f'data-order-id="{order_id}" data-status="ON_HOLD"' in listed
    assert "Mug × 2" in listed and "20.00 USD" in listed
    assert 'id="open-my-orders"' in http.get("/phone/").text


def test_S1_S2_a_sale_through_an_affiliate_showcase_shows_on_the_creators_earnings(
        cast, phone_for):
    world, acme, mug, bea = cast
    amy = world.create_account(username="amy", age=30, region="US", followers=5000,
                               affiliate=True)
    amy.app.add_to_showcase(mug["id"])
    http = phone_for(bea)
    [link] = buy_links(http.get("/phone/@amy").text)
    assert "channel=SHOWCASE" in link
    order_id = order_id_of(checkout(http, link, quantity="3"))
    creator = phone_for(amy)
    assert 'id="open-earnings-selling"' in creator.get("/phone/").text
    assert 'id="affiliate-earnings"' in creator.get("/phone/affiliate").text
    page = creator.get("/phone/earnings").text
    assert re.search(r'id="total-pending">4\.50 USD<', page)
    assert re.search(r'id="total-payable">0\.00 USD<', page)
    assert f'data-order-id="{order_id}" data-commission-status="PENDING" data-amount="4.50"' in page
    assert 'data-rate="1500">Mug × 3 · 15% commission · 4.50 USD' in page
    world.order(order_id).transition("COMPLETED")
    page = creator.get("/phone/earnings").text
    assert re.search(r'id="total-payable">4\.50 USD<', page)
    assert 'data-commission-status="PAYABLE"' in page
    assert 'id="no-earnings"' in http.get("/phone/earnings").text  # the buyer earned nothing


def test_S1_a_purchase_through_a_surface_that_no_longer_shows_the_product_changes_nothing(
        cast, phone_for):
    world, acme, mug, bea = cast
    amy = world.create_account(username="amy", age=30, region="US", followers=5000,
                               affiliate=True)
    amy.app.add_to_showcase(mug["id"])
    http = phone_for(bea)
    [link] = buy_links(http.get("/phone/@amy").text)
    amy.app.remove_from_showcase(mug["id"])  # while the buyer is at checkout
    shown = checkout(http, link, quantity="4", address_line2="Flat 9")
    assert shown.url.path == "/phone/checkout" and refusal_of(shown.text) == (
        "PRODUCT_NOT_ON_SURFACE", "S1")
    assert 'value="4"' in shown.text and 'value="Flat 9"' in shown.text  # what was entered
    assert world.orders() == [] and acme.products()[0]["inventory"] == 50
    assert 'role="alert"' not in http.get(link).text  # shown once
    # a surface that never showed it: an account with no relation to the shop
    world.create_account(username="carl", age=30, region="US", followers=5000)
    crafted = checkout(http, link.replace("via=amy", "via=carl"))
    assert refusal_of(crafted.text) == ("PRODUCT_NOT_ON_SURFACE", "S1")
    assert world.orders() == [] and world.events(type="order.") == []


def test_S1_buy_buttons_on_a_LIVE_a_shoppable_video_and_the_products_own_page(cast, phone_for):
    world, acme, mug, bea = cast
    amy = world.create_account(username="amy", age=30, region="US", followers=5000,
                               affiliate=True)
    http = phone_for(bea)
    assert 'id="not-live"' in http.get("/phone/@amy/live").text
    amy.app.go_live("Coffee", product_ids=[mug["id"]])
    assert 'id="watch-live"' in http.get("/phone/@amy").text
    [live_link] = buy_links(http.get("/phone/@amy/live").text)
    assert "channel=LIVE" in live_link
    video = amy.app.post_video("Unboxing", product_ids=[mug["id"]])
    [video_link] = buy_links(http.get(f"/phone/@amy/video/{video['id']}").text)
    assert "channel=VIDEO" in video_link
    product_page = http.get(f"/phone/products/{mug['id']}").text
    assert 'id="product-title">Mug<' in product_page
    [own_link] = buy_links(product_page)
    assert "channel" not in own_link and "via" not in own_link
    for link in (live_link, video_link, own_link):
        checkout(http, link)
    channels = sorted(o["attribution"]["channel"] for o in world.orders())
    assert channels == ["LIVE", "PRODUCT_PAGE", "VIDEO"]
    amy.app.end_live()
    assert refusal_of(checkout(http, live_link).text) == ("PRODUCT_NOT_ON_SURFACE", "S1")
    acme.seller.update_product(mug["id"], status="SELLER_DEACTIVATED")
    gone = http.get(f"/phone/products/{mug['id']}").text
    assert 'id="not-on-sale"' in gone and buy_links(gone) == []


def test_S3_a_buyer_cancels_an_order_on_hold_at_once(cast, phone_for):
    world, acme, mug, bea = cast
    http = phone_for(bea)
    shown = checkout(http, f"/phone/checkout?product={mug['id']}", quantity="5")
    order_id = order_id_of(shown)
    assert acme.products()[0]["inventory"] == 45 and 'id="cancel-order"' in shown.text
    cancelled = post(http, f"/phone/orders/{order_id}", f"/phone/orders/{order_id}/cancel",
                     reason="changed my mind")
    assert status_on(cancelled.text) == "CANCELLED" and "Order cancelled." in cancelled.text
    assert 'id="cancel-order"' not in cancelled.text
    assert acme.products()[0]["inventory"] == 50
    assert world.order(order_id)["cancellation_initiator"] == "BUYER"


def test_S3_awaiting_shipment_a_cancellation_asks_the_seller(cast, phone_for):
    world, acme, mug, bea = cast
    http = phone_for(bea)
    order_id = order_id_of(checkout(http, f"/phone/checkout?product={mug['id']}"))
    world.order(order_id).transition("AWAITING_SHIPMENT")
    page = http.get(f"/phone/orders/{order_id}").text
    assert "Ask the seller to cancel" in page
    asked = post(http, f"/phone/orders/{order_id}", f"/phone/orders/{order_id}/cancel",
                 reason="too slow")
    assert status_on(asked.text) == "AWAITING_SHIPMENT"
    assert 'id="request-pending" data-kind="cancellation"' in asked.text
    assert "Cancellation requested" in asked.text and 'id="cancel-order"' not in asked.text
    acme.seller.approve_request(order_id)
    assert status_on(http.get(f"/phone/orders/{order_id}").text) == "CANCELLED"


def test_S3_after_delivery_the_buyer_requests_a_refund(cast, phone_for):
    world, acme, mug, bea = cast
    http = phone_for(bea)
    order_id = order_id_of(checkout(http, f"/phone/checkout?product={mug['id']}"))
    early = post(http, f"/phone/orders/{order_id}", f"/phone/orders/{order_id}/return",
                 reason="Damaged", type="REFUND_ONLY")  # a stale form: not delivered yet
    assert refusal_of(early.text)[0] == "RETURN_BEFORE_DELIVERY"
    world.order(order_id).transition("IN_TRANSIT")
    page = http.get(f"/phone/orders/{order_id}").text
    assert 'id="confirm-receipt"' in page and 'id="request-return"' not in page
    delivered = post(http, f"/phone/orders/{order_id}", f"/phone/orders/{order_id}/receipt")
    assert status_on(delivered.text) == "DELIVERED" and 'id="request-return"' in delivered.text
    assert "Delivered ·" in delivered.text  # the timeline has the delivery time
    asked = post(http, f"/phone/orders/{order_id}", f"/phone/orders/{order_id}/return",
                 reason="Damaged", type="REFUND_ONLY")
    assert 'id="request-pending" data-kind="return"' in asked.text
    assert 'id="request-return"' not in asked.text
    [request] = world.order(order_id)["requests"]
    assert (request["kind"], request["type"], request["reason"]) == ("return", "REFUND_ONLY",
                                                                     "Damaged")


def test_S3_a_declining_payment_persona_leaves_the_order_unpaid_and_pay_again_says_why(
        cast, phone_for):
    world, acme, mug, bea = cast
    bea.update(payment="decline")
    http = phone_for(bea)
    form = http.get(f"/phone/checkout?product={mug['id']}").text
    assert 'data-payment="decline"' in form
    shown = checkout(http, f"/phone/checkout?product={mug['id']}")
    order_id = order_id_of(shown)
    assert status_on(shown.text) == "UNPAID" and 'id="warning"' in shown.text
    assert "payment was declined" in shown.text and 'id="pay-again"' in shown.text
    again = post(http, f"/phone/orders/{order_id}", f"/phone/orders/{order_id}/pay")
    assert refusal_of(again.text) == ("PAYMENT_DECLINED", "S3")
    assert world.order(order_id).status == "UNPAID"
    bea.update(payment="succeed")
    paid = post(http, f"/phone/orders/{order_id}", f"/phone/orders/{order_id}/pay")
    assert status_on(paid.text) == "ON_HOLD" and 'id="pay-again"' not in paid.text


def test_S1_a_bad_checkout_is_refused_on_the_checkout_page(cast, phone_for):
    world, acme, mug, bea = cast
    http = phone_for(bea)
    link = f"/phone/checkout?product={mug['id']}"
    for fields, code in (({"quantity": "0"}, "ORDER_QUANTITY_INVALID"),
                         ({"quantity": "two"}, "ORDER_QUANTITY_INVALID"),
                         ({"quantity": "51"}, "OUT_OF_STOCK"),
                         ({"name": ""}, "INVALID_FIELD")):
        shown = checkout(http, link, **fields)
        assert shown.url.path == "/phone/checkout" and refusal_of(shown.text)[0] == code
    assert world.orders() == [] and acme.products()[0]["inventory"] == 50
    assert http.get("/phone/orders/123456789012345678").status_code == 404
    assert http.get("/phone/checkout?product=999").status_code == 404


def test_the_douyin_phone_buys_and_follows_orders_in_chinese(cast, phone_for):
    world, acme, mug, bea = cast
    dy = world.create_account(username="dy_buyer", region="CN", age=30, nickname="抖音用户",
                              real_name_verified=True)
    http = phone_for(dy)
    link = f"/phone/checkout?product={mug['id']}"
    shown = checkout(http, link)
    order_id = order_id_of(shown)
    allowed = ALLOWED | {"USD", "Mug", "Acme", "dy_buyer", world.id, world.name}
    pages = {path: http.get(path).text for path in (
        link, "/phone/orders", f"/phone/orders/{order_id}", "/phone/earnings",
        f"/phone/products/{mug['id']}", "/phone/", "/phone/@dy_buyer")}
    assert "订单" in pages["/phone/orders"]
    assert {p: english_words(t, allowed) for p, t in pages.items()} == dict.fromkeys(pages, set())
