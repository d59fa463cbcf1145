"""Names and markets: B2 (official name = shop name), M1 (profiles), M2, M3 (US business upgrade)."""

from __future__ import annotations

from test_marketing_invitations import invite_and_accept
from test_unlinking import link_official

from sandbox.rules.registry import resolve


def test_B2_the_official_account_takes_the_shop_name_when_linked(world):
    shop = world.create_shop(name="Acme Official", market="GB")
    una = world.create_account(username="una", nickname="Una", age=30, region="GB",
                               id_document={"type": "passport", "country": "GB"})  # M2
    link_official(shop, una)
    assert una.app.me()["nickname"] == "Acme Official"
    assert shop.links()[0]["account"]["display_name"] == "Acme Official"


def test_B2_renaming_the_shop_renames_the_official_account_at_once(world):
    shop = world.create_shop(name="Acme", market="US")
    alice = world.create_account(username="alice", age=30)
    link_official(shop, alice)
    after = world.events()[-1]["seq"]
    shop.seller.rename_shop("Acme Two")
    assert alice.app.me()["nickname"] == "Acme Two"
    types = [e["type"] for e in world.events(after=after)]
    assert types.index("shop.renamed") < types.index("account.renamed")
    shop.update(name="Acme Three")  # the control plane's rename does the same
    assert alice.app.me()["nickname"] == "Acme Three"


def test_B2_a_marketing_account_keeps_its_own_name(world):
    shop = world.create_shop(name="Acme")
    bob = world.create_account(username="bob", nickname="Bob Sells", age=30)
    invite_and_accept(shop, bob)
    shop.seller.rename_shop("Acme Renamed")
    assert bob.app.me()["nickname"] == "Bob Sells"


def test_M3_a_us_link_turns_a_personal_account_into_a_business_account(world):
    shop = world.create_shop(name="Acme", market="US")
    alice = world.create_account(username="alice", age=30)
    assert alice.app.me()["kind"] == "personal"
    link_official(shop, alice)
    assert alice.app.me()["kind"] == "business"
    assert "account.upgraded_to_business" in [e["type"] for e in world.events()]


def test_M3_gb_and_cb_links_keep_a_personal_account_personal(world):
    gb = world.create_shop(name="Brit", market="GB")
    cb = world.create_shop(name="Cross", market="CB")
    una = world.create_account(username="una", age=30, region="GB",
                               id_document={"type": "passport", "country": "GB"})  # M2
    cleo = world.create_account(username="cleo", age=30, region="US")
    link_official(gb, una)
    invite_and_accept(cb, cleo)
    assert una.app.me()["kind"] == "personal" and cleo.app.me()["kind"] == "personal"


def test_M2_us_and_cb_need_no_id_check_and_no_follower_minimum(world):
    for code in ("US", "CB"):
        assert resolve(code).M2.id_check is False
    shop = world.create_shop(name="Cross", market="CB")
    zero = world.create_account(username="zero", age=30, followers=0)
    invite_and_accept(shop, zero)


def test_M1_every_duration_and_limit_is_a_rule_parameter_with_the_documented_default():
    for code in ("US", "GB", "CB"):
        p = resolve(code)
        assert (p.B3.max, p.E1.hours, p.E2.max, p.E2.window_days, p.F1.hours, p.F2.max,
                p.F3.max, p.F3.window_days, p.F4.violation_points, p.F4.health_score) == (
            4, 48, 10, 180, 24, 3, 10, 180, 12, 150)
