"""What a link lets an account do: shop page (B1), showcase (B3), affiliate creators (A4),
LIVE and shoppable videos (B6), and the ID check for GB links (M2)."""

from __future__ import annotations

import pytest

from sandbox.client import SandboxAPIError


def link_official(shop, account):
    req = shop.seller.start_official_link()
    account.app.scan(req.qr_url).authorize()
    req.wait_until("ready")
    req.confirm()
    return req


def link_marketing(shop, account):
    invitation = shop.seller.invite(account.username)
    account.app.inbox()[0].accept()
    invitation.wait_until("linked")


def refused(call, code, rule=None):
    with pytest.raises(SandboxAPIError) as err:
        call()
    assert err.value.code == code, err.value
    if rule:
        assert err.value.rule == rule
    return err.value


@pytest.fixture
def shops(world):
    acme = world.create_shop(name="Acme", market="US")
    other = world.create_shop(name="Other Shop", market="US")
    return acme, other


def test_B1_the_shop_page_follows_the_catalogue(world, shops):
    acme, other = shops
    lamp = acme.create_product("Desk lamp", "24.50")
    official = world.create_account(username="acme_official", age=30, region="US")
    link_official(acme, official)
    page = official.app.profile_products()
    assert page["kind"] == "shop_page"
    assert [p["title"] for p in page["products"]] == ["Desk lamp"]
    # A product added later is there at once; one removed is gone; a deactivated one too.
    mug = acme.seller.add_product("Mug", "8.00")
    assert {p["title"] for p in official.app.profile_products()["products"]} == {"Desk lamp", "Mug"}
    acme.seller.delete_product(lamp["id"])
    assert [p["title"] for p in official.app.profile_products()["products"]] == ["Mug"]
    acme.seller.update_product(mug["id"], status="SELLER_DEACTIVATED")
    assert official.app.profile_products()["products"] == []
    acme.seller.update_product(mug["id"], status="ACTIVATE", title="Big mug")
    assert [p["title"] for p in official.app.profile_products()["products"]] == ["Big mug"]
    # Renaming the shop shows on the shop page (B2 renames the account too).
    acme.seller.rename_shop("Acme Home")
    assert official.app.profile_products()["products"][0]["shop_name"] == "Acme Home"


def test_B1_an_official_account_cannot_add_other_shops_affiliate_products(world, shops):
    acme, other = shops
    own = acme.create_product("Desk lamp", "24.50")
    theirs = other.create_product("Kettle", "30.00", commission_rate=1500)
    official = world.create_account(username="acme_official", age=30, region="US",
                                    followers=50000)
    link_official(acme, official)
    before = official.app.profile_products()
    refused(lambda: official.app.add_to_showcase(theirs["id"]),
            "OFFICIAL_ACCOUNT_OWN_PRODUCTS_ONLY", "B1")
    refused(lambda: official.app.apply_as_affiliate(), "AFFILIATE_OFFICIAL_ACCOUNT", "B1")
    refused(lambda: official.app.go_live(product_ids=[theirs["id"]]),
            "OFFICIAL_ACCOUNT_OWN_PRODUCTS_ONLY", "B1")
    assert official.app.profile_products() == before
    assert official.app.go_live("Launch", product_ids=[own["id"]])["live"] is True


def test_B3_a_marketing_account_adds_its_shops_products_by_hand(world, shops):
    acme, other = shops
    lamp = acme.create_product("Desk lamp", "24.50")
    acme.create_product("Mug", "8.00")
    kettle = other.create_product("Kettle", "30.00", commission_rate=1500)
    closed = other.create_product("Toaster", "40.00")
    bob = world.create_account(username="bob", age=25, region="US", followers=120)
    link_marketing(acme, bob)
    showcase = bob.app.profile_products()
    assert showcase["kind"] == "showcase" and showcase["products"] == []  # nothing synced (B3)
    assert {p["title"] for p in bob.app.shop_products()} == {"Desk lamp", "Mug"}
    assert [p["title"] for p in bob.app.add_to_showcase(lamp["id"])["products"]] == ["Desk lamp"]
    # Other shops' products: only affiliate ones, and only with affiliate permission.
    refused(lambda: bob.app.add_to_showcase(kettle["id"]), "AFFILIATE_PERMISSION_REQUIRED", "B3")
    refused(lambda: bob.app.add_to_showcase(closed["id"]), "PRODUCT_NOT_OPEN_TO_AFFILIATES", "A4")
    assert [p["title"] for p in bob.app.profile_products()["products"]] == ["Desk lamp"]
    bob.update(followers=1500)
    bob.app.verify_identity("passport", "US")
    bob.app.sign_affiliate_agreement()
    assert bob.app.apply_as_affiliate()["affiliate"] is True
    titles = [p["title"] for p in bob.app.add_to_showcase(kettle["id"])["products"]]
    assert titles == ["Desk lamp", "Kettle"]
    # A product its shop deletes leaves the showcase at once.
    acme.seller.delete_product(lamp["id"])
    assert [p["title"] for p in bob.app.profile_products()["products"]] == ["Kettle"]


def test_A4_each_unmet_condition_of_the_affiliate_application_is_its_own_code(world, shops):
    _, other = shops
    kettle = other.create_product("Kettle", "30.00", commission_rate=1500)
    cara = world.create_account(username="cara", age=24, region="US", followers=999)
    refused(lambda: cara.app.add_to_showcase(kettle["id"]), "SHOWCASE_NOT_AVAILABLE", "A4")
    refused(cara.app.apply_as_affiliate, "AFFILIATE_AGREEMENT_NOT_SIGNED", "A4")
    cara.app.sign_affiliate_agreement()
    refused(cara.app.apply_as_affiliate, "AFFILIATE_ID_NOT_VERIFIED", "A4")
    refused(lambda: cara.app.verify_identity("passport", "GB"), "ID_DOCUMENT_WRONG_MARKET", "A4")
    refused(lambda: cara.app.verify_identity("library_card", "US"),
            "ID_DOCUMENT_TYPE_NOT_ACCEPTED", "A4")
    assert cara.app.affiliate_status()["identity"] is None  # refusals changed nothing
    cara.app.verify_identity("green_card", "US")
    err = refused(cara.app.apply_as_affiliate, "AFFILIATE_TOO_FEW_FOLLOWERS", "A4")
    assert err.details == {"followers": 999, "minimum": 1000}
    assert cara.app.affiliate_status()["affiliate"] is False
    cara.update(followers=1000)
    status = cara.app.apply_as_affiliate()
    assert status["affiliate"] is True
    refused(cara.app.apply_as_affiliate, "AFFILIATE_ALREADY_APPROVED", "A4")
    # An affiliate promotes any shop's affiliate products and is linked to no shop.
    assert [p["title"] for p in cara.app.add_to_showcase(kettle["id"])["products"]] == ["Kettle"]
    assert cara.app.link_info().get("linked") is not True
    types = [e["type"] for e in world.events(type="account.")]
    assert "account.affiliate_approved" in types


def test_B6_linked_accounts_sell_in_LIVE_and_videos_at_any_follower_count(world, shops):
    acme, other = shops
    lamp = acme.create_product("Desk lamp", "24.50")
    kettle = other.create_product("Kettle", "30.00", commission_rate=1500)
    bob = world.create_account(username="bob", age=25, region="US", followers=3)
    link_marketing(acme, bob)
    live = bob.app.go_live("Lamps!", product_ids=[lamp["id"]])
    assert live["product_ids"] == [lamp["id"]]
    refused(lambda: bob.app.go_live(), "ALREADY_LIVE")
    assert bob.app.end_live()["live"] is False
    video = bob.app.post_video("Unboxing", product_ids=[lamp["id"]])
    assert video["shoppable"] is True
    # An affiliate below 1,000 followers (they dropped since approval) is refused; at 1,000 fine.
    aff = world.create_account(username="aff", age=30, region="US", followers=1000,
                               affiliate=True)
    aff.update(followers=400)
    refused(lambda: aff.app.go_live(product_ids=[kettle["id"]]), "LIVE_TOO_FEW_FOLLOWERS", "B6")
    refused(lambda: aff.app.post_video(product_ids=[kettle["id"]]),
            "SHOPPABLE_VIDEO_TOO_FEW_FOLLOWERS", "B6")
    aff.update(followers=1000)
    assert aff.app.go_live(product_ids=[kettle["id"]])["live"] is True
    # Anyone else: refused; a plain video is fine.
    nobody = world.create_account(username="nobody", age=30, region="US", followers=90000)
    refused(lambda: nobody.app.go_live(), "LIVE_NOT_ALLOWED", "B6")
    refused(lambda: nobody.app.post_video(product_ids=[kettle["id"]]),
            "SHOPPABLE_VIDEO_NOT_ALLOWED", "B6")
    assert nobody.app.videos() == []
    assert nobody.app.post_video("Cat")["shoppable"] is False


def test_M2_linking_to_a_GB_shop_needs_an_ID_check_in_the_app(world):
    uk = world.create_shop(name="UK Shop", market="GB")
    ursula = world.create_account(username="ursula", age=31, region="GB")
    req = uk.seller.start_official_link()
    ursula.app.scan(req.qr_url).authorize()
    err = refused(lambda: req.wait_until("ready"), "LINK_ID_CHECK_REQUIRED", "M2")
    assert "ID document of GB" in err.message
    assert uk.links() == []
    ursula.app.verify_identity("driving_licence", "GB")
    link_official(uk, ursula)
    assert [link["role"] for link in uk.links()] == ["official"]


def test_M2_US_and_cross_border_shops_need_no_ID_check(world):
    for market in ("US", "CB"):
        shop = world.create_shop(name=f"{market} Shop", market=market)
        account = world.create_account(username=f"plain_{market.lower()}", age=30, region="US")
        link_official(shop, account)
        assert [link["role"] for link in shop.links()] == ["official"]


def test_products_refuse_bad_values_and_change_nothing(world, shops):
    acme, _ = shops
    refused(lambda: acme.create_product("Lamp", "-1"), "INVALID_FIELD")
    refused(lambda: acme.create_product("Lamp", "1.999"), "INVALID_FIELD")
    refused(lambda: acme.create_product("Lamp", "5.00", currency="GBP"), "CURRENCY_MISMATCH", "M1")
    refused(lambda: acme.create_product("Lamp", "5.00", commission_rate=9000),
            "INVALID_COMMISSION_RATE", "A4")
    refused(lambda: acme.create_product("Lamp", "5.00", status="DRAFT", commission_rate=1000),
            "PRODUCT_NOT_ON_SALE", "A4")
    assert acme.products() == []
    lamp = acme.seller.add_product("Lamp", "5")
    assert lamp["price"] == "5.00" and lamp["currency"] == "USD"
    acme.seller.delete_product(lamp["id"])
    refused(lambda: acme.seller.open_to_affiliates(lamp["id"]), "PRODUCT_NOT_FOUND")
