"""Douyin Shop (rules J1–J7) over real HTTP between the sandbox and the fake app: the four scan
cases to their end (asynchronous completions driven by `advance`), real name, the one rebind,
the upgrade, the reminder and the listing restriction; TikTok markets keep their own rules."""

from __future__ import annotations

import pytest

from sandbox.client import SandboxAPIError

ENTITY = "杭州某某科技有限公司"


@pytest.fixture
def dy_world(sandbox):
    world = sandbox.create_world("douyin", frozen=True, now="2026-06-01T00:00:00Z")
    yield world
    world.delete()


@pytest.fixture
def shop(dy_world):
    return dy_world.create_shop(name="抖音小店", market="DOUYIN", business_entity=ENTITY)


def account(world, username, **attrs):
    return world.create_account(username, region="CN", age=30,
                                **{"real_name_verified": True, **attrs})


def scan(shop, acct, *, rebind=False):
    req = shop.seller.rebind() if rebind else shop.seller.start_official_link()
    acct.app.scan(req.qr_url).authorize()
    return req


def bind(shop, acct, **kw):
    req = scan(shop, acct, **kw).wait_until("ready")
    return req, req.confirm()


def test_J4_case_1_a_blue_v_account_of_the_shops_entity_binds_and_starts_nothing(
        dy_world, shop):
    blue = account(dy_world, "blue", kind="enterprise", enterprise_verified=True,
                   verified_entity=ENTITY)
    req, done = bind(shop, blue)
    assert req.account["douyin_case"] == 1 and done.status == "linked"
    assert blue.refresh()["douyin_verification"] is None
    assert shop.seller.douyin_status()["official_account"]["open_id"] == blue.open_id


def test_J3_J4_case_2_a_mismatched_entity_is_refused_until_the_identity_is_cancelled(
        dy_world, shop):
    other = account(dy_world, "other", kind="enterprise", enterprise_verified=True,
                    verified_entity="北京另一家公司")
    with pytest.raises(SandboxAPIError) as err:
        scan(shop, other).wait_until("ready")
    assert (err.value.code, err.value.rule) == ("DOUYIN_ENTITY_MISMATCH", "J3")
    assert shop.seller.douyin_status()["official_account"] is None
    other.update(kind="personal", enterprise_verified=False, verified_entity=None)  # cancelled
    req, done = bind(shop, other)
    assert req.account["douyin_case"] == 4 and done.status == "linked"


def test_J4_case_3_an_unverified_enterprise_account_binds_and_its_entity_change_completes_later(
        dy_world, shop):
    ent = account(dy_world, "ent", kind="enterprise")
    req, done = bind(shop, ent)
    assert req.account["douyin_case"] == 3 and done.status == "linked"
    assert ent.refresh()["douyin_verification"] == "entity_change"
    assert dy_world.clock.advance("PT23H").fired == []
    fired = dy_world.clock.advance("PT1H").fired
    assert [e["type"] for e in fired] == ["app.douyin_entity_change_completed"]
    after = ent.refresh()
    assert (after["enterprise_verified"], after["verified_entity"]) == (True, ENTITY)


def test_J4_case_4_a_personal_account_binds_and_blue_v_verification_completes_by_itself(
        dy_world, shop):
    person = account(dy_world, "person")
    req, done = bind(shop, person)
    assert req.account["douyin_case"] == 4 and done.status == "linked"
    assert person.refresh()["douyin_verification"] == "blue_v"
    fired = dy_world.clock.advance("P3D").fired
    assert [e["type"] for e in fired] == ["app.douyin_blue_v_completed"]
    after = person.refresh()
    assert (after["kind"], after["enterprise_verified"], after["verified_entity"]) == (
        "enterprise", True, ENTITY)


def test_J2_an_account_without_real_name_verification_is_refused(dy_world, shop):
    anon = account(dy_world, "anon", real_name_verified=False)
    with pytest.raises(SandboxAPIError) as err:
        scan(shop, anon).wait_until("ready")
    assert (err.value.code, err.value.rule) == ("DOUYIN_REAL_NAME_REQUIRED", "J2")
    assert dy_world.links() == []


def test_J1_one_official_account_and_an_authorized_account_is_never_the_official_one(
        dy_world, shop):
    first, promoter, third = (account(dy_world, n) for n in ("first", "promoter", "third"))
    shop.seller.authorize_account("promoter")
    with pytest.raises(SandboxAPIError) as err:  # authorized first, then bound: refused
        scan(shop, promoter).wait_until("ready")
    assert (err.value.code, err.value.rule) == ("DOUYIN_AUTHORIZED_NOT_OFFICIAL", "J1")
    bind(shop, first)
    with pytest.raises(SandboxAPIError) as err:  # bound first, then authorized: refused
        shop.seller.authorize_account("first")
    assert (err.value.code, err.value.rule) == ("DOUYIN_AUTHORIZED_NOT_OFFICIAL", "J1")
    with pytest.raises(SandboxAPIError) as err:
        shop.seller.start_official_link()
    assert err.value.rule == "B1"
    assert [a["username"] for a in shop.seller.call("GET", "/douyin/authorized-accounts")[
        "authorized_accounts"]] == ["promoter"]
    assert third.refresh()["username"] == "third"


def test_J1_the_authorized_accounts_limit_is_a_rule_parameter(dy_world, shop, sandbox):
    limit = dy_world.rules()["rules"]["J1"]["authorized_max"]
    for i in range(limit):
        account(dy_world, f"p{i}")
        shop.seller.authorize_account(f"p{i}")
    account(dy_world, "one_more")
    with pytest.raises(SandboxAPIError) as err:
        shop.seller.authorize_account("one_more")
    assert (err.value.code, err.value.rule) == ("DOUYIN_AUTHORIZED_LIMIT", "J1")


def test_J5_one_rebind_then_never_again(dy_world, shop):
    first, second, third = (account(dy_world, n) for n in ("first", "second", "third"))
    bind(shop, first)
    assert shop.seller.douyin_status()["rebind_available"] is True
    _req, done = bind(shop, second, rebind=True)
    assert done.status == "linked"
    status = shop.seller.douyin_status()
    assert status["official_account"]["open_id"] == second.open_id
    assert (status["rebinds_used"], status["rebind_available"]) == (1, False)
    assert [lk["open_id"] for lk in dy_world.links()] == [second.open_id]
    with pytest.raises(SandboxAPIError) as err:
        shop.seller.rebind()
    assert (err.value.code, err.value.rule) == ("DOUYIN_REBIND_USED", "J5")
    assert third.refresh()["douyin_verification"] is None


def test_J5_J6_no_rebind_after_the_upgrade_which_names_the_account_after_the_shop(
        dy_world, shop):
    blue = account(dy_world, "blue", kind="enterprise", enterprise_verified=True,
                   verified_entity=ENTITY, nickname="Old Name")
    bind(shop, blue)
    assert blue.refresh()["nickname"] == "Old Name"  # binding does not rename (J6: upgrade does)
    upgraded = shop.seller.upgrade_official_account()
    assert upgraded["upgraded"] is True and blue.refresh()["nickname"] == "抖音小店"
    with pytest.raises(SandboxAPIError) as err:
        shop.seller.rebind()
    assert (err.value.code, err.value.rule) == ("DOUYIN_REBIND_AFTER_UPGRADE", "J5")


def test_J6_the_upgrade_waits_for_a_verification_in_progress(dy_world, shop):
    person = account(dy_world, "person")
    bind(shop, person)
    with pytest.raises(SandboxAPIError) as err:
        shop.seller.upgrade_official_account()
    assert (err.value.code, err.value.rule) == ("DOUYIN_UPGRADE_WAITS_FOR_VERIFICATION", "J6")
    dy_world.clock.advance("P3D")
    assert shop.seller.upgrade_official_account()["upgraded"] is True


def test_J7_reminder_from_its_date_and_listing_restricted_after_the_deadline(sandbox):
    world = sandbox.create_world("before the reminder", frozen=True, now="2022-12-01T00:00:00Z")
    try:
        shop = world.create_shop(name="早期小店", market="DOUYIN", business_entity=ENTITY)
        bind(shop, account(world, "early"))
        status = shop.seller.douyin_status()
        assert status["reminder"] is False  # before 2022-12-16 nobody is reminded
        assert status["upgrade_deadline"] == "2023-01-15T00:00:00Z"  # 30 days from the date
        world.clock.set("2022-12-16T00:00:00Z")
        assert shop.seller.douyin_status()["reminder"] is True
        assert shop.seller.list_product("茶叶")["title"] == "茶叶"
        world.clock.set("2023-01-15T00:00:00Z")
        with pytest.raises(SandboxAPIError) as err:
            shop.seller.list_product("茶具")
        assert (err.value.code, err.value.rule) == ("DOUYIN_UPGRADE_OVERDUE", "J7")
        assert [e["data"]["title"] for e in world.events(type="douyin.product_listed")] == ["茶叶"]
        shop.seller.upgrade_official_account()
        status = shop.seller.douyin_status()
        assert (status["reminder"], status["listing_restricted"]) == (False, False)
        assert shop.seller.list_product("茶具")["title"] == "茶具"
    finally:
        world.delete()


def test_douyin_actions_are_refused_for_tiktok_shops(world):
    us = world.create_shop(name="Acme", market="US")
    with pytest.raises(SandboxAPIError) as err:
        us.seller.douyin_status()
    assert err.value.code == "NOT_A_DOUYIN_SHOP"


def test_the_demo_world_has_a_douyin_shop_and_a_persona_per_case(sandbox):
    demo = sandbox.create_world("douyin demo", seed="demo", frozen=True)
    try:
        logins = sandbox.control("GET", f"/worlds/{demo.id}")["logins"]
        assert "seller@douyin.test" in {s["email"] for s in logins["seller"]}
        names = {a["username"] for a in logins["app"]}
        assert {"dy_bluev", "dy_other", "dy_ent", "dy_user", "dy_anon"} <= names
        [shop] = [s for s in sandbox.control("GET", f"/worlds/{demo.id}/shops")["shops"]
                  if s["market"] == "DOUYIN"]
        assert shop["name"] == "抖音小店"
    finally:
        demo.delete()
