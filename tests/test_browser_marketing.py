"""Real browser: invite → accept in the phone simulator → unlink request → the seller opens its
details and agrees (F5, seed 002)."""

from __future__ import annotations

import pytest
from test_unlinking import invite_and_accept

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

        seller.reload()  # seed 002: the request beside the account → "View details" → agree
        seller.click("li.marketing-link[data-username=bob] .unlink-request a:has-text('View details')")
        seller.wait_for_selector("#unlink-request[data-status=pending]")
        assert "@bob" in seller.inner_text("#request-by")
        seller.click("#agree-unlink-request")
        seller.wait_for_selector("#notice:has-text('approved')")
        assert seller.locator("li.marketing-link").count() == 0
        phone.goto(f"{sandbox.app_url}/phone/shop")
        phone.wait_for_selector("#no-shop")
    finally:
        seller_ctx.close()
        phone_ctx.close()
    assert shop.links() == []


def test_C7_C8_F3_ticket_state_inline_badge_and_marketing_unlink_confirm_page(sandbox, world,
                                                                              chromium):
    """The official card shows its open ticket (no second button), the C8 badge is a badge (not
    a bar), and a marketing unlink goes through a confirm page, not a native confirm()."""
    shop = world.create_shop(name="Acme Badges", market="US", email="seller@acme-badges.test",
                             password="browser1")
    paul = world.create_account(username="paul_ca", age=30, region="CA", network_region="US")
    pending = shop.seller.start_official_link()
    paul.app.scan(pending.qr_url).authorize()
    pending.wait_until("in_progress")
    bob = world.create_account(username="bob", nickname="Bob Sells", age=30)
    link = invite_and_accept(shop, bob)
    world.clock.advance(hours=24)  # F1
    ctx = chromium.new_context()
    seller = ctx.new_page()
    dialogs = []
    seller.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        seller.goto(f"{sandbox.url}/seller/login?world={world.id}")
        seller.fill("input[name=email]", "seller@acme-badges.test")
        seller.fill("input[name=password]", "browser1")
        seller.click("button[type=submit]")
        seller.wait_for_url("**/seller/account/linked-accounts")
        seller.click("#open-ticket-official")
        seller.wait_for_selector("#notice:has-text('Support ticket opened.')")
        ticket = seller.wait_for_selector("#official-ticket[data-status=open]")
        assert ticket.get_attribute("data-ticket-id") in ticket.inner_text()
        assert seller.locator("#open-ticket-official").count() == 0

        seller.click("#nav-marketing")
        badge = seller.locator("#c8-badge").bounding_box()
        assert badge is not None and badge["width"] < 60, badge

        seller.click(f"#unlink-{link.link_id}")
        seller.wait_for_selector("#unlink-confirm[data-role=marketing]")
        assert "/unlink?" in seller.url  # a page of its own (GET), after the POST
        assert "10 of 10 unlinks left in this period" in seller.inner_text("#unlinks-left")
        seller.click("#confirm-unlink")
        seller.wait_for_selector("#notice:has-text('Unlinked @bob.')")
        assert seller.locator("li.marketing-link").count() == 0 and dialogs == []
    finally:
        ctx.close()
    assert [lk["role"] for lk in shop.links()] == ["official"]
