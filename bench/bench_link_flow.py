"""One full official-link flow, median wall and server-CPU ms, against a bare request on the
same server measured in the same run (target: a flow costs no more than 15 bare requests).

The flow is what the client does: `shop.seller.start_official_link()` (Seller Center asks the
fake app for a QR code), `account.app.scan(link.qr_url).authorize()`, `link.wait_until("ready")`
(check_qrcode → code → token → user info → rules) and `.confirm()`. Shop and account creation
and the phone's login happen before the clock starts; every flow has a fresh shop and account.

  * inprocess: `Sandbox.local()`, Seller Center reaching the fake app through httpx's WSGI
    transport. Floor: a bare Flask view (`return "ok"`) mounted on the Seller Center's waitress
    server. Server CPU: this process's CPU minus the client (main) thread's.
  * http: a `tiktok-sandbox serve --transport http` subprocess. Floor: its `GET /healthz`, the
    most trivial view it has (the product has no bare endpoint). Server CPU: the subprocess's
    threads, from /proc/<pid>/task/*/schedstat (nanoseconds).

    python bench/bench_link_flow.py [--iterations 30] [--db URL] [--mode inprocess|http|both]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import httpx
from sqlalchemy import event

sys.path.insert(0, os.path.dirname(__file__))
from common import (  # noqa: E402
    BARE_PATH,
    ServerCpu,
    line,
    median_ms,
    mount_bare,
    start_serve,
    table,
)

from sandbox.client import Sandbox, World  # noqa: E402

STEPS = ("start_official_link", "scan", "authorize", "wait_until_ready", "confirm")
BARE_PER_FLOW = 5  # bare requests sampled between two flows


class SqlCounter:
    """Counts SQL statements on the engine of a sandbox running in this process."""

    def __init__(self, engine: Any = None) -> None:
        self.count = 0
        if engine is not None:
            event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, *_args: Any) -> None:
        self.count += 1


def one_flow(world: World, i: int, cpu: ServerCpu, sql: SqlCounter) -> list[tuple[float, ...]]:
    """(wall s, server CPU s, SQL statements) of each step of one flow, fresh shop and account.
    CPU is read between steps, outside the wall time (the server is idle then)."""
    shop = world.create_shop(name=f"Bench Shop {i}")
    account = world.create_account(username=f"bench{i}", age=30)
    account.app.login()  # the phone is already logged in when the seller shows the QR code
    got: dict[str, Any] = {}
    steps: list[Callable[[], object]] = [
        lambda: got.setdefault("link", shop.seller.start_official_link()),
        lambda: got.setdefault("qr", account.app.scan(got["link"].qr_url)),
        lambda: got["qr"].authorize(),
        lambda: got["link"].wait_until("ready"),
        lambda: got["link"].confirm(),
    ]
    out = []
    for step in steps:
        c0, q0 = cpu.read(), sql.count
        t0 = time.perf_counter()
        step()
        wall = time.perf_counter() - t0
        out.append((wall, cpu.read() - c0, sql.count - q0))
    if got["link"].status != "linked":
        raise SystemExit(f"flow {i} ended {got['link'].status}: {got['link'].data}")
    return out


def bare_requests(http: httpx.Client, floors: dict[str, str], n: int,
                  cpu: ServerCpu) -> dict[str, list[tuple[float, float]]]:
    """`n` rounds of one GET per floor URL: (wall, server CPU) seconds of each."""
    out: dict[str, list[tuple[float, float]]] = {name: [] for name in floors}
    for _ in range(n):
        for name, url in floors.items():
            c0 = cpu.read()
            t0 = time.perf_counter()
            http.get(url).raise_for_status()
            wall = time.perf_counter() - t0
            out[name].append((wall, cpu.read() - c0))
    return out


def measure(sandbox: Sandbox, cpu: ServerCpu, sql: SqlCounter, floors: dict[str, str],
            n: int, warmup: int) -> dict[str, Any]:
    """Alternate flows and bare requests (a busy machine slows both alike); medians."""
    world = sandbox.create_world("bench link flow", frozen=True)
    flows: list[list[tuple[float, ...]]] = []
    bare: dict[str, list[tuple[float, float]]] = {name: [] for name in floors}
    try:
        with httpx.Client() as http:
            for i in range(warmup + n):
                flow = one_flow(world, i, cpu, sql)
                samples = bare_requests(http, floors, BARE_PER_FLOW, cpu)
                if i >= warmup:
                    flows.append(flow)
                    for name, got in samples.items():
                        bare[name] += got
    finally:
        world.delete()
    return {
        "steps": [[median_ms(f[k][0] for f in flows), median_ms(f[k][1] for f in flows),
                   f"{statistics.median(f[k][2] for f in flows):g}" if sql.count else ""]
                  for k in range(len(STEPS))],
        "wall": median_ms(sum(step[0] for step in f) for f in flows),
        "cpu": median_ms(sum(step[1] for step in f) for f in flows),
        "sql": f"{statistics.median(sum(s[2] for s in f) for f in flows):g}" if sql.count else "",
        "bare": {name: (median_ms(w for w, _ in got), median_ms(c for _, c in got))
                 for name, got in bare.items()},
    }


def report(mode: str, floor_name: str, r: dict[str, Any]) -> None:
    rows: list[list[object]] = [[f"  {s}", *v] for s, v in zip(STEPS, r["steps"], strict=True)]
    rows.append(["flow (median of totals)", r["wall"], r["cpu"], r["sql"]])
    for name, (wall, cpu) in r["bare"].items():
        rows.append([f"floor: {name}", wall, cpu, ""])
    print(f"[{mode}]")
    table(["step", "wall_ms", "server_cpu_ms", "sql_statements"], rows)
    bare_wall, bare_cpu = r["bare"][floor_name]
    line(**{f"{mode}_flow_wall_median_ms": r["wall"], "bare_wall_ms": bare_wall,
            "ratio": r["wall"] / bare_wall, "target": "<=15"})
    line(**{f"{mode}_flow_cpu_median_ms": r["cpu"], "bare_cpu_ms": bare_cpu,
            "ratio": r["cpu"] / bare_cpu, "target": "<=15"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--iterations", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--db", default="memory", help="SQLAlchemy URL or 'memory' (default)")
    parser.add_argument("--mode", choices=("inprocess", "http", "both"), default="both")
    args = parser.parse_args()
    print(f"{args.iterations} flows per mode after {args.warmup} warm-up, {BARE_PER_FLOW} bare "
          f"requests after each; db={args.db}; load average {os.getloadavg()[0]:.2f}")
    if args.mode in ("inprocess", "both"):
        local = Sandbox.local(db=args.db, ticker=False)
        mount_bare(local.running.servers[0])
        try:
            floors = {"bare Flask GET": f"{local.url}{BARE_PATH}",
                      "GET /healthz (reference)": f"{local.url}/healthz"}
            result = measure(local, ServerCpu(), SqlCounter(local.runtime.store.engine), floors,
                             args.iterations, args.warmup)
        finally:
            local.stop()
        report("inprocess", "bare Flask GET", result)
    if args.mode in ("http", "both"):
        served = start_serve("--db", args.db, "--no-demo", "--transport", "http")
        try:
            with Sandbox(served.seller_url) as remote:
                result = measure(remote, ServerCpu(served.proc.pid), SqlCounter(),
                                 {"GET /healthz": f"{served.seller_url}/healthz"},
                                 args.iterations, args.warmup)
        finally:
            served.stop()
        report("http", "GET /healthz", result)


if __name__ == "__main__":
    main()
