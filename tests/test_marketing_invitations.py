"""Marketing accounts by invitation: E1 (48 h), E2 (10 binds / 180 days), B3, B4, B5, C8."""

from __future__ import annotations

import pytest

from sandbox.client import SandboxAPIError


def invite_and_accept(shop, account):
    invitation = shop.seller.invite(account.username)
    [item] = [i for i in account.app.inbox() if i.status == "pending"]
    item.accept()
    return invitation.wait_until("linked")


def marketing(shop):
    return [lk for lk in shop.links() if lk["role"] == "marketing"]


def creators(world, n, prefix="creator"):
    return [world.create_account(username=f"{prefix}{i}", age=25) for i in range(n)]


def test_E1_the_story_invite_accept_and_linked_as_marketing(world):
    shop = world.create_shop(name="Acme", market="US")
    bob = world.create_account(username="bob", nickname="Bob Sells", age=30)
    invitation = shop.seller.invite("@bob")
    assert invitation.status == "sent" and invitation.username == "bob"
    [item] = bob.app.inbox()
    assert (item.status, item.from_shop) == ("pending", "Acme")
    assert invitation.refresh().status == "sent"
    item.accept()
    invitation.wait_until("linked")
    [link] = marketing(shop)
    assert link["open_id"] == bob.open_id and link["status"] == "linked"
    assert link["id"] == invitation.link_id
    assert bob.app.link_info()["role"] == "marketing"
    types = [e["type"] for e in world.events(type="invitation.")]
    assert types == ["invitation.sent", "invitation.linked"]


def test_E1_accepted_at_47h59m_links(world):
    shop = world.create_shop(name="Acme")
    bob = world.create_account(username="bob", age=30)
    invitation = shop.seller.invite("bob")
    world.clock.advance(hours=47, minutes=59)
    bob.app.inbox()[0].accept()
    assert invitation.wait_until("linked").link_id


def test_E1_after_48h_the_invitation_expires_and_cannot_be_accepted(world):
    shop = world.create_shop(name="Acme")
    bob = world.create_account(username="bob", age=30)
    invitation = shop.seller.invite("bob")
    fired = world.clock.advance(hours=48).fired
    assert "invitation.expired" in [e["type"] for e in fired]
    assert invitation.refresh().status == "expired"
    [item] = bob.app.inbox()
    assert item.status == "expired"
    with pytest.raises(SandboxAPIError) as err:
        item.accept()
    assert (err.value.code, err.value.rule) == ("INVITATION_NOT_PENDING", "E1")
    assert invitation.refresh().status == "expired" and marketing(shop) == []


def test_E1_a_declined_invitation_links_nothing(world):
    shop = world.create_shop(name="Acme")
    bob = world.create_account(username="bob", age=30)
    invitation = shop.seller.invite("bob")
    bob.app.inbox()[0].decline()
    assert invitation.wait_until("declined").status == "declined"
    assert marketing(shop) == []


def test_B3_the_4th_marketing_account_is_allowed_and_the_5th_refused(world):
    shop = world.create_shop(name="Acme")
    people = creators(world, 5)
    for person in people[:4]:
        invite_and_accept(shop, person)
    assert len(marketing(shop)) == 4
    before = world.events()
    with pytest.raises(SandboxAPIError) as err:
        shop.seller.invite(people[4].username)
    assert (err.value.status, err.value.code, err.value.rule) == (422, "MARKETING_ACCOUNTS_FULL",
                                                                  "B3")
    assert world.events() == before and people[4].app.inbox() == []


def test_B4_an_open_recruitment_shop_cannot_invite(world):
    shop = world.create_shop(name="Open Shop", recruitment="open")
    bob = world.create_account(username="bob", age=30)
    with pytest.raises(SandboxAPIError) as err:
        shop.seller.invite("bob")
    assert (err.value.code, err.value.rule) == ("MARKETING_NOT_ALLOWED_FOR_OPEN_RECRUITMENT", "B4")
    assert bob.app.inbox() == [] and shop.seller.invitations() == []


def test_B5_the_official_account_cannot_also_be_a_marketing_account(world):
    shop = world.create_shop(name="Acme")
    alice = world.create_account(username="alice", age=30)
    link = shop.seller.start_official_link()
    alice.app.scan(link.qr_url).authorize()
    link.wait_until("ready").confirm()
    with pytest.raises(SandboxAPIError) as err:
        shop.seller.invite("alice")
    assert (err.value.code, err.value.rule) == ("MARKETING_ACCOUNT_IS_OFFICIAL", "B5")
    assert alice.app.inbox() == []


def test_B5_an_account_linked_to_another_shop_cannot_be_invited(world):
    first, second = world.create_shop(name="First"), world.create_shop(name="Second")
    bob = world.create_account(username="bob", age=30)
    invite_and_accept(first, bob)
    with pytest.raises(SandboxAPIError) as err:
        second.seller.invite("bob")
    assert err.value.rule == "C8" and err.value.details["cause_rule"] == "C6"


INELIGIBLE = [
    pytest.param({"age": 17}, "INVITEE_HOLDER_UNDER_18", "C1", True, id="C1_under_18"),
    pytest.param({"network_region": "MX"}, "INVITEE_ACCOUNT_OUTSIDE_MARKET", "C2", True,
                 id="C2_located_outside"),
    pytest.param({"status": "restricted"}, "INVITEE_ACCOUNT_STATUS_ABNORMAL", "C3", False,
                 id="C3_abnormal_status"),
    pytest.param({"region": "CA", "network_region": "US"}, "INVITEE_REGISTERED_OUTSIDE_MARKET",
                 "C7", False, id="registered_outside_market"),
    pytest.param({"ecommerce_revoked": "violations"}, "INVITEE_ECOMMERCE_REVOKED", "C7", True,
                 id="revoked_for_violations"),
]


@pytest.mark.parametrize(("attrs", "code", "cause_rule", "fixable"), INELIGIBLE)
def test_C8_an_ineligible_creator_cannot_be_sent_an_invitation(world, attrs, code, cause_rule,
                                                               fixable):
    shop = world.create_shop(name="Acme", market="US")
    account = world.create_account(username="candidate", **{"age": 30, **attrs})
    before = world.events()
    with pytest.raises(SandboxAPIError) as err:
        shop.seller.invite("candidate")
    assert (err.value.status, err.value.code, err.value.rule) == (422, code, "C8")
    assert err.value.details["cause_rule"] == cause_rule
    assert err.value.details["support_can_fix"] is fixable
    assert world.events() == before and account.app.inbox() == []


def test_C8_an_unknown_username_is_a_404(world):
    shop = world.create_shop(name="Acme")
    with pytest.raises(SandboxAPIError) as err:
        shop.seller.invite("nobody_here")
    assert (err.value.status, err.value.code) == (404, "INVITEE_NOT_FOUND")


def test_E2_the_11th_bind_in_180_days_is_refused_until_the_window_slides(world):
    shop = world.create_shop(name="Acme")
    people = creators(world, 11)
    for i, person in enumerate(people[:10]):
        link = invite_and_accept(shop, person)
        world.clock.advance(hours=24)
        if i < 9:
            shop.seller.unlink(link.link_id)
    # 10 binds made over the last 10 days; one account still linked
    with pytest.raises(SandboxAPIError) as err:
        shop.seller.invite(people[10].username)
    assert (err.value.code, err.value.rule) == ("MARKETING_BIND_LIMIT", "E2")
    next_at = err.value.details["next_possible_at"]
    assert next_at in err.value.message
    # The first bind was 10 days ago: it leaves the window 170 days from now.
    world.clock.advance(days=169, hours=23)
    with pytest.raises(SandboxAPIError):
        shop.seller.invite(people[10].username)
    world.clock.advance(hours=1)
    assert world.clock.now() == next_at
    invite_and_accept(shop, people[10])


def test_E1_an_acceptance_before_the_deadline_links_even_if_noticed_after_it(world):
    shop = world.create_shop(name="Acme")
    bob = world.create_account(username="bob", age=30)
    invitation = shop.seller.invite("bob")
    world.clock.advance(hours=47)
    bob.app.inbox()[0].accept()
    world.clock.advance(hours=2)  # the expiry job fires before Seller Center looks again
    assert invitation.wait_until("linked").link_id


def test_E1_a_second_invitation_to_the_same_account_is_refused_while_one_is_pending(world):
    shop = world.create_shop(name="Acme")
    bob = world.create_account(username="bob", age=30)
    shop.seller.invite("bob")
    with pytest.raises(SandboxAPIError) as err:
        shop.seller.invite("bob")
    assert (err.value.status, err.value.code) == (409, "INVITATION_ALREADY_PENDING")
    assert len(bob.app.inbox()) == 1


def test_B3_a_full_shop_refuses_an_acceptance_and_says_so(world):
    shop = world.create_shop(name="Acme")
    people = creators(world, 5)
    late = shop.seller.invite(people[4].username)
    for person in people[:4]:
        invite_and_accept(shop, person)
    people[4].app.inbox()[0].accept()
    with pytest.raises(SandboxAPIError) as err:
        late.wait_until("linked")
    assert (err.value.code, err.value.rule) == ("MARKETING_ACCOUNTS_FULL", "B3")
    assert late.status == "refused" and len(marketing(shop)) == 4
