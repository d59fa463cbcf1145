"""Links in progress and support tickets: C7 (fix and complete, or reject) and C8 (invitees)."""

from __future__ import annotations

import pytest
from test_marketing_invitations import invite_and_accept

from sandbox.client import SandboxAPIError


def in_progress_official(world, shop, **attrs):
    account = world.create_account(username="paul", age=35, **attrs)
    link = shop.seller.start_official_link()
    account.app.scan(link.qr_url).authorize()
    link.wait_until("in_progress")
    [pending] = shop.links()
    assert pending["status"] == "in_progress"
    return account, pending


@pytest.mark.parametrize("attrs", [
    pytest.param({"region": "CA", "network_region": "US"}, id="registered_outside_market"),
    pytest.param({"ecommerce_revoked": "violations"}, id="revoked_for_violations"),
])
def test_C7_a_ticket_fixed_by_support_completes_the_link(world, attrs):
    shop = world.create_shop(name="Acme", market="US")
    account, pending = in_progress_official(world, shop, **attrs)
    ticket = shop.seller.open_ticket(link_id=pending["id"])
    assert ticket.status == "open" and ticket.cause["rule"] == "C7"
    [listed] = world.tickets()
    assert listed.id == ticket.id
    listed.resolve("fix", note="address corrected")
    assert listed.status == "fixed"
    [link] = shop.links()
    assert link["status"] == "linked" and link["id"] == pending["id"]
    data = account.update()
    assert data["region"] == "US" and data["ecommerce_revoked"] is False
    assert account.app.link_info()["linked"] is True
    assert "ticket.fixed" in [e["type"] for e in world.events(type="ticket.")]


def test_C7_a_rejected_ticket_ends_the_link_in_progress(world):
    shop = world.create_shop(name="Acme")
    account, pending = in_progress_official(world, shop, region="CA", network_region="US")
    ticket = shop.seller.open_ticket(link_id=pending["id"])
    ticket.resolve("reject")
    assert ticket.status == "rejected" and shop.links() == []
    assert account.update()["region"] == "CA"
    with pytest.raises(SandboxAPIError) as err:
        ticket.resolve("fix")
    assert err.value.code == "TICKET_NOT_OPEN"


def test_C7_a_ticket_is_closed_when_its_link_ends_another_way(world):
    shop = world.create_shop(name="Acme")
    _account, pending = in_progress_official(world, shop, region="CA", network_region="US")
    ticket = shop.seller.open_ticket(link_id=pending["id"])
    world.unlink(pending["id"])  # the operator ends the link before support answers
    [closed] = world.tickets()
    assert closed.id == ticket.id and closed.status == "closed"
    assert "ticket.closed" in [e["type"] for e in world.events(type="ticket.")]
    with pytest.raises(SandboxAPIError) as err:
        closed.resolve("fix")
    assert err.value.code == "TICKET_NOT_OPEN"


def test_C7_only_a_link_in_progress_takes_a_ticket(world):
    shop = world.create_shop(name="Acme")
    bob = world.create_account(username="bob", age=30)
    link_id = invite_and_accept(shop, bob).link_id
    with pytest.raises(SandboxAPIError) as err:
        shop.seller.open_ticket(link_id=link_id)
    assert (err.value.status, err.value.code, err.value.rule) == (409, "LINK_NOT_IN_PROGRESS", "C7")
    assert world.tickets() == []


def test_C8_support_fixes_an_ineligible_invitee_who_can_then_be_invited(world):
    shop = world.create_shop(name="Acme")
    rita = world.create_account(username="rita", age=30, ecommerce_revoked=True)
    with pytest.raises(SandboxAPIError):
        shop.seller.invite("rita")
    ticket = shop.seller.open_ticket(username="rita")
    assert ticket.cause["code"] == "LINK_ECOMMERCE_PERMISSION_REVOKED"
    ticket.resolve("fix")
    invite_and_accept(shop, rita)


@pytest.mark.parametrize("attrs", [
    pytest.param({"status": "restricted"}, id="abnormal_status"),
    pytest.param({"region": "CA", "network_region": "US"}, id="registered_outside_market"),
])
def test_C8_support_cannot_fix_abnormal_status_or_registration_outside_the_market(world, attrs):
    shop = world.create_shop(name="Acme")
    world.create_account(username="cara", age=30, **attrs)
    with pytest.raises(SandboxAPIError) as err:
        shop.seller.open_ticket(username="cara")
    assert (err.value.status, err.value.code, err.value.rule) == (422, "TICKET_CAUSE_NOT_FIXABLE",
                                                                  "C8")
    assert world.tickets() == []


def test_C8_an_eligible_invitee_needs_no_ticket(world):
    shop = world.create_shop(name="Acme")
    world.create_account(username="bob", age=30)
    with pytest.raises(SandboxAPIError) as err:
        shop.seller.open_ticket(username="bob")
    assert (err.value.status, err.value.code) == (409, "INVITEE_ELIGIBLE")


def test_a_ticket_resolution_needs_a_known_decision(world):
    shop = world.create_shop(name="Acme")
    _account, pending = in_progress_official(world, shop, region="CA", network_region="US")
    ticket = shop.seller.open_ticket(link_id=pending["id"])
    with pytest.raises(SandboxAPIError) as err:
        ticket.resolve("maybe")
    assert (err.value.status, err.value.code) == (400, "INVALID_FIELD")
    assert ticket.refresh().status == "open" and shop.links()[0]["status"] == "in_progress"
