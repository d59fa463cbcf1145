"""Real browser: a Douyin Shop (抖店) seller binds a regular Douyin account in Chinese (case 4),
the phone in Douyin mode scans and confirms, blue V completes and 官方账号升级 succeeds."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_J4_case_4_binding_and_upgrade_in_chinese(sandbox, world, chromium):
    world.create_shop(name="抖音小店", market="DOUYIN", business_entity="杭州某某科技有限公司",
                      email="seller@douyin-browser.test", password="douyin-pass1")
    world.create_account("dy_user", region="CN", age=30, real_name_verified=True,
                         nickname="抖音用户", password="dy-user-pass1")
    seller_ctx, phone_ctx = chromium.new_context(), chromium.new_context()
    seller, phone = seller_ctx.new_page(), phone_ctx.new_page()
    try:
        seller.goto(f"{sandbox.url}/douyin/login?world={world.id}")
        seller.fill("input[name=email]", "seller@douyin-browser.test")
        seller.fill("input[name=password]", "douyin-pass1")
        seller.click("#login")
        seller.wait_for_url("**/douyin/shop/official-account")
        assert seller.locator("h1").inner_text() == "店铺官方账号"
        assert seller.locator("#business-entity").inner_text() == "杭州某某科技有限公司"
        seller.click("#bind-now")
        seller.check("#benefit-shop_entry")
        seller.check("#benefit-official_badge")
        seller.click("#bind-submit")
        seller.wait_for_selector("#status[data-status=qr_shown]")
        assert "使用抖音扫码" in seller.locator("h1").inner_text()

        phone.goto(f"{sandbox.app_url}/phone/login?world={world.id}")
        phone.fill("input[name=username]", "dy_user")
        phone.fill("input[name=password]", "dy-user-pass1")
        phone.click("button[type=submit]")
        assert phone.locator(".phone-bar .logo").inner_text().strip() == "抖音"
        assert phone.locator("#douyin-kind").inner_text() == "个人号"
        assert phone.locator("#real-name").inner_text() == "已实名"
        phone.click(".scan-btn")
        phone.click("#displayed button.qr-tile:has-text('抖音小店')")
        phone.wait_for_selector("text=确认店铺名称")
        assert phone.locator("#shop-name").inner_text() == "抖音小店"
        phone.check("#douyin-agree")
        phone.click("#consent-authorize")
        phone.wait_for_selector(".result.ok")

        seller.wait_for_selector("#confirm-form:not([hidden])")
        assert seller.locator("#case-4").is_visible()
        assert "自动发起蓝V认证" in seller.locator("#case-4").inner_text()
        assert seller.locator("#acc-user").inner_text() == "@dy_user"
        seller.click("#confirm")
        seller.wait_for_selector("#notice[data-case='4']")
        assert "已自动发起蓝V认证" in seller.locator("#notice").inner_text()
        assert seller.locator("#official-user").inner_text() == "@dy_user"
        assert seller.locator("#upgrade-reminder").is_visible()

        phone.goto(f"{sandbox.app_url}/phone/")
        assert phone.locator("#douyin-verifying").inner_text().startswith("蓝V认证中")

        world.clock.advance("P3D")  # blue V verification completes
        seller.click("#upgrade")
        seller.wait_for_selector("#notice:has-text('官方账号已升级')")
        assert seller.locator("#upgrade-state").inner_text() == "已升级"
        assert seller.locator("#upgrade").count() == 0
        assert seller.locator("#upgrade-reminder").count() == 0

        phone.reload()
        assert phone.locator("#douyin-kind").inner_text() == "蓝V"
    finally:
        seller_ctx.close()
        phone_ctx.close()
