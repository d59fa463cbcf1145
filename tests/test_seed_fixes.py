"""Issue 27: C6 names the other shop; C8 (seed 002) support cannot fix registration outside the
market; G2/B2 (seed 001) a long rename is refused while an organization account is official;
the control plane shows a Douyin shop's business entity."""

from __future__ import annotations

import html
import re

import pytest
from support import browser_seller, submit_form

from sandbox.client import SandboxAPIError
from sandbox.domain.eligibility import AccountFacts, LinkedShop, evaluate, invitee_causes
from sandbox.domain.markets import profile
from sandbox.domain.organization import rename_refusal
from sandbox.rules.registry import resolve

ENTITY = "杭州某某科技有限公司"
LONG_NAME = "Acme Official Store Worldwide X"  # 31 characters


def authorize(shop, account):
    link = shop.seller.start_official_link()
    account.app.scan(link.qr_url).authorize()
    return link


def assert_names_other_shop(err, other, role="official"):
    assert (err.code, err.rule) == ("LINK_ACCOUNT_ALREADY_LINKED", "C6")
    assert other.name in err.message and other.id in err.message
    assert (err.details["linked_shop_id"], err.details["linked_shop_name"],
            err.details["linked_role"]) == (other.id, other.name, role)


# -- 1. C6 names the shop the account is already linked to -----------------------------------

def test_C6_the_refusal_names_the_other_shop_by_name_and_id(world):
    other, shop = world.create_shop(name="Other Shop"), world.create_shop(name="Acme")
    lena = world.create_account(username="lena", age=30)
    authorize(other, lena).wait_until("ready").confirm()
    before = world.links()
    link = authorize(shop, lena)
    with pytest.raises(SandboxAPIError) as err:
        link.wait_until("ready")
    assert_names_other_shop(err.value, other)
    assert link.error["details"]["linked_shop_name"] == "Other Shop"  # the actor API's JSON
    assert world.links() == before


def test_C6_a_confirmation_that_loses_to_another_shop_names_it(world):
    x, y = world.create_shop(name="Shop X"), world.create_shop(name="Shop Y")
    alice = world.create_account(username="alice", age=30)
    at_x, at_y = authorize(x, alice), authorize(y, alice)
    at_x.wait_until("ready")
    at_y.wait_until("ready")
    at_x.confirm()
    with pytest.raises(SandboxAPIError) as err:
        at_y.confirm()
    assert_names_other_shop(err.value, x)
    assert [lk["shop_id"] for lk in world.links()] == [x.id]


def test_C6_C8_an_invitee_linked_elsewhere_is_refused_naming_that_shop(world):
    other, shop = world.create_shop(name="Other Shop"), world.create_shop(name="Acme")
    bob = world.create_account(username="bob", age=30)
    invitation = other.seller.invite("bob")
    bob.app.inbox()[0].accept()
    invitation.wait_until("linked")
    before = world.events()
    with pytest.raises(SandboxAPIError) as err:
        shop.seller.invite("bob")
    assert (err.value.code, err.value.rule) == ("INVITEE_ACCOUNT_ALREADY_LINKED", "C8")
    assert "Other Shop" in err.value.message and other.id in err.value.message
    assert err.value.details["linked_shop_id"] == other.id
    assert err.value.details["linked_role"] == "marketing"
    assert world.events() == before


def test_C6_the_seller_center_qr_page_shows_the_other_shop(world, control_http):
    other, shop = world.create_shop(name="Other Shop"), world.create_shop(name="Acme")
    lena = world.create_account(username="lena", age=30)
    authorize(other, lena).wait_until("ready").confirm()
    seller = shop.data["seller"]
    http = browser_seller(control_http, world.id, seller["email"], seller["password"])
    resp = submit_form(http, "/seller/account/linked-accounts/official/link", agree="yes")
    page = http.get(resp.headers["location"])
    scan_url = re.search(r'id="scan-link" href="([^"]+)"', page.text).group(1)
    lena.app.scan(html.unescape(scan_url)).authorize()
    request_id = resp.headers["location"].rsplit("/", 1)[1]
    for _poll in range(3):  # the page's poll may stop at "checking" once (D3)
        shown = http.get(f"/seller/links/{request_id}/status").json()
        if shown["status"] != "checking":
            break
    assert shown["status"] == "refused"
    assert shown["error"]["rule"] == "C6" and shown["error"]["code"] == "LINK_ACCOUNT_ALREADY_LINKED"
    assert "Other Shop" in shown["error"]["message"] and other.id in shown["error"]["message"]
    assert shown["error"]["details"]["linked_shop_name"] == "Other Shop"
    assert [lk["shop_id"] for lk in world.links()] == [other.id]


# -- 2. C8 / seed 002: registration outside the market is not for support --------------------

def test_C8_domain_lists_registration_outside_the_market_beside_a_location_refusal():
    gb = AccountFacts(open_id="o", is_over_18=True, region="GB", network_region="GB",
                      account_status="normal", ecommerce_permission="granted")
    us = profile("US")
    verdict = evaluate(gb, us, resolve("US"), "normal", None)
    assert [r.rule for r in verdict.refusals] == ["C2"] and verdict.pending is None
    causes = invitee_causes(gb, us, verdict)
    assert [(c.code, c.rule) for c in causes] == [
        ("LINK_ACCOUNT_OUTSIDE_MARKET", "C2"), ("LINK_PENDING_REGISTERED_OUTSIDE_MARKET", "C7")]


def test_C6_domain_refusal_names_the_linked_shop():
    us = profile("US")
    facts = AccountFacts(open_id="o", is_over_18=True, region="US", network_region="US",
                         account_status="normal", ecommerce_permission="granted")
    [refusal] = evaluate(facts, us, resolve("US"), "normal",
                         LinkedShop("7001", "Other Shop", "marketing")).refusals
    assert (refusal.code, refusal.rule) == ("LINK_ACCOUNT_ALREADY_LINKED", "C6")
    assert "'Other Shop' (7001)" in refusal.message and "marketing" in refusal.message
    assert refusal.details == {"linked_shop_id": "7001", "linked_shop_name": "Other Shop",
                               "linked_role": "marketing"}


def test_C8_seed_002_a_GB_registered_invitee_of_a_US_shop_is_not_fixable_and_opens_no_ticket(
        world):
    shop = world.create_shop(name="Acme", market="US")
    gina = world.create_account(username="gina", age=30, region="GB")  # located in GB too
    before = world.events()
    with pytest.raises(SandboxAPIError) as err:
        shop.seller.invite("gina")
    assert (err.value.status, err.value.code, err.value.rule) == (
        422, "INVITEE_REGISTERED_OUTSIDE_MARKET", "C8")
    assert err.value.details["support_can_fix"] is False
    assert err.value.details["cause_rule"] == "C7"
    assert {c["rule"] for c in err.value.details["causes"]} == {"C2", "C7"}
    with pytest.raises(SandboxAPIError) as ticket:
        shop.seller.open_ticket(username="gina")
    assert (ticket.value.code, ticket.value.rule) == ("TICKET_CAUSE_NOT_FIXABLE", "C8")
    assert ticket.value.details["support_can_fix"] is False
    assert shop.seller.tickets() == [] and world.tickets() == []
    assert world.events() == before and gina.app.inbox() == []


def test_C8_an_abnormal_account_status_is_not_fixable_beside_a_fixable_cause(world):
    shop = world.create_shop(name="Acme", market="US")
    world.create_account(username="rita", age=17, status="restricted")
    with pytest.raises(SandboxAPIError) as err:
        shop.seller.invite("rita")
    assert (err.value.code, err.value.rule) == ("INVITEE_ACCOUNT_STATUS_ABNORMAL", "C8")
    assert err.value.details["support_can_fix"] is False
    with pytest.raises(SandboxAPIError) as ticket:
        shop.seller.open_ticket(username="rita")
    assert ticket.value.code == "TICKET_CAUSE_NOT_FIXABLE"
    assert world.tickets() == []


def test_C8_a_cause_support_can_fix_still_opens_a_ticket(world):
    shop = world.create_shop(name="Acme", market="US")
    world.create_account(username="mona", age=30, region="US", network_region="MX")
    with pytest.raises(SandboxAPIError) as err:
        shop.seller.invite("mona")
    assert err.value.code == "INVITEE_ACCOUNT_OUTSIDE_MARKET"
    assert err.value.details["support_can_fix"] is True
    assert shop.seller.open_ticket(username="mona").status == "open"


# -- 3. G2 / seed 001: no long rename while an organization account is official --------------

def org_shop(world, name="Acme Official"):
    shop = world.create_shop(name=name, market="US", phone="+12025550199")
    shop.seller.create_organization_account()
    world.clock.advance(seconds=150)
    [link] = shop.links()
    return shop, link


def assert_nothing_renamed(world, shop, link, before, name="Acme Official"):
    assert shop.refresh()["name"] == name
    [now] = shop.links()
    assert now["account"]["display_name"] == link["account"]["display_name"] == name
    assert world.account(link["open_id"]).data["nickname"] == name
    assert world.events() == before


def test_G2_domain_rename_refusal_only_for_an_organization_official_at_the_limit():
    assert rename_refusal("A" * 29, True, 29) is None
    assert rename_refusal("A" * 30, False, 29) is None
    refusal = rename_refusal("A" * 30, True, 29)
    assert refusal is not None and (refusal.code, refusal.rule) == ("ORG_ACCOUNT_NAME_TOO_LONG",
                                                                    "G2")


def test_G2_control_plane_rename_to_30_characters_is_refused_with_an_organization_official(world):
    shop, link = org_shop(world)
    before = world.events()
    with pytest.raises(SandboxAPIError) as err:
        shop.update(name="A" * 30)
    assert (err.value.status, err.value.code, err.value.rule) == (
        422, "ORG_ACCOUNT_NAME_TOO_LONG", "G2")
    assert "under 30 characters" in err.value.message
    assert_nothing_renamed(world, shop, link, before)


def test_G2_a_refused_rename_leaves_the_other_changes_of_the_patch_undone(world):
    shop, link = org_shop(world)
    before = world.events()
    with pytest.raises(SandboxAPIError) as err:
        shop.update(name=LONG_NAME, status="frozen", phone="+12025550100")
    assert err.value.code == "ORG_ACCOUNT_NAME_TOO_LONG"
    after = shop.refresh()
    assert (after["status"], after["phone"]) == ("normal", "+12025550199")
    assert_nothing_renamed(world, shop, link, before)


def test_G2_actor_api_rename_to_31_characters_is_refused(world):
    shop, link = org_shop(world)
    before = world.events()
    with pytest.raises(SandboxAPIError) as err:
        shop.seller.rename_shop(LONG_NAME)
    assert (err.value.code, err.value.rule) == ("ORG_ACCOUNT_NAME_TOO_LONG", "G2")
    assert_nothing_renamed(world, shop, link, before)


def test_G2_seller_center_rename_form_shows_the_refusal(world, control_http):
    shop, link = org_shop(world)
    seller = shop.data["seller"]
    http = browser_seller(control_http, world.id, seller["email"], seller["password"])
    before = world.events()
    page = "/seller/account/linked-accounts/marketing"
    resp = submit_form(http, page, to="/seller/account/linked-accounts/rename", name="A" * 30)
    assert resp.status_code == 302
    shown = html.unescape(http.get(resp.headers["location"]).text)
    assert "under 30 characters" in shown and "rule G2" in shown
    assert_nothing_renamed(world, shop, link, before)


def test_G2_B2_29_characters_rename_the_organization_account_too(world):
    shop, link = org_shop(world)
    shop.update(name="B" * 29)
    assert world.account(link["open_id"]).data["nickname"] == "B" * 29


def test_G2_applies_only_to_an_organization_official_account(world):
    shop = world.create_shop(name="Acme")
    alice = world.create_account(username="alice", age=30)
    authorize(shop, alice).wait_until("ready").confirm()
    shop.update(name="A" * 30)  # B2: a personal official account simply takes the new name
    assert world.account(alice.open_id).data["nickname"] == "A" * 30


def test_G2_the_limit_follows_the_worlds_max_name_length(world):
    shop, link = org_shop(world, name="Acme")
    world.set_rules(G2={"max_name_length": 9})
    with pytest.raises(SandboxAPIError) as err:
        shop.update(name="A" * 10)
    assert err.value.details["max_name_length"] == 9
    shop.update(name="A" * 9)
    assert shop.refresh()["name"] == "A" * 9


# -- 4. The control plane shows a Douyin shop's business entity ------------------------------

def test_J_control_plane_shop_json_carries_the_douyin_business_entity(world, control_http):
    shop = world.create_shop(name="抖音小店", market="DOUYIN", business_entity=ENTITY)
    assert shop.data["business_entity"] == ENTITY  # the creation's answer
    assert shop.refresh()["business_entity"] == ENTITY
    listed = control_http.get(f"/_sandbox/v1/worlds/{world.id}/shops").json()["shops"]
    assert [s["business_entity"] for s in listed] == [ENTITY]
    schema = control_http.get("/openapi.json").json()["components"]["schemas"]["Shop"]
    assert "business_entity" in schema["properties"]
