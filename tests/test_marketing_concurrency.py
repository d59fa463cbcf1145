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
