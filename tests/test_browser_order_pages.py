"""Real browser: the Orders pages follow new orders and the buyer's requests by themselves (S3),
and a refused form shows its rule (live.js's one long poll; no reload)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_S3_the_orders_pages_follow_orders_and_requests_by_themselves(sandbox, world, chromium):
    acme = world.create_shop(name="Acme Live", market="US", email="seller@orders-live.test",
                             password="browser1")
    mug = acme.create_product("Mug", "10.00", inventory=50)
    bea = world.create_account(username="bea", age=30)
    context = chromium.new_context()
    page = context.new_page()
    try:
        page.goto(f"{sandbox.url}/seller/login?world={world.id}")
        page.fill("input[name=email]", "seller@orders-live.test")
        page.fill("input[name=password]", "browser1")
        page.click("button[type=submit]")
        page.wait_for_url("**/seller/account/linked-accounts")
        page.click("#nav-orders")
        page.wait_for_selector("#no-orders")
        order = bea.app.buy(mug)  # no reload of the page after this
        page.wait_for_selector(f"tr.order[data-order-id='{order.id}'][data-status=ON_HOLD]",
                               timeout=15000)
        page.click(f"tr.order[data-order-id='{order.id}'] a.order-id")
        page.click("#ship")
        page.wait_for_selector("#refusal[data-code=ORDER_ON_HOLD]")
        assert page.inner_text("#refusal-rule") == "S3"
        order.transition("AWAITING_SHIPMENT")
        page.wait_for_selector("#order-status[data-status=AWAITING_SHIPMENT]", timeout=15000)
        bea.app.cancel_order(order, "wrong colour")
        page.wait_for_selector("#open-request[data-kind=cancellation]", timeout=15000)
        page.click("#approve-request")
        page.wait_for_selector("#order-status[data-status=CANCELLED]")
        assert order.refresh().status == "CANCELLED"
    finally:
        context.close()
