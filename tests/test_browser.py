"""Real browser: the presenter's walkthrough in the seeded `demo` world (D1–D4), then C1.

Seller Center in one browser context, the phone simulator in another, as on stage. Screenshots for
the README are written to docs/screenshots/ only with TIKTOK_SANDBOX_SCREENSHOTS=1.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
PASSWORD = "demo1234"  # every demo login (sandbox/services/worlds_setup.py)
WAIT_MS = 15_000  # the QR page polls every second; this only bounds a failure


def shot(page, name: str) -> None:
    """A README screenshot, only when asked for, so ordinary runs leave the tree alone."""
    if os.environ.get("TIKTOK_SANDBOX_SCREENSHOTS") == "1":
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture(scope="module")
def sb(chromium):
    """Both apps in this process on ephemeral ports, with the `demo` world a presenter uses
    (after `chromium`, which skips or fails when the browser is missing)."""
    from sandbox.client import Sandbox

    sandbox = Sandbox.local(seed_demo=True)
    yield sandbox
    sandbox.stop()


@pytest.fixture(scope="module")
def browser(chromium, sb):
    return chromium


@pytest.fixture
def screens(browser):
    """Seller Center on a laptop-sized screen, the phone simulator beside it."""
    seller_ctx = browser.new_context(viewport={"width": 1200, "height": 820})
    phone_ctx = browser.new_context(viewport={"width": 440, "height": 860})
    seller_ctx.set_default_timeout(WAIT_MS)
    phone_ctx.set_default_timeout(WAIT_MS)
    yield seller_ctx.new_page(), phone_ctx.new_page()
    seller_ctx.close()
    phone_ctx.close()


def seller_logs_in(page, sb, email: str) -> None:
    """Landing → the demo world → log in (the page lists the demo sellers) → My account."""
    page.goto(f"{sb.url}/")
    page.click("a[data-world=demo]")
    expect(page.locator("table.personas")).to_contain_text("seller@acme.test")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.click("nav >> text=Linked TikTok accounts")
    page.wait_for_url("**/seller/account/linked-accounts")


def phone_logs_in(page, sb, username: str) -> None:
    page.goto(f"{sb.app_url}/")
    page.click("a[data-world=demo]")
    expect(page.locator("table.personas")).to_contain_text("teen_tom")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/phone/")


def seller_shows_qr(page, sb) -> str:
    """D1: read the rights and rules → Link → agree → a QR code. Returns the scan link."""
    rules = page.locator("#official-rules")
    expect(rules).to_contain_text("at least 18")
    expect(rules).to_contain_text("C1")
    page.click("#link-official")
    page.check("#agree")
    page.click("#show-qr")
    expect(page.locator("#qr")).to_be_visible()
    expect(page.locator("#status")).to_have_attribute("data-status", "qr_shown")
    expect(page.locator("#account")).to_be_hidden()
    scan_link = page.locator("#scan-link").get_attribute("href")
    assert scan_link.startswith(f"{sb.app_url}/phone/authorize?")  # the phone simulator's
    return scan_link


def control_ids(sb):
    world = sb.world("demo")
    shops = {s["name"]: s["id"] for s in sb.control("GET", "/worlds/demo/shops")["shops"]}
    accounts = {a["username"]: a["open_id"]
                for a in sb.control("GET", "/worlds/demo/accounts")["accounts"]}
    return world, shops, accounts


def test_D1_to_D4_demo_seller_links_alice_as_official_account(sb, screens):
    seller, phone = screens

    seller_logs_in(seller, sb, "seller@acme.test")
    expect(seller.locator("main")).to_contain_text("Rights and rules")
    shot(seller, "seller-rules")
    seller_shows_qr(seller, sb)
    shot(seller, "seller-qr")

    # D2: the phone, logged in as the account to link, scans the code shown for the shop.
    phone_logs_in(phone, sb, "alice")
    phone.click("text=Scan")
    phone.click("#displayed button:has-text('Acme Official')")
    consent = phone.locator("main")
    expect(consent).to_contain_text("TikTok Shop Seller Center")
    expect(phone.locator("#shop-name")).to_have_text("Acme Official")
    expect(consent).to_contain_text("@alice")
    expect(phone.locator(".scopes")).to_contain_text("Check your account can be linked")
    # Seller Center follows by itself: the scan shows there while the phone is on the consent.
    expect(seller.locator("#status")).to_have_attribute("data-status", "scanned")
    shot(phone, "phone-consent")
    phone.click("button[value=authorize]")
    expect(phone.locator("[role=status]")).to_contain_text("Authorized")

    # D3/D4: checked by itself, then the account card with avatar, username, nickname, phone, time.
    expect(seller.locator("#status")).to_have_attribute("data-status", "ready")
    world, shops, accounts = control_ids(sb)
    alice = accounts["alice"]
    expect(seller.locator("#account")).to_be_visible()
    expect(seller.locator("#acc-user")).to_have_text("@alice")
    expect(seller.locator("#acc-nick")).to_have_text("Alice Creates")
    expect(seller.locator("#acc-phone")).to_have_text("+12*******01")
    expect(seller.locator("#acc-time")).to_contain_text("UTC")
    expect(seller.locator("#acc-avatar")).to_have_attribute(
        "src", f"{sb.app_url}/avatars/{alice}.svg")
    assert seller.locator("#acc-avatar").evaluate("img => img.naturalWidth") > 0
    expect(seller.locator("#refusal")).to_be_hidden()
    shot(seller, "seller-ready")

    seller.click("#confirm")
    seller.wait_for_url("**/seller/account/linked-accounts")
    card = seller.locator("#official-card")
    expect(card).to_contain_text("@alice")
    expect(card).to_contain_text("Acme Official")  # B2: the name follows the shop's
    expect(card).to_contain_text("+12*******01")
    expect(card.locator("[role=status]")).to_have_text("Linked")
    expect(seller.locator("#link-official")).to_have_count(0)
    shot(seller, "seller-linked")

    # The control plane agrees: alice is Acme Official's official account, and only that.
    assert [(lk["shop_id"], lk["role"], lk["status"]) for lk in world.links()
            if lk["open_id"] == alice] == [(shops["Acme Official"], "official", "linked")]


def test_C1_demo_under_18_persona_is_refused_naming_the_rule(sb, screens):
    seller, phone = screens
    # A US shop with no official account (teen_tom is in the US, so C2 cannot be the reason).
    shop = sb.world("demo").create_shop(name="Teen Test", market="US", email="teen@test.test",
                                        password=PASSWORD)

    seller_logs_in(seller, sb, "teen@test.test")
    scan_link = seller_shows_qr(seller, sb)

    phone_logs_in(phone, sb, "teen_tom")
    phone.click("text=Scan")
    phone.fill("#scan-url", scan_link)  # the scan link under the QR code, pasted
    phone.click("form button:has-text('Open')")
    expect(phone.locator("#shop-name")).to_have_text("Teen Test")
    expect(seller.locator("#status")).to_have_attribute("data-status", "scanned")
    phone.click("button[value=authorize]")
    expect(phone.locator("[role=status]")).to_contain_text("Authorized")

    expect(seller.locator("#status")).to_have_attribute("data-status", "refused")
    refusal = seller.locator("#refusal")
    expect(refusal).to_be_visible()
    expect(refusal).to_contain_text("C1")
    expect(refusal).to_contain_text("LINK_HOLDER_UNDER_18")
    expect(refusal).to_contain_text("at least 18")
    expect(seller.locator("#acc-user")).to_have_text("@teen_tom")
    expect(seller.locator("#confirm")).to_be_hidden()
    shot(seller, "seller-refused-c1")

    world, _, accounts = control_ids(sb)
    assert all(lk["open_id"] != accounts["teen_tom"] for lk in world.links())
    assert shop.links() == []
