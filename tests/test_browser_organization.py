"""A real Chromium: create an organization account in Seller Center, advance the world clock,
get a one-time password through the SMS code in the Messages panel, log into the phone with it."""

from __future__ import annotations

import os
import re

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def local():
    if not os.path.exists(CHROMIUM) and os.environ.get("TIKTOK_SANDBOX_REQUIRE_BROWSER") != "1":
        pytest.skip("Chromium is not installed at /usr/bin/chromium")
    from sandbox.client import Sandbox

    sb = Sandbox.local(db=os.environ.get("TIKTOK_SANDBOX_DB") or "memory")
    yield sb
    sb.stop()


@pytest.fixture(scope="module")
def browser(local):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def test_G1_G3_G4_create_advance_otp_by_sms_and_log_into_the_phone(local, browser):
    world = local.create_world("browser org", frozen=True)
    shop = world.create_shop(name="Acme Official", phone="+12025550199",
                             email="seller@acme.test", password="demo1234")
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        page.goto(f"{local.url}/worlds/{world.id}/open")
        page.fill("input[name=email]", "seller@acme.test")
        page.fill("input[name=password]", "demo1234")
        page.click("button[type=submit]")
        page.wait_for_selector("#create-org")
        page.click("#create-org")
        page.wait_for_selector(".org-row[data-status=pending]")
        world.clock.advance(seconds=150)
        page.reload()
        page.wait_for_selector("#official-card")
        row = page.wait_for_selector(".org-row[data-status=created]")
        username = row.query_selector(".org-username").inner_text()
        row.query_selector("a[id^=otp-]").click()
        page.click("#send-sms")
        body = page.wait_for_selector("#sms-list .sms-body").inner_text()
        code = re.search(r"\b(\d{6})\b", body).group(1)
        page.fill("#sms-code", code)
        page.click("#get-otp")
        otp = page.wait_for_selector("#otp-value").inner_text()
        assert page.inner_text("#otp-login-username") == username

        phone = context.new_page()
        phone.set_default_timeout(15000)
        phone.goto(f"{local.app_url}/worlds/{world.id}/open")
        phone.fill("#otp-username", username)
        phone.fill("#otp-password", otp)
        phone.click("#otp-login")
        phone.wait_for_selector("#org-kind")
        assert "Organization account" in phone.inner_text("#org-panel")
        assert "Commercial Music Library" in phone.inner_text("#org-panel")
        assert shop.links()[0]["account"]["username"] == username
    finally:
        context.close()
        world.delete()
