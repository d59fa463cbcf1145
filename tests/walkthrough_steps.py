"""Steps of the presenter walkthrough (tests/test_browser_walkthrough.py) in a real browser:
the phone's scan and log out, Seller Center's pages, the world-clock widget, and a recorder of
every status a QR page shows."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from playwright.sync_api import expect
from test_browser import phone_logs_in, seller_shows_qr

SHOP = "Acme Official"  # seller@acme.test's shop in the demo seed


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
    phone.click("#log-out")
    phone.wait_for_url("**/phone/login**")
    expect(phone.locator("form:has(input[name=password]) input[name=username]").first).to_be_visible()


def to_linked_accounts(seller, sb) -> None:
    seller.goto(f"{sb.url}/seller/account/linked-accounts")
    expect(seller.locator("h1")).to_have_text("Linked TikTok accounts")


def world_time(page) -> datetime:
    return datetime.fromisoformat(
        page.locator("#world-clock-now").get_attribute("datetime").replace("Z", "+00:00"))


def advance_with_widget(page, duration: str, at_least: timedelta, typed: bool = False) -> str:
    """Press the widget's button for `duration` (or type it into the free field); wait for its
    summary of what fired and for the shown world time to have moved by at least `at_least`.
    Returns the summary."""
    before = world_time(page)
    fired = page.locator("#world-clock-fired")
    fired.evaluate("el => { el.textContent = ''; }")  # a summary of an earlier advance is not it
    if typed:
        page.fill("#world-clock-free input[name=duration]", duration)
        page.click("#world-clock-free button[type=submit]")
    else:
        page.click(f"#world-clock-controls button[data-advance='{duration}']")
    expect(fired).to_have_text(re.compile(r"^[^…\s]"))  # the summary, not the "…" of waiting
    assert world_time(page) - before >= at_least
    return fired.inner_text()


# Every status #status shows, in order, whether a script sets it or live.js swaps <main>.
RECORD_STATUSES = """() => {
  window.__statuses = [];
  const note = () => {
    const el = document.getElementById("status"), s = el && el.dataset.status;
    if (s && window.__statuses[window.__statuses.length - 1] !== s) window.__statuses.push(s);
  };
  note();
  new MutationObserver(note).observe(document.body, {subtree: true, childList: true,
                                                      attributes: true, attributeFilter: ["data-status"]});
}"""


def assert_checking_shown(page, last: str) -> None:
    """The QR page went from the QR code through "Checking the account…" to `last` (the phone
    may scan and authorize within one poll, so "scanned" need not show)."""
    shown = page.evaluate("() => window.__statuses")
    assert shown[0] == "qr_shown" and shown[-1] == last and "checking" in shown, shown
    assert set(shown) <= {"qr_shown", "scanned", "checking", last}, shown


def link_alice(seller, phone, sb) -> None:
    """D1–D4 with alice: QR → scan → Authorize → ready → Link this account → linked."""
    to_linked_accounts(seller, sb)
    seller_shows_qr(seller, sb)
    seller.evaluate(RECORD_STATUSES)
    phone_scans_and_authorizes(phone, sb, "alice")
    expect(seller.locator("#status")).to_have_attribute("data-status", "ready")
    expect(seller.locator("#acc-user")).to_have_text("@alice")
    # D3: the page showed each step on the way, "Checking the account…" included.
    assert_checking_shown(seller, "ready")
    seller.click("#confirm")
    seller.wait_for_url("**/seller/account/linked-accounts")
    card = seller.locator("#official-card")
    expect(card).to_contain_text("@alice")
    expect(card.locator("[role=status]")).to_have_text("Linked")


# The README's "In which order to show them", marker by marker, as test_browser_walkthrough
# plays it (tests/test_walkthrough_order.py holds the README to this order).
README_ORDER = ("`teen_tom`", "`uk_ursula`", "`flagged_fred`", "`revoked_rita`",
                "`linked_lena`", "`alice`", "**+24 h**", "`bob`", "**Create**",
                "`starmcn_biz`", "`dy_user`", "**Reset demo**")
