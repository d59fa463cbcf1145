"""Seed audit (issue 27): an official account also adds its own shop's products by hand ("Add
from shop", B1, seed 002) on the phone and the actor API, never another shop's; an organization
account linked as official shows the Shop tab like any official account (B1, G1, H4)."""

from __future__ import annotations

import pytest
from support import submit_form
from test_phone_selling import phone_for, post, refusal_of, titles  # noqa: F401  (fixture)
from test_selling import link_official

from sandbox.client import SandboxAPIError


@pytest.fixture
def acme(world):
    return world.create_shop(name="Acme Official", market="US", phone="+12025550199")


def test_B1_an_official_account_adds_its_own_shops_product_by_hand_through_the_actor_api(
        world, acme):
    lamp = acme.create_product("Desk lamp", "24.50")
    acme.create_product("Mug", "8.00")
    official = world.create_account(username="acme_official", age=30, region="US")
    link_official(acme, official)
    assert {p["title"] for p in official.app.shop_products()} == {"Desk lamp", "Mug"}
    shown = official.app.add_to_showcase(lamp["id"])
    assert shown["kind"] == "shop_page"  # still the shop page, synced (seed 000) ...
    assert [p["title"] for p in shown["products"]] == ["Desk lamp", "Mug"]
    assert [p["title"] for p in shown["showcase"]] == ["Desk lamp"]  # ... plus by hand (002)
    assert [e["data"]["product_id"] for e in world.events(type="app.showcase_product_added")] == [
        lamp["id"]]
    assert official.app.remove_from_showcase(lamp["id"])["showcase"] == []


def test_B1_another_shops_product_stays_refused_for_the_official_account_and_changes_nothing(
        world, acme):
    other = world.create_shop(name="Other", market="US")
    kettle = other.create_product("Kettle", "30.00", commission_rate=1500)
    official = world.create_account(username="acme_official", age=30, region="US")
    link_official(acme, official)
    before = official.app.profile_products()
    with pytest.raises(SandboxAPIError) as err:
        official.app.add_to_showcase(kettle["id"])
    assert (err.value.code, err.value.rule) == ("OFFICIAL_ACCOUNT_OWN_PRODUCTS_ONLY", "B1")
    assert official.app.profile_products() == before
    assert world.events(type="app.showcase_product_added") == []


def test_B1_the_official_phone_adds_from_shop_and_is_refused_another_shops_product(
        world, acme, phone_for):  # noqa: F811
    lamp = acme.create_product("Desk lamp", "24.50")
    other = world.create_shop(name="Other", market="US")
    kettle = other.create_product("Kettle", "30.00", commission_rate=1500)
    official = world.create_account(username="acme_official", age=30, region="US")
    link_official(acme, official)
    http = phone_for(official)
    home = http.get("/phone/").text
    assert ">Shop<" in home and 'id="add-from-shop"' in home and "open-affiliate" not in home
    picker = "/phone/showcase/add?source=shop"
    assert titles(http.get(picker).text, "picker-products") == ["Desk lamp"]
    page = post(http, picker, "/phone/showcase/add", source="shop", product_id=lamp["id"])
    assert titles(page.text, "hand-added-list") == ["Desk lamp"]
    assert titles(page.text) == ["Desk lamp"]  # the synced shop page is unchanged
    resp = submit_form(http, "/phone/", to="/phone/showcase/add", source="shop",
                       product_id=kettle["id"])
    refused = http.get(resp.headers["location"]).text
    assert refusal_of(refused) == ("OFFICIAL_ACCOUNT_OWN_PRODUCTS_ONLY", "B1")
    assert [p["product_id"] for p in official.app.profile_products()["showcase"]] == [lamp["id"]]


def test_B1_G1_an_organization_account_linked_as_official_shows_the_shop_tab(
        world, acme, phone_for):  # noqa: F811
    acme.create_product("Desk lamp", "24.50")
    org = acme.seller.create_organization_account()
    world.clock.advance(seconds=150)
    assert org.refresh().linked
    account = world.account(org.open_id)
    assert account.data["kind"] == "organization"
    acme.seller.send_sms_code(org.open_id)
    otp = acme.seller.one_time_password(sms_code=world.sms(phone=acme.phone)[-1]["code"],
                                        open_id=org.open_id)
    account.app.login_with_otp(otp)
    shown = account.app.profile_products()
    assert shown["kind"] == "shop_page" and [p["title"] for p in shown["products"]] == [
        "Desk lamp"]
    assert account.app.link_info()["role"] == "official"


def test_B1_H4_an_upgraded_organization_account_shows_the_shop_tab(world, acme):
    alice = world.create_account(username="alice", age=30, phone="+12025550101")
    acme.create_product("Desk lamp", "24.50")
    up = acme.seller.start_upgrade()
    alice.app.scan(up.qr_url).authorize()
    up.refresh().upgrade_now()
    assert up.status == "completed"
    acme.seller.send_sms_code(alice.open_id)
    otp = acme.seller.one_time_password(world.sms(phone=acme.phone)[-1]["code"], alice.open_id)
    alice.app.login_with_otp(otp)
    shown = alice.app.profile_products()
    assert shown["kind"] == "shop_page" and [p["title"] for p in shown["products"]] == [
        "Desk lamp"]
