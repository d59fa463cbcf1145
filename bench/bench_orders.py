"""Orders: bulk creation throughput (target ≥ 500 orders/s) and one page of 50 orders by status
in a world of 10,000 orders (target ≤ 20 ms), each against a floor measured in the same run.

  * bulk: `POST /_sandbox/v1/worlds/{id}/orders` with `count` (the control plane's bulk form),
    `--batches` × `--count` orders into one world, half of the batches paid (ON_HOLD), half
    not (UNPAID). Floor, after each batch: the same order and line rows written bare, one
    `INSERT … executemany` per table in one transaction (no events, jobs, stock or checks), in
    a world of their own, deleted again untimed. Ratio: bulk time / floor time per batch.
  * page: `GET …/orders?status=ON_HOLD&page_size=50` on that world (control plane, all the
    world's shops), with `shop_id` too (Seller Center's filter), and the 20th page (its
    `page_token`). Floor: a bare Flask view (`return "ok"`) mounted on the same waitress
    server, alternating with the pages.

SQL statements per batch and per page are counted on the engine (an N+1 shows there).
Default database: a SQLite file in a temp dir; `--db` for another (PostgreSQL: the worlds it
makes are deleted afterwards).

    python bench/bench_orders.py [--batches 10] [--count 1000] [--pages 50] [--db URL]
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import sys
import tempfile
import time
from typing import Any

import httpx
from sqlalchemy import delete, event, insert, select

sys.path.insert(0, os.path.dirname(__file__))
from common import BARE_PATH, line, median_ms, mount_bare, table  # noqa: E402

from sandbox.client import Sandbox  # noqa: E402
from sandbox.kernel.runtime import Runtime  # noqa: E402
from sandbox.kernel.settings import Settings  # noqa: E402
from sandbox.serve import start  # noqa: E402
from sandbox.store.orders import Order, OrderLine  # noqa: E402

PAGE = 50


class SqlCounter:
    def __init__(self, engine: Any) -> None:
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, *_args: Any) -> None:
        self.count += 1


def cast(sandbox: Sandbox, name: str) -> tuple[Any, str, str, str]:
    """A frozen world with one shop, a mug with stock for every order, and a buyer."""
    world = sandbox.create_world(name, frozen=True)
    shop = world.create_shop(name="Bench Shop", market="US")
    mug = shop.create_product("Mug", "10.00", inventory=10_000_000)
    buyer = world.create_account(username="bench_buyer", age=30)
    return world, shop.id, mug["id"], buyer.open_id


def bulk(http: httpx.Client, world_id: str, product_id: str, buyer: str, count: int,
         paid: bool) -> list[str]:
    resp = http.post(f"/_sandbox/v1/worlds/{world_id}/orders", json={
        "buyer": buyer, "items": [{"product_id": product_id, "quantity": 1}], "count": count,
        "paid": paid}, timeout=600)
    resp.raise_for_status()
    return [o["id"] for o in resp.json()["orders"]]


def bare_rows(runtime: Runtime, world_id: str, order_ids: list[str],
              floor_world: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The rows of these orders and their lines, re-keyed into `floor_world`."""
    def fresh() -> str:
        return str(int(secrets.token_hex(7), 16)).rjust(18, "1")[:18]

    with runtime.session() as session:
        orders = list(session.scalars(select(Order).where(Order.world_id == world_id,
                                                          Order.id.in_(order_ids))))
        lines = list(session.scalars(select(OrderLine).where(
            OrderLine.world_id == world_id, OrderLine.order_id.in_(order_ids))))
    new_id = {o.id: fresh() for o in orders}
    order_rows = [{**{c.key: getattr(o, c.key) for c in Order.__table__.columns},
                   "world_id": floor_world, "id": new_id[o.id]} for o in orders]
    line_rows = [{**{c.key: getattr(ln, c.key) for c in OrderLine.__table__.columns},
                  "world_id": floor_world, "id": fresh(), "order_id": new_id[ln.order_id]}
                 for ln in lines]
    return order_rows, line_rows


def floor_insert(runtime: Runtime, rows: tuple[list[dict[str, Any]], list[dict[str, Any]]],
                 floor_world: str) -> float:
    """Seconds to write the rows bare in one transaction; removed again (untimed)."""
    with runtime.session() as session:
        t0 = time.perf_counter()
        session.execute(insert(Order.__table__), rows[0])
        session.execute(insert(OrderLine.__table__), rows[1])
        session.commit()
        took = time.perf_counter() - t0
        session.execute(delete(OrderLine).where(OrderLine.world_id == floor_world))
        session.execute(delete(Order).where(Order.world_id == floor_world))
        session.commit()
    return took


def measure_bulk(runtime: Runtime, http: httpx.Client, sql: SqlCounter, sandbox: Sandbox,
                 batches: int, count: int) -> dict[str, Any]:
    warm, _, warm_mug, warm_buyer = cast(sandbox, "bench orders warm-up")
    floor_world = sandbox.create_world("bench orders floor", frozen=True)
    try:
        warm_ids = bulk(http, warm.id, warm_mug, warm_buyer, count, True)
        rows = bare_rows(runtime, warm.id, warm_ids, floor_world.id)
        floor_insert(runtime, rows, floor_world.id)  # warm-up
    finally:
        warm.delete()
    world, shop_id, mug, buyer = cast(sandbox, "bench orders")
    per_batch: list[list[object]] = []
    took, floors = [], []
    try:
        for i in range(batches):
            q0, t0 = sql.count, time.perf_counter()
            bulk(http, world.id, mug, buyer, count, paid=i % 2 == 0)
            took.append(time.perf_counter() - t0)
            statements = sql.count - q0
            floors.append(floor_insert(runtime, rows, floor_world.id))
            per_batch.append([f"batch {i + 1} ({'paid' if i % 2 == 0 else 'unpaid'})",
                              took[-1] * 1000, count / took[-1], floors[-1] * 1000,
                              f"{statements / count:.1f}"])
    finally:
        floor_world.delete()
    return {"world": world, "shop_id": shop_id, "rows": per_batch, "took": took,
            "floors": floors}


def measure_pages(http: httpx.Client, floor_http: httpx.Client, sql: SqlCounter,
                  world_id: str, shop_id: str, n: int) -> dict[str, Any]:
    base = f"/_sandbox/v1/worlds/{world_id}/orders"
    token = ""
    for _ in range(19):
        token = http.get(base, params={"status": "ON_HOLD", "page_size": PAGE,
                                       **({"page_token": token} if token else {})}
                         ).json()["next_page_token"]
    pages = {
        "status=ON_HOLD, first page": {"status": "ON_HOLD", "page_size": PAGE},
        "status=ON_HOLD&shop_id, first page": {"status": "ON_HOLD", "shop_id": shop_id,
                                                "page_size": PAGE},
        "status=UNPAID, first page": {"status": "UNPAID", "page_size": PAGE},
        "status=ON_HOLD, 20th page": {"status": "ON_HOLD", "page_size": PAGE,
                                      "page_token": token},
    }
    samples: dict[str, list[float]] = {name: [] for name in [*pages, "floor"]}
    statements: dict[str, int] = {}
    for i in range(n + 5):
        for name, params in pages.items():
            q0, t0 = sql.count, time.perf_counter()
            resp = http.get(base, params=params)
            took = time.perf_counter() - t0
            resp.raise_for_status()
            assert len(resp.json()["orders"]) == PAGE, (name, len(resp.json()["orders"]))
            statements[name] = sql.count - q0
            if i >= 5:
                samples[name].append(took)
        t0 = time.perf_counter()
        floor_http.get(BARE_PATH).raise_for_status()
        if i >= 5:
            samples["floor"].append(time.perf_counter() - t0)
    return {"samples": samples, "statements": statements}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--batches", type=int, default=10)
    parser.add_argument("--count", type=int, default=1000, help="orders per batch (≤ 1000)")
    parser.add_argument("--pages", type=int, default=50, help="samples of each page")
    parser.add_argument("--db", default=None,
                        help="SQLAlchemy URL (default: a SQLite file in a temp dir)")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="bench-orders-")
    db = args.db or f"sqlite:///{tmp}/bench.db"
    running = start(Settings(db=db, seller_port=0, app_port=0, seed_demo=False), ticker=False)
    mount_bare(running.servers[0])
    runtime = running.runtime
    sql = SqlCounter(runtime.store.engine)
    world = None
    try:
        with Sandbox(running.seller_url) as sandbox, \
                httpx.Client(base_url=running.seller_url, timeout=60) as http, \
                httpx.Client(base_url=running.seller_url) as floor_http:
            got = measure_bulk(runtime, http, sql, sandbox, args.batches, args.count)
            world = got["world"]
            pages = measure_pages(http, floor_http, sql, world.id, got["shop_id"], args.pages)
            world.delete()
            world = None
    finally:
        if world is not None:
            world.delete()
        running.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    where = "given URL" if args.db else "SQLite file in a temp dir"
    total = args.batches * args.count
    print(f"database: {runtime.store.dialect} ({where}); {args.batches} × {args.count} orders; "
          f"{args.pages} samples per page; load average {os.getloadavg()[0]:.2f}")
    table(["bulk create", "ms", "orders_per_s", "floor_ms", "sql_per_order"], got["rows"])
    print()
    floor_ms = median_ms(pages["samples"]["floor"])
    rows: list[list[object]] = [["floor (bare Flask GET)", floor_ms, 1.0, ""]]
    for name, samples in pages["samples"].items():
        if name != "floor":
            ms = median_ms(samples)
            rows.append([f"page of {PAGE}: {name}", ms, ms / floor_ms,
                         pages["statements"][name]])
    table([f"pages ({total} orders in the world)", "median_ms", "ratio", "sql"], rows)
    rate = args.count / (median_ms(got["took"]) / 1000)
    floor_rate = args.count / (median_ms(got["floors"]) / 1000)
    line(bulk_create_orders_per_s=f"{rate:.0f}", floor_orders_per_s=f"{floor_rate:.0f}",
         ratio=floor_rate / rate, target=">=500")
    first = median_ms(pages["samples"]["status=ON_HOLD, first page"])
    line(page_by_status_median_ms=first, bare_request_ms=floor_ms, ratio=first / floor_ms,
         target="<=20")


if __name__ == "__main__":
    main()
