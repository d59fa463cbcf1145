"""Seed 001 audit (issue 27): an upgrade trial holds the shop's official slot (H1). While it
runs no other official account is linked by any way (QR, organization account, another
upgrade), each refusal changes nothing, and the trial's end links the upgraded account (H5)."""

from __future__ import annotations

import pytest

from sandbox.client import SandboxAPIError

HELD = ("OFFICIAL_SLOT_HELD_BY_UPGRADE_TRIAL", "H1")


@pytest.fixture
def shop(world):
    return world.create_shop(name="Acme Official", phone="+12025550199")


@pytest.fixture
def alice(world):
    return world.create_account(username="alice", age=30, phone="+12025550101")


@pytest.fixture
def bob(world):
    return world.create_account(username="bob", age=30)


def start_trial(shop, account):
    up = shop.seller.start_upgrade()
    account.app.scan(up.qr_url).authorize()
    assert up.refresh().status == "trial"
    return up


def refused(world, call, expected=HELD):
    before = world.events()
    with pytest.raises(SandboxAPIError) as err:
        call()
    assert (err.value.status, err.value.code, err.value.rule) == (422, *expected)
    assert world.events(after=before[-1]["seq"]) == []  # nothing changed
    return err.value


def test_H1_a_running_trial_refuses_a_new_official_qr_link(world, shop, alice):
    up = start_trial(shop, alice)
    err = refused(world, shop.seller.start_official_link)
    assert "@alice" in err.message and err.details["upgrade_request_id"] == up.id
    assert world.links() == []


def test_H1_a_qr_shown_before_the_trial_is_refused_at_the_scan(world, shop, alice, bob):
    link = shop.seller.start_official_link()
    start_trial(shop, alice)
    bob.app.scan(link.qr_url).authorize()
    with pytest.raises(SandboxAPIError) as err:
        link.wait_until("ready")
    assert (err.value.code, err.value.rule) == HELD
    assert world.links() == []


def test_H1_a_link_ready_before_the_trial_is_refused_at_the_confirmation(world, shop, alice, bob):
    link = shop.seller.start_official_link()
    bob.app.scan(link.qr_url).authorize()
    link.wait_until("ready")
    start_trial(shop, alice)
    refused(world, link.confirm)
    assert link.refresh().status == "ready" and world.links() == []


def test_H1_an_organization_account_is_neither_created_nor_linked_during_a_trial(world, shop,
                                                                                 alice):
    start_trial(shop, alice)
    refused(world, shop.seller.create_organization_account)
    assert [o.open_id for o in shop.seller.organization_accounts()] == [alice.open_id]


def test_H1_a_second_upgrade_is_refused_while_a_trial_runs(world, shop, alice):
    start_trial(shop, alice)
    refused(world, shop.seller.start_upgrade)


def test_H1_H5_the_trial_completes_into_the_official_link_after_refused_attempts(world, shop,
                                                                                 alice):
    up = start_trial(shop, alice)
    with pytest.raises(SandboxAPIError):
        shop.seller.start_official_link()
    world.clock.advance(days=15)
    assert up.refresh().status == "completed" and up.data["link_id"]
    [link] = shop.links()
    assert (link["open_id"], link["role"]) == (alice.open_id, "official")
    [org] = shop.seller.organization_accounts()
    assert org.linked and alice.organization()["kind"] == "organization"


def test_H4_a_cancelled_trial_frees_the_slot_for_another_official_account(world, shop, alice,
                                                                          bob):
    start_trial(shop, alice).cancel()
    link = shop.seller.start_official_link()
    bob.app.scan(link.qr_url).authorize()
    assert link.wait_until("ready").confirm().status == "linked"
    assert [lk["open_id"] for lk in shop.links()] == [bob.open_id]


def test_B1_an_upgrade_is_refused_at_the_scan_while_another_official_account_is_linked(
        world, shop, alice, bob):
    link = shop.seller.start_official_link()
    bob.app.scan(link.qr_url).authorize()
    link.wait_until("ready").confirm()
    up = shop.seller.start_upgrade()
    alice.app.scan(up.qr_url).authorize()
    assert up.refresh().status == "refused"
    assert (up.error["code"], up.error["rule"]) == ("LINK_SHOP_HAS_OFFICIAL_ACCOUNT", "B1")
    assert alice.organization()["upgrade"] is None  # no trial started in the app
    alice.app.login()  # the password still works
    assert [lk["open_id"] for lk in shop.links()] == [bob.open_id]
