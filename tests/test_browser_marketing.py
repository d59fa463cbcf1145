"""Real browser: invite → accept in the phone simulator → unlink request → the seller approves."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_E1_F5_invite_accept_unlink_request_and_approval_in_the_browser(sandbox, world, chromium):
    # An explicit e-mail: the generated one (seller+…@w_….sandbox) fails HTML5 type=email checks.
    shop = world.create_shop(name="Acme Browser", market="US", email="seller@acme-browser.test",
                             password="browser1")
    bob = world.create_account(username="bob", nickname="Bob Sells", age=30)
    seller_ctx, phone_ctx = chromium.new_context(), chromium.new_context()
    seller, phone = seller_ctx.new_page(), phone_ctx.new_page()
    try:
        seller.goto(f"{sandbox.url}/seller/login?world={world.id}")
        seller.fill("input[name=email]", shop.data["seller"]["email"])
        seller.fill("input[name=password]", shop.data["seller"]["password"])
        seller.click("button[type=submit]")
        seller.wait_for_url("**/seller/account/linked-accounts")
        seller.click("#nav-marketing")
        seller.fill("#invite-username", "bob")
        seller.click("#send-invitation")
        seller.wait_for_selector("#notice")
        seller.wait_for_selector("li.invitation[data-status=sent]")

        phone.goto(f"{sandbox.app_url}/phone/login?world={world.id}")
        phone.fill("input[name=username]", "bob")
        phone.fill("input[name=password]", bob.password)
        phone.click("button[type=submit]")
        phone.click("#open-inbox")
        phone.click("li.invitation[data-status=pending] button[value=accept]")
        phone.wait_for_selector("li.invitation[data-status=accepted]")

        seller.reload()
        seller.wait_for_selector("li.marketing-link[data-username=bob]")
        seller.wait_for_selector("li.invitation[data-status=linked]")

        world.clock.advance(hours=24)  # F1: a link can be unlinked 24 hours after it was made
        phone.goto(f"{sandbox.app_url}/phone/")
        phone.click("#open-shop")
        phone.click("#view-link-info")
        phone.click("#send-unlink-request")
        phone.wait_for_selector("#unlink-sent")

        seller.reload()
        seller.click("li.unlink-request button:has-text('Approve')")
        seller.wait_for_selector("#notice:has-text('approved')")
        assert seller.locator("li.marketing-link").count() == 0
        phone.goto(f"{sandbox.app_url}/phone/shop")
        phone.wait_for_selector("#no-shop")
    finally:
        seller_ctx.close()
        phone_ctx.close()
    assert shop.links() == []
