"""Worker scaling on PostgreSQL: `/v2/oauth/token/` client_credentials and link-flow throughput
under `serve --workers N` for N = 1, 2, 4, each against a bare request on the same server.

For each N it starts `tiktok-sandbox serve --workers N --db URL --no-demo` (N = 1: the one-process
waitress serve), drives the token endpoint with a load generator (wrk when installed, else httpx
threads) and runs full official-link flows from client threads. The floor is `GET /healthz` of the
same server in the same run; the ratio column is token req/s over it. RSS and PSS (the private
share, what one more worker really costs) are read from /proc. Figures are printed, never asserted.

    TIKTOK_SANDBOX_DB=postgresql+psycopg://... python bench/bench_workers.py [--seconds 5]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

sys.path.insert(0, os.path.dirname(__file__))
from bench_partner_rps import measure  # noqa: E402
from common import rss_mib, start_serve, table  # noqa: E402

from sandbox.client import Sandbox, World  # noqa: E402


def pss_mib(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for row in f:
                if row.startswith("Pss:"):
                    return int(row.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def server_pids(pid: int, workers: int) -> list[int]:
    """The serving processes: the workers under the gunicorn arbiter, or the one process."""
    if workers == 1:
        return [pid]
    deadline = time.monotonic() + 30
    while len(kids := children(pid)) < workers and time.monotonic() < deadline:
        time.sleep(0.1)  # bench only: waits for gunicorn to fork its workers
    return kids


def link_flows(world: World, flows: int, threads: int) -> float:
    """Full official-link flows per second, `threads` at a time (fresh shop and account each)."""
    def one(i: int) -> None:
        shop = world.create_shop(name=f"Bench Shop {i}")
        account = world.create_account(username=f"bw{i}", age=30)
        account.app.login()
        link = shop.seller.start_official_link()
        account.app.scan(link.qr_url).authorize()
        link.wait_until("ready", timeout=60).confirm()

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(one, range(flows)))
    return flows / (time.perf_counter() - t0)


def run(db: str, workers: int, args: argparse.Namespace) -> list[object]:
    extra = ["--workers", str(workers)] if workers > 1 else []
    served = start_serve("--db", db, "--no-demo", *extra)
    try:
        sandbox = Sandbox(served.seller_url, timeout=60)
        world = sandbox.create_world(name=f"bench-workers-{workers}")
        client = world.create_client(name="bench", redirect_uris=["https://bench.example/cb"])
        form = urlencode({"client_key": client["client_key"],
                          "client_secret": client["client_secret"],
                          "grant_type": "client_credentials"})
        pids = server_pids(served.proc.pid, workers)
        measure(pids[0], 1, args.connections, url=f"{served.seller_url}/healthz")  # warm up
        bare, _ = measure(pids[0], args.seconds, args.connections,
                          url=f"{served.seller_url}/healthz")
        token, _ = measure(pids[0], args.seconds, args.connections,
                           url=f"{served.app_url}/v2/oauth/token/", method="POST", body=form,
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
        flows = link_flows(world, args.flows, args.flow_threads)
        rss = sum(rss_mib(p) for p in pids) / len(pids)
        pss = sum(pss_mib(p) for p in pids) / len(pids)
        world.delete()
        sandbox.close()
        return [workers, bare, token, token / bare, flows, rss, pss]
    finally:
        served.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=os.environ.get("TIKTOK_SANDBOX_DB", ""))
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--flows", type=int, default=24, help="link flows per worker count")
    parser.add_argument("--flow-threads", type=int, default=8)
    parser.add_argument("--workers", default="1,2,4")
    args = parser.parse_args()
    if not args.db.startswith("postgresql"):
        print("bench_workers: skipped, needs PostgreSQL: --db or TIKTOK_SANDBOX_DB="
              "postgresql+psycopg://USER:PASS@HOST/DB")
        return
    print(f"cores: {os.cpu_count()}, {args.connections} connections, {args.seconds}s per case, "
          f"{args.flows} link flows from {args.flow_threads} threads")
    rows = [run(args.db, int(n), args) for n in args.workers.split(",")]
    base_token, base_flows = rows[0][2], rows[0][4]
    table(["workers", "bare req/s", "token req/s", "token/bare", "flows/s", "RSS MiB/worker",
           "PSS MiB/worker", "token x1", "flows x1"],
          [[*r, r[2] / base_token, r[4] / base_flows] for r in rows])  # type: ignore[operator]


if __name__ == "__main__":
    main()
