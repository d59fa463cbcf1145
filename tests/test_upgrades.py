"""Upgrading a personal account to an organization account: H1 terms and QR, H2 the trial,
H3 earnings, H4 upgrade now / cancel, H5 the 15-day end and permanence, H6 official accounts."""

from __future__ import annotations

import pytest

from sandbox.client import SandboxAPIError


@pytest.fixture
def shop(world):
    return world.create_shop(name="Acme Official", phone="+12025550199")


@pytest.fixture
def alice(world):
    return world.create_account(username="alice", age=30, videos=7, phone="+12025550101")


def start_trial(shop, alice):
    up = shop.seller.start_upgrade()
    assert up.status == "qr_shown"
    alice.app.scan(up.qr_url).authorize()
    return up.refresh()


def otp_for(world, shop, open_id):
    shop.seller.send_sms_code(open_id)
    return shop.seller.one_time_password(world.sms(phone=shop.phone)[-1]["code"], open_id)


def test_H1_the_upgrade_needs_the_terms(world, shop):
    with pytest.raises(SandboxAPIError) as err:
        shop.seller.start_upgrade(agreed=False)
    assert (err.value.status, err.value.code, err.value.rule) == (422, "UPGRADE_TERMS_REQUIRED",
                                                                  "H1")
    assert world.events(type="upgrade_request.") == []


def test_H1_H2_scan_and_confirm_start_a_trial_personal_without_ecommerce(world, shop, alice):
    up = shop.seller.start_upgrade()
    scanned = alice.app.scan(up.qr_url)  # the phone is logged in with its password until now
    assert "account.upgrade" in scanned.data["scopes"]
    assert up.refresh().status == "scanned"
    scanned.authorize()
    assert up.refresh().status == "trial" and up.open_id == alice.open_id
    assert up.data["trial_ends_at"] is not None
    info = alice.organization()
    assert info["kind"] == "personal" and info["ecommerce_permission"] == "none"
    assert info["upgrade"]["status"] == "trial" and info["login_methods"] == ["one_time_password"]
    assert shop.links() == []  # nothing is linked during the trial
    with pytest.raises(SandboxAPIError) as err:
        alice.app.login()
    assert (err.value.code, err.value.rule) == ("ORG_ACCOUNT_PASSWORD_LOGIN_DISABLED", "H2")
    with pytest.raises(SandboxAPIError) as phone:
        alice.app.login_with_phone("+12025550101")
    assert (phone.value.code, phone.value.rule) == ("ORG_ACCOUNT_PHONE_LOGIN_DISABLED", "H2")
    alice.app.login_with_otp(otp_for(world, shop, alice.open_id))


def test_H3_withdrawn_earnings_are_kept_unclaimed_ones_expire(world, shop, alice):
    alice.set_earnings(2500)
    up = start_trial(shop, alice)
    alice.app.login_with_otp(otp_for(world, shop, alice.open_id))
    assert alice.app.withdraw_earnings()["withdrawn_cents"] == 2500
    alice.set_earnings(700)  # earned more during the trial, never withdrawn
    world.clock.advance(days=15)
    assert up.refresh().status == "completed"
    info = alice.organization()
    assert info["earnings_cents"] == 0 and info["upgrade"]["expired_earnings_cents"] == 700


def test_H4_upgrade_now_completes_early_and_links(world, shop, alice):
    up = start_trial(shop, alice)
    up.upgrade_now()
    assert up.status == "completed"
    [link] = shop.links()
    assert link["open_id"] == alice.open_id and link["role"] == "official"
    info = alice.organization()
    assert info["kind"] == "organization" and info["organization_origin"] == "upgraded"
    assert info["muted_earlier_videos"] == 7  # G6: general-library sounds in earlier videos
    world.clock.advance(days=15)  # the trial-end job was cancelled: nothing changes
    assert alice.organization()["kind"] == "organization" and len(shop.links()) == 1


def test_H4_cancel_restores_the_personal_account_and_links_nothing(world, shop, alice):
    up = start_trial(shop, alice)
    up.cancel()
    assert up.status == "cancelled"
    info = alice.organization()
    assert info["kind"] == "personal" and info["login_methods"] == ["password", "phone", "email"]
    assert info["ecommerce_permission"] == "granted"
    alice.app.login()  # the password works again
    world.clock.advance(days=15)
    assert alice.organization()["kind"] == "personal" and world.links() == []
    with pytest.raises(SandboxAPIError) as err:
        up.upgrade_now()
    assert err.value.code == "UPGRADE_NOT_IN_TRIAL"


def test_H5_the_trial_completes_by_itself_after_15_days(world, shop, alice):
    up = start_trial(shop, alice)
    world.clock.advance(days=14, hours=23)
    assert up.refresh().status == "trial" and shop.links() == []
    result = world.clock.advance(hours=1)
    assert "upgrade.completed" in [e["type"] for e in result.fired]
    [link] = shop.links()
    assert link["open_id"] == alice.open_id
    assert up.refresh().status == "completed"
    assert alice.organization()["kind"] == "organization"


def test_H5_a_completed_upgrade_is_permanent_even_after_an_unlink(world, shop, alice):
    up = start_trial(shop, alice)
    up.upgrade_now()
    world.unlink(shop.links()[0]["id"])
    world.clock.advance(days=30)
    info = alice.organization()
    assert info["kind"] == "organization" and info["login_methods"] == ["one_time_password"]
    with pytest.raises(SandboxAPIError) as err:
        alice.app.login()
    assert (err.value.code, err.value.rule) == ("ORG_ACCOUNT_PASSWORD_LOGIN_DISABLED", "G4")
    # and it is one of the shop's organization accounts: "Use existing account" links it
    assert shop.seller.link_existing(alice.open_id).linked


def test_H6_an_account_linked_as_official_cannot_be_upgraded(world, shop, alice):
    link = shop.seller.start_official_link()
    alice.app.scan(link.qr_url).authorize()
    link.wait_until("ready").confirm()
    # In the US the link itself made it a Business Account (M3); the refusals must change nothing.
    kind_before = alice.organization()["kind"]
    other = world.create_shop(name="Other", phone="+12025550188")
    for seller_shop in (shop, other):
        up = seller_shop.seller.start_upgrade()
        alice.app.scan(up.qr_url).authorize()
        up.refresh()
        assert up.status == "refused"
        assert (up.error["code"], up.error["rule"]) == ("UPGRADE_LINKED_OFFICIAL_ACCOUNT", "H6")
    assert alice.organization()["upgrade"] is None
    assert alice.organization()["kind"] == kind_before != "organization"
    alice.app.login()


def test_H1_an_organization_account_cannot_be_upgraded_again(world, shop, alice):
    start_trial(shop, alice).upgrade_now()
    world.unlink(shop.links()[0]["id"])
    alice.app.login_with_otp(otp_for(world, shop, alice.open_id))
    up = shop.seller.start_upgrade()
    alice.app.scan(up.qr_url).authorize()
    assert up.refresh().status == "refused" and up.error["code"] == "UPGRADE_ALREADY_ORGANIZATION"


def test_H2_an_account_in_trial_has_no_ecommerce_permission_to_link(world, shop, alice):
    start_trial(shop, alice)
    alice.app.login_with_otp(otp_for(world, shop, alice.open_id))
    other = world.create_shop(name="Other")
    link = other.seller.start_official_link()
    alice.app.scan(link.qr_url).authorize()
    with pytest.raises(SandboxAPIError) as err:
        link.wait_until("ready")
    assert (err.value.code, err.value.rule) == ("LINK_ACCOUNT_IN_UPGRADE_TRIAL", "H2")
    assert world.links() == []
