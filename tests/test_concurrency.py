"""B1 and B5 hold under concurrency: the database's unique indexes decide, in any process."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from support import serve_process, suite_database_url

from sandbox.client import Sandbox, SandboxAPIError


def ready_requests(world, shops, account):
    links = []
    for shop in shops:
        link = shop.seller.start_official_link()
        account.app.scan(link.qr_url).authorize()
        links.append(link.wait_until("ready"))
    return links


def confirm_all(links):
    def attempt(link):
        try:
            link.confirm()
            return "linked"
        except SandboxAPIError as exc:
            return exc.rule

    with ThreadPoolExecutor(max_workers=len(links)) as pool:
        return list(pool.map(attempt, links))


def test_B5_20_parallel_links_of_one_account_to_20_shops_give_exactly_one(world):
    alice = world.create_account(username="alice", age=30)
    shops = [world.create_shop(name=f"Shop {i}") for i in range(20)]
    outcomes = confirm_all(ready_requests(world, shops, alice))
    assert outcomes.count("linked") == 1
    assert outcomes.count("C6") == 19
    assert [lk["open_id"] for lk in world.links()] == [alice.open_id]


def test_B1_10_parallel_official_links_to_one_shop_give_exactly_one(world):
    shop = world.create_shop(name="Acme")
    links = []
    for i in range(10):
        account = world.create_account(username=f"creator{i}", age=30)
        link = shop.seller.start_official_link()
        account.app.scan(link.qr_url).authorize()
        links.append(link.wait_until("ready"))
    outcomes = confirm_all(links)
    assert outcomes.count("linked") == 1 and outcomes.count("B1") == 9
    assert len(shop.links()) == 1


@pytest.mark.slow
def test_B5_two_serve_processes_on_one_database_still_give_exactly_one_link():
    db = suite_database_url()
    with serve_process(db, "--no-demo") as one, serve_process(db, "--no-demo") as two:
        sandbox = Sandbox(one.seller_url)
        world = sandbox.create_world("two-processes", frozen=True)
        try:
            alice = world.create_account(username="alice", age=30)
            shops = [world.create_shop(name=f"Shop {i}") for i in range(20)]
            links = ready_requests(world, shops, alice)

            def attempt(i):
                base = (one if i % 2 else two).seller_url
                token = shops[i].seller._http.headers["Authorization"]
                resp = httpx.post(f"{base}/api/v1/links/{links[i].id}/confirm",
                                  headers={"Authorization": token}, timeout=30)
                return resp.status_code, resp.json()

            with ThreadPoolExecutor(max_workers=20) as pool:
                results = list(pool.map(attempt, range(20)))
            assert all(status < 500 for status, _ in results), results
            assert sum(1 for status, _ in results if status == 200) == 1
            assert {body["error"]["rule"] for status, body in results if status != 200} == {"C6"}
            assert [lk["open_id"] for lk in world.links()] == [alice.open_id]
        finally:
            world.delete()
            sandbox.close()


def test_C7_link_that_loses_a_race_is_refused_not_stuck(world, monkeypatch):
    """Evaluation saw no link, but another one committed before ours: the DB index refuses
    the in-progress link and the request ends refused (C6), not stuck in 'checking'."""
    from sandbox.services import links

    first, second = world.create_shop(name="First"), world.create_shop(name="Second")
    paul = world.create_account(username="paul", age=35, region="CA", network_region="US")
    first_link = first.seller.start_official_link()
    paul.app.scan(first_link.qr_url).authorize()
    first_link.wait_until("in_progress")
    monkeypatch.setattr(links, "active_link_of", lambda *args: None)  # a stale read
    second_link = second.seller.start_official_link()
    paul.app.scan(second_link.qr_url).authorize()
    with pytest.raises(SandboxAPIError) as err:
        second_link.wait_until("in_progress")
    assert (err.value.code, err.value.rule) == ("LINK_ACCOUNT_ALREADY_LINKED", "C6")
    assert second_link.status == "refused"
    assert [lk["shop_id"] for lk in world.links()] == [first.id]
