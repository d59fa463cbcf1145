"""Issue 27: no page is rendered at a POST address. Every form of Seller Center, the Seller app
and Partner Center answers a refused submission with a redirect to a GET page that shows the
refusal (code, rule, message) once, with what was entered (never a password)."""

from __future__ import annotations

import httpx
import pytest
from support import csrf_token, refused_form

SELLER, SELLER_PASSWORD = "seller@prg.test", "seller-pass1"
PARTNER, PARTNER_PASSWORD = "partner@prg.test", "partner-pass1"


@pytest.fixture
def shop(world):
    return world.create_shop(name="PRG Shop", market="US", phone="+12025550177",
                             email=SELLER, password=SELLER_PASSWORD)


@pytest.fixture
def browser(sandbox):
    with httpx.Client(base_url=sandbox.url, timeout=30) as http:
        yield http


def logged_in(http, page: str, world, email: str, password: str) -> None:
    resp = http.post(page, data={"world": world.id, "email": email, "password": password,
                                 "csrf_token": csrf_token(http.get(f"{page}?world={world.id}").text)})
    assert resp.status_code == 302, resp.text[:300]


def linked_partner(world, partner) -> None:
    """I1 by the API: the partner's business account, so Get Started is refused (I3)."""
    account = world.create_account("prgmcn", age=30, region="US", kind="business")
    req = partner.center.start_tiktok_link()
    account.app.scan(req.qr_url).authorize()
    req.wait_until("linked")


def seller_center_forms(world, shop):
    org = shop.seller.create_organization_account()
    world.clock.advance(seconds=150)  # the account is created
    org = org.refresh()
    return [  # (page, POST address or None for the page, fields, what the GET shows)
        (f"/seller/login?world={world.id}", "/seller/login",
         {"world": world.id, "email": SELLER, "password": "wrong"}, [f'value="{SELLER}"']),
        ("/seller/account/linked-accounts/official/link", None, {}, ["AGREEMENT_REQUIRED"]),
        (f"/seller/organization-accounts/{org.open_id}/one-time-password", None,
         {"step": "verify"}, ["MISSING_FIELD", "sms_code"]),
        ("/seller/upgrades/new", None, {}, ["UPGRADE_TERMS_REQUIRED", "rule H1"]),
    ]


def seller_app_forms(world):
    return [
        (f"/seller-app/login?world={world.id}", "/seller-app/login",
         {"world": world.id, "email": SELLER, "password": "wrong"}, [f'value="{SELLER}"']),
        ("/seller-app/settings/linked-accounts/official", None, {"username": "gina"},
         ["agree", 'value="gina"']),
    ]


def partner_center_forms(world):
    attach = {"username": "bob", "attach_profile": "yes", "message": "hello"}
    return [
        (f"/partner/login?world={world.id}", "/partner/login",
         {"world": world.id, "email": PARTNER, "password": "wrong"}, [f'value="{PARTNER}"']),
        ("/partner/account/link", None, {}, ["PARTNER_ALREADY_LINKED", "I3"]),
        ("/partner/creators", None, {"username": "nobody"}, ["ACCOUNT_NOT_FOUND", 'value="nobody"']),
        ("/partner/find-creators", None, attach,
         ["ACCOUNT_NOT_FOUND", 'value="bob"', ">hello</textarea>"]),
        ("/partner/campaigns", None, {"name": "Summer", "commission": "abc"},
         ["INVALID_FIELD", 'value="Summer"', 'value="abc"']),
    ]


def assert_refused_by_redirect(http, page, to, fields, shows) -> None:
    post_to = to or page.split("?")[0]
    shown = refused_form(http, page, to, **fields)
    assert 'role="alert"' in shown, (post_to, shown[:500])
    for text in shows:
        assert text in shown, (post_to, text)
    assert 'value="wrong"' not in shown  # never the password
    again = http.get(page)  # shown once: a reload has no refusal
    assert again.status_code == 200 and 'role="alert"' not in again.text, post_to
    # the way a browser goes: the answer to the POST is a redirect, the last page a GET
    resp = http.post(post_to, data={**fields, "csrf_token": csrf_token(again.text)},
                     follow_redirects=True)
    assert [r.status_code for r in resp.history] in ([302], [303]), post_to
    assert resp.history[0].request.method == "POST" and resp.request.method == "GET"
    assert resp.status_code == 200 and 'role="alert"' in resp.text, post_to
    assert resp.url.path == resp.history[0].headers["location"].split("?")[0], post_to


def test_every_refused_seller_center_form_redirects_to_a_get_page_showing_the_refusal(
        world, shop, browser):
    logged_in(browser, "/seller/login", world, SELLER, SELLER_PASSWORD)
    forms = seller_center_forms(world, shop)
    for page, to, fields, shows in forms:
        assert_refused_by_redirect(browser, page, to, fields, shows)
    assert len(forms) == 4


def test_every_refused_seller_app_form_redirects_to_a_get_page_showing_the_refusal(
        world, shop, browser):
    world.create_account(username="gina", age=30, region="US")
    logged_in(browser, "/seller-app/login", world, SELLER, SELLER_PASSWORD)
    for page, to, fields, shows in seller_app_forms(world):
        assert_refused_by_redirect(browser, page, to, fields, shows)


def test_every_refused_partner_center_form_redirects_to_a_get_page_showing_the_refusal(
        world, browser):
    partner = world.create_partner("PRG MCN", kind="mcn", email=PARTNER,
                                   password=PARTNER_PASSWORD)
    linked_partner(world, partner)
    logged_in(browser, "/partner/login", world, PARTNER, PARTNER_PASSWORD)
    for page, to, fields, shows in partner_center_forms(world):
        assert_refused_by_redirect(browser, page, to, fields, shows)


def test_a_refused_login_keeps_the_email_and_never_the_password(world, shop, browser):
    for page in ("/seller/login", "/seller-app/login"):
        shown = refused_form(browser, f"{page}?world={world.id}", page, world=world.id,
                             email=SELLER, password="not-the-password")
        assert f'value="{SELLER}"' in shown and "not-the-password" not in shown
