"""Real browser: live pages update by themselves, through the one long poll of live.js."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def _log_in(sandbox, world, chromium):
    shop = world.create_shop(name="Acme Live", market="US", email="seller@acme-live.test",
                             password="browser1")
    bob = world.create_account(username="bob", nickname="Bob Live", age=30)
    seller_ctx, phone_ctx = chromium.new_context(), chromium.new_context()
    seller, phone = seller_ctx.new_page(), phone_ctx.new_page()
    seller.goto(f"{sandbox.url}/seller/login?world={world.id}")
    seller.fill("input[name=email]", "seller@acme-live.test")
    seller.fill("input[name=password]", "browser1")
    seller.click("button[type=submit]")
    seller.wait_for_url("**/seller/account/linked-accounts")
    phone.goto(f"{sandbox.app_url}/phone/login?world={world.id}")
    phone.fill("input[name=username]", "bob")
    phone.fill("input[name=password]", bob.password)
    phone.click("button[type=submit]")
    return shop, (seller_ctx, phone_ctx), seller, phone


def test_the_phone_inbox_and_the_marketing_page_update_by_themselves(sandbox, world, chromium):
    shop, contexts, seller, phone = _log_in(sandbox, world, chromium)
    try:
        phone.click("#open-inbox")
        phone.wait_for_selector("#invitations")
        seller.click("#nav-marketing")
        seller.wait_for_selector("#invite-form")
        shop.seller.invite("bob")  # no reload of either page after this
        seller.wait_for_selector("li.invitation[data-status=sent]", timeout=15000)
        phone.click("li.invitation[data-status=pending] button[value=accept]", timeout=15000)
        phone.wait_for_selector("li.invitation[data-status=accepted]")
        seller.wait_for_selector("li.marketing-link[data-username=bob]", timeout=15000)
        seller.wait_for_selector("li.invitation[data-status=linked]")
    finally:
        for ctx in contexts:
            ctx.close()


def test_what_the_user_typed_and_has_not_sent_survives_a_live_refresh(sandbox, world, chromium):
    """A form filled, then a click elsewhere: the page refreshes (an invitation arrives) and
    the field still holds what was typed (live.js carries unsent edits into the fresh page)."""
    shop, contexts, seller, _phone = _log_in(sandbox, world, chromium)
    try:
        seller.click("#nav-marketing")
        seller.wait_for_selector("#invite-form")
        seller.fill("#invite-username", "carol")
        seller.evaluate("document.activeElement.blur()")  # typed, not sent
        shop.seller.invite("bob")
        seller.wait_for_selector("li.invitation[data-status=sent]", timeout=15000)
        assert seller.input_value("#invite-username") == "carol"
    finally:
        for ctx in contexts:
            ctx.close()
