"""World create and delete, median ms (targets: create ≤ 20 ms, delete ≤ 5 ms).

Measured twice on one sandbox started as `serve` starts it (both apps' factories applied, so
every world initializer runs):
  * at the service level (`sandbox.kernel.worlds.create_world` / `delete_world`), against a
    floor of one bare `SELECT 1` transaction on the same store;
  * over HTTP through the control plane (`POST /_sandbox/v1/worlds`, `DELETE …/{id}`), against
    a floor of a bare Flask view (`return "ok"`) mounted on the same waitress server.
Both floors are measured in the same run. Default database: a SQLite file in a temp dir.

    python bench/bench_worlds.py [--iterations 200] [--db postgresql+psycopg://…]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable

import httpx
from sqlalchemy import text

sys.path.insert(0, os.path.dirname(__file__))
from common import BARE_PATH, line, median_ms, mount_bare, table, timed  # noqa: E402

from sandbox.kernel import worlds  # noqa: E402
from sandbox.kernel.runtime import Runtime  # noqa: E402
from sandbox.kernel.settings import Settings  # noqa: E402
from sandbox.serve import Running, start  # noqa: E402


def p90_ms(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=10)[-1] * 1000


def _interleaved(floor: Callable[[], None], create: Callable[[], None],
                 delete: Callable[[], None], n: int, warmup: int) -> dict[str, list[float]]:
    """Warm up, then alternate floor and operation sample by sample, so that a machine busy
    with something else slows both alike: n creates, then the n deletes of those worlds."""
    for _ in range(warmup):
        floor()
        create()
    for _ in range(warmup):
        delete()
    samples: dict[str, list[float]] = {"floor": [], "create": [], "delete": []}
    for op, fn in (("create", create), ("delete", delete)):
        for _ in range(n):
            samples["floor"] += timed(floor, 1)
            samples[op] += timed(fn, 1)
    return samples


def service_level(runtime: Runtime, n: int, warmup: int) -> dict[str, list[float]]:
    def select_one() -> None:
        with runtime.session() as session:
            session.execute(text("SELECT 1"))
            session.commit()

    ids: list[str] = []

    def create() -> None:
        ids.append(worlds.create_world(runtime, "bench").id)

    def delete() -> None:
        worlds.delete_world(runtime, ids.pop())

    return _interleaved(select_one, create, delete, n, warmup)


def over_http(running: Running, n: int, warmup: int) -> dict[str, list[float]]:
    mount_bare(running.servers[0])  # the Seller Center server (it serves the control plane)
    ids: list[str] = []
    # The floor has a keep-alive connection of its own: a 204 response makes waitress close
    # the connection it went out on, and that reconnect belongs to the operation, not the floor.
    with httpx.Client(base_url=running.seller_url) as http, \
            httpx.Client(base_url=running.seller_url) as floor_http:
        def bare() -> None:
            floor_http.get(BARE_PATH).raise_for_status()

        def create() -> None:
            resp = http.post("/_sandbox/v1/worlds", json={"name": "bench"})
            resp.raise_for_status()
            ids.append(resp.json()["id"])

        def delete() -> None:
            http.delete(f"/_sandbox/v1/worlds/{ids.pop()}").raise_for_status()

        return _interleaved(bare, create, delete, n, warmup)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--db", default=None,
                        help="SQLAlchemy URL (default: a SQLite file in a temp dir)")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="bench-worlds-")
    db = args.db or f"sqlite:///{tmp}/bench.db"
    running = start(Settings(db=db, seller_port=0, app_port=0, seed_demo=False), ticker=False)
    runtime, n = running.runtime, args.iterations
    try:
        svc = service_level(runtime, n, args.warmup)
        web = over_http(running, n, args.warmup)
    finally:
        running.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    where = "given URL" if args.db else "SQLite file in a temp dir"
    print(f"database: {runtime.store.dialect} ({where}); {n} iterations after {args.warmup} "
          f"warm-up; world initializers: {len(runtime.world_initializers)}; "
          f"load average {os.getloadavg()[0]:.2f}")
    rows: list[list[object]] = []
    for face, results, floor_name in (("service", svc, "SELECT 1 txn"),
                                      ("http", web, "bare Flask GET")):
        floor = median_ms(results["floor"])
        rows.append([f"{face}: floor ({floor_name})", floor, p90_ms(results["floor"]), 1.0])
        for op in ("create", "delete"):
            ms = median_ms(results[op])
            rows.append([f"{face}: world {op}", ms, p90_ms(results[op]), ms / floor])
    table(["measure", "median_ms", "p90_ms", "ratio"], rows)
    targets = {"create": "<=20", "delete": "<=5"}
    for results, prefix, floor_key in ((svc, "world", "floor_ms"),
                                       (web, "http_world", "bare_request_ms")):
        floor = median_ms(results["floor"])
        for op in ("create", "delete"):
            ms = median_ms(results[op])
            line(**{f"{prefix}_{op}_median_ms": ms, floor_key: floor, "ratio": ms / floor,
                    "target": targets[op]})


if __name__ == "__main__":
    main()
