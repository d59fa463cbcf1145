"""Seed audit (issue 27, seed 004): Partner Center links a TikTok *business* account (I1). A
personal account is refused with PARTNER_ACCOUNT_NOT_BUSINESS, whose message says to switch; the
switch is the phone's Settings and the actor API; I2's `business_account = "any_business"` (the
seed's literal words, refusing every business account) keeps linking personal accounts."""

from __future__ import annotations

import pytest
from support import submit_form

from sandbox.client import SandboxAPIError
from sandbox.domain.partners import PartnerAccountFacts, link_refusals


@pytest.fixture
def mcn(world):
    return world.create_partner("Star MCN", kind="mcn")


def link(partner, account):
    """I1: Get Started → My QR code scans → Connect Now; the settled request."""
    req = partner.center.start_tiktok_link()
    account.app.scan(req.qr_url).authorize()
    try:
        return req.wait_until("linked")
    except SandboxAPIError:
        return req


def test_I1_a_personal_account_is_refused_and_told_to_switch_and_nothing_changes(world, mcn):
    alice = world.create_account("alice", age=30, region="US")
    req = link(mcn, alice)
    assert req.status == "refused"
    assert (req.error["code"], req.error["rule"]) == ("PARTNER_ACCOUNT_NOT_BUSINESS", "I1")
    assert "switch to a business account" in req.error["message"].lower()
    assert mcn.refresh()["tiktok_account"] is None
    assert world.events(type="partner.link_linked") == []
    assert alice.refresh()["kind"] == "personal"
    [shown] = world.events(type="app.partner_link_refused")
    assert shown["data"] == {"code": "PARTNER_ACCOUNT_NOT_BUSINESS", "rule": "I1"}


def test_I1_after_switching_to_business_through_the_actor_api_the_account_links(world, mcn):
    alice = world.create_account("alice", age=30, region="US")
    assert link(mcn, alice).status == "refused"
    assert alice.app.switch_to_business_account()["kind"] == "business"
    assert alice.app.switch_to_business_account()["kind"] == "business"  # again: a no-op
    assert [e["type"] for e in world.events(type="account.switched_to_business")] == [
        "account.switched_to_business"]
    assert link(mcn, alice).status == "linked"
    assert mcn.refresh()["tiktok_account"]["open_id"] == alice.open_id


def test_I1_an_organization_account_cannot_switch_and_nothing_changes(world):
    shop = world.create_shop(name="Acme", market="US", phone="+12025550199")
    org = shop.seller.create_organization_account()
    world.clock.advance(seconds=150)
    account = world.account(org.refresh().open_id)
    shop.seller.send_sms_code(org.open_id)
    otp = shop.seller.one_time_password(sms_code=world.sms(phone=shop.phone)[-1]["code"],
                                        open_id=org.open_id)
    account.app.login_with_otp(otp)
    with pytest.raises(SandboxAPIError) as err:
        account.app.switch_to_business_account()
    assert (err.value.code, err.value.status) == ("ACCOUNT_NOT_PERSONAL", 409)
    assert account.refresh()["kind"] == "organization"
    assert world.events(type="account.switched_to_business") == []


def test_I1_the_phones_settings_switch_a_personal_account_to_business(world, mcn, app_http):
    bob = world.create_account("bob", age=30, region="US", password="bob12345")
    submit_form(app_http, f"/phone/login?world={world.id}", world=world.id, username="bob",
                password="bob12345")
    page = app_http.get("/phone/settings").text
    assert 'data-kind="personal"' in page and 'id="switch-to-business"' in page
    resp = submit_form(app_http, "/phone/settings", to="/phone/settings/business-account")
    assert resp.status_code == 303
    after = app_http.get(resp.headers["location"]).text
    assert 'data-kind="business"' in after and 'id="switch-to-business"' not in after
    assert "You switched to a business account." in after
    assert bob.refresh()["kind"] == "business"
    assert link(mcn, bob).status == "linked"


def _facts(kind: str) -> PartnerAccountFacts:
    return PartnerAccountFacts(open_id="o", username="u", is_over_18=True, account_status="normal",
                               account_kind=kind, violation_points=0,
                               last_serious_violation_at=None, business_entity=None,
                               creator_network=False)


def test_I1_I2_the_literal_reading_any_business_keeps_linking_personal_accounts():
    """I2.business_account: another_entity (default) refuses personal accounts (I1);
    any_business refuses every business account, so a personal account still links."""
    [refusal] = link_refusals(_facts("personal"), "Star MCN", "another_entity", None)
    assert (refusal.code, refusal.rule) == ("PARTNER_ACCOUNT_NOT_BUSINESS", "I1")
    assert link_refusals(_facts("personal"), "Star MCN", "any_business", None) == []
    assert link_refusals(_facts("business"), "Star MCN", "another_entity", None) == []
    [business] = link_refusals(_facts("business"), "Star MCN", "any_business", None)
    assert business.code == "PARTNER_ACCOUNT_REGISTERED_BUSINESS"


def test_I1_I2_with_any_business_a_personal_account_links_over_the_wire(world, mcn):
    world.set_rules(I2={"business_account": "any_business"})
    carl = world.create_account("carl", age=30, region="US")
    assert link(mcn, carl).status == "linked"


def test_I2_criteria_still_come_first_for_a_personal_account(world, mcn):
    teen = world.create_account("teen", age=16, region="US")
    req = link(mcn, teen)
    assert (req.error["code"], req.error["rule"]) == ("PARTNER_HOLDER_UNDER_18", "I2")
    assert [(r["code"], r["rule"]) for r in req.error["all"]] == [
        ("PARTNER_HOLDER_UNDER_18", "I2"), ("PARTNER_ACCOUNT_NOT_BUSINESS", "I1")]


def test_A2_a_business_account_switches_back_to_personal_on_the_phone_and_the_api(world,
                                                                                  app_http):
    cara = world.create_account(username="cara_switch", age=30)
    assert cara.app.switch_to_business_account()["kind"] == "business"
    assert cara.app.switch_to_personal_account()["kind"] == "personal"
    assert cara.app.switch_to_personal_account()["kind"] == "personal"  # again: a no-op
    assert [e["type"] for e in world.events(type="account.") if "switched" in e["type"]] == [
        "account.switched_to_business", "account.switched_to_personal"]
    dy = world.create_account(username="dy_switch", age=30, region="CN", kind="enterprise")
    with pytest.raises(SandboxAPIError) as err:
        dy.app.switch_to_personal_account()
    assert err.value.code == "ACCOUNT_NOT_BUSINESS"
    submit_form(app_http, f"/phone/login?world={world.id}", world=world.id,
                username="cara_switch", password=cara.password)
    cara.app.switch_to_business_account()
    assert 'id="switch-to-personal"' in app_http.get("/phone/settings").text
    resp = submit_form(app_http, "/phone/settings", to="/phone/settings/personal-account")
    after = app_http.get(resp.headers["location"]).text
    assert 'data-kind="personal"' in after and "You switched to a personal account." in after
