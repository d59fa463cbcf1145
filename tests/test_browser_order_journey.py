"""Real browser: an order's whole journey, the phone in one page and Seller Center in another.

A buyer buys on the phone from an official account's Shop tab and from an affiliate creator's
showcase (S1); both orders appear on Seller Center's Orders page by themselves (live.js, no
reload); an hour of world time ends the hold, the seller ships from the order page and the
carrier delivers (S3); the buyer's phone shows it delivered, and the creator's Earnings page and
Seller Center's Affiliate orders show the pending commission (S2). Time moves only through the
world clock. With TIKTOK_SANDBOX_SCREENSHOTS=1 it saves docs/screenshots/phone-checkout.png,
seller-orders.png and amy-earnings.png (as tests/test_browser.py does).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from test_browser import WAIT_MS, shot
from test_selling import link_official

pytestmark = pytest.mark.browser


@pytest.fixture
def patient_expect():
    """expect() waits up to 15 s here (live pages follow events; this only bounds a failure)."""
    expect.set_options(timeout=WAIT_MS)
    yield
    expect.set_options(timeout=None)


def phone_logs_in(phone, sandbox, world, account) -> None:
    phone.goto(f"{sandbox.app_url}/phone/login?world={world.id}")
    phone.fill("input[name=username]", account.username)
    phone.fill("input[name=password]", account.password)
    phone.click("button[type=submit]")
    phone.wait_for_url("**/phone/")


def phone_logs_out(phone, sandbox) -> None:
    phone.goto(f"{sandbox.app_url}/phone/")
    phone.click("#log-out")
    phone.wait_for_url("**/phone/login**")


def buy_from(phone, sandbox, profile: str, list_id: str, title: str, quantity: int,
             screenshot: str | None = None) -> str:
    """On @profile, tap Buy on `title` in `list_id`, then Pay; returns the new order's id."""
    phone.goto(f"{sandbox.app_url}/phone/@{profile}")
    phone.click(f"#{list_id} li[data-title='{title}'] a.buy")
    phone.wait_for_url("**/phone/checkout?**")
    expect(phone.locator("#checkout-product .product-title")).to_have_text(title)
    phone.fill("#quantity", str(quantity))
    if screenshot:
        shot(phone, screenshot)
    phone.click("#pay")
    phone.wait_for_url("**/phone/orders/*")
    expect(phone.locator("#order-status")).to_have_attribute("data-status", "ON_HOLD")
    return phone.url.rsplit("/", 1)[1]


def test_S1_S2_S3_an_order_journey_from_the_phone_through_seller_center(
        sandbox, world, chromium, patient_expect):
    acme = world.create_shop(name="Acme", market="US", email="seller@journey.test",
                             password="journey1")
    mug = acme.create_product("Mug", "10.00", inventory=50, commission_rate=1500)
    official = world.create_account(username="acme_official", age=30, region="US")
    amy = world.create_account(username="amy", age=30, region="US", followers=5000,
                               affiliate=True)
    bea = world.create_account(username="bea", age=30, region="US")
    link_official(acme, official)
    amy.app.add_to_showcase(mug["id"])  # open to affiliates at 15 %

    seller_ctx = chromium.new_context(viewport={"width": 1200, "height": 820})
    phone_ctx = chromium.new_context(viewport={"width": 440, "height": 860})
    seller_ctx.set_default_timeout(WAIT_MS)
    phone_ctx.set_default_timeout(WAIT_MS)
    seller, phone = seller_ctx.new_page(), phone_ctx.new_page()
    try:
        seller.goto(f"{sandbox.url}/seller/login?world={world.id}")
        seller.fill("input[name=email]", "seller@journey.test")
        seller.fill("input[name=password]", "journey1")
        seller.click("button[type=submit]")
        seller.wait_for_url("**/seller/account/linked-accounts")
        seller.click("#nav-orders")
        expect(seller.locator("#no-orders")).to_be_visible()

        # (1) S1: the buyer buys from the official account's Shop tab, (2) from amy's showcase
        phone_logs_in(phone, sandbox, world, bea)
        shop_order = buy_from(phone, sandbox, "acme_official", "shop-page-products", "Mug", 1)
        expect(phone.locator("#bought-through")).to_have_attribute("data-channel", "SHOP_PAGE")
        showcase_order = buy_from(phone, sandbox, "amy", "showcase-products", "Mug", 2,
                                  screenshot="phone-checkout")
        expect(phone.locator("#bought-through")).to_have_attribute("data-channel", "SHOWCASE")
        expect(phone.locator("#order-total")).to_have_text("20.00 USD")

        # (3) S3: both on Seller Center's Orders page by themselves (no reload since the login)
        expect(seller.locator("tr.order")).to_have_count(2)  # the frozen clock: same minute
        by_showcase = seller.locator(f"tr.order[data-order-id='{showcase_order}']")
        by_shop_tab = seller.locator(f"tr.order[data-order-id='{shop_order}']")
        expect(by_showcase).to_have_attribute("data-relation", "AFFILIATE")
        expect(by_showcase.locator("td.channel")).to_contain_text("@amy")
        expect(by_showcase.locator("td.commission")).to_contain_text("3.00 USD")
        expect(by_shop_tab).to_have_attribute("data-relation", "OFFICIAL")
        expect(by_shop_tab.locator("td.channel")).to_contain_text("@acme_official")
        for row in (by_showcase, by_shop_tab):
            expect(row).to_have_attribute("data-status", "ON_HOLD")
        shot(seller, "seller-orders")

        # (4) S3: an hour of world time ends the hold; the seller ships from the order page
        seller.click(f"tr.order[data-order-id='{showcase_order}'] a.order-id")
        seller.wait_for_url(f"**/seller/orders/{showcase_order}")
        expect(seller.locator("#order-status")).to_have_attribute("data-status", "ON_HOLD")
        world.clock.advance(hours=1)
        expect(seller.locator("#order-status")).to_have_attribute(
            "data-status", "AWAITING_SHIPMENT")  # the page followed the clock's move
        seller.fill("#ship-form input[name=provider]", "Sandbox Express")
        seller.fill("#ship-form input[name=tracking]", "JOURNEY0001")
        seller.click("#ship")
        expect(seller.locator("#order-status")).to_have_attribute(
            "data-status", "AWAITING_COLLECTION")
        expect(seller.locator("#tracking")).to_have_text("JOURNEY0001")
        assert world.order(showcase_order).status == "AWAITING_COLLECTION"

        # (5) S3: the carrier delivers; the seller's order page follows
        world.carrier.deliver(showcase_order)
        expect(seller.locator("#order-status")).to_have_attribute("data-status", "DELIVERED")

        # (6) the buyer's phone, still on that order's page, follows it; so does My orders
        expect(phone.locator("#order-status")).to_have_attribute("data-status", "DELIVERED")
        phone.click("#back-to-orders")
        phone.wait_for_url("**/phone/orders")
        expect(phone.locator(f"li.order-row[data-order-id='{showcase_order}']")
               ).to_have_attribute("data-status", "DELIVERED")
        expect(phone.locator(f"li.order-row[data-order-id='{shop_order}']")
               ).to_have_attribute("data-status", "AWAITING_SHIPMENT")
        phone.click(f"li.order-row[data-order-id='{showcase_order}'] a")
        phone.wait_for_url(f"**/phone/orders/{showcase_order}")
        expect(phone.locator("#order-status")).to_have_attribute("data-status", "DELIVERED")
        expect(phone.locator("#tracking-number")).to_have_text("JOURNEY0001")
        expect(phone.locator("#request-return")).to_be_visible()

        # (7) S2: amy's Earnings page shows the pending commission, and so does Seller Center
        phone_logs_out(phone, sandbox)
        phone_logs_in(phone, sandbox, world, amy)
        phone.click("#open-profile-menu")
        phone.click("#open-earnings")
        phone.wait_for_url("**/phone/earnings")
        earned = phone.locator(f"#earnings-orders li[data-order-id='{showcase_order}']")
        expect(earned).to_have_attribute("data-commission-status", "PENDING")
        expect(earned).to_have_attribute("data-amount", "3.00")
        expect(earned.locator(".earning-item")).to_have_attribute("data-rate", "1500")
        expect(phone.locator("#total-pending")).to_have_text("3.00 USD")
        expect(phone.locator("#total-payable")).to_have_text("0.00 USD")
        expect(phone.locator(f"li[data-order-id='{shop_order}']")).to_have_count(0)
        shot(phone, "amy-earnings")

        seller.click("p.crumbs a")  # back to Orders, then its Affiliate orders link
        seller.wait_for_url("**/seller/orders")
        seller.click("#to-affiliate-orders")
        seller.wait_for_url("**/seller/orders/affiliate")
        creator = seller.locator("section.creator[data-username=amy]")
        expect(creator).to_have_attribute("data-open-id", amy.open_id)
        expect(creator.locator(".total-pending")).to_have_text("3.00 USD")
        expect(creator.locator(f"tr.order[data-order-id='{showcase_order}']")
               ).to_have_attribute("data-commission", "PENDING")
        expect(seller.locator(f"tr.order[data-order-id='{shop_order}']")).to_have_count(0)
    finally:
        seller_ctx.close()
        phone_ctx.close()
