"""Fork of the demo world, median ms (target < 50 ms); snapshot and load of it too.

The sandbox starts as `serve` starts it (both apps' factories, the demo world seeded). Each
sample forks world `demo` (`sandbox.snapshots.bundles.fork_world`: every row of both apps, the
clock and the event log, keys re-issued, one transaction); the forks are deleted afterwards.
The floor is one bare `SELECT 1` transaction on the same store, sampled alternately with the
fork. Over HTTP it is `POST /_sandbox/v1/worlds {"from_world": "demo"}` against a bare Flask
view on the same waitress server. Default database: a SQLite file in a temp dir.

    python bench/bench_fork.py [--iterations 50] [--db postgresql+psycopg://…]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Callable

import httpx
from sqlalchemy import text

sys.path.insert(0, os.path.dirname(__file__))
from common import BARE_PATH, line, median_ms, mount_bare, table, timed  # noqa: E402

from sandbox.kernel import worlds  # noqa: E402
from sandbox.kernel.settings import Settings  # noqa: E402
from sandbox.serve import start  # noqa: E402
from sandbox.snapshots import bundles as snapshots
from sandbox.snapshots import copying


def _alternate(floor: Callable[[], None], op: Callable[[], None], n: int,
               warmup: int) -> tuple[list[float], list[float]]:
    for _ in range(warmup):
        floor()
        op()
    floors: list[float] = []
    ops: list[float] = []
    for _ in range(n):
        floors += timed(floor, 1)
        ops += timed(op, 1)
    return floors, ops


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--iterations", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--db", default=None,
                        help="SQLAlchemy URL (default: a SQLite file in a temp dir)")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="bench-fork-")
    db = args.db or f"sqlite:///{tmp}/bench.db"
    running = start(Settings(db=db, seller_port=0, app_port=0, seed_demo=True), ticker=False)
    runtime, n = running.runtime, args.iterations
    made: list[str] = []
    bundle = snapshots.snapshot_world(runtime, "demo")
    rows = sum(len(r) for r in bundle["tables"].values())

    def select_one() -> None:
        with runtime.session() as session:
            session.execute(text("SELECT 1"))
            session.commit()

    def fork() -> None:
        made.append(snapshots.fork_world(runtime, "demo")[0].id)

    def snapshot() -> None:
        snapshots.snapshot_world(runtime, "demo")

    def load() -> None:
        made.append(snapshots.load_snapshot(runtime, bundle)[0].id)

    results: dict[str, tuple[list[float], list[float]]] = {}
    try:
        for name, fn in (("fork", fork), ("snapshot", snapshot), ("load", load)):
            results[name] = _alternate(select_one, fn, n, args.warmup)
        mount_bare(running.servers[0])
        with httpx.Client(base_url=running.seller_url) as http, \
                httpx.Client(base_url=running.seller_url) as floor_http:
            def bare() -> None:
                floor_http.get(BARE_PATH).raise_for_status()

            def http_fork() -> None:
                resp = http.post("/_sandbox/v1/worlds", json={"from_world": "demo"})
                resp.raise_for_status()
                made.append(resp.json()["id"])

            results["http fork"] = _alternate(bare, http_fork, n, args.warmup)
        for wid in made:
            worlds.delete_world(runtime, wid)
    finally:
        running.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    where = "given URL" if args.db else "SQLite file in a temp dir"
    print(f"database: {runtime.store.dialect} ({where}); demo world: {rows} rows in "
          f"{len(copying.world_tables())} world-scoped tables; {n} iterations after "
          f"{args.warmup} warm-up; load average {os.getloadavg()[0]:.2f}")
    out = []
    for name, (floors, ops) in results.items():
        floor, ms = median_ms(floors), median_ms(ops)
        out.append([f"demo {name}", ms, floor, ms / floor])
    table(["measure", "median_ms", "floor_ms", "ratio"], out)
    floors, ops = results["fork"]
    line(demo_fork_median_ms=median_ms(ops), floor_ms=median_ms(floors),
         ratio=median_ms(ops) / median_ms(floors), target="<50")


if __name__ == "__main__":
    main()
