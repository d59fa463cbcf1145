"""World create and delete, median ms (targets ≤ 20 ms and ≤ 5 ms), against a floor: one bare
`SELECT 1` transaction on the same store, measured in the same run."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile

import httpx
from sqlalchemy import text

sys.path.insert(0, os.path.dirname(__file__))
from common import line, median_ms, timed  # noqa: E402

from sandbox.kernel import worlds  # noqa: E402
from sandbox.kernel.settings import Settings  # noqa: E402
from sandbox.serve import start  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--db", default=None, help="SQLAlchemy URL (default: a temp SQLite file)")
    args = parser.parse_args()
    db = args.db or f"sqlite:///{tempfile.mkdtemp(prefix='bench-worlds-')}/bench.db"
    running = start(Settings(db=db, seller_port=0, app_port=0, seed_demo=False), ticker=False)
    runtime, n = running.runtime, args.iterations
    try:
        def select_one() -> None:
            with runtime.session() as session:
                session.execute(text("SELECT 1"))
                session.commit()

        timed(select_one, 50)  # warm-up
        floor, _ = timed(select_one, n)
        created: list[str] = []
        timed(lambda: created.append(worlds.create_world(runtime).id), 20)
        create, _ = timed(lambda: created.append(worlds.create_world(runtime).id), n)
        delete, _ = timed(lambda: worlds.delete_world(runtime, created.pop()), n)
        floor_ms = median_ms(floor)
        print(f"database: {runtime.store.dialect}; {n} iterations; medians in ms")
        line(world_create_median_ms=median_ms(create), floor_ms=floor_ms,
             ratio=median_ms(create) / floor_ms, target="<=20")
        line(world_delete_median_ms=median_ms(delete), floor_ms=floor_ms,
             ratio=median_ms(delete) / floor_ms, target="<=5")
        with httpx.Client(base_url=running.seller_url + "/_sandbox/v1") as http:
            ids: list[str] = []
            timed(lambda: ids.append(http.post("/worlds", json={}).json()["id"]), 20)
            http_create, _ = timed(lambda: ids.append(http.post("/worlds", json={}).json()["id"]),
                                   n)
            http_delete, _ = timed(lambda: http.delete(f"/worlds/{ids.pop()}"), n)
            bare, _ = timed(lambda: http.get(running.seller_url + "/healthz"), n)
        line(http_world_create_median_ms=median_ms(http_create), bare_request_ms=median_ms(bare),
             ratio=median_ms(http_create) / median_ms(bare))
        line(http_world_delete_median_ms=median_ms(http_delete), bare_request_ms=median_ms(bare),
             ratio=median_ms(http_delete) / median_ms(bare))
    finally:
        running.stop()


if __name__ == "__main__":
    main()
