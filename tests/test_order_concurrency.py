"""S4 under concurrency: a shop never sells more than it has, whichever threads or processes
race for its last units (SQLite and PostgreSQL: one conditional UPDATE decides)."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from support import serve_process, suite_database_url

from sandbox.client import Sandbox, SandboxAPIError

BUYERS, LEFT = 20, 5


def race(worlds, product_id: str, buyers) -> list[tuple[str, str | None]]:
    """Each buyer buys one unit at once, buyer i through worlds[i % len(worlds)]: (outcome,
    rule) per buyer, outcome "sold" or the refusal's code."""

    def buy(i: int) -> tuple[str, str | None]:
        try:
            worlds[i % len(worlds)].create_order(buyers[i], product_id)
            return "sold", None
        except SandboxAPIError as exc:
            return exc.code, exc.rule

    with ThreadPoolExecutor(max_workers=len(buyers)) as pool:
        return list(pool.map(buy, range(len(buyers))))


def assert_sold_exactly_what_was_left(world, shop, product_id: str, outcomes, buyers) -> None:
    assert Counter(outcomes) == {("sold", None): LEFT,
                                 ("OUT_OF_STOCK", "S4"): BUYERS - LEFT}, outcomes
    [product] = [p for p in shop.products() if p["id"] == product_id]
    assert product["inventory"] == 0
    orders = world.orders()  # this world's only
    assert len(orders) == LEFT and {o.status for o in orders} == {"ON_HOLD"}
    assert len({o["buyer"]["open_id"] for o in orders}) == LEFT
    assert {o["buyer"]["open_id"] for o in orders} <= {b.open_id for b in buyers}
    assert len(world.events(type="order.created")) == LEFT


def test_S4_20_parallel_purchases_of_the_last_5_units_sell_exactly_5(world):
    acme = world.create_shop(name="Acme", market="US")
    mug = acme.create_product("Mug", "10.00", inventory=LEFT)
    buyers = [world.create_account(username=f"buyer{i}", age=30) for i in range(BUYERS)]
    outcomes = race([world], mug["id"], buyers)
    assert_sold_exactly_what_was_left(world, acme, mug["id"], outcomes, buyers)


def test_S4_20_parallel_phone_purchases_sell_exactly_5(world):
    acme = world.create_shop(name="Acme", market="US")
    mug = acme.create_product("Mug", "10.00", inventory=LEFT)
    buyers = [world.create_account(username=f"buyer{i}", age=30) for i in range(BUYERS)]
    for buyer in buyers:
        buyer.app.login()  # logged in before the race: the race is the purchase alone

    def buy(i: int) -> tuple[str, str | None]:
        try:
            buyers[i].app.buy(mug)
            return "sold", None
        except SandboxAPIError as exc:
            return exc.code, exc.rule

    with ThreadPoolExecutor(max_workers=BUYERS) as pool:
        outcomes = list(pool.map(buy, range(BUYERS)))
    assert_sold_exactly_what_was_left(world, acme, mug["id"], outcomes, buyers)


@pytest.mark.slow
def test_S4_two_serve_processes_on_one_database_sell_exactly_5():
    db = suite_database_url()
    with serve_process(db, "--no-demo") as one, serve_process(db, "--no-demo") as two, \
            Sandbox(one.seller_url) as first, Sandbox(two.seller_url) as second:
        world = first.create_world("two-processes-orders", frozen=True)
        try:
            acme = world.create_shop(name="Acme", market="US")
            mug = acme.create_product("Mug", "10.00", inventory=LEFT)
            buyers = [world.create_account(username=f"buyer{i}", age=30)
                      for i in range(BUYERS)]
            outcomes = race([world, second.world(world.id)], mug["id"], buyers)
            assert_sold_exactly_what_was_left(world, acme, mug["id"], outcomes, buyers)
        finally:
            world.delete()
