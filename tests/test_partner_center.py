"""Partner Center (rules I1–I4) over real HTTP between the sandbox and the fake app: a partner
links one TikTok business account by QR, the I2 criteria refuse with their own codes, the account
manager unlinks (I3), and the handle is attached only once linked (I4)."""

from __future__ import annotations

import pytest

from sandbox.client import SandboxAPIError


@pytest.fixture
def mcn(world):
    return world.create_partner("Star MCN", kind="mcn")


def link(partner, account):
    """I1: Get Started → My QR code scans → Connect Now; returns the settled request."""
    req = partner.center.start_tiktok_link()
    account.app.scan(req.qr_url).authorize()
    try:
        return req.wait_until("linked")
    except SandboxAPIError:
        return req


def refused(partner, account):
    req = link(partner, account)
    assert req.status == "refused", req
    return req.error


def test_I1_a_partner_links_its_business_account_by_qr_and_its_profile_shows_the_partner(
        world, mcn):
    biz = world.create_account("starmcn", age=30, region="US", kind="business",
                               business_entity="Star MCN")
    req = mcn.center.start_tiktok_link()
    assert req.status == "qr_shown" and "/phone/authorize?" in req.qr_url
    scanned = biz.app.scan(req.qr_url)
    assert req.refresh().status == "scanned"
    scanned.authorize()  # the phone's "Connect Now"
    assert req.wait_until("linked").account["username"] == "starmcn"
    assert mcn.refresh()["tiktok_account"]["open_id"] == biz.open_id
    assert mcn.center.me()["tiktok_account"]["username"] == "starmcn"
    types = [e["type"] for e in world.events(type="partner.")]
    assert types == ["partner.created", "partner.link_requested", "partner.link_scanned",
                     "partner.link_linked"]
    assert [e["type"] for e in world.events(type="app.partner_badge_shown")]


@pytest.mark.parametrize(("attrs", "code"), [
    ({"age": 16}, "PARTNER_HOLDER_UNDER_18"),
    ({"status": "restricted"}, "PARTNER_ACCOUNT_NOT_ACTIVE"),
    ({"violation_points": 2}, "PARTNER_ACCOUNT_HAS_VIOLATIONS"),
    ({"serious_violation_at": "now"}, "PARTNER_ACCOUNT_HAS_VIOLATIONS"),
    ({"kind": "business", "business_entity": "Someone Else Ltd"},
     "PARTNER_ACCOUNT_REGISTERED_BUSINESS"),
    ({"creator_network": True}, "PARTNER_ACCOUNT_IN_CREATOR_NETWORK"),
])
def test_I2_each_criterion_refuses_with_its_own_code_and_links_nothing(world, mcn, attrs, code):
    account = world.create_account("candidate", region="US", **{"age": 30, **attrs})
    error = refused(mcn, account)
    assert (error["code"], error["rule"]) == (code, "I2")
    assert mcn.refresh()["tiktok_account"] is None
    assert world.events(type="partner.link_linked") == []


def test_I2_a_business_account_of_the_partners_own_entity_links_and_the_literal_reading_refuses(
        sandbox, world, mcn):
    own = world.create_account("ownbiz", age=30, region="US", kind="business",
                               business_entity="Star MCN")
    assert link(mcn, own).status == "linked"
    from sandbox.domain.partners import PartnerAccountFacts, link_refusals

    facts = PartnerAccountFacts(open_id="o", username="u", is_over_18=True, account_status="normal",
                                account_kind="business", violation_points=0,
                                last_serious_violation_at=None, business_entity="Star MCN",
                                creator_network=False)
    [refusal] = link_refusals(facts, "Star MCN", "any_business", None)
    assert (refusal.code, refusal.rule) == ("PARTNER_ACCOUNT_REGISTERED_BUSINESS", "I2")


def test_I2_an_account_linked_with_another_agency_is_refused(world, mcn):
    tap = world.create_partner("Deal TAP", kind="tap")
    shared = world.create_account("shared", age=30, region="US", kind="business")
    assert link(tap, shared).status == "linked"
    error = refused(mcn, shared)
    assert (error["code"], error["rule"]) == ("PARTNER_ACCOUNT_WITH_OTHER_AGENCY", "I2")
    assert "Deal TAP" in error["message"]


def test_I2_a_creator_bound_to_another_agency_cannot_be_linked_by_a_partner(world, mcn):
    tap = world.create_partner("Deal TAP", kind="tap")
    bob = world.create_account("bob", age=30, region="US")
    invitation = tap.center.invite_creator("bob")
    bob.app.inbox()[0].accept()
    assert invitation.wait_until("accepted").data["bound"] is True
    error = refused(mcn, bob)
    assert error["code"] == "PARTNER_ACCOUNT_WITH_OTHER_AGENCY"


def test_I3_one_account_per_partner_then_the_account_manager_unlinks_and_it_links_again(
        world, mcn):
    first = world.create_account("first", age=30, region="US", kind="business")
    second = world.create_account("second", age=30, region="US", kind="business")
    assert link(mcn, first).status == "linked"
    with pytest.raises(SandboxAPIError) as err:
        mcn.center.start_tiktok_link()
    assert (err.value.code, err.value.rule) == ("PARTNER_ALREADY_LINKED", "I3")
    assert "account manager" in err.value.message
    unlinked = mcn.unlink()
    assert unlinked["status"] == "unlinked" and mcn.refresh()["tiktok_account"] is None
    assert [e["type"] for e in world.events(type="app.partner_badge_removed")]
    with pytest.raises(SandboxAPIError) as again:
        mcn.unlink()
    assert again.value.code == "PARTNER_NOT_LINKED"
    assert link(mcn, second).status == "linked"
    assert mcn.refresh()["tiktok_account"]["username"] == "second"


def test_I3_two_qr_codes_connected_at_once_link_one_account(world, mcn):
    one = world.create_account("one", age=30, region="US", kind="business")
    two = world.create_account("two", age=30, region="US", kind="business")
    a, b = mcn.center.start_tiktok_link(), mcn.center.start_tiktok_link()
    one.app.scan(a.qr_url).authorize()
    two.app.scan(b.qr_url).authorize()
    statuses = sorted(r.wait_until("linked", "refused").status for r in (a, b))
    assert statuses == ["linked", "refused"]
    error = a.error or b.error
    assert (error["code"], error["rule"]) == ("PARTNER_ALREADY_LINKED", "I3")


@pytest.mark.parametrize("where", ["binding", "collaboration", "campaign"])
def test_I4_attaching_the_profile_is_refused_before_a_link_and_works_after(world, mcn, where):
    creator = world.create_account("bob", age=30, region="US")

    def attach():
        if where == "campaign":
            return mcn.center.create_campaign("Spring Sale", attach_profile=True)
        return mcn.center.invite_creator("bob", attach_profile=True, kind=where).data

    with pytest.raises(SandboxAPIError) as err:
        attach()
    assert (err.value.code, err.value.rule) == ("PARTNER_TIKTOK_NOT_LINKED", "I4")
    assert mcn.center.invitations() == [] and mcn.center.campaigns() == []
    assert creator.app.inbox() == []
    link(mcn, world.create_account("starmcn", age=30, region="US", kind="business"))
    made = attach()
    assert made["handle"] == "starmcn"
    if where == "campaign":  # sellers see it, with the handle that opens the profile
        [seen] = world._cp("GET", "/campaigns")["campaigns"]
        assert seen["handle"] == "starmcn" and seen["profile_url"].endswith("/phone/@starmcn")
    else:
        [inbox] = creator.app.inbox()
        assert inbox.data["details"]["handle"] == "starmcn"
        assert inbox.data["details"]["partner_name"] == "Star MCN"


def test_I4_an_accepted_binding_binds_the_creator_and_a_declined_one_does_not(world, mcn):
    link(mcn, world.create_account("starmcn", age=30, region="US", kind="business"))
    bob = world.create_account("bob", age=30, region="US")
    cat = world.create_account("cat", age=30, region="US")
    to_bob = mcn.center.invite_creator("bob", attach_profile=True, message="Join us")
    to_cat = mcn.center.invite_creator("cat", kind="collaboration")
    bob.app.inbox()[0].accept()
    cat.app.inbox()[0].decline()
    assert to_bob.wait_until("accepted").data["bound"] is True
    with pytest.raises(SandboxAPIError):
        to_cat.wait_until("accepted")
    assert to_cat.status == "declined" and to_cat.data["bound"] is False
    assert {e["type"] for e in world.events(type="partner.")} >= {
        "partner.invitation_sent", "partner.invitation_accepted", "partner.invitation_declined"}


def test_partners_are_listed_with_their_logins_only_at_creation(world):
    created = world.create_partner("Deal TAP", kind="tap", market="GB")
    assert created.login["email"] and created.login["password"] and created.login["token"]
    [listed] = world.partners()
    assert listed["kind"] == "tap" and listed["market"] == "GB" and "login" not in listed
    with pytest.raises(SandboxAPIError) as err:
        world.create_partner("Bad", kind="agency")
    assert err.value.status == 400


def test_the_demo_world_has_an_mcn_and_a_tap_partner_with_printed_logins(sandbox):
    demo = sandbox.create_world("partner demo", seed="demo", frozen=True)
    try:
        logins = sandbox.control("GET", f"/worlds/{demo.id}")["logins"]["partner"]
        assert {(p["email"], p["kind"]) for p in logins} == {
            ("partner@starmcn.test", "mcn"), ("partner@dealtap.test", "tap")}
        logged_in = sandbox.http(sandbox.url).call("POST", "/api/v1/partner/login", json={
            "world": demo.id, "email": "partner@starmcn.test", "password": "demo1234"})
        assert logged_in["token"] and logged_in["world"] == demo.id
        kinds = {p["name"]: p["kind"] for p in demo.partners()}
        assert kinds == {"Star MCN": "mcn", "Deal Finders TAP": "tap"}
    finally:
        demo.delete()


def test_I1_to_I4_over_a_real_socket_between_partner_center_and_the_app():
    """Partner Center reaches the app over HTTP (transport http), as when the services run
    apart: link, the profile's partner badge on the app's side, an attached invitation."""
    from sandbox.client import Sandbox

    local = Sandbox.local(transport="http")
    try:
        world = local.create_world("over http", frozen=True)
        tap = world.create_partner("Deal TAP", kind="tap")
        biz = world.create_account("dealtap", age=30, region="US", kind="business")
        req = tap.center.start_tiktok_link()
        biz.app.scan(req.qr_url).authorize()
        assert req.wait_until("linked").account["username"] == "dealtap"
        badge = world.events(type="app.partner_badge_shown")[0]["data"]
        assert badge == {"partner_id": tap.id, "partner_kind": "tap"}
        bob = world.create_account("bob", age=30, region="US")
        invitation = tap.center.invite_creator("bob", attach_profile=True, kind="collaboration")
        bob.app.inbox()[0].accept()
        assert invitation.wait_until("accepted").handle == "dealtap"
    finally:
        local.stop()


def test_I2_the_refusal_shows_on_the_phone_too_until_a_link_succeeds(world, mcn, app_http):
    from support import submit_form

    teen = world.create_account("teen", age=16, region="US", password="teen1234")
    assert refused(mcn, teen)["code"] == "PARTNER_HOLDER_UNDER_18"
    [event] = world.events(type="app.partner_link_refused")
    assert event["data"] == {"code": "PARTNER_HOLDER_UNDER_18", "rule": "I2"}
    submit_form(app_http, f"/phone/login?world={world.id}", world=world.id, username="teen",
                password="teen1234")
    home = app_http.get("/phone/").text
    assert 'id="partner-refusal"' in home and "PARTNER_HOLDER_UNDER_18" in home
    assert "Star MCN" in home
    teen.update(age=30, kind="business")
    assert link(mcn, teen).status == "linked"
    assert 'id="partner-refusal"' not in app_http.get("/phone/").text
