"""Real browser: the presenter's walkthrough of an official link by QR code (D1–D4), and C1."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def shot(page, name):
    """Screenshots for the README, only when asked (TIKTOK_SANDBOX_SCREENSHOTS=1)."""
    if os.environ.get("TIKTOK_SANDBOX_SCREENSHOTS") == "1":
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def demo(sandbox):
    world = sandbox.create_world("Browser demo", seed="demo")
    yield world
    world.delete()


def seller_login(page, sandbox, world, email):
    page.goto(f"{sandbox.url}/")
    page.click(f"a[data-world={world.id}]")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", "demo1234")
    page.click("button[type=submit]")
    page.wait_for_url("**/seller/account/linked-accounts")


def phone_login(page, sandbox, world, username):
    page.goto(f"{sandbox.app_url}/")
    page.click(f"a[data-world={world.id}]")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "demo1234")
    page.click("button[type=submit]")
    page.wait_for_url("**/phone/")


def show_qr(page):
    """D1: read the rights and rules → Link → agree → QR."""
    page.click("#link-official")
    page.check("#agree")
    page.click("#show-qr")
    expect(page.locator("#qr")).to_be_visible()
    expect(page.locator("#status")).to_have_attribute("data-status", "qr_shown")


def test_D1_to_D4_walkthrough_links_alice_then_C1_refuses_teen_tom(sandbox, demo, chromium):
    seller = chromium.new_context(viewport={"width": 1200, "height": 800}).new_page()
    phone = chromium.new_context(viewport={"width": 440, "height": 860}).new_page()

    seller_login(seller, sandbox, demo, "seller@acme.test")
    expect(seller.locator("main")).to_contain_text("Rights and rules")
    shot(seller, "seller-rules")
    show_qr(seller)
    shot(seller, "seller-qr")

    phone_login(phone, sandbox, demo, "alice")
    phone.click("text=Scan")
    phone.click("#displayed a:has-text('Acme Official')")
    expect(phone.locator("main")).to_contain_text("Acme Official")
    expect(phone.locator(".scopes")).to_contain_text("Check your account can be linked")
    shot(phone, "phone-consent")
    phone.click("button[value=authorize]")
    expect(phone.locator("[role=status]")).to_contain_text("Authorized")

    # Seller Center follows by itself (its page polls): scanned → checking → the account card.
    expect(seller.locator("#status")).to_have_attribute("data-status", "ready", timeout=15000)
    expect(seller.locator("#acc-user")).to_have_text("@alice")
    expect(seller.locator("#acc-nick")).to_have_text("Alice Creates")
    expect(seller.locator("#acc-phone")).to_have_text("Phone +12*******01")
    expect(seller.locator("#acc-avatar")).to_have_attribute("src", f"{sandbox.app_url}/avatars/"
                                                            f"{alice_open_id(demo)}.svg")
    shot(seller, "seller-ready")
    seller.click("#confirm")
    seller.wait_for_url("**/seller/account/linked-accounts")
    expect(seller.locator("#official-card")).to_contain_text("@alice")
    expect(seller.locator("#official-card")).to_contain_text("Linked")
    shot(seller, "seller-linked")
    acme = next(s for s in demo.sandbox.control("GET", f"/worlds/{demo.id}/shops")["shops"]
                if s["name"] == "Acme Official")
    assert [(lk["shop_id"], lk["role"]) for lk in demo.links()
            if lk["open_id"] == alice_open_id(demo)] == [(acme["id"], "official")]

    # The same journey with the under-18 persona ends in a refusal naming rule C1.
    demo.create_shop(name="Teen Test", market="US", email="teen@shop.test", password="demo1234")
    seller2 = chromium.new_context(viewport={"width": 1200, "height": 800}).new_page()
    seller_login(seller2, sandbox, demo, "teen@shop.test")
    show_qr(seller2)
    scan_link = seller2.locator("#scan-link").get_attribute("href")
    phone.goto(f"{sandbox.app_url}/phone/logout")
    phone_login(phone, sandbox, demo, "teen_tom")
    phone.click("text=Scan")
    phone.fill("input[name=url]", scan_link)
    phone.click("form button:has-text('Open')")
    expect(phone.locator("main")).to_contain_text("Teen Test")
    phone.click("button[value=authorize]")
    expect(seller2.locator("#status")).to_have_attribute("data-status", "refused", timeout=15000)
    expect(seller2.locator("#refusal")).to_contain_text("C1")
    expect(seller2.locator("#refusal")).to_contain_text("LINK_HOLDER_UNDER_18")
    expect(seller2.locator("#confirm")).to_be_hidden()
    shot(seller2, "seller-refused-c1")
    assert all(lk["account"].get("username") != "teen_tom" for lk in demo.links())


def alice_open_id(world):
    accounts = world.sandbox.control("GET", f"/worlds/{world.id}/accounts")["accounts"]
    return next(a["open_id"] for a in accounts if a["username"] == "alice")
