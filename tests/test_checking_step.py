"""The link request's `checking` step is a state a page shows (D3): after the app authorizes, a
page's poll stops at "Checking the account…" and the next poll reads the rules; the API's polls
never stop there, and a parked check nobody resumes is settled by a due job."""

from __future__ import annotations

import html
import re

import httpx
import pytest
from support import browser_seller, submit_form


def _seller_page(world, http, name: str = "Checking Shop"):
    """(the shop, a browser logged in to its Seller Center)."""
    shop = world.create_shop(name=name, market="US")
    seller = shop.data["seller"]
    return shop, browser_seller(http, world.id, seller["email"], seller["password"])


def _authorized_request(world, http, username: str = "carla") -> str:
    """Link official account → agree → the QR page; the phone scans and authorizes."""
    resp = submit_form(http, "/seller/account/linked-accounts/official/link", agree="yes")
    assert resp.status_code == 302, resp.text[:300]
    page = http.get(resp.headers["location"])
    scan_url = re.search(r'id="scan-link" href="([^"]+)"', page.text).group(1)
    account = world.create_account(username=username, age=30)
    account.app.scan(html.unescape(scan_url)).authorize()
    return resp.headers["location"].rsplit("/", 1)[1]


def test_D3_the_qr_page_shows_checking_for_one_poll_then_ready(world, control_http):
    _shop, http = _seller_page(world, control_http)
    request_id = _authorized_request(world, http)

    first = http.get(f"/seller/links/{request_id}/status").json()
    assert first["status"] == "checking" and first["account"] is None
    page = http.get(f"/seller/links/{request_id}").text
    assert 'data-status="checking"' in page and "Checking the account" in page

    second = http.get(f"/seller/links/{request_id}/status").json()
    assert second["status"] == "ready" and second["account"]["username"] == "carla"
    types = [e["type"] for e in world.events() if e["subject"] == request_id]
    assert types.index("link.checking") < types.index("link.ready")  # live pages follow it


def test_D3_an_api_poll_resumes_a_check_a_page_parked(world, control_http):
    shop, http = _seller_page(world, control_http)
    request_id = _authorized_request(world, http, "dora")
    assert http.get(f"/seller/links/{request_id}/status").json()["status"] == "checking"
    attempt = shop.seller.link_request(request_id)
    assert attempt.refresh().status == "ready"  # the API never stops at checking
    assert http.get(f"/seller/links/{request_id}/status").json()["status"] == "ready"


def test_D3_the_api_alone_never_stops_at_checking(world):
    shop = world.create_shop(name="API Shop", market="US")
    account = world.create_account(username="erin", age=30)
    attempt = shop.seller.start_official_link()
    account.app.scan(attempt.qr_url).authorize()
    assert attempt.refresh().status == "ready"


def test_D3_a_parked_check_nobody_resumes_fails_after_two_leases(world, control_http):
    _shop, http = _seller_page(world, control_http)
    request_id = _authorized_request(world, http, "fay")
    assert http.get(f"/seller/links/{request_id}/status").json()["status"] == "checking"
    world.clock.advance("PT61S")  # two claim leases (30 s each), world time
    view = http.get(f"/seller/links/{request_id}/status").json()
    assert view["status"] == "failed" and view["error"]["code"] == "CLAIM_LEASE_EXPIRED"


@pytest.fixture(scope="module")
def no_checking_sandbox():
    from sandbox.client import Sandbox

    local = Sandbox.local(pages_show_checking=False)
    yield local
    local.stop()


def test_D3_pages_show_checking_false_checks_in_the_same_poll(no_checking_sandbox):
    world = no_checking_sandbox.create_world(name="no checking step", frozen=True)
    try:
        with httpx.Client(base_url=no_checking_sandbox.url, timeout=30) as http:
            _seller_page(world, http)
            request_id = _authorized_request(world, http, "gwen")
            assert http.get(f"/seller/links/{request_id}/status").json()["status"] == "ready"
    finally:
        world.delete()
