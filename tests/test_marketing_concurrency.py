"""B3 under concurrency: parallel acceptances never give a shop a fifth marketing account."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from test_marketing_invitations import invite_and_accept

from sandbox.client import SandboxAPIError


def test_B3_10_invitations_accepted_in_parallel_for_one_free_slot_give_exactly_one_link(world):
    shop = world.create_shop(name="Acme")
    for i in range(3):
        invite_and_accept(shop, world.create_account(username=f"member{i}", age=30))
    people = [world.create_account(username=f"rush{i}", age=30) for i in range(10)]
    invitations = [shop.seller.invite(p.username) for p in people]

    def accept_and_watch(pair):
        person, invitation = pair
        person.app.inbox()[0].accept()
        try:
            invitation.wait_until("linked")
            return "linked"
        except SandboxAPIError as exc:
            return exc.rule

    with ThreadPoolExecutor(max_workers=10) as pool:
        outcomes = list(pool.map(accept_and_watch, zip(people, invitations, strict=True)))
    assert outcomes.count("linked") == 1 and outcomes.count("B3") == 9, outcomes
    marketing = [lk for lk in shop.links() if lk["role"] == "marketing"]
    assert len(marketing) == 4
    statuses = sorted(inv.refresh().status for inv in invitations)
    assert statuses == ["linked"] + ["refused"] * 9


def test_E1_one_accepted_invitation_polled_in_parallel_links_once(world):
    shop = world.create_shop(name="Acme")
    bob = world.create_account(username="bob", age=30)
    invitation = shop.seller.invite("bob")
    bob.app.inbox()[0].accept()
    seller = shop.seller

    def poll(_):
        return seller.call("GET", f"/invitations/{invitation.id}")["status"]

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(poll, range(8)))
    assert invitation.wait_until("linked").status == "linked"
    assert len(shop.links()) == 1
    assert [e["type"] for e in world.events(type="invitation.")] == ["invitation.sent",
                                                                     "invitation.linked"]


def test_E2_two_acceptances_in_parallel_for_the_last_bind_of_the_window_give_one_link(world):
    shop = world.create_shop(name="Acme")
    for i in range(9):  # nine binds (each unlinked a day later): one bind left in the window
        link = invite_and_accept(shop, world.create_account(username=f"past{i}", age=30))
        world.clock.advance(hours=24)
        shop.seller.unlink(link.link_id)
    people = [world.create_account(username=f"rush{i}", age=30) for i in range(2)]
    invitations = [shop.seller.invite(p.username) for p in people]
    for person in people:
        person.app.inbox()[0].accept()

    def watch(invitation):
        try:
            return invitation.wait_until("linked").status
        except SandboxAPIError as exc:
            return exc.rule

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = sorted(pool.map(watch, invitations))
    assert outcomes == ["E2", "linked"]
    assert len(shop.links()) == 1
