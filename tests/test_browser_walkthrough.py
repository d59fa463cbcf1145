"""Real browser: the README's presenter walkthrough, end to end, in ONE `demo` world.

Seller Center (then Partner Center and the Douyin backend) in one browser context and the phone
simulator in another, as on stage. Time moves only through the pages' world-clock widget and the
demo is renewed through the landing page's **Reset demo** (no CLI, no control-plane clock calls).
The tests share the module's sandbox and run in order: every refusal persona (C1–C3, C5, C6),
alice links (the QR page shows "checking" on the way), +24 h, unlink, bob as a marketing
account, an organization account that arrives after +1 h, Partner Center links starmcn_biz by
My QR code and invites bob (accepted) and alice (expired after +48 h twice), the Douyin backend
binds dy_user (case 4) and upgrades it after the blue V verification's 3 days, then Reset demo.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from test_browser import WAIT_MS, phone_logs_in, seller_logs_in, seller_shows_qr
from walkthrough_steps import (
    README_ORDER,
    RECORD_STATUSES,
    SHOP,
    advance_with_widget,
    assert_checking_shown,
    demo_ids,
    link_alice,
    phone_logs_out,
    phone_scans_and_authorizes,
    to_linked_accounts,
)

pytestmark = pytest.mark.browser


# The refusal personas of the README table, each with the rule and code Seller Center names.
REFUSED = [
    ("teen_tom", "C1", "LINK_HOLDER_UNDER_18", "at least 18"),
    ("uk_ursula", "C2", "LINK_ACCOUNT_OUTSIDE_MARKET", "located in GB"),
    ("flagged_fred", "C3", "LINK_ACCOUNT_STATUS_ABNORMAL", "not normal"),
    ("revoked_rita", "C5", "LINK_ECOMMERCE_PERMISSION_REVOKED", "e-commerce permission"),
    ("linked_lena", "C6", "LINK_ACCOUNT_ALREADY_LINKED", "already linked"),
]
assert [f"`{p[0]}`" for p in REFUSED] == list(README_ORDER[:5])  # the README's order


@pytest.fixture(scope="module")
def sb(chromium):
    """Both apps in this process on ephemeral ports, seeded with the presenter's `demo` world
    (after `chromium`, which skips or fails when the browser is missing)."""
    from sandbox.client import Sandbox

    sandbox = Sandbox.local(seed_demo=True)
    yield sandbox
    sandbox.stop()


@pytest.fixture(scope="module", autouse=True)
def patient_expect():
    """Playwright's expect() waits up to 15 s in this module (pages poll each second; this only
    bounds a failure), and its default again afterwards."""
    expect.set_options(timeout=WAIT_MS)
    yield
    expect.set_options(timeout=None)


@pytest.fixture(scope="module")
def screens(chromium, sb):
    """Seller Center on a laptop-sized screen and the phone beside it, kept for the whole
    walkthrough (module-scoped: the tests below are one journey)."""
    seller_ctx = chromium.new_context(viewport={"width": 1200, "height": 820})
    phone_ctx = chromium.new_context(viewport={"width": 440, "height": 860})
    seller_ctx.set_default_timeout(WAIT_MS)
    phone_ctx.set_default_timeout(WAIT_MS)
    yield seller_ctx.new_page(), phone_ctx.new_page()
    seller_ctx.close()
    phone_ctx.close()


def test_1_every_refusal_persona_is_refused_naming_its_rule_then_alice_links(sb, screens):
    seller, phone = screens
    seller_logs_in(seller, sb, "seller@acme.test")

    for username, rule, code, words in REFUSED:
        to_linked_accounts(seller, sb)
        seller_shows_qr(seller, sb)
        phone_scans_and_authorizes(phone, sb, username)

        expect(seller.locator("#status")).to_have_attribute("data-status", "refused")
        refusal = seller.locator("#refusal")
        expect(refusal).to_be_visible()
        expect(seller.locator("#refusal-rule")).to_have_text(rule)
        expect(seller.locator("#refusal-code")).to_have_text(code)
        expect(seller.locator("#refusal-message")).to_contain_text(words)
        expect(seller.locator("#acc-user")).to_have_text(f"@{username}")
        expect(seller.locator("#confirm")).to_be_hidden()
        expect(seller.locator("#restart")).to_be_visible()
        phone_logs_out(phone, sb)

    shops, accounts = demo_ids(sb)
    refused_ids = {accounts[username] for username, *_ in REFUSED}
    acme_official = [lk for lk in sb.world("demo").links()
                     if lk["shop_id"] == shops[SHOP] and lk["role"] == "official"]
    assert acme_official == []  # nobody got linked to Acme Official as its official account

    link_alice(seller, phone, sb)
    phone_logs_out(phone, sb)
    links = sb.world("demo").links()
    assert [(lk["open_id"], lk["role"], lk["status"]) for lk in links
            if lk["shop_id"] == shops[SHOP] and lk["role"] == "official"] == [
        (accounts["alice"], "official", "linked")]
    # none of the refused got a link (linked_lena keeps only her seeded one, to Other Shop)
    assert [lk["shop_id"] for lk in links if lk["open_id"] in refused_ids] == [shops["Other Shop"]]


def test_2_after_24_hours_of_world_time_the_official_account_is_unlinked(sb, screens):
    seller, _phone = screens
    to_linked_accounts(seller, sb)
    expect(seller.locator("#official-card")).to_contain_text("@alice")

    advance_with_widget(seller, "PT24H", timedelta(hours=24))  # F1: 24 h before an unlink

    seller.click("#unlink-official")
    confirm = seller.locator("#unlink-confirm")  # F2: unlinking an official account is confirmed
    expect(confirm).to_contain_text("@alice")
    expect(confirm).to_contain_text(SHOP)
    seller.click("#confirm-unlink")
    seller.wait_for_url("**/seller/account/linked-accounts")
    expect(seller.locator("#notice")).to_contain_text("Official account unlinked.")
    expect(seller.locator("#official-card")).to_have_count(0)
    expect(seller.locator("#link-official")).to_be_visible()

    shops, _ = demo_ids(sb)
    assert [lk for lk in sb.world("demo").links()
            if lk["shop_id"] == shops[SHOP] and lk["role"] == "official"] == []


def test_3_bob_accepts_a_marketing_invitation_and_the_page_follows_by_itself(sb, screens):
    seller, phone = screens
    seller.click("#nav-marketing")
    seller.fill("#invite-username", "bob")
    seller.click("#send-invitation")
    expect(seller.locator("#notice")).to_be_visible()
    expect(seller.locator("li.invitation[data-status=sent]")).to_contain_text("@bob")

    phone_logs_in(phone, sb, "bob")
    phone.click("#open-inbox")
    phone.click("li.invitation[data-status=pending] button[value=accept]")
    expect(phone.locator("li.invitation[data-status=accepted]")).to_have_count(1)

    # No reload: the Marketing page's live poll brings the link in.
    expect(seller.locator("li.marketing-link[data-username=bob]")).to_be_visible()
    expect(seller.locator("li.invitation[data-status=linked]")).to_contain_text("@bob")
    phone_logs_out(phone, sb)


def test_4_an_organization_account_arrives_after_an_hour_of_world_time(sb, screens):
    seller, _phone = screens
    to_linked_accounts(seller, sb)
    seller.click("#create-org")
    pending = seller.locator(".org-row[data-status=pending]")
    expect(pending).to_have_count(1)

    summary = advance_with_widget(seller, "PT1H", timedelta(hours=1))
    assert "Organization account created" in summary

    # The page follows by itself: the account is created and linked as the official account.
    created = seller.locator(".org-row[data-status=created]")
    expect(created).to_have_count(1)
    username = created.locator(".org-username").inner_text()
    expect(seller.locator("#official-card")).to_contain_text(f"@{username}")


def test_5_partner_center_links_by_my_qr_code_and_its_invitation_rows_follow(sb, screens):
    center, phone = screens
    center.goto(f"{sb.url}/partner/login?world=demo")
    center.fill("input[name=email]", "partner@starmcn.test")
    center.fill("input[name=password]", "demo1234")
    center.click("#login-form button[type=submit]")
    center.wait_for_url("**/partner/account")
    center.click("#link-tiktok")
    expect(center.locator("#sign-up")).to_contain_text("Sign Up for TikTok")
    center.click("#get-started")
    expect(center.locator("#qr")).to_be_visible()
    expect(center.locator("#status")).to_have_attribute("data-status", "qr_shown")
    center.evaluate(RECORD_STATUSES)

    phone_logs_in(phone, sb, "starmcn_biz")  # I1: the top right button → My QR code
    phone.click("#open-profile-menu")
    phone.click("#open-my-qr")
    phone.click("#displayed button.qr-tile:has-text('Star MCN')")
    expect(phone.locator("#consent-authorize")).to_have_text("Connect Now")
    phone.click("#consent-authorize")
    expect(phone.locator("main")).to_contain_text("Authorized")

    # No reload: live.js follows the scan, Connect Now and the check to the linked account.
    expect(center.locator("#status")).to_have_attribute("data-status", "linked")
    expect(center.locator("#acc-user")).to_have_text("@starmcn_biz")
    assert_checking_shown(center, "linked")
    center.click("#back")
    expect(center.locator("#linked-username")).to_have_text("@starmcn_biz")
    expect(center.locator("#contact-manager")).to_contain_text("account manager")  # I3
    phone.goto(f"{sb.app_url}/phone/")
    expect(phone.locator("#partner-badge")).to_contain_text("Star MCN")
    phone_logs_out(phone, sb)

    center.click("#nav-creators")  # I4: Add New Creator, with the handle attached
    for username in ("bob", "alice"):
        center.fill("#invite-username", username)
        center.check("#attach-profile")
        center.click("#send-invitation")
        expect(center.locator(f"li.invitation[data-username={username}][data-status=sent]")
               ).to_be_visible()

    phone_logs_in(phone, sb, "bob")
    phone.click("#open-inbox")
    row = phone.locator("li.invitation[data-status=pending]", has_text="Star MCN")
    expect(row.locator(".inv-partner")).to_contain_text("Partner: Star MCN (MCN)")
    row.locator("button[value=accept]").click()
    expect(phone.locator("li.invitation[data-status=accepted]", has_text="Star MCN")
           ).to_have_count(1)
    phone_logs_out(phone, sb)

    # No reload: bob's row follows the phone; alice's expires after 96 h of world time (72 h).
    expect(center.locator("li.invitation[data-username=bob][data-status=accepted]")
           ).to_be_visible()
    advance_with_widget(center, "PT48H", timedelta(hours=48))
    expect(center.locator("li.invitation[data-username=alice]")).to_have_attribute(
        "data-status", "sent")
    advance_with_widget(center, "PT48H", timedelta(hours=48))
    expect(center.locator("li.invitation[data-username=alice]")).to_have_attribute(
        "data-status", "expired")


def test_6_the_douyin_backend_binds_dy_user_and_upgrades_after_three_days(sb, screens):
    backend, phone = screens
    backend.goto(f"{sb.url}/douyin/login?world=demo")
    backend.fill("input[name=email]", "seller@douyin.test")
    backend.fill("input[name=password]", "demo1234")
    backend.click("#login")
    backend.wait_for_url("**/douyin/shop/official-account")
    expect(backend.locator("h1")).to_have_text("店铺官方账号")
    backend.click("#bind-now")
    backend.check("#benefit-shop_entry")
    backend.click("#bind-submit")
    expect(backend.locator("#status")).to_have_attribute("data-status", "qr_shown")
    backend.evaluate(RECORD_STATUSES)

    phone_logs_in(phone, sb, "dy_user")  # J4 case 4: a regular, real-name verified account
    expect(phone.locator(".phone-bar .logo")).to_have_text("抖音")
    phone.click(".scan-btn")
    phone.click("#displayed button.qr-tile:has-text('抖音小店')")
    expect(phone.locator("#shop-name")).to_have_text("抖音小店")
    phone.check("#douyin-agree")
    phone.click("#consent-authorize")
    expect(phone.locator(".result.ok")).to_be_visible()

    # No reload: live.js follows the phone to the account, its case prompt and 确认绑定.
    expect(backend.locator("#confirm-form")).to_be_visible()
    expect(backend.locator("#case-4")).to_contain_text("自动发起蓝V认证")
    expect(backend.locator("#acc-user")).to_have_text("@dy_user")
    assert_checking_shown(backend, "ready")
    backend.click("#confirm")
    expect(backend.locator("#notice[data-case='4']")).to_contain_text("已自动发起蓝V认证")
    expect(backend.locator("#official-user")).to_have_text("@dy_user")
    phone.goto(f"{sb.app_url}/phone/")
    expect(phone.locator("#douyin-verifying")).to_contain_text("蓝V认证中")
    phone_logs_out(phone, sb)

    advance_with_widget(backend, "P3D", timedelta(days=3), typed=True)  # blue V completes (J6)
    backend.click("#upgrade")
    expect(backend.locator("#notice")).to_contain_text("官方账号已升级")
    expect(backend.locator("#upgrade-state")).to_have_text("已升级")
    expect(backend.locator("#upgrade")).to_have_count(0)


def test_7_reset_demo_on_the_landing_page_renews_the_world_and_alice_links_again(sb, screens):
    seller, phone = screens
    seller.goto(f"{sb.url}/")
    seller.click("#reset-demo button")
    seller.wait_for_url(re.compile(r"/seller/login|/worlds/demo/open"))

    # The seed again: only linked_lena's link (to Other Shop) and mia_markets' (Acme's marketing
    # account, with a showcase) exist.
    shops, accounts = demo_ids(sb)
    assert sorted((lk["shop_id"], lk["open_id"]) for lk in sb.world("demo").links()) == sorted([
        (shops["Other Shop"], accounts["linked_lena"]), (shops[SHOP], accounts["mia_markets"])])

    seller_logs_in(seller, sb, "seller@acme.test")
    expect(seller.locator("#official-card")).to_have_count(0)
    expect(seller.locator("#org-list")).to_have_count(0)
    link_alice(seller, phone, sb)
    assert [(lk["shop_id"], lk["role"]) for lk in sb.world("demo").links()
            if lk["open_id"] == accounts["alice"]] == [(shops[SHOP], "official")]
