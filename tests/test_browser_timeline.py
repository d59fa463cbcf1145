"""Real browser: the operator's world timeline page lists what happened newest first, narrows to
one kind by its links, follows the world live (through live.js polling
/worlds/{id}/timeline/live, new rows at the top) and is opened by the clock widget's link."""

from __future__ import annotations

import re

import pytest

from sandbox.client import SandboxAPIError

pytestmark = pytest.mark.browser

LIVE = 15000  # ms: the live poll answers within a second or two of a new row


@pytest.fixture
def tab(chromium):
    ctx = chromium.new_context()
    yield ctx.new_page()
    ctx.close()


def test_the_timeline_lists_events_and_requests_with_the_refusal_and_its_rule(sandbox, world,
                                                                              tab):
    from playwright.sync_api import expect

    shop = world.create_shop(name="Acme Timeline")
    with pytest.raises(SandboxAPIError):
        shop.seller.start_official_link(agreed=False)  # refused: rule D1
    [refusal] = world.requests(status=422)
    tab.goto(f"{sandbox.url}/worlds/{world.id}/timeline")
    rows = tab.locator("#timeline tbody tr")
    expect(rows.filter(has_text="shop.created").first).to_have_attribute("data-kind", "event")
    expect(tab.locator("#timeline tr[data-kind=request]").first).to_be_visible()
    refused = tab.locator(f'#timeline tr.tl-refused[data-log-id="{refusal["log_id"]}"]')
    expect(refused).to_have_count(1)
    expect(refused.locator(".tl-code")).to_have_text(refusal["code"])
    expect(refused.locator(".tl-rule")).to_have_text("rule D1")
    expect(refused).to_contain_text("422")
    explain = refused.locator("a.tl-explain")
    assert f"log_id={refusal['log_id']}" in explain.get_attribute("href")
    expect(tab.locator("main")).to_contain_text("1 refused requests")
    # newest first: the refusal comes above the shop's creation
    texts = rows.all_inner_texts()
    shop_at = next(i for i, t in enumerate(texts) if "shop.created" in t)
    assert next(i for i, t in enumerate(texts) if "rule D1" in t) < shop_at
    # each row reads as a UTC date and time, with the time since the world's start below it
    expect(rows.first.locator("td.tl-time time")).to_have_text(
        re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$"))
    expect(rows.first.locator(".tl-since")).to_have_text(re.compile(r"^[+-]\d+ (d|h|min|s)"))


def test_the_filter_links_narrow_the_timeline_to_one_kind(sandbox, world, tab):
    from playwright.sync_api import expect

    shop = world.create_shop(name="Acme Filter")
    with pytest.raises(SandboxAPIError):
        shop.seller.start_official_link(agreed=False)  # refused: rule D1
    tab.goto(f"{sandbox.url}/worlds/{world.id}/timeline")
    rows = tab.locator("#timeline tbody tr")
    expect(rows.filter(has_text="shop.created")).to_have_count(1)
    tab.locator("#timeline-filters").get_by_role("link", name="Refused only").click()
    expect(tab).to_have_url(re.compile(r"/timeline\?refused=1$"))
    expect(rows).to_have_count(1)
    expect(rows.first).to_have_class(re.compile(r"tl-refused"))
    tab.locator("#timeline-filters").get_by_role("link", name="Events").click()
    expect(tab).to_have_url(re.compile(r"/timeline\?kind=event$"))
    expect(tab.locator("#timeline tbody tr:not([data-kind=event])")).to_have_count(0)
    expect(rows.filter(has_text="shop.created")).to_have_count(1)
    expect(tab.locator('#timeline-filters a[aria-current="page"]')).to_have_text("Events")


def test_the_open_timeline_follows_the_world_without_a_reload(sandbox, world, tab):
    from playwright.sync_api import expect

    world.create_shop(name="Acme Live Timeline")
    tab.goto(f"{sandbox.url}/worlds/{world.id}/timeline")
    expect(tab.locator("#timeline tbody tr").filter(has_text="shop.created")).to_have_count(1)
    tab.evaluate("window.__sameDocument = 'kept'")  # gone if the page reloads
    before = tab.locator("#timeline tbody tr").count()
    expect(tab.locator("#timeline tbody tr").filter(has_text="account.created")).to_have_count(0)

    world.create_account(username="timeline_tess")  # no reload of the page after this
    expect(tab.locator("#timeline tbody tr[data-kind=event]").filter(
        has_text="account.created")).to_have_count(1, timeout=LIVE)
    # the account's creation request shows too (the poll flushed the request log)
    expect(tab.locator("#timeline tbody tr[data-kind=request]").filter(
        has_text="/accounts")).not_to_have_count(0, timeout=LIVE)
    assert tab.locator("#timeline tbody tr").count() > before

    # new rows come in at the top
    expect(tab.locator("#timeline tbody tr").first).not_to_contain_text("shop.created")

    world.clock.advance("PT1H")
    expect(tab.locator("#timeline tbody tr").first).to_contain_text(
        "clock advanced by 1 hour", timeout=LIVE)
    expect(tab.locator("#timeline tbody tr").first).to_have_attribute("data-kind", "clock")
    expect(tab.locator("#timeline tbody tr").first.locator(".tl-since")).to_have_text(
        re.compile(r"^\+1 h"))
    assert tab.evaluate("window.__sameDocument") == "kept"


def test_the_clock_widgets_timeline_link_opens_the_worlds_timeline(sandbox, world, chromium):
    from playwright.sync_api import expect

    world.create_shop(name="Acme Widget", market="US", email="seller@acme-widget.test",
                      password="browser1")
    ctx = chromium.new_context()
    try:
        seller = ctx.new_page()
        seller.goto(f"{sandbox.url}/seller/login?world={world.id}")
        seller.fill("input[name=email]", "seller@acme-widget.test")
        seller.fill("input[name=password]", "browser1")
        seller.click("button[type=submit]")
        seller.wait_for_url("**/seller/account/linked-accounts")
        link = seller.locator("#world-clock #world-clock-timeline")
        expect(link).to_be_visible()  # an operator (loopback) gets the link
        with ctx.expect_page() as opened:
            link.click()  # target=_blank: a new tab
        timeline = opened.value
        timeline.wait_for_load_state()
        expect(timeline).to_have_url(re.compile(rf"/worlds/{re.escape(world.id)}/timeline$"))
        expect(timeline.locator("h1")).to_contain_text(world.id)
        expect(timeline.locator("#timeline tbody tr").filter(
            has_text="shop.created")).to_have_count(1)
        # the seller's own login shows on the timeline as a request row
        expect(timeline.locator("#timeline tbody tr[data-kind=request]").filter(
            has_text="/seller/login")).not_to_have_count(0)
    finally:
        ctx.close()
