"""One full official-link flow (get_qrcode → scan → authorize → check → token → user info →
rules → confirm), median wall and CPU ms, in-process and over HTTP against `serve`; the floor is
a bare Flask endpoint (GET /healthz) on the same server in the same run. Target: a flow costs no
more than 15 bare requests."""

from __future__ import annotations

import argparse
import os
import sys
import time

import httpx

sys.path.insert(0, os.path.dirname(__file__))
from common import line, median_ms, proc_cpu_seconds, start_serve, timed  # noqa: E402

from sandbox.client import Sandbox  # noqa: E402


def one_flow(world, i: int) -> tuple[float, float, int | None]:
    """Run one flow on a fresh shop and account; time only the flow itself."""
    shop = world.create_shop(name=f"Bench {i}")
    account = world.create_account(username=f"bench{i}", age=30)
    account.app.login()
    return _timed_flow(shop, account)


_server_pid: int | None = None


def _cpu() -> float:
    return proc_cpu_seconds(_server_pid) if _server_pid else time.process_time()


def _timed_flow(shop, account) -> tuple[float, float, int | None]:
    w0, c0 = time.perf_counter(), _cpu()
    link = shop.seller.start_official_link()
    account.app.scan(link.qr_url).authorize()
    link.wait_until("ready").confirm()
    wall, cpu = time.perf_counter() - w0, _cpu() - c0
    assert link.status == "linked"
    return wall, cpu, None


def measure(sandbox: Sandbox, label: str, n: int) -> None:
    world = sandbox.create_world(f"bench-{label}", frozen=True)
    try:
        for i in range(5):  # warm-up
            one_flow(world, 10_000 + i)
        flows = [one_flow(world, i) for i in range(n)]
        with httpx.Client() as http:
            def bare() -> None:
                http.get(f"{sandbox.url}/healthz")

            timed(bare, 50)
            c0 = _cpu()
            bare_wall, _ = timed(bare, n * 10)
            bare_cpu = (_cpu() - c0) / (n * 10)
    finally:
        world.delete()
    flow_wall = median_ms([f[0] for f in flows])
    flow_cpu = median_ms([f[1] for f in flows])
    bare_ms = median_ms(bare_wall)
    print(f"[{label}] {n} flows")
    line(**{f"{label}_flow_wall_median_ms": flow_wall, f"{label}_flow_cpu_median_ms": flow_cpu,
            "bare_wall_ms": bare_ms, "bare_cpu_ms": bare_cpu * 1000,
            "wall_ratio": flow_wall / bare_ms, "cpu_ratio": flow_cpu / (bare_cpu * 1000),
            "target": "<=15"})


def main() -> None:
    global _server_pid
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--iterations", type=int, default=30)
    args = parser.parse_args()
    local = Sandbox.local(ticker=False)  # both apps in this process, WSGI transport between
    try:
        measure(local, "inprocess", args.iterations)
    finally:
        local.stop()
    served = start_serve("--db", "memory", "--no-demo", "--transport", "http")
    _server_pid = served.proc.pid  # CPU of the server process, not of this client
    try:
        with Sandbox(served.seller_url) as remote:
            measure(remote, "http", args.iterations)
    finally:
        served.stop()


if __name__ == "__main__":
    main()
