"""Seller Center's Orders pages over HTTP: the list by status (S3), one order with where it was
sold and its commission (S1, S2), ship, cancel and answer the buyer from its forms (S3), each
refusal shown with its rule and changing nothing, and the affiliate orders per creator (S2)."""

from __future__ import annotations

import re

import pytest
from support import browser_seller, refused_form, submit_form
from test_forms_redirect_after_post import assert_refused_by_redirect

PAGE = "/seller/orders"


@pytest.fixture
def cast(world, control_http):
    """Acme's seller in a browser; a mug open to affiliates at 15 %; a buyer; a creator."""
    acme = world.create_shop(name="Acme", market="US")
    seller = acme.data["seller"]
    browser_seller(control_http, world.id, seller["email"], seller["password"])
    mug = acme.create_product("Mug", "10.00", inventory=50, commission_rate=1500)
    bea = world.create_account(username="bea", age=30)
    amy = world.create_account(username="amy", age=30, followers=5000, affiliate=True)
    amy.app.add_to_showcase(mug["id"])
    return world, acme, mug, bea, amy


def rows(page: str) -> list[str]:
    """The order ids of a list page, top to bottom."""
    return re.findall(r'<tr class="order" data-order-id="(\d+)"', page)


def test_the_orders_pages_need_a_login(control_http):
    for path in (PAGE, f"{PAGE}/1", f"{PAGE}/affiliate"):
        resp = control_http.get(path)
        assert resp.status_code == 302 and "/seller/login" in resp.headers["location"]


def test_S3_the_list_is_newest_first_and_filters_by_status(cast, control_http):
    world, acme, mug, bea, amy = cast
    held = bea.app.buy(mug)
    world.clock.advance(minutes=1)
    waiting = world.create_order(bea, mug, via=amy, channel="SHOWCASE")
    waiting.transition("AWAITING_SHIPMENT")
    world.clock.advance(minutes=1)
    gone = bea.app.buy(mug).cancel("changed my mind")
    page = control_http.get(PAGE).text
    assert rows(page) == [gone.id, waiting.id, held.id]
    assert 'id="nav-orders"' in page and "All (3)" in page and "Awaiting shipment (1)" in page
    assert 'data-live-types="order."' in page and "live.js" in page
    assert "10.00 USD" in page and "@amy" in page and 'data-relation="AFFILIATE"' in page
    assert "1.50 USD" in page  # the affiliate order's commission
    only = control_http.get(PAGE, params={"status": "AWAITING_SHIPMENT"}).text
    assert rows(only) == [waiting.id] and 'aria-current="page"' in only
    assert rows(control_http.get(PAGE, params={"status": "CANCELLED"}).text) == [gone.id]
    assert rows(control_http.get(PAGE, params={"status": "DELIVERED"}).text) == []
    assert control_http.get(PAGE, params={"status": "LOST"}).status_code == 400


def test_S3_the_list_pages_through_many_orders(cast, control_http):
    world, acme, mug, bea, amy = cast
    placed = world.create_order(bea, mug, count=25)
    first = control_http.get(PAGE).text
    assert len(rows(first)) == 20
    older = re.search(r'href="([^"]+)" id="next-page"', first).group(1).replace("&amp;", "&")
    second = control_http.get(older).text
    assert len(rows(second)) == 5 and 'id="next-page"' not in second
    assert set(rows(first)) | set(rows(second)) == {o.id for o in placed}


def test_S1_S2_the_order_page_shows_attribution_and_commission(cast, control_http):
    world, acme, mug, bea, amy = cast
    order = bea.app.buy(mug, quantity=3, via=amy, channel="SHOWCASE")
    page = control_http.get(f"{PAGE}/{order.id}").text
    assert f"Order {order.id}" in page and 'data-status="ON_HOLD"' in page
    assert "Showcase" in page and "@amy" in page and amy.open_id in page
    assert 'data-relation="AFFILIATE"' in page and 'data-commission="PENDING"' in page
    item = re.search(r'<tr class="item".*?</tr>', page, re.S).group(0)
    assert "Mug" in item and "10.00 USD" in item and ">3<" in item
    assert "15%" in item and "4.50 USD" in item
    assert "30.00 USD" in page and 'id="order-timeline"' in page and "Paid" in page
    assert 'id="ship-form"' in page and 'id="cancel-form"' in page
    assert '<option value="USPS">' in page  # the shipping providers to pick from


def test_S1_a_product_page_sale_has_no_creator_and_no_commission(cast, control_http):
    world, acme, mug, bea, amy = cast
    order = bea.app.buy(mug)
    page = control_http.get(f"{PAGE}/{order.id}").text
    assert "Product page" in page and "none (bought from the product page)" in page
    assert 'data-commission="NONE"' in page and "0%" in page


def test_S3_ship_from_the_form(cast, control_http):
    world, acme, mug, bea, amy = cast
    order = bea.app.buy(mug).transition("AWAITING_SHIPMENT")
    url = f"{PAGE}/{order.id}"
    done = submit_form(control_http, url, to=f"{url}/ship", provider="UPS", tracking="1Z999")
    assert done.status_code == 302 and done.headers["location"].endswith(url)
    page = control_http.get(url).text
    assert 'id="notice"' in page and "Shipped with UPS, tracking number 1Z999." in page
    assert 'data-status="AWAITING_COLLECTION"' in page and 'id="ship-form"' not in page
    shipped = acme.seller.order(order.id)
    assert shipped["status"] == "AWAITING_COLLECTION"
    assert shipped["shipping"]["tracking_number"] == "1Z999"


def test_S3_ship_with_the_defaults_uses_the_sandbox_carrier(cast, control_http):
    world, acme, mug, bea, amy = cast
    order = bea.app.buy(mug).transition("AWAITING_SHIPMENT")
    url = f"{PAGE}/{order.id}"
    submit_form(control_http, url, to=f"{url}/ship")
    assert "Shipped with Sandbox Express" in control_http.get(url).text
    assert order.refresh()["shipping"]["tracking_number"]


def test_S3_shipping_an_order_on_hold_is_refused_and_changes_nothing(cast, control_http):
    world, acme, mug, bea, amy = cast
    order = bea.app.buy(mug)
    url = f"{PAGE}/{order.id}"
    before = len(world.events(type="order."))
    shown = refused_form(control_http, url, to=f"{url}/ship", provider="UPS")
    assert 'data-code="ORDER_ON_HOLD"' in shown and 'id="refusal-rule">S3<' in shown
    assert "nothing was changed" in shown and 'data-status="ON_HOLD"' in shown
    assert order.refresh().status == "ON_HOLD" and order["shipping"]["provider"] is None
    assert len(world.events(type="order.")) == before
    assert_refused_by_redirect(control_http, url, f"{url}/ship", {}, ["ORDER_ON_HOLD", "S3"])
    world.clock.advance(minutes=61)  # the hold ends: now it ships
    submit_form(control_http, url, to=f"{url}/ship")
    assert order.refresh().status == "AWAITING_COLLECTION"


def test_S3_S4_cancel_from_the_form_with_a_reason(cast, control_http):
    world, acme, mug, bea, amy = cast
    order = bea.app.buy(mug, quantity=2).transition("AWAITING_SHIPMENT")
    assert acme.products()[0]["inventory"] == 48
    url = f"{PAGE}/{order.id}"
    submit_form(control_http, url, to=f"{url}/cancel", reason="Out of stock")
    page = control_http.get(url).text
    assert "Order cancelled (Out of stock)." in page and 'data-status="CANCELLED"' in page
    assert "seller: Out of stock" in page and 'id="cancel-form"' not in page
    assert "requested by the buyer" not in page  # a direct cancellation: no request shown
    assert order.refresh().status == "CANCELLED"
    assert acme.products()[0]["inventory"] == 50
    shown = refused_form(control_http, url, to=f"{url}/ship")
    assert 'data-code="ORDER_IS_CANCELLED"' in shown


def test_S3_approve_the_buyers_cancellation_request(cast, control_http):
    world, acme, mug, bea, amy = cast
    order = world.create_order(bea, mug, via=amy, channel="SHOWCASE")
    order.transition("AWAITING_SHIPMENT")
    assert bea.app.cancel_order(order, "wrong colour")["status"] == "AWAITING_SHIPMENT"
    listed = control_http.get(PAGE).text
    assert 'data-request="cancellation"' in listed and "Buyer asks to cancel" in listed
    url = f"{PAGE}/{order.id}"
    page = control_http.get(url).text
    assert 'id="open-request"' in page and "BUYER_CANCEL" in page and "wrong colour" in page
    assert 'id="request-due"' in page and 'id="ship-rejects-request"' in page
    done = submit_form(control_http, url, to=f"{url}/request/approve", reason="ok")
    assert done.status_code == 302
    page = control_http.get(url).text
    assert "Request approved; the order is now Cancelled." in page
    assert 'id="open-request"' not in page and 'data-commission="REVERSED"' in page
    assert order.refresh().status == "CANCELLED"
    assert re.findall(r"<li><b>[^<]+</b> · ([^<]+)</li>", page) == [
        "Placed", "Paid (the hold begins)", "Cancellation requested by the buyer (BUYER_CANCEL)",
        "Cancellation request approved by seller", "Cancelled"]
    shown = refused_form(control_http, url, to=f"{url}/request/approve")
    assert 'data-code="ORDER_REQUEST_NOT_FOUND"' in shown


def test_S3_shipping_rejects_the_buyers_open_cancellation_request(cast, control_http):
    world, acme, mug, bea, amy = cast
    order = bea.app.buy(mug).transition("AWAITING_SHIPMENT")
    bea.app.cancel_order(order, "too slow")
    url = f"{PAGE}/{order.id}"
    submit_form(control_http, url, to=f"{url}/ship")
    page = control_http.get(url).text
    assert 'id="open-request"' not in page and 'data-status="AWAITING_COLLECTION"' in page
    assert "Cancellation request rejected by seller" in page
    assert order.refresh().status == "AWAITING_COLLECTION"


def test_S3_reject_the_buyers_cancellation_request_then_ship(cast, control_http):
    world, acme, mug, bea, amy = cast
    order = bea.app.buy(mug).transition("AWAITING_SHIPMENT")
    bea.app.cancel_order(order, "too slow")
    url = f"{PAGE}/{order.id}"
    submit_form(control_http, url, to=f"{url}/request/reject", reason="already packed")
    assert "Request rejected" in control_http.get(url).text
    submit_form(control_http, url, to=f"{url}/ship")
    assert order.refresh().status == "AWAITING_COLLECTION"


def test_another_shops_order_is_not_shown_nor_changed(cast, control_http):
    world, acme, mug, bea, amy = cast
    other = world.create_shop(name="Other", market="US")
    pen = other.create_product("Pen", "1.00")
    theirs = bea.app.buy(pen).transition("AWAITING_SHIPMENT")
    assert control_http.get(f"{PAGE}/{theirs.id}").status_code == 404
    assert theirs.id not in control_http.get(PAGE).text
    shown = refused_form(control_http, PAGE, to=f"{PAGE}/{theirs.id}/ship")
    assert 'data-code="ORDER_NOT_FOUND"' in shown
    assert theirs.refresh().status == "AWAITING_SHIPMENT"


def test_S2_affiliate_orders_per_creator_with_commission_totals(cast, control_http):
    world, acme, mug, bea, amy = cast
    zoe = world.create_account(username="zoe", age=30, followers=5000, affiliate=True)
    zoe.app.add_to_showcase(mug["id"])
    world.create_order(bea, mug, via=amy, channel="SHOWCASE").transition("COMPLETED")  # 1.50
    bea.app.buy(mug, via=amy, channel="SHOWCASE").cancel()  # 1.50 reversed
    world.create_order(bea, mug, quantity=3, via=amy, channel="SHOWCASE")  # 4.50 pending
    zoes = world.create_order(bea, mug, via=zoe, channel="SHOWCASE")  # 1.50 pending
    bea.app.buy(mug)  # the product page: not an affiliate order
    page = control_http.get(f"{PAGE}/affiliate").text
    assert 'id="nav-affiliate-orders"' in page
    amys = re.search(rf'id="creator-{amy.open_id}".*?</section>', page, re.S).group(0)
    assert "@amy" in amys and amy.open_id in amys and "3 orders" in amys
    assert re.search(r'total-pending">4\.50 USD', amys)
    assert re.search(r'total-payable">1\.50 USD', amys)
    assert re.search(r'total-reversed">1\.50 USD', amys)
    assert amys.count('<tr class="order"') == 3 and "15%" in amys
    zoe_part = re.search(rf'id="creator-{zoe.open_id}".*?</section>', page, re.S).group(0)
    assert zoes.id in zoe_part and re.search(r'total-pending">1\.50 USD', zoe_part)
    assert page.count('<tr class="order"') == 4
    assert amy.app.earnings()["totals"] == {"pending": "4.50", "payable": "1.50",
                                            "reversed": "1.50"}
    assert 'id="to-affiliate-orders"' in control_http.get(PAGE).text
    assert 'id="to-affiliate-orders"' in control_http.get("/seller/products").text


def test_no_affiliate_orders_yet_says_so(cast, control_http):
    page = control_http.get(f"{PAGE}/affiliate").text
    assert 'id="no-affiliate-orders"' in page


def test_S3_the_list_follows_new_orders_through_the_live_feed(cast, control_http):
    world, acme, mug, bea, amy = cast
    page = control_http.get(PAGE).text
    cursor = re.search(r'data-live-types="order\." data-live-after="(\d+)"', page).group(1)
    order = bea.app.buy(mug)
    feed = control_http.get("/live/events", params={"after": cursor, "types": "order."}).json()
    assert {(e["type"], e["subject"]) for e in feed["events"]} >= {("order.created", order.id)}
    assert rows(control_http.get(PAGE).text) == [order.id]  # what live.js fetches again
