"""`GET /healthz` and a whole official-link flow while 200 long polls are held on one `serve`
process, against the same figures with no poll held (the floor), measured in the same run on the
same server (target: both ratios near 1; before held waits had their own threads, /healthz got
no answer at all with 16 polls held).

The 200 polls are `GET …/events?wait=60` on a world where nothing happens; `held_waits_max`
(default 256) of them are held, the rest answer at once, declined, and — like the Python
client's waits — ask again after `Retry-After`, so the server sees them all the time.

    python bench/bench_held_waits.py [--polls 200] [--iterations 20] [--db URL]
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time

import httpx

sys.path.insert(0, os.path.dirname(__file__))
from common import line, median_ms, start_serve, table, timed  # noqa: E402

from sandbox.client import Sandbox  # noqa: E402


def link_flow(sandbox: Sandbox, world_id: str, n: int) -> float:
    world = sandbox.world(world_id)
    shop = world.create_shop(name=f"Bench {n}", market="US")
    account = world.create_account(username=f"bench_{n}", age=30, region="US")
    t0 = time.perf_counter()
    link = shop.seller.start_official_link()
    account.app.scan(link.qr_url).authorize()
    link.wait_until("ready").confirm()
    return time.perf_counter() - t0


def hold_polls(url: str, count: int, stop: threading.Event) -> list[threading.Thread]:
    def poller() -> None:
        with httpx.Client(timeout=90) as http:
            while not stop.is_set():
                resp = http.get(url, params={"after": 10**9, "wait": 60})
                if resp.headers.get("X-Sandbox-Wait") == "declined":
                    stop.wait(float(resp.headers.get("Retry-After", "1")))

    threads = [threading.Thread(target=poller, daemon=True) for _ in range(count)]
    for thread in threads:
        thread.start()
    return threads


def measure(sandbox: Sandbox, seller_url: str, world_id: str, n: int, tag: int) -> tuple[float, float]:
    with httpx.Client() as http:
        health = median_ms(timed(lambda: http.get(f"{seller_url}/healthz"), n))
    flows = median_ms(link_flow(sandbox, world_id, tag * 1000 + i) for i in range(n))
    return health, flows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polls", type=int, default=200)
    parser.add_argument("--iterations", type=int, default=20)
    parser.add_argument("--db", default="memory")
    args = parser.parse_args()
    server = start_serve("--db", args.db, "--no-demo")
    sandbox = Sandbox(server.seller_url)
    try:
        busy, idle = sandbox.create_world("bench-busy"), sandbox.create_world("bench-idle")
        measure(sandbox, server.seller_url, busy.id, 3, 9)  # warm-up
        floor = measure(sandbox, server.seller_url, busy.id, args.iterations, 1)
        stop = threading.Event()
        hold_polls(f"{server.seller_url}/_sandbox/v1/worlds/{idle.id}/events", args.polls, stop)
        with httpx.Client() as http:
            health = http.get(f"{server.seller_url}/healthz").json()
            while http.get(f"{server.seller_url}/healthz").json()["held_waits"] < min(
                    args.polls, health["held_waits_max"]):
                time.sleep(0.05)
        loaded = measure(sandbox, server.seller_url, busy.id, args.iterations, 2)
        stop.set()
    finally:
        server.stop()
    table(["figure", "no poll held (ms)", f"{args.polls} polls held (ms)", "ratio"],
          [["GET /healthz", f"{floor[0]:.2f}", f"{loaded[0]:.2f}", f"{loaded[0] / floor[0]:.1f}"],
           ["official link flow", f"{floor[1]:.1f}", f"{loaded[1]:.1f}",
            f"{loaded[1] / floor[1]:.1f}"]])
    line(healthz_held_median_ms=loaded[0], floor=floor[0], ratio=loaded[0] / floor[0],
         target="<=2")
    line(link_flow_held_median_ms=loaded[1], floor=floor[1], ratio=loaded[1] / floor[1],
         target="<=2")


if __name__ == "__main__":
    main()
