"""Real browser: the three profiles a presenter shows — the official account's shop page (B1),
a marketing account's showcase (B3) and an affiliate creator's showcase (A4)."""

from __future__ import annotations

import pytest
from test_selling import link_marketing, link_official

pytestmark = pytest.mark.browser


def _phone(sandbox, world, chromium, account):
    ctx = chromium.new_context()
    page = ctx.new_page()
    page.goto(f"{sandbox.app_url}/phone/login?world={world.id}")
    page.fill("input[name=username]", account.username)
    page.fill("input[name=password]", account.password)
    page.click("button[type=submit]")
    page.wait_for_selector("#profile-tabs")
    return ctx, page


def test_the_three_profiles_official_shop_marketing_and_affiliate_showcases(sandbox, world,
                                                                            chromium):
    acme = world.create_shop(name="Acme", market="US")
    other = world.create_shop(name="Other Shop", market="US")
    acme.create_product("Desk lamp", "24.50")
    kettle = other.create_product("Kettle", "30.00", commission_rate=1500)
    official = world.create_account(username="acme_official", age=30, region="US")
    bob = world.create_account(username="bob", age=25, region="US", followers=120)
    cara = world.create_account(username="cara", age=24, region="US", followers=5000)
    link_official(acme, official)
    link_marketing(acme, bob)
    contexts = []
    try:
        ctx, shop_page = _phone(sandbox, world, chromium, official)
        contexts.append(ctx)
        assert shop_page.inner_text("#tab-products") == "Shop"
        shop_page.wait_for_selector("#profile-products[data-kind=shop_page] li[data-title='Desk lamp']")
        acme.seller.add_product("Mug", "8.00")  # no reload: the page follows the catalogue
        shop_page.wait_for_selector("li[data-title='Mug']", timeout=15000)

        ctx, marketing = _phone(sandbox, world, chromium, bob)
        contexts.append(ctx)
        assert marketing.inner_text("#tab-products") == "Showcase"
        marketing.click("#add-from-shop")
        marketing.click("li[data-title='Desk lamp'] button.add-product")
        marketing.wait_for_selector("#profile-product-list li[data-title='Desk lamp']")
        marketing.click("#add-from-marketplace")
        marketing.click("li[data-title='Kettle'] button.add-product")
        marketing.wait_for_selector("#refusal[data-code=AFFILIATE_PERMISSION_REQUIRED]")
        assert marketing.inner_text("#refusal-rule") == "B3"

        ctx, creator = _phone(sandbox, world, chromium, cara)
        contexts.append(ctx)
        creator.click("#open-affiliate")
        creator.click("#sign-agreement")
        creator.click("#verify-identity")
        creator.select_option("#document-type", "green_card")
        creator.click("#submit-identity")
        creator.wait_for_selector("#step-identity[data-done=yes]")
        creator.click("#apply-affiliate")
        creator.wait_for_selector("#affiliate-approved")
        creator.goto(f"{sandbox.app_url}/phone/showcase/add?source=marketplace")
        creator.click(f"li[data-product-id='{kettle['id']}'] button.add-product")
        creator.wait_for_selector("#profile-product-list li[data-title='Kettle']")
        assert creator.locator("#add-from-shop").count() == 0
    finally:
        for ctx in contexts:
            ctx.close()
