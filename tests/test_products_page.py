"""Seller Center's Products page: list, add, change status, delete after a confirmation, open to
affiliates at a commission and close (A4); the shop page follows every change (B1)."""

from __future__ import annotations

import pytest
from support import browser_seller, submit_form
from test_selling import link_official

from sandbox.client import SandboxAPIError
from sandbox.client.control import Account

PAGE = "/seller/products"


def _shop(world, http, market="US"):
    shop = world.create_shop(name="Page Shop", market=market)
    seller = shop.data["seller"]
    browser_seller(http, world.id, seller["email"], seller["password"])
    return shop


def test_the_products_page_lists_title_price_status_and_commission(world, control_http):
    shop = _shop(world, control_http)
    shop.create_product("Desk lamp", "24.50", commission_rate=1250)
    page = control_http.get(PAGE)
    assert page.status_code == 200
    assert "Desk lamp" in page.text and "24.50 USD" in page.text and "12.5%" in page.text
    assert 'data-status="ACTIVATE"' in page.text and 'id="nav-products"' in page.text


def test_the_page_needs_a_login(control_http):
    resp = control_http.get(PAGE)
    assert resp.status_code == 302 and "/seller/login" in resp.headers["location"]


def test_B1_a_product_added_on_the_page_is_on_the_shop_page(world, control_http):
    shop = _shop(world, control_http)
    official = world.create_account(username="page_official", age=30, region="US")
    link_official(shop, official)
    done = submit_form(control_http, PAGE, to=f"{PAGE}/add", title="Mug", price="8",
                       commission="15")
    assert done.status_code == 302
    shown = control_http.get(PAGE).text
    assert "Added “Mug”." in shown and "8.00 USD" in shown and "15%" in shown
    [mug] = shop.seller.products()
    assert mug["affiliate_open"] is True and mug["commission_rate"] == 1500
    assert [p["title"] for p in official.app.profile_products()["products"]] == ["Mug"]


def test_bad_input_on_the_add_form_is_flashed_and_adds_nothing(world, control_http):
    shop = _shop(world, control_http)
    for fields, says in (({"title": "", "price": "8"}, "title"),
                         ({"title": "Mug", "price": "eight"}, "price"),
                         ({"title": "Mug", "price": "8", "commission": "95"}, "80"),
                         ({"title": "Mug", "price": "8", "commission": "abc"}, "percentage")):
        submit_form(control_http, PAGE, to=f"{PAGE}/add", **fields)
        shown = control_http.get(PAGE).text
        assert 'id="error"' in shown and says in shown, fields
    assert shop.seller.products() == []


def test_A4_open_to_affiliates_and_close_from_the_page(world, control_http):
    shop = _shop(world, control_http)
    lamp = shop.create_product("Desk lamp", "24.50")
    pid = lamp["id"]
    submit_form(control_http, PAGE, to=f"{PAGE}/{pid}/affiliate", commission="20")
    assert shop.seller.products()[0]["commission_rate"] == 2000
    assert "Open to affiliates at 20% commission." in control_http.get(PAGE).text
    submit_form(control_http, PAGE, to=f"{PAGE}/{pid}/affiliate", commission="0.5")
    shown = control_http.get(PAGE).text
    assert 'id="error"' in shown and "A4" in shown
    assert shop.seller.products()[0]["commission_rate"] == 2000  # the refusal changed nothing
    submit_form(control_http, PAGE, to=f"{PAGE}/{pid}/affiliate/close")
    assert shop.seller.products()[0]["affiliate_open"] is False


def test_A4_a_product_not_on_sale_cannot_be_opened_to_affiliates(world, control_http):
    shop = _shop(world, control_http)
    pid = shop.create_product("Desk lamp", "24.50")["id"]
    submit_form(control_http, PAGE, to=f"{PAGE}/{pid}/status", status="SELLER_DEACTIVATED")
    assert shop.seller.products()[0]["status"] == "SELLER_DEACTIVATED"
    submit_form(control_http, PAGE, to=f"{PAGE}/{pid}/affiliate", commission="10")
    shown = control_http.get(PAGE).text
    assert "PRODUCT_NOT_ON_SALE" not in shown and "not on sale" in shown
    assert shop.seller.products()[0]["affiliate_open"] is False
    submit_form(control_http, PAGE, to=f"{PAGE}/{pid}/status", status="NOT_A_STATUS")
    assert 'id="error"' in control_http.get(PAGE).text
    assert shop.seller.products()[0]["status"] == "SELLER_DEACTIVATED"


def test_delete_asks_to_confirm_first(world, control_http):
    shop = _shop(world, control_http)
    official = world.create_account(username="page_official", age=30, region="US")
    pid = shop.create_product("Desk lamp", "24.50")["id"]
    link_official(shop, official)
    asked = submit_form(control_http, PAGE, to=f"{PAGE}/{pid}/delete")
    assert asked.status_code == 302  # POST → redirect → GET: the confirmation page
    asked = control_http.get(asked.headers["location"])
    assert asked.status_code == 200 and 'id="confirm-delete"' in asked.text
    assert len(shop.seller.products()) == 1  # nothing deleted yet
    done = submit_form(control_http, PAGE, to=f"{PAGE}/{pid}/delete", confirm="yes")
    assert done.status_code == 302
    assert shop.seller.products() == []
    assert official.app.profile_products()["products"] == []
    again = submit_form(control_http, PAGE, to=f"{PAGE}/{pid}/delete")
    assert again.status_code == 302
    assert "No product" in control_http.get(again.headers["location"], follow_redirects=True).text


def test_a_form_without_its_csrf_token_is_refused(world, control_http):
    shop = _shop(world, control_http)
    resp = control_http.post(f"{PAGE}/add", data={"title": "Mug", "price": "8"})
    assert 400 <= resp.status_code < 500
    assert shop.seller.products() == []


def test_the_demo_world_shows_three_profiles_B1_B3_A4(sandbox):
    """The demo cast: Other Shop's official account (shop page), Acme's marketing account
    (showcase by hand) and an affiliate creator with 1,000+ followers, and one with fewer."""
    world = sandbox.create_world(seed="demo")
    try:
        def app(username):  # the phone, logged in with the demo password
            return Account(world, {"open_id": "", "username": username,
                                   "password": "demo1234"}).app

        lena = app("linked_lena").profile_products()
        assert lena["kind"] == "shop_page"
        assert {p["title"] for p in lena["products"]} == {"Travel kettle", "Yoga mat",
                                                          "Water bottle"}
        mia = app("mia_markets").profile_products()
        assert mia["kind"] == "showcase"
        assert [p["title"] for p in mia["products"]] == ["Desk lamp", "Ceramic mug"]
        amy = app("aff_amy")
        assert amy.affiliate_status()["affiliate"] is True
        assert {p["title"] for p in amy.profile_products()["products"]} == {
            "Travel kettle", "Yoga mat", "Notebook set"}
        fiona = app("few_fiona")
        fiona.verify_identity("passport", "US")
        fiona.sign_affiliate_agreement()
        with pytest.raises(SandboxAPIError) as err:
            fiona.apply_as_affiliate()
        assert err.value.rule == "A4"
    finally:
        world.delete()
