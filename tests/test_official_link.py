"""Linking an official account by QR code: D1–D4, every C rule, B1 and B5."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sandbox.client import SandboxAPIError


def link_types(world):
    return [e["type"] for e in world.events(type="link.")]


def authorize(shop, account):
    """D1 + D2: QR shown, the phone scans and taps Authorize."""
    link = shop.seller.start_official_link()
    account.app.scan(link.qr_url).authorize()
    return link


def test_D1_to_D4_the_story_links_an_official_account(world):
    shop = world.create_shop(name="Acme Official", market="US")
    alice = world.create_account(username="alice", nickname="Alice Creates", age=27,
                                 region="US", phone="+12025550101")
    link = shop.seller.start_official_link()
    assert link.status == "qr_shown" and link.qr_url.startswith("http")
    assert link.refresh().status == "qr_shown"
    scanned = alice.app.scan(link.qr_url)
    assert link.refresh().status == "scanned"
    scanned.authorize()
    link.wait_until("ready")
    # D4: the card shows avatar, username, nickname and phone.
    assert link.account["open_id"] == alice.open_id
    assert link.account["username"] == "alice"
    assert link.account["display_name"] == "Alice Creates"
    assert link.account["avatar_url"].endswith(f"/avatars/{alice.open_id}.svg")
    assert link.account["phone_number"] == "+12*******01"
    assert shop.links() == []  # nothing is linked until the seller confirms
    link.confirm()
    assert link.status == "linked"
    [official] = shop.links()
    assert official["role"] == "official" and official["status"] == "linked"
    assert official["open_id"] == alice.open_id and official["linked_at"]
    assert link_types(world) == ["link.requested", "link.scanned", "link.ready", "link.linked"]


def test_D1_a_qr_code_needs_the_agreement(world):
    shop = world.create_shop(name="Acme")
    with pytest.raises(SandboxAPIError) as err:
        shop.seller.start_official_link(agreed=False)
    assert (err.value.status, err.value.code, err.value.rule) == (422, "AGREEMENT_REQUIRED", "D1")
    assert link_types(world) == []


REFUSALS = [
    pytest.param({"age": 17}, "LINK_HOLDER_UNDER_18", "C1", id="C1_under_18"),
    pytest.param({"age": 30, "region": "GB"}, "LINK_ACCOUNT_OUTSIDE_MARKET", "C2",
                 id="C2_located_outside_market"),
    pytest.param({"age": 30, "network_region": "MX"}, "LINK_ACCOUNT_OUTSIDE_MARKET", "C2",
                 id="C2_network_outside_market"),
    pytest.param({"age": 30, "status": "restricted"}, "LINK_ACCOUNT_STATUS_ABNORMAL", "C3",
                 id="C3_account_abnormal"),
    pytest.param({"age": 30, "ecommerce_revoked": True}, "LINK_ECOMMERCE_PERMISSION_REVOKED",
                 "C5", id="C5_permission_revoked"),
    pytest.param({"age": 30, "associated_with_revoked": True},
                 "LINK_ECOMMERCE_PERMISSION_REVOKED", "C5", id="C5_associated_with_revoked"),
]


@pytest.mark.parametrize(("attrs", "code", "rule"), REFUSALS)
def test_C_rule_refuses_with_its_own_code_and_writes_nothing(world, attrs, code, rule):
    shop = world.create_shop(name="Acme", market="US")
    account = world.create_account(username="candidate", **{"region": "US", **attrs})
    link = authorize(shop, account)
    with pytest.raises(SandboxAPIError) as err:
        link.wait_until("ready")
    assert (err.value.code, err.value.rule) == (code, rule)
    assert link.status == "refused" and link.error["rule"] == rule
    assert shop.links() == [] and world.links() == []
    with pytest.raises(SandboxAPIError) as confirm_err:
        link.confirm()
    assert confirm_err.value.code == "LINK_REQUEST_NOT_READY"
    assert world.links() == []


def test_C4_an_abnormal_shop_cannot_show_a_qr_code(world):
    shop = world.create_shop(name="Frozen Goods", status="frozen")
    with pytest.raises(SandboxAPIError) as err:
        shop.seller.start_official_link()
    assert (err.value.status, err.value.code, err.value.rule) == (422, "LINK_SHOP_STATUS_ABNORMAL",
                                                                  "C4")
    assert link_types(world) == []


def test_C4_a_shop_that_turns_abnormal_before_the_check_is_refused(world):
    shop = world.create_shop(name="Acme")
    alice = world.create_account(username="alice", age=30)
    link = shop.seller.start_official_link()
    shop.update(status="suspended")
    alice.app.scan(link.qr_url).authorize()
    with pytest.raises(SandboxAPIError) as err:
        link.wait_until("ready")
    assert (err.value.code, err.value.rule) == ("LINK_SHOP_STATUS_ABNORMAL", "C4")
    assert world.links() == []


def test_C6_an_account_linked_elsewhere_is_refused(world):
    first, second = world.create_shop(name="First"), world.create_shop(name="Second")
    alice = world.create_account(username="alice", age=30)
    authorize(first, alice).wait_until("ready").confirm()
    link = authorize(second, alice)
    with pytest.raises(SandboxAPIError) as err:
        link.wait_until("ready")
    assert (err.value.code, err.value.rule) == ("LINK_ACCOUNT_ALREADY_LINKED", "C6")
    assert [lk["shop_id"] for lk in world.links()] == [first.id]


def test_C1_is_judged_on_the_world_clock_at_the_18th_birthday(world):
    now = date.fromisoformat(world.clock.now()[:10])
    birthday = now.replace(year=now.year - 18) + timedelta(days=1)
    shop = world.create_shop(name="Acme")
    almost = world.create_account(username="almost18", birthdate=birthday.isoformat())
    with pytest.raises(SandboxAPIError) as err:
        authorize(shop, almost).wait_until("ready")
    assert err.value.rule == "C1"
    world.clock.advance(days=1)
    assert authorize(shop, almost).wait_until("ready").confirm().status == "linked"


@pytest.mark.parametrize(("attrs", "code"), [
    pytest.param({"region": "CA", "network_region": "US"},
                 "LINK_PENDING_REGISTERED_OUTSIDE_MARKET", id="registered_outside_market"),
    pytest.param({"region": "US", "ecommerce_revoked": "violations"},
                 "LINK_PENDING_ECOMMERCE_REVOKED", id="revoked_for_violations"),
])
def test_C7_link_stays_in_progress(world, attrs, code):
    shop = world.create_shop(name="Acme", market="US")
    account = world.create_account(username="paul", age=35, **attrs)
    link = authorize(shop, account).wait_until("in_progress")
    [pending] = shop.links()
    assert pending["status"] == "in_progress" and pending["open_id"] == account.open_id
    assert pending["pending_reason"]["rule"] == "C7"
    assert pending["pending_reason"]["code"] == code
    with pytest.raises(SandboxAPIError) as err:
        link.confirm()
    assert err.value.code == "LINK_REQUEST_NOT_READY"
    # A link in progress holds the shop's official slot (B1) and the account (B5).
    with pytest.raises(SandboxAPIError) as b1:
        shop.seller.start_official_link()
    assert b1.value.rule == "B1"


def test_B1_a_second_official_link_is_refused_while_one_exists(world):
    shop = world.create_shop(name="Acme")
    alice = world.create_account(username="alice", age=30)
    authorize(shop, alice).wait_until("ready").confirm()
    with pytest.raises(SandboxAPIError) as err:
        shop.seller.start_official_link()
    assert (err.value.status, err.value.code, err.value.rule) == (
        422, "LINK_SHOP_HAS_OFFICIAL_ACCOUNT", "B1")


def test_B1_two_ready_requests_confirm_only_once(world):
    shop = world.create_shop(name="Acme")
    alice, bob = (world.create_account(username=n, age=30) for n in ("alice", "bob"))
    first, second = authorize(shop, alice), authorize(shop, bob)
    first.wait_until("ready")
    second.wait_until("ready")
    first.confirm()
    with pytest.raises(SandboxAPIError) as err:
        second.confirm()
    assert (err.value.code, err.value.rule) == ("LINK_SHOP_HAS_OFFICIAL_ACCOUNT", "B1")
    assert [lk["open_id"] for lk in shop.links()] == [alice.open_id]
    assert second.refresh().status == "ready"


def test_B5_an_account_linked_to_shop_x_is_refused_at_shop_y(world):
    x, y = world.create_shop(name="Shop X"), world.create_shop(name="Shop Y")
    alice = world.create_account(username="alice", age=30)
    at_x, at_y = authorize(x, alice), authorize(y, alice)
    at_x.wait_until("ready")
    at_y.wait_until("ready")
    at_x.confirm()
    with pytest.raises(SandboxAPIError) as err:
        at_y.confirm()
    assert (err.value.code, err.value.rule) == ("LINK_ACCOUNT_ALREADY_LINKED", "C6")
    assert [lk["shop_id"] for lk in world.links()] == [x.id]


def test_D3_rules_are_read_again_when_the_seller_confirms(world):
    shop = world.create_shop(name="Acme")
    alice = world.create_account(username="alice", age=30)
    link = authorize(shop, alice).wait_until("ready")
    alice.update(status="banned")
    with pytest.raises(SandboxAPIError) as err:
        link.confirm()
    assert err.value.rule == "C3"
    assert world.links() == [] and link.refresh().status == "ready"


def test_cancel_on_the_phone_ends_the_request_as_denied(world):
    shop = world.create_shop(name="Acme")
    alice = world.create_account(username="alice", age=30)
    link = shop.seller.start_official_link()
    alice.app.scan(link.qr_url).deny()
    with pytest.raises(SandboxAPIError) as err:
        link.wait_until("ready")
    assert err.value.code == "LINK_DENIED" and link.status == "denied"


def test_an_unscanned_qr_ends_the_request_as_expired(world):
    shop = world.create_shop(name="Acme")
    link = shop.seller.start_official_link()
    world.clock.advance(minutes=2)
    assert link.refresh().status == "expired"
    alice = world.create_account(username="alice", age=30)
    with pytest.raises(SandboxAPIError) as err:
        alice.app.scan(link.qr_url)
    assert err.value.code == "QR_EXPIRED"


def test_a_seller_can_cancel_a_request_and_start_again(world):
    shop = world.create_shop(name="Acme")
    link = shop.seller.start_official_link()
    assert link.cancel().status == "cancelled"
    alice = world.create_account(username="alice", age=30)
    assert authorize(shop, alice).wait_until("ready").confirm().status == "linked"


@pytest.mark.parametrize(("market", "region", "rule"), [  # DOUYIN has its own rules (J1–J7)
    ("CB", "US", None), ("GB", "GB", None), ("GB", "US", "C2"), ("CB", "GB", "C2"),
])
def test_M1_the_market_profile_decides_the_region_a_link_needs(world, market, region, rule):
    shop = world.create_shop(name="Market shop", market=market)
    account = world.create_account(username="acct", age=30, region=region,
                                   id_document={"type": "passport", "country": region})  # M2
    link = authorize(shop, account)
    if rule is None:
        assert link.wait_until("ready").confirm().status == "linked"
    else:
        with pytest.raises(SandboxAPIError) as err:
            link.wait_until("ready")
        assert err.value.rule == rule


def test_another_shops_seller_cannot_see_or_confirm_my_request(world):
    mine, theirs = world.create_shop(name="Mine"), world.create_shop(name="Theirs")
    alice = world.create_account(username="alice", age=30)
    link = authorize(mine, alice).wait_until("ready")
    with pytest.raises(SandboxAPIError) as err:
        theirs.seller.link_request(link.id)
    assert err.value.code == "LINK_REQUEST_NOT_FOUND"
    with pytest.raises(SandboxAPIError):
        theirs.seller.call("POST", f"/links/{link.id}/confirm")
    assert world.links() == []


def test_C7_arising_after_ready_makes_the_confirmed_link_stay_in_progress(world):
    shop = world.create_shop(name="Acme")
    alice = world.create_account(username="alice", age=30)
    link = authorize(shop, alice).wait_until("ready")
    alice.update(region="CA")  # registered outside the market now; still located in the US
    assert link.confirm().status == "in_progress"
    [pending] = shop.links()
    assert pending["status"] == "in_progress" and pending["pending_reason"]["rule"] == "C7"


def test_a_finished_request_cannot_be_cancelled(world):
    shop = world.create_shop(name="Acme")
    tom = world.create_account(username="tom", age=16)
    link = authorize(shop, tom)
    with pytest.raises(SandboxAPIError):
        link.wait_until("ready")
    with pytest.raises(SandboxAPIError) as err:
        link.cancel()
    assert (err.value.status, err.value.code) == (409, "LINK_REQUEST_NOT_CANCELLABLE")
    assert link.refresh().status == "refused"
