"""Real browser: the clock bar's link opens the world's rules page, where a presenter changes a
number and sees it marked overridden."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def test_a_presenter_changes_a_rule_from_the_clock_bars_rules_page(sandbox, world, chromium):
    from playwright.sync_api import expect

    world.create_shop(name="Acme Rules", market="US", email="seller@acme-rules.test",
                      password="browser1")
    ctx = chromium.new_context()
    try:
        tab = ctx.new_page()
        tab.goto(f"{sandbox.url}/seller/login?world={world.id}")
        tab.fill("input[name=email]", "seller@acme-rules.test")
        tab.fill("input[name=password]", "browser1")
        tab.click("button[type=submit]")
        tab.wait_for_url("**/seller/account/linked-accounts")
        tab.locator("#world-clock #world-clock-rules").click()
        expect(tab).to_have_url(re.compile(rf"/worlds/{re.escape(world.id)}/rules$"))
        expect(tab.locator("h1")).to_contain_text(world.id)
        block = tab.locator('#rule-F2 .rule-param[data-param="max"]')
        expect(block.locator(".param-value")).to_have_text("3")
        expect(block).not_to_have_class(re.compile(r"\boverridden\b"))

        block.locator("input[name=value]").fill("5")
        block.get_by_role("button", name="Set").click()

        expect(tab).to_have_url(re.compile(r"/rules#rule-F2$"))
        expect(block.locator(".param-value")).to_have_text("5")
        expect(block).to_have_class(re.compile(r"\boverridden\b"))
        expect(block.locator(".param-overridden")).to_have_text("overridden")
        expect(tab.locator("#rule-F2 .rule-text")).to_contain_text("at most 5 times")
        expect(tab.locator("#notice")).to_have_text("Rule F2 changed.")
        assert world.rules()["rules"]["F2"]["max"] == 5
    finally:
        ctx.close()
