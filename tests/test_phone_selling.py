"""The phone's selling pages driven like a browser (cookies, CSRF): the profile's Shop tab (B1) or
Showcase (B3, A4), becoming an affiliate creator (A4), the ID check from Settings (M2), LIVE and
videos (B6)."""

from __future__ import annotations

import re

import httpx
import pytest
from support import csrf_token, submit_form
from test_selling import link_marketing, link_official


@pytest.fixture
def phone_for(sandbox, world):
    opened = []

    def log_in(account):
        http = httpx.Client(base_url=sandbox.app_url, timeout=30)
        opened.append(http)
        resp = submit_form(http, f"/phone/login?world={world.id}", to="/phone/login",
                           world=world.id, username=account.username, password=account.password)
        assert resp.status_code == 302, resp.text[:300]
        return http

    yield log_in
    for http in opened:
        http.close()


def post(http, page: str, to: str, **fields):
    """Post a form of `page`, follow the redirect; the page shown after it."""
    resp = submit_form(http, page, to=to, **fields)
    assert resp.status_code in (302, 303), resp.text[:300]
    return http.get(resp.headers["location"])


def refusal_of(page: str) -> tuple[str, str | None] | None:
    found = re.search(r'id="refusal" data-code="([A-Z_]+)"', page)
    if not found:
        return None
    rule = re.search(r'id="refusal-rule">([A-Z0-9]+)<', page)
    return found.group(1), rule.group(1) if rule else None


def titles(page: str, list_id: str = "profile-product-list") -> list[str]:
    section = page.split(f'id="{list_id}"', 1)
    return re.findall(r'data-title="([^"]+)"', section[1].split("</ul>")[0]) if len(
        section) > 1 else []


def test_B1_an_official_profile_has_a_shop_tab_that_follows_the_catalogue(world, phone_for):
    acme = world.create_shop(name="Acme", market="US")
    acme.create_product("Desk lamp", "24.50")
    official = world.create_account(username="acme_official", age=30, region="US")
    link_official(acme, official)
    http = phone_for(official)
    home = http.get("/phone/").text
    assert 'id="tab-products"' in home and ">Shop<" in home and 'data-kind="shop_page"' in home
    assert titles(home) == ["Desk lamp"]
    assert "add-from-shop" in home and "open-affiliate" not in home  # B1: "Add from shop" too
    assert "app.catalogue_synced" in home  # the page refreshes itself on catalogue pushes
    acme.seller.add_product("Mug", "8.00")
    assert titles(http.get("/phone/").text) == ["Desk lamp", "Mug"]


def test_B3_a_marketing_showcase_adds_its_shops_products_and_is_refused_others(world, phone_for):
    acme = world.create_shop(name="Acme", market="US")
    other = world.create_shop(name="Other Shop", market="US")
    lamp = acme.create_product("Desk lamp", "24.50")
    kettle = other.create_product("Kettle", "30.00", commission_rate=1500)
    bob = world.create_account(username="bob", age=25, region="US", followers=120)
    link_marketing(acme, bob)
    http = phone_for(bob)
    home = http.get("/phone/").text
    assert ">Showcase<" in home and 'id="no-products"' in home and "add-from-shop" in home
    picker = "/phone/showcase/add?source=shop"
    assert titles(http.get(picker).text, "picker-products") == ["Desk lamp"]
    shown = post(http, picker, "/phone/showcase/add", source="shop", product_id=lamp["id"])
    assert titles(shown.text) == ["Desk lamp"] and 'id="notice"' in shown.text
    market = "/phone/showcase/add?source=marketplace"
    assert titles(http.get(market).text, "picker-products") == ["Kettle"]
    refused = post(http, market, "/phone/showcase/add", source="marketplace",
                   product_id=kettle["id"])
    assert refusal_of(refused.text) == ("AFFILIATE_PERMISSION_REQUIRED", "B3")
    assert [p["title"] for p in bob.app.profile_products()["products"]] == ["Desk lamp"]
    removed = post(http, "/phone/", f"/phone/showcase/{lamp['id']}/remove")
    assert titles(removed.text) == [] and bob.app.profile_products()["products"] == []


def test_A4_becoming_an_affiliate_shows_each_step_and_each_refusal(world, phone_for):
    other = world.create_shop(name="Other Shop", market="US")
    kettle = other.create_product("Kettle", "30.00", commission_rate=1500)
    cara = world.create_account(username="cara", age=24, region="US", followers=999)
    http = phone_for(cara)
    page = http.get("/phone/affiliate").text
    assert 'id="step-agreement" data-done="no"' in page and "passport" not in page
    refused = post(http, "/phone/affiliate", "/phone/affiliate/apply")
    assert refusal_of(refused.text) == ("AFFILIATE_AGREEMENT_NOT_SIGNED", "A4")
    signed = post(http, "/phone/affiliate", "/phone/affiliate/agreement")
    assert 'id="step-agreement" data-done="yes"' in signed.text
    form = http.get("/phone/identity?back=affiliate").text
    assert re.findall(r'<option value="(\w+)"', form) == [
        "passport", "green_card", "drivers_license", "state_id"]  # affiliate.status_view's
    wrong = post(http, "/phone/identity?back=affiliate", "/phone/identity", back="affiliate",
                 document_type="passport", country="GB")
    assert refusal_of(wrong.text) == ("ID_DOCUMENT_WRONG_MARKET", "A4")
    assert cara.app.affiliate_status()["identity"] is None  # a refusal changed nothing
    done = post(http, "/phone/identity?back=affiliate", "/phone/identity", back="affiliate",
                document_type="green_card", country="us")
    assert 'id="step-identity" data-done="yes"' in done.text and "green card (US)" in done.text
    few = post(http, "/phone/affiliate", "/phone/affiliate/apply")
    assert refusal_of(few.text) == ("AFFILIATE_TOO_FEW_FOLLOWERS", "A4")
    cara.update(followers=1000)
    approved = post(http, "/phone/affiliate", "/phone/affiliate/apply")
    assert 'id="affiliate-approved"' in approved.text and refusal_of(approved.text) is None
    home = post(http, "/phone/showcase/add?source=marketplace", "/phone/showcase/add",
                source="marketplace", product_id=kettle["id"])
    assert titles(home.text) == ["Kettle"] and "add-from-shop" not in home.text


def test_M2_settings_lead_to_the_ID_check_a_GB_link_needs(world, phone_for):
    uk = world.create_shop(name="UK Shop", market="GB")
    ursula = world.create_account(username="ursula", age=31, region="GB")
    http = phone_for(ursula)
    settings = http.get("/phone/settings").text
    assert 'id="verify-identity" href="/phone/identity?back=settings"' in settings
    assert "not verified" in settings
    form = http.get("/phone/identity?back=settings").text
    assert "driving_licence" in form and "green_card" not in form
    shown = post(http, "/phone/identity?back=settings", "/phone/identity", back="settings",
                 document_type="driving_licence", country="GB")
    assert "verified · driving licence (GB)" in shown.text
    link_official(uk, ursula)
    assert [link["role"] for link in uk.links()] == ["official"]


def test_B6_LIVE_and_videos_from_the_phone(world, phone_for):
    acme = world.create_shop(name="Acme", market="US")
    lamp = acme.create_product("Desk lamp", "24.50")
    bob = world.create_account(username="bob", age=25, region="US", followers=3)
    nobody = world.create_account(username="nobody", age=30, region="US", followers=90000)
    link_marketing(acme, bob)
    http = phone_for(bob)
    page = http.get("/phone/live").text
    assert f'value="{lamp["id"]}"' in page  # what bob may promote
    live = post(http, "/phone/live", "/phone/live", title="Lamps!", product_id=lamp["id"])
    assert 'id="live-now"' in live.text and "Desk lamp" in live.text
    assert 'id="live-banner"' in http.get("/phone/").text
    assert bob.app.current_live()["product_ids"] == [lamp["id"]]
    ended = post(http, "/phone/live", "/phone/live/end")
    assert 'id="go-live-form"' in ended.text and bob.app.current_live() is None
    home = post(http, "/phone/videos/new", "/phone/videos/new", title="Unboxing",
                description="A lamp", duration="20", product_id=lamp["id"])
    videos = http.get("/phone/?tab=videos").text
    assert "Unboxing" in videos and "shoppable" in videos and 'id="notice"' in home.text
    video_id = re.search(r'data-video-id="(\d+)"', videos).group(1)
    shown = http.get(f"/phone/@bob/video/{video_id}")
    assert shown.status_code == 200 and "Shop this video" in shown.text
    assert http.get(f"/phone/@nobody/video/{video_id}").status_code == 404
    other = phone_for(nobody)
    refused = post(other, "/phone/live", "/phone/live", title="Hi")
    assert refusal_of(refused.text) == ("LIVE_NOT_ALLOWED", "B6")
    refused = post(other, "/phone/videos/new", "/phone/videos/new", title="x",
                   product_id=lamp["id"])
    assert refusal_of(refused.text) == ("SHOPPABLE_VIDEO_NOT_ALLOWED", "B6")
    bad = post(other, "/phone/videos/new", "/phone/videos/new", title="x", duration="0")
    assert refusal_of(bad.text) == ("INVALID_FIELD", None)
    assert nobody.app.videos() == []


def test_selling_forms_need_their_CSRF_token_and_a_login(sandbox, world, phone_for):
    bob = world.create_account(username="bob", age=25, region="US")
    http = phone_for(bob)
    token = csrf_token(http.get("/phone/").text)
    assert http.post("/phone/live", data={"title": "x"}).status_code == 403
    assert http.post("/phone/live", data={"title": "x", "csrf_token": token}).status_code == 303
    assert bob.app.current_live() is None  # refused by B6: nothing changed
    with httpx.Client(base_url=sandbox.app_url, timeout=30) as anonymous:
        for path in ("/phone/affiliate", "/phone/settings", "/phone/identity", "/phone/live",
                     "/phone/showcase/add", "/phone/videos/new"):
            assert anonymous.get(path).status_code == 302, path
    assert http.get("/phone/showcase/add?source=elsewhere").status_code == 404
