"""Partner Center's pages (I1–I4), Seller Center's Campaign Details and the phone's partner pages,
driven like a browser (cookies, CSRF tokens) over HTTP."""

from __future__ import annotations

import html
import re

import httpx
import pytest
from support import browser_seller, refused_form, submit_form

EMAIL, PASSWORD = "star@mcn.test", "star-pass"


@pytest.fixture
def partner(world):
    return world.create_partner("Star MCN", kind="mcn", email=EMAIL, password=PASSWORD)


@pytest.fixture
def center(sandbox, world, partner):
    """A browser logged in to Partner Center as Star MCN."""
    with httpx.Client(base_url=sandbox.url, timeout=30) as http:
        resp = submit_form(http, f"/partner/login?world={world.id}", to="/partner/login",
                           world=world.id, email=EMAIL, password=PASSWORD)
        assert resp.status_code == 302 and resp.headers["location"] == "/partner/account"
        yield http


@pytest.fixture
def phone(sandbox):
    with httpx.Client(base_url=sandbox.app_url, timeout=30) as http:
        yield http


def phone_login(http, world_id: str, username: str, password: str) -> None:
    resp = submit_form(http, f"/phone/login?world={world_id}", to="/phone/login", world=world_id,
                       username=username, password=password)
    assert resp.status_code == 302, resp.text[:300]


def link(center, world, username: str = "starmcn", **fields):
    """My Account → Link TikTok Account → Get Started; the phone scans and connects; the page,
    fetched again as live.js does, settles the request. Returns the page it last showed, and
    the account."""
    fields.setdefault("age", 30)
    fields.setdefault("kind", "business")  # I1: Partner Center links a business account
    account = world.create_account(username=username, **fields)
    resp = submit_form(center, "/partner/account/link")
    assert resp.status_code == 302
    page = center.get(resp.headers["location"])
    assert page.status_code == 200 and "My QR code" in page.text
    scan_url = re.search(r'id="scan-link" href="([^"]+)"', page.text).group(1)
    request_id = resp.headers["location"].rsplit("/", 1)[1]
    qr = center.get(f"/partner/links/{request_id}/qr.png")
    assert qr.status_code == 200 and qr.headers["content-type"] == "image/png"
    account.app.scan(html.unescape(scan_url)).authorize()
    seen = []
    for _ in range(20):  # what live.js does: the page again, each time the event log moves
        page = center.get(f"/partner/links/{request_id}").text
        seen.append(re.search(r'id="status"[^>]* data-status="([^"]+)"', page).group(1))
        if seen[-1] not in ("qr_shown", "scanned", "checking"):
            assert seen[0] == "checking", seen  # the check shows for one poll
            return page, account
    raise AssertionError(seen)


def test_I1_pages_render_and_need_a_login(sandbox, world, partner, center):
    with httpx.Client(base_url=sandbox.url, timeout=30) as stranger:
        resp = stranger.get("/partner/account")
        assert resp.status_code == 302 and "/partner/login" in resp.headers["location"]
        resp = stranger.get("/partner/links/plr_x")
        assert resp.status_code == 302 and "/partner/login" in resp.headers["location"]
    account = center.get("/partner/account")
    assert account.status_code == 200
    for text in ("Star MCN", "TikTok Shop Multi-Channel Network (MCN)", "Link TikTok Account",
                 "Manage Partnerships", "Find Creators", "Partner Campaigns"):
        assert text in account.text
    guide = center.get("/partner/account/link").text
    assert "Sign Up for TikTok" in guide and "Get Started" in guide
    assert f"{sandbox.app_url}/phone/signup?world={world.id}" in guide
    for path, text in (("/partner/creators", "Add New Creator"),
                       ("/partner/find-creators", "Invite"),
                       ("/partner/campaigns", "Create Campaign")):
        page = center.get(path)
        assert page.status_code == 200 and text in page.text
        assert "Attach TikTok profile" in page.text
    assert center.get("/partner/links/plr_nope").status_code == 404


def test_partner_login_refuses_a_wrong_password(sandbox, world, partner):
    with httpx.Client(base_url=sandbox.url, timeout=30) as http:
        shown = refused_form(http, f"/partner/login?world={world.id}", to="/partner/login",
                             world=world.id, email=EMAIL, password="wrong")
        assert "Wrong e-mail or password" in shown
        assert f'value="{EMAIL}"' in shown and 'value="wrong"' not in shown  # never the password
        assert "Wrong e-mail or password" not in http.get(f"/partner/login?world={world.id}").text
        assert http.post("/partner/logout").status_code == 403  # no CSRF token: refused


def test_I4_attaching_before_a_link_is_refused_and_creates_nothing(world, partner, center):
    world.create_account(username="bob", age=30)
    for path in ("/partner/creators", "/partner/find-creators"):
        shown = refused_form(center, path, username="bob", attach_profile="yes", message="hi")
        assert "PARTNER_TIKTOK_NOT_LINKED" in shown and "I4" in shown
        assert 'value="bob"' in shown and ">hi</textarea>" in shown  # the form as entered
    shown = refused_form(center, "/partner/campaigns", name="Summer", attach_profile="yes")
    assert "PARTNER_TIKTOK_NOT_LINKED" in shown and 'value="Summer"' in shown
    assert partner.center.invitations() == [] and partner.center.campaigns() == []
    shown = refused_form(center, "/partner/campaigns", name="Summer", commission="abc")
    assert "INVALID_FIELD" in shown and 'value="abc"' in shown
    assert "ACCOUNT_NOT_FOUND" in refused_form(center, "/partner/creators", username="nobody")


def test_I1_I3_the_link_shows_the_account_without_an_unlink_button(world, partner, center,
                                                                   phone):
    shown, account = link(center, world, nickname="Star Official")
    assert 'data-status="linked"' in shown and '<dd id="acc-user">@starmcn</dd>' in shown
    page = center.get("/partner/account").text
    assert "@starmcn" in page and "contact your account manager" in page
    assert "Unlink" not in page and 'id="link-tiktok"' not in page
    shown = refused_form(center, "/partner/account/link")  # I3: one account per partner
    assert "PARTNER_ALREADY_LINKED" in shown
    badge = "TikTok Shop Multi-Channel Network (MCN) · Star MCN"
    profile = phone.get("/phone/@starmcn", params={"world": world.id})
    assert profile.status_code == 200 and badge in profile.text and "Star Official" in profile.text
    assert phone.get("/phone/@nobody", params={"world": world.id}).status_code == 404
    phone_login(phone, world.id, "starmcn", account.password)
    home = phone.get("/phone/").text
    assert badge in home and "My QR code" in home
    assert "Scan a code" in phone.get("/phone/my-qr").text


def test_I1_the_phone_consent_says_the_account_is_linked_to_the_partner_not_a_shop(
        world, partner, center, phone):
    account = world.create_account(username="starmcn", age=30)
    resp = submit_form(center, "/partner/account/link")
    page = center.get(resp.headers["location"]).text
    scan_url = html.unescape(re.search(r'id="scan-link" href="([^"]+)"', page).group(1))
    account.app.scan(scan_url)
    phone_login(phone, world.id, "starmcn", account.password)
    path = scan_url[scan_url.index("/phone/authorize"):]
    consent = phone.get(path).text
    assert 'id="consent-authorize"' in consent and "Connect Now" in consent
    assert "linked to the partner (agency) <b>Star MCN</b>" in consent
    assert "linked to this partner (agency)" in consent
    assert "can be linked to a shop" not in consent


def test_I2_an_under_18_account_is_refused_with_its_rule(world, partner, center):
    shown, _account = link(center, world, username="young", age=16)
    assert 'data-status="refused"' in shown and 'id="restart"' in shown
    assert '<code id="refusal-code">PARTNER_HOLDER_UNDER_18</code>' in shown
    assert '<span class="rule big" id="refusal-rule">I2</span>' in shown
    assert 'id="link-tiktok"' in center.get("/partner/account").text


def test_I4_campaign_details_show_the_attached_handle(sandbox, world, partner, center):
    link(center, world)
    resp = submit_form(center, "/partner/campaigns", name="Summer Sale", description="Sun",
                       commission="12.5", duration_days="14", attach_profile="yes")
    assert resp.status_code == 303
    (campaign,) = partner.center.campaigns()
    assert campaign["handle"] == "starmcn" and campaign["commission_rate"] == 1250
    assert "Summer Sale" in center.get("/partner/campaigns").text
    world.create_shop(name="Acme", market="US", email="seller@acme-pages.test", password="pw12")
    with httpx.Client(base_url=sandbox.url, timeout=30) as seller:
        browser_seller(seller, world.id, "seller@acme-pages.test", "pw12")
        listed = seller.get("/seller/campaigns").text
        assert "Summer Sale" in listed and "Partner campaigns" in listed
        details = seller.get(f"/seller/campaigns/{campaign['id']}")
        assert details.status_code == 200 and "Campaign Details" in details.text
        assert "Star MCN" in details.text
        assert f'href="{sandbox.app_url}/phone/@starmcn"' in details.text
        assert seller.get("/seller/campaigns/7000").status_code == 404


def test_I4_the_creator_inbox_shows_the_partner_and_its_handle(world, partner, center, phone):
    link(center, world)
    bob = world.create_account(username="bob", age=30)
    resp = submit_form(center, "/partner/creators", username="@bob", attach_profile="yes",
                       message="Join Star MCN")
    assert resp.status_code == 303
    (inv,) = partner.center.invitations()
    assert inv.handle == "starmcn" and inv.status == "sent"
    phone_login(phone, world.id, "bob", bob.password)
    inbox = phone.get("/phone/inbox").text
    assert "Partner: <b>Star MCN</b> (MCN)" in inbox and 'href="/phone/@starmcn"' in inbox
    assert "Join Star MCN" in inbox
    action = re.search(r'action="(/phone/inbox/[^"]+)"', inbox).group(1)
    accept = submit_form(phone, "/phone/inbox", to=action, decision="accept")
    assert accept.status_code == 302
    assert 'data-status="accepted"' in center.get("/partner/creators").text  # the page asks
    (inv,) = partner.center.invitations()
    assert inv.status == "accepted" and inv.data["bound"] is True


def test_sign_up_for_tiktok_creates_an_account_and_logs_in(world, phone):
    page = f"/phone/signup?world={world.id}"
    bad = submit_form(phone, page, to="/phone/signup", world=world.id, username="newbie",
                      password="secret1", age="abc", region="US")
    assert bad.status_code == 400 and "Age must be" in bad.text
    resp = submit_form(phone, page, to="/phone/signup", world=world.id, username="newbie",
                       password="secret1", age="30", region="us", kind="business")
    assert resp.status_code == 303
    home = phone.get("/phone/").text
    assert "@newbie" in home and "business account" in home
    taken = submit_form(phone, page, to="/phone/signup", world=world.id, username="newbie",
                        password="secret1", age="30", region="US")
    assert taken.status_code == 409 and "USERNAME_TAKEN" in taken.text
