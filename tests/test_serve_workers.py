"""`serve --workers N` (gunicorn): two servers of two workers each on one PostgreSQL database fire
every due job once, deliver every webhook once, learn every organization account once (G3) and
hold B1; several workers on SQLite are refused; one ticker lease per database."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from receiver import start_receiver
from shop_support import REDIRECT, tokens
from sqlalchemy import create_engine, text
from support import SERVE, serve_process, suite_database_url, wait_for

from sandbox.client import Sandbox
from sandbox.kernel.store import Store
from sandbox.kernel.world_lock import Lease

PG_URL = suite_database_url()
needs_pg = pytest.mark.skipif(not PG_URL.startswith("postgresql"),
                              reason="needs TIKTOK_SANDBOX_DB=postgresql+psycopg://...")


def parallel(n, fn):
    """`fn(i)` for i < n, all released at once."""
    barrier = threading.Barrier(n)

    def run(i):
        barrier.wait()
        return fn(i)

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(run, range(n)))


def pending_jobs(world_id: str) -> int:
    engine = create_engine(PG_URL)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM jobs WHERE world_id = :w AND "
                                     "fired_at IS NULL AND kind <> 'authz.expire'"),
                                {"w": world_id}).scalar()
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def servers():
    with serve_process(PG_URL, "--no-demo", "--workers", "2", "--qr-ttl", "2") as one, \
            serve_process(PG_URL, "--no-demo", "--workers", "2", "--qr-ttl", "2") as two:
        yield one, two


@pytest.fixture
def world(servers):
    sandbox = Sandbox(servers[0].seller_url)
    world = sandbox.create_world("workers")  # real time: the tickers fire its jobs
    yield world
    world.delete()
    sandbox.close()


@needs_pg
@pytest.mark.slow
def test_real_time_qr_expiries_fire_once_each_across_two_servers_of_two_workers(servers, world):
    client = world.create_client(redirect_uris=["https://p.example/cb"], scopes="user.info.basic")

    def new_qr(i):
        resp = httpx.post(f"{servers[i % 2].app_url}/v2/oauth/get_qrcode/", timeout=30, data={
            "client_key": client["client_key"], "scope": "user.info.basic"})
        return resp.json()["token"]

    qr_tokens = parallel(40, new_qr)
    expired = wait_for(lambda: (lambda e: e if len({x["subject"] for x in e}) == 40 else None)(
        world.events(type="qr.expired")), "40 QR expiries")
    assert Counter(e["subject"] for e in expired) == Counter(qr_tokens)  # each once
    assert pending_jobs(world.id) == 0


@needs_pg
@pytest.mark.slow
def test_parallel_advances_through_both_servers_deliver_each_webhook_once(servers, world):
    receiver, server = start_receiver()
    try:
        app = world.create_client(kind="shop_app", name="ERP", redirect_url=REDIRECT,
                                  webhook_url=receiver.url)
        shops = [world.create_shop(name=f"Shop {i}", market="US") for i in range(3)]
        with httpx.Client(base_url=servers[0].seller_url, timeout=30) as http:
            for shop in shops:
                tokens(http, shop, app)

        def advance(i):  # 8 x 46 days = 368 days: every expiry warning (7) and the expiry
            resp = httpx.post(f"{servers[i % 2].seller_url}/_sandbox/v1/worlds/{world.id}/clock",
                              json={"advance": "P46D"}, timeout=120)
            return resp.status_code

        assert parallel(8, advance) == [200] * 8
        deliveries = wait_for(lambda: (lambda d: d if d and all(
            x["status"] == "delivered" for x in d) else None)(world.deliveries()), "deliveries")
        bodies = [json.loads(got.body) for got in receiver.all]
        ids = Counter(b["tts_notification_id"] for b in bodies)
        assert len(deliveries) == len(ids) and set(ids.values()) == {1}  # each POSTed once
        per_shop = Counter(b["shop_id"] for b in bodies if b["type"] == 7)
        assert per_shop == {shop.id: 30 for shop in shops}
        assert len(world.events(type="shop_app.authorization_expired")) == 3
    finally:
        server.shutdown()


@needs_pg
@pytest.mark.slow
def test_G3_B1_organization_accounts_are_learnt_and_linked_once_each(servers, world):
    shops = [world.create_shop(name=f"Org Shop {i}", organization_account=True)
             for i in range(4)]

    def advance(i):  # the app decides within 2-3 minutes; whoever fires it learns it (G3)
        resp = httpx.post(f"{servers[i % 2].seller_url}/_sandbox/v1/worlds/{world.id}/clock",
                          json={"advance": "PT1M"}, timeout=120)
        return resp.status_code

    assert parallel(6, advance) == [200] * 6
    # The app's creation and Seller Center's learning of it: one event each per shop.
    created = wait_for(lambda: (lambda e: e if len(e) >= 8 else None)(
        world.events(type="org_account.created")), "4 organization accounts, both sides")
    assert len(created) == 8 and len({e["subject"] for e in created}) == 8
    assert Counter(e["data"]["shop_id"] for e in created) == {s.id: 2 for s in shops}
    assert Counter(link["shop_id"] for link in world.links()) == {s.id: 1 for s in shops}


@needs_pg
@pytest.mark.slow
def test_B1_parallel_confirmations_through_both_servers_give_one_official_link(servers, world):
    shop = world.create_shop(name="Acme")
    links = []
    for i in range(8):
        account = world.create_account(username=f"creator{i}", age=30)
        link = shop.seller.start_official_link()
        account.app.scan(link.qr_url).authorize()
        links.append(link.wait_until("ready"))
    token = shop.seller._http.headers["Authorization"]

    def confirm(i):
        resp = httpx.post(f"{servers[i % 2].seller_url}/api/v1/links/{links[i].id}/confirm",
                          headers={"Authorization": token}, timeout=30)
        return resp.status_code, resp.json()

    results = parallel(8, confirm)
    assert all(status < 500 for status, _ in results), results
    assert sum(status == 200 for status, _ in results) == 1
    assert {body["error"]["rule"] for status, body in results if status != 200} == {"B1"}
    assert len(shop.links()) == 1


def test_several_workers_on_sqlite_are_refused_with_a_clear_message(tmp_path):
    done = subprocess.run([*SERVE, "--port", "0", "--workers", "2", "--no-demo", "--db",
                           f"sqlite:///{tmp_path}/db.sqlite"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2
    assert "--workers 2 needs PostgreSQL" in done.stderr
    done = subprocess.run([*SERVE, "--port", "0", "--workers", "0", "--db", "memory"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "1 or more" in done.stderr


def test_one_ticker_lease_per_database_and_the_next_holder_takes_over(tmp_path):
    url = PG_URL if PG_URL.startswith("postgresql") else f"sqlite:///{tmp_path}/db.sqlite"
    one, two = Store(url), Store(url)
    try:
        first, second = Lease(one.world_locks, "test-lease"), Lease(two.world_locks, "test-lease")
        assert (first.held(), second.held()) == (True, False)
        assert first.held() is True  # kept across calls
        first.release()
        assert second.held() is True and first.held() is False
        second.release()
    finally:
        one.dispose()
        two.dispose()


def test_serve_help_names_workers():
    out = subprocess.run([sys.executable, "-m", "sandbox.cli", "serve", "--help"],
                         capture_output=True, text=True, timeout=60).stdout
    assert "--workers" in out and "PostgreSQL" in out

