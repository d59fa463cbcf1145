"""Organization accounts created from Seller Center: G1 create, G2 failures, G3 the delay on the
world clock, G4 login methods, G5 linking again, G6 what the account is."""

from __future__ import annotations

import pytest
from support import submit_form

from sandbox.client import SandboxAPIError


def org_events(world):
    return [e["type"] for e in world.events(type="org_account.")]


def create_and_wait(world, shop, **kw):
    org = shop.seller.create_organization_account(**kw)
    world.clock.advance(seconds=150)
    return org.refresh()


def otp_login(world, shop, org, surface="app"):
    shop.seller.send_sms_code(org.open_id)
    code = world.sms(phone=shop.phone)[-1]["code"]
    otp = shop.seller.one_time_password(sms_code=code, open_id=org.open_id)
    account = world.account(org.open_id)
    account.app.login_with_otp(otp, surface=surface)
    return account


def test_G1_G3_create_an_organization_account_and_watch_it_arrive_linked(world):
    shop = world.create_shop(name="Acme Official", market="US", phone="+12025550199")
    org = shop.seller.create_organization_account()
    assert org.status == "pending" and org.open_id is None
    world.clock.advance(seconds=149)
    assert org.refresh().status == "pending" and shop.links() == []
    world.clock.advance(seconds=1)
    [link] = shop.links()  # a read after the delay shows it created and linked
    org.refresh()
    assert org.status == "created" and org.linked
    assert link["role"] == "official" and link["open_id"] == org.open_id
    account = world.account(org.open_id).data
    # G1: nickname from the shop's name, region = the shop's market, owned by the shop.
    assert account["kind"] == "organization" and account["nickname"] == "Acme Official"
    assert account["region"] == "US"
    assert world.account(org.open_id).organization()["owner_shop_id"] == shop.id
    assert link["account"]["display_name"] == "Acme Official"
    assert link["account"]["avatar_url"].endswith(f"/avatars/{org.open_id}.svg")


def test_G1_username_is_optional_and_kept_when_given(world):
    shop = world.create_shop(name="Acme")
    org = create_and_wait(world, shop, username="acme_store")
    assert org.username == "acme_store"
    assert world.account(org.open_id).username == "acme_store"


def test_G1_cross_border_shop_gets_a_us_account(world):
    shop = world.create_shop(name="Global Goods", market="CB")
    org = create_and_wait(world, shop)
    assert world.account(org.open_id).data["region"] == "US"


def test_G1_created_at_onboarding_with_the_control_plane_flag(world):
    shop = world.create_shop(name="New Seller", organization_account=True)
    assert shop.data["organization_account"]["status"] == "pending"
    world.clock.advance(seconds=150)
    [link] = world.links()
    assert link["shop_id"] == shop.id


def test_G1_refused_while_an_official_account_is_linked(world):
    shop = world.create_shop(name="Acme")
    create_and_wait(world, shop)
    before = world.events()
    with pytest.raises(SandboxAPIError) as err:
        shop.seller.create_organization_account()
    assert (err.value.status, err.value.code, err.value.rule) == (
        422, "ORG_ACCOUNT_OFFICIAL_ALREADY_LINKED", "G1")
    assert world.events(after=before[-1]["seq"]) == []


def test_G3_one_creation_at_a_time(world):
    shop = world.create_shop(name="Acme")
    shop.seller.create_organization_account()
    with pytest.raises(SandboxAPIError) as err:
        shop.seller.create_organization_account()
    assert (err.value.code, err.value.rule) == ("ORG_ACCOUNT_CREATION_PENDING", "G3")
    assert len(shop.seller.organization_accounts()) == 1


def test_G2_shop_name_of_30_characters_fails_creation(world):
    shop = world.create_shop(name="A" * 30)
    org = create_and_wait(world, shop)
    assert org.status == "failed" and org.open_id is None
    assert (org.failure["code"], org.failure["rule"]) == ("ORG_ACCOUNT_NAME_TOO_LONG", "G2")
    assert "30 characters" in org.failure["message"]
    assert world.links() == [] and "org_account.failed" in org_events(world)


def test_G2_shop_name_of_29_characters_succeeds(world):
    shop = world.create_shop(name="B" * 29)
    assert create_and_wait(world, shop).status == "created"


@pytest.mark.parametrize("status", ["frozen", "suspended"])
def test_G2_shop_exception_fails_creation(world, status):
    shop = world.create_shop(name="Acme", status=status)
    org = create_and_wait(world, shop)
    assert org.status == "failed"
    assert (org.failure["code"], org.failure["rule"]) == ("ORG_ACCOUNT_SHOP_ABNORMAL", "G2")
    assert status in org.failure["message"] and world.links() == []


def test_G2_a_failed_creation_can_be_retried_after_the_fix(world):
    shop = world.create_shop(name="Acme", status="frozen")
    assert create_and_wait(world, shop).status == "failed"
    shop.update(status="normal")
    assert create_and_wait(world, shop).status == "created"
    assert [o.status for o in shop.seller.organization_accounts()] == ["failed", "created"]


def test_G4_password_phone_and_email_logins_are_refused(world):
    shop = world.create_shop(name="Acme", phone="+12025550199")
    org = create_and_wait(world, shop)
    account = world.account(org.open_id)
    cases = [(lambda: account.app.login("anything"), "ORG_ACCOUNT_PASSWORD_LOGIN_DISABLED"),
             (lambda: account.app.login_with_phone("+12025550199", "x"),
              "ORG_ACCOUNT_PHONE_LOGIN_DISABLED"),
             (lambda: account.app.login_with_email(f"{org.username}@example.com", "x"),
              "ORG_ACCOUNT_EMAIL_LOGIN_DISABLED")]
    for attempt, code in cases:
        with pytest.raises(SandboxAPIError) as err:
            attempt()
        assert (err.value.code, err.value.rule) == (code, "G4")
    assert [e for e in world.events(type="account.logged_in")] == []


def test_G4_personal_accounts_keep_phone_and_email_logins(world):
    alice = world.create_account(username="alice", age=30, phone="+12025550101")
    alice.app.login_with_phone("+12025550101")
    alice.app.login_with_email("alice@example.com")
    with pytest.raises(SandboxAPIError) as err:
        alice.app.login_with_phone("+12025550101", "wrong")
    assert err.value.code == "LOGIN_FAILED"


def test_G4_live_manager_and_app_accept_a_one_time_password(world):
    shop = world.create_shop(name="Acme", phone="+12025550199")
    org = create_and_wait(world, shop)
    otp_login(world, shop, org, surface="live_manager")
    world.clock.advance(seconds=60)
    otp_login(world, shop, org)
    surfaces = [e["data"]["surface"] for e in world.events(type="account.logged_in")]
    assert surfaces == ["live_manager", "app"]


def test_G4_another_shop_cannot_get_a_password_for_it(world):
    shop = world.create_shop(name="Acme", phone="+12025550199")
    org = create_and_wait(world, shop)
    other = world.create_shop(name="Other", phone="+12025550188")
    with pytest.raises(SandboxAPIError) as err:
        other.seller.send_sms_code(org.open_id)
    assert err.value.code == "ORG_ACCOUNT_NOT_FOUND"
    assert world.sms() == []


def test_G5_use_existing_account_links_it_again_at_most_twice_in_total(world):
    shop = world.create_shop(name="Acme")
    org = create_and_wait(world, shop)
    [first] = shop.links()
    world.unlink(first["id"])
    assert shop.links() == []
    [listed] = [o for o in shop.seller.organization_accounts() if o.status == "created"]
    assert listed.open_id == org.open_id and not listed.linked
    again = shop.seller.link_existing(org.open_id)
    assert again.linked and again.data["times_linked"] == 2
    [second] = shop.links()
    world.unlink(second["id"])
    with pytest.raises(SandboxAPIError) as err:
        shop.seller.link_existing(org.open_id)
    assert (err.value.code, err.value.rule) == ("ORG_ACCOUNT_LINK_LIMIT", "G5")
    assert shop.links() == []


def test_G5_never_linked_to_another_shop(world):
    shop = world.create_shop(name="Acme", phone="+12025550199")
    org = create_and_wait(world, shop)
    world.unlink(shop.links()[0]["id"])
    other = world.create_shop(name="Other")
    with pytest.raises(SandboxAPIError) as err:
        other.seller.link_existing(org.open_id)
    assert (err.value.code, err.value.rule) == ("ORG_ACCOUNT_OTHER_SHOP", "G5")
    # Nor by QR code: the account logs in with its OTP and scans the other shop's code.
    account = otp_login(world, shop, org)
    link = other.seller.start_official_link()
    account.app.scan(link.qr_url).authorize()
    with pytest.raises(SandboxAPIError) as qr_err:
        link.wait_until("ready")
    assert (qr_err.value.code, qr_err.value.rule) == ("ORG_ACCOUNT_OTHER_SHOP", "G5")
    assert world.links() == []


def test_G6_no_verified_badge_and_commercial_music_only(world):
    shop = world.create_shop(name="Acme", phone="+12025550199")
    org = create_and_wait(world, shop)
    account = world.account(org.open_id)
    account.update(verified=True)  # even if someone sets it, an organization shows no badge
    info = account.organization()
    assert info["verified_badge"] is False and info["music_library"] == "commercial"
    assert info["login_methods"] == ["one_time_password"]
    # the same through the app
    assert otp_login(world, shop, org).app.organization()["music_library"] == "commercial"
    alice = world.create_account(username="alice", age=30)
    assert alice.organization()["music_library"] == "general"


def test_G3_B1_readers_racing_after_the_delay_record_and_link_it_once(world):
    from concurrent.futures import ThreadPoolExecutor

    shop = world.create_shop(name="Acme")
    shop.seller.create_organization_account()
    world.clock.advance(seconds=150)
    with ThreadPoolExecutor(8) as pool:
        seen = list(pool.map(lambda _: shop.links(), range(8)))
    assert all(len(s) == 1 for s in seen)
    assert len(world.links()) == 1
    assert org_events(world).count("org_account.created") == 2  # the app's and Seller Center's
    assert len(world.events(type="link.linked")) == 1


def test_G4_live_manager_page_takes_a_one_time_password_and_refuses_the_password(
        world, app_http):
    shop = world.create_shop(name="Acme", phone="+12025550199")
    org = create_and_wait(world, shop)
    page = f"/live-manager/login?world={world.id}"
    refused = submit_form(app_http, page, world=world.id, method="password",
                          username=org.username, password="x")
    assert refused.status_code == 401 and "ORG_ACCOUNT_PASSWORD_LOGIN_DISABLED" in refused.text
    shop.seller.send_sms_code()
    otp = shop.seller.one_time_password(world.sms(phone=shop.phone)[-1]["code"])
    ok = submit_form(app_http, page, world=world.id, username=otp.username,
                     one_time_password=otp.password)
    assert ok.status_code == 302 and ok.headers["location"].endswith("/live-manager/")
    home = app_http.get("/live-manager/")  # the session cookie in the client's jar
    assert f"@{org.username}" in home.text and "organization account" in home.text
    replay = submit_form(app_http, page, world=world.id, username=otp.username,
                         one_time_password=otp.password)
    assert replay.status_code == 401 and "OTP_ALREADY_USED" in replay.text


def test_G4_phone_simulator_refuses_an_organization_accounts_password(world, app_http):
    shop = world.create_shop(name="Acme")
    org = create_and_wait(world, shop)
    resp = submit_form(app_http, f"/phone/login?world={world.id}", world=world.id,
                       username=org.username, password="whatever")
    assert resp.status_code == 401 and "one-time password" in resp.text


def test_G4_B6_the_live_manager_console_goes_live_with_products_and_logs_out(world, app_http):
    shop = world.create_shop(name="Acme", phone="+12025550199")
    mug = shop.create_product("Mug", "8.00")
    org = create_and_wait(world, shop)
    shop.seller.send_sms_code()
    otp = shop.seller.one_time_password(world.sms(phone=shop.phone)[-1]["code"])
    submit_form(app_http, f"/live-manager/login?world={world.id}", world=world.id,
                username=otp.username, one_time_password=otp.password)
    console = app_http.get("/live-manager/")
    assert 'id="go-live"' in console.text and "Mug" in console.text
    started = submit_form(app_http, "/live-manager/", to="/live-manager/live",
                          title="Launch", product_id=mug["id"])
    assert started.status_code == 302  # POST → redirect → GET
    live = app_http.get("/live-manager/").text
    assert 'id="live-now"' in live and "LIVE now: Launch" in live and "Mug" in live
    bea = world.create_account(username="bea", age=30)
    assert bea.app.buy(mug, via=world.account(org.open_id), channel="LIVE")["status"] == "ON_HOLD"
    submit_form(app_http, "/live-manager/", to="/live-manager/live/end")
    ended = app_http.get("/live-manager/").text
    assert 'id="go-live"' in ended and 'id="past-lives"' in ended
    out = submit_form(app_http, "/live-manager/", to="/live-manager/logout")
    assert out.status_code == 302 and out.headers["location"].endswith("/live-manager/login")
    assert app_http.get("/live-manager/").status_code == 302  # the session ended on the server
