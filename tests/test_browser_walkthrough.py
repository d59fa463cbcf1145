"""Real browser: the README's presenter walkthrough, end to end, in ONE `demo` world.

Seller Center in one browser context and the phone simulator in another, as on stage. Time moves
only through the page's world-clock widget and the demo is renewed through the landing page's
**Reset demo** (no CLI, no control-plane clock calls). The tests share the module's sandbox and
run in order: every refusal persona (C1–C3, C5, C6), alice links, +24 h, unlink, bob as a
marketing account, an organization account that arrives after +1 h, then Reset demo.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import expect
from test_browser import WAIT_MS, phone_logs_in, seller_logs_in, seller_shows_qr

pytestmark = pytest.mark.browser

SHOP = "Acme Official"  # seller@acme.test's shop in the demo seed

# The refusal personas of the README table, each with the rule and code Seller Center names.
REFUSED = [
    ("teen_tom", "C1", "LINK_HOLDER_UNDER_18", "at least 18"),
    ("uk_ursula", "C2", "LINK_ACCOUNT_OUTSIDE_MARKET", "located in GB"),
    ("flagged_fred", "C3", "LINK_ACCOUNT_STATUS_ABNORMAL", "not normal"),
    ("revoked_rita", "C5", "LINK_ECOMMERCE_PERMISSION_REVOKED", "e-commerce permission"),
    ("linked_lena", "C6", "LINK_ACCOUNT_ALREADY_LINKED", "already linked"),
]


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


def demo_ids(sb) -> tuple[dict[str, str], dict[str, str]]:
    """Shop ids by name and account open_ids by username (read-only look-ups)."""
    shops = {s["name"]: s["id"] for s in sb.control("GET", "/worlds/demo/shops")["shops"]}
    accounts = {a["username"]: a["open_id"]
                for a in sb.control("GET", "/worlds/demo/accounts")["accounts"]}
    return shops, accounts


def phone_scans_and_authorizes(phone, sb, username: str) -> None:
    """The phone, logged in as `username`, picks the shop's code on its Scan page → Authorize."""
    phone_logs_in(phone, sb, username)
    phone.click("text=Scan")
    phone.click(f"#displayed button:has-text('{SHOP}')")
    expect(phone.locator("#shop-name")).to_have_text(SHOP)
    expect(phone.locator("main")).to_contain_text(f"@{username}")
    phone.click("button[value=authorize]")
    expect(phone.locator("[role=status]")).to_contain_text("Authorized")


def phone_logs_out(phone, sb) -> None:
    """Log out is a POST form on the phone's profile page."""
    phone.goto(f"{sb.app_url}/phone/")
    phone.click("form button:has-text('Log out')")
    phone.wait_for_url("**/phone/login**")
    expect(phone.locator("form:has(input[name=password]) input[name=username]").first).to_be_visible()


def to_linked_accounts(seller, sb) -> None:
    seller.goto(f"{sb.url}/seller/account/linked-accounts")
    expect(seller.locator("h1")).to_have_text("Linked TikTok accounts")


def world_time(page) -> datetime:
    return datetime.fromisoformat(
        page.locator("#world-clock-now").get_attribute("datetime").replace("Z", "+00:00"))


def advance_with_widget(page, duration: str, at_least: timedelta) -> str:
    """Press the widget's button for `duration`; wait for its summary of what fired and for the
    shown world time to have moved by at least `at_least`. Returns the summary."""
    before = world_time(page)
    fired = page.locator("#world-clock-fired")
    page.click(f"#world-clock-controls button[data-advance='{duration}']")
    expect(fired).to_have_text(re.compile(r"^(Fired \d+|Nothing fell due)"))
    assert world_time(page) - before >= at_least
    return fired.inner_text()


def link_alice(seller, phone, sb) -> None:
    """D1–D4 with alice: QR → scan → Authorize → ready → Link this account → linked."""
    to_linked_accounts(seller, sb)
    seller_shows_qr(seller, sb)
    phone_scans_and_authorizes(phone, sb, "alice")
    expect(seller.locator("#status")).to_have_attribute("data-status", "ready")
    expect(seller.locator("#acc-user")).to_have_text("@alice")
    seller.click("#confirm")
    seller.wait_for_url("**/seller/account/linked-accounts")
    card = seller.locator("#official-card")
    expect(card).to_contain_text("@alice")
    expect(card.locator("[role=status]")).to_have_text("Linked")


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
    acme_links = [lk for lk in sb.world("demo").links() if lk["shop_id"] == shops[SHOP]]
    assert acme_links == []  # nobody got linked to Acme Official

    link_alice(seller, phone, sb)
    phone_logs_out(phone, sb)
    links = sb.world("demo").links()
    assert [(lk["open_id"], lk["role"], lk["status"]) for lk in links
            if lk["shop_id"] == shops[SHOP]] == [(accounts["alice"], "official", "linked")]
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
    assert [lk for lk in sb.world("demo").links() if lk["shop_id"] == shops[SHOP]] == []


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
    assert "org_account.created" in summary

    # The page follows by itself: the account is created and linked as the official account.
    created = seller.locator(".org-row[data-status=created]")
    expect(created).to_have_count(1)
    username = created.locator(".org-username").inner_text()
    expect(seller.locator("#official-card")).to_contain_text(f"@{username}")


def test_5_reset_demo_on_the_landing_page_renews_the_world_and_alice_links_again(sb, screens):
    seller, phone = screens
    seller.goto(f"{sb.url}/")
    seller.click("#reset-demo button")
    seller.wait_for_url(re.compile(r"/seller/login|/worlds/demo/open"))

    # The seed again: only linked_lena's link (to Other Shop) exists.
    shops, accounts = demo_ids(sb)
    assert [(lk["shop_id"], lk["open_id"]) for lk in sb.world("demo").links()] == [
        (shops["Other Shop"], accounts["linked_lena"])]

    seller_logs_in(seller, sb, "seller@acme.test")
    expect(seller.locator("#official-card")).to_have_count(0)
    expect(seller.locator("#org-list")).to_have_count(0)
    link_alice(seller, phone, sb)
    assert [(lk["shop_id"], lk["role"]) for lk in sb.world("demo").links()
            if lk["open_id"] == accounts["alice"]] == [(shops[SHOP], "official")]
