"""Unlinking: F1 (24 h), F2 (3 official unlinks ever), F3 (10 in 180 days), F4, F5, F6."""

from __future__ import annotations

import pytest
from test_marketing_invitations import invite_and_accept

from sandbox.client import SandboxAPIError


def link_official(shop, account):
    link = shop.seller.start_official_link()
    account.app.scan(link.qr_url).authorize()
    return link.wait_until("ready").confirm()


def refused(call, code, rule):
    with pytest.raises(SandboxAPIError) as err:
        call()
    assert (err.value.status, err.value.code, err.value.rule) == (422, code, rule)
    return err.value


def test_F1_unlink_before_24h_is_refused_and_at_24h_allowed(world):
    shop = world.create_shop(name="Acme")
    bob = world.create_account(username="bob", age=30)
    link_id = invite_and_accept(shop, bob).link_id
    world.clock.advance(hours=23, minutes=59)
    before = world.events()
    err = refused(lambda: shop.seller.unlink(link_id), "UNLINK_TOO_SOON", "F1")
    assert err.details["unlink_possible_at"] in err.message
    assert world.events() == before and len(shop.links()) == 1
    world.clock.advance(minutes=1)
    assert world.clock.now() == err.details["unlink_possible_at"]
    unlinked = shop.seller.unlink(link_id)
    assert unlinked["status"] == "unlinked" and shop.links() == []
    assert "link.unlinked" in [e["type"] for e in world.events(type="link.")]


def test_F2_the_3rd_official_unlink_is_allowed_and_the_4th_refused(world):
    shop = world.create_shop(name="Acme")
    people = [world.create_account(username=f"official{i}", age=30) for i in range(4)]
    for person in people[:3]:
        link = link_official(shop, person)
        world.clock.advance(hours=24)
        shop.seller.unlink(link.data["link_id"])
    link = link_official(shop, people[3])
    world.clock.advance(days=365)
    before = world.events()
    refused(lambda: shop.seller.unlink(link.data["link_id"]), "OFFICIAL_UNLINK_LIMIT", "F2")
    assert world.events() == before
    assert [lk["open_id"] for lk in shop.links()] == [people[3].open_id]


def test_F3_the_11th_marketing_unlink_in_180_days_is_refused_until_the_window_slides(world):
    shop = world.create_shop(name="Acme")
    people = [world.create_account(username=f"m{i}", age=30) for i in range(11)]
    first = invite_and_accept(shop, people[0])  # bound on day 0, unlinked later
    world.clock.advance(days=100)
    for person in people[1:10]:  # nine binds and nine unlinks, days 100-109
        link = invite_and_accept(shop, person)
        world.clock.advance(hours=24)
        shop.seller.unlink(link.link_id)
    shop.seller.unlink(first.link_id)  # the 10th unlink, day 109
    world.clock.advance(days=72)  # day 181: the day-0 bind has left the E2 window
    last = invite_and_accept(shop, people[10])
    world.clock.advance(hours=24)
    before = world.events()
    err = refused(lambda: shop.seller.unlink(last.link_id), "MARKETING_UNLINK_LIMIT", "F3")
    assert world.events() == before and len(shop.links()) == 1
    world.clock.set(err.details["next_possible_at"])
    assert shop.seller.unlink(last.link_id)["status"] == "unlinked"


STANDING = [
    pytest.param({"violation_points": 12}, {"violation_points": 11},
                 "UNLINK_CREATOR_VIOLATION_POINTS", id="12_points"),
    pytest.param({"health_score": 150}, {"health_score": 151}, "UNLINK_CREATOR_HEALTH_SCORE",
                 id="health_150"),
    pytest.param({"serious_violation_at": "now"}, {"serious_violation_at": None},
                 "UNLINK_CREATOR_SERIOUS_VIOLATION", id="serious_violation"),
]


@pytest.mark.parametrize(("bad", "good", "code"), STANDING)
def test_F4_unlink_is_refused_while_the_creator_is_in_bad_standing(world, bad, good, code):
    shop = world.create_shop(name="Acme")
    bob = world.create_account(username="bob", age=30)
    link_id = invite_and_accept(shop, bob).link_id
    world.clock.advance(hours=24)
    bob.update(**bad)
    before = world.events()
    refused(lambda: shop.seller.unlink(link_id), code, "F4")
    assert world.events() == before and len(shop.links()) == 1
    bob.update(**good)
    assert shop.seller.unlink(link_id)["status"] == "unlinked"


def test_F4_a_serious_violation_stops_counting_after_90_days(world):
    shop = world.create_shop(name="Acme")
    bob = world.create_account(username="bob", age=30)
    link_id = invite_and_accept(shop, bob).link_id
    bob.update(serious_violation_at="now")
    world.clock.advance(days=89, hours=23)
    refused(lambda: shop.seller.unlink(link_id), "UNLINK_CREATOR_SERIOUS_VIOLATION", "F4")
    world.clock.advance(hours=1)
    assert shop.seller.unlink(link_id)["status"] == "unlinked"


def test_F5_a_creator_requests_unlinking_and_the_seller_approves(world):
    shop = world.create_shop(name="Acme")
    alice = world.create_account(username="alice", age=30)
    link_id = link_official(shop, alice).data["link_id"]
    info = alice.app.link_info()
    assert (info["linked"], info["shop_name"], info["role"]) == (True, "Acme", "official")
    request = alice.app.request_unlink()
    [pending] = shop.seller.unlink_requests()
    assert pending["id"] == request["id"] and pending["status"] == "pending"
    refused(lambda: shop.seller.approve_unlink_request(request["id"]), "UNLINK_TOO_SOON", "F1")
    assert shop.seller.unlink_requests()[0]["status"] == "pending" and len(shop.links()) == 1
    world.clock.advance(hours=24)
    assert shop.seller.approve_unlink_request(request["id"])["status"] == "approved"
    assert shop.links() == [] and alice.app.link_info() == {"linked": False}
    # F5 last step: the shop may link a new official account.
    link_official(shop, world.create_account(username="carol", age=30))
    assert [lk["role"] for lk in shop.links()] == ["official"]
    assert link_id not in [lk["id"] for lk in shop.links()]


def test_F5_the_seller_may_decline_a_creators_request(world):
    shop = world.create_shop(name="Acme")
    bob = world.create_account(username="bob", age=30)
    invite_and_accept(shop, bob)
    request = bob.app.request_unlink()
    assert shop.seller.decline_unlink_request(request["id"])["status"] == "declined"
    assert len(shop.links()) == 1 and bob.app.link_info()["linked"] is True


def test_F5_an_unlinked_account_has_nothing_to_request(world):
    bob = world.create_account(username="bob", age=30)
    with pytest.raises(SandboxAPIError) as err:
        bob.app.request_unlink()
    assert (err.value.code, err.value.rule) == ("NOT_LINKED_TO_A_SHOP", "F5")


def test_F6_after_an_unlink_the_account_links_elsewhere_and_the_shop_links_another(world):
    first, second = world.create_shop(name="First"), world.create_shop(name="Second")
    alice = world.create_account(username="alice", age=30)
    link = link_official(first, alice)
    world.clock.advance(hours=24)
    first.seller.unlink(link.data["link_id"])
    invite_and_accept(second, alice)
    link_official(first, world.create_account(username="dave", age=30))
    assert [lk["role"] for lk in second.links()] == ["marketing"]
    assert len(first.links()) == 1


def test_F5_a_pending_request_is_closed_when_the_seller_unlinks_anyway(world):
    shop = world.create_shop(name="Acme")
    bob = world.create_account(username="bob", age=30)
    link_id = invite_and_accept(shop, bob).link_id
    request = bob.app.request_unlink()
    world.clock.advance(hours=24)
    shop.seller.unlink(link_id)
    [closed] = shop.seller.unlink_requests()
    assert closed["id"] == request["id"] and closed["status"] == "closed"
    assert shop.seller.approve_unlink_request(request["id"])["status"] == "closed"
