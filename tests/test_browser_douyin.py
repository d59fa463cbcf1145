"""Real browser: a Douyin Shop (抖店) seller binds a regular Douyin account in Chinese (case 4),
the phone in Douyin mode scans and confirms, 官方账号升级 is refused while blue V runs (at a GET
address: the live refresh does not post again), then succeeds; the world-clock bar in Chinese."""

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

        # J6 refuses while blue V runs: the refusal shows at a GET address (POST → redirect →
        # GET), so the live refresh the clock's move causes never posts the upgrade again.
        posts = []
        seller.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
        seller.click("#upgrade")
        seller.wait_for_selector("#error[data-code=DOUYIN_UPGRADE_WAITS_FOR_VERIFICATION]")
        assert seller.url == f"{sandbox.url}/douyin/shop/official-account"
        assert seller.locator("#error .rule").inner_text() == "J6"
        assert "仍在进行中" in seller.locator("#error-message").inner_text()
        seller.evaluate("window.__sameDocument = true")
        seller.evaluate("""document.addEventListener('live:refreshed',
                           () => { window.__liveRefreshed = true; })""")
        world.clock.advance("P3D")  # blue V verification completes: the page refreshes itself
        seller.wait_for_function("window.__liveRefreshed === true", timeout=15_000)
        assert seller.evaluate("window.__sameDocument") is True  # swapped, not reloaded
        assert seller.locator("#upgrade-state").inner_text() == "未升级"
        assert [u for u in posts if u.endswith("/upgrade")] == [
            f"{sandbox.url}/douyin/shop/official-account/upgrade"]
        seller.click("#upgrade")
        seller.wait_for_selector("#notice:has-text('官方账号已升级')")
        assert seller.locator("#upgrade-state").inner_text() == "已升级"
        assert seller.locator("#upgrade").count() == 0
        assert seller.locator("#upgrade-reminder").count() == 0
        assert len([u for u in posts if u.endswith("/upgrade")]) == 2  # one per click

        phone.reload()
        assert phone.locator("#douyin-kind").inner_text() == "蓝V"
    finally:
        seller_ctx.close()
        phone_ctx.close()


def test_the_world_clock_bar_is_styled_and_chinese_on_douyin_pages(sandbox, world, chromium):
    world.create_shop(name="抖音小店", market="DOUYIN", business_entity="杭州某某科技有限公司",
                      email="seller@douyin-bar.test", password="douyin-pass1")
    ctx = chromium.new_context()
    page = ctx.new_page()
    try:
        page.goto(f"{sandbox.url}/douyin/login?world={world.id}")
        page.fill("input[name=email]", "seller@douyin-bar.test")
        page.fill("input[name=password]", "douyin-pass1")
        page.click("#login")
        page.wait_for_url("**/douyin/shop/official-account")
        bar = page.locator("#world-clock")
        assert bar.locator(".wc-label").inner_text() == "世界时间"
        assert bar.locator("#world-clock-state").inner_text() == "已冻结"  # the suite's worlds
        assert bar.locator("[data-advance=PT48H]").inner_text() == "+48 小时"
        assert bar.locator("#world-clock-timeline").inner_text() == "时间线"
        style = bar.evaluate("e => getComputedStyle(e).display + ' ' + getComputedStyle(e).backgroundColor")
        assert style == "flex rgb(247, 247, 248)"  # the bar of the other faces, not a bare line
        button = bar.locator("[data-advance=PT2M]").evaluate(
            "e => getComputedStyle(e).backgroundColor + ' ' + getComputedStyle(e).borderRadius")
        assert button == "rgb(255, 255, 255) 4px"
        timeline = bar.locator("#world-clock-timeline").evaluate(
            "e => getComputedStyle(e).textDecorationLine")
        assert timeline == "none"
        bar.locator("[data-advance=PT2M]").click()
        page.wait_for_selector("#world-clock-fired:has-text('没有到期事项')")
        page.goto(f"{sandbox.url}/douyin/shop/official-account?lang=en")
        assert bar.locator(".wc-label").text_content() == "World time"
    finally:
        ctx.close()
