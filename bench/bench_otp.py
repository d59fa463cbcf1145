"""Benchmark of the one-time-password journey (G4): SMS code → one-time password → app login.

Runs both apps in this process (Sandbox.local), times N journeys (wall and CPU, median) and a
floor measured in the same run on the same server (a bare GET /healthz), and prints the ratio.
Never asserts: figures are for reading, not for failing a build."""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable

import httpx

sys.path.insert(0, os.path.dirname(__file__))
from common import line  # noqa: E402

from sandbox.client import Sandbox  # noqa: E402

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 30


def measure(fn: Callable[[], None], rounds: int, between: Callable[[], None] | None = None
            ) -> tuple[float, float]:
    """Median wall ms and median CPU ms (this process: client and both servers) of `fn`."""
    walls, cpus = [], []
    for _ in range(rounds):
        if between is not None:
            between()
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - w0) * 1000)
        cpus.append((time.process_time() - c0) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    sandbox = Sandbox.local(ticker=False)
    try:
        world = sandbox.create_world("bench otp", frozen=True)
        shop = world.create_shop(name="Bench Shop", phone="+12025550199")
        org = shop.seller.create_organization_account()
        world.clock.advance(seconds=150)
        open_id = org.refresh().open_id
        account = world.account(open_id)
        floor_http = httpx.Client(base_url=sandbox.url)

        def journey() -> None:
            shop.seller.send_sms_code(open_id)
            code = world.sms(phone=shop.phone)[-1]["code"]
            otp = shop.seller.one_time_password(code, open_id)
            account.app.login_with_otp(otp)

        def next_step() -> None:  # a password is single-use per time-step: move to the next
            world.clock.advance(seconds=60)

        def floor() -> None:
            floor_http.get("/healthz").raise_for_status()

        measure(floor, 5)
        floor_wall, floor_cpu = measure(floor, ROUNDS)
        wall, cpu = measure(journey, ROUNDS, next_step)
        print(f"OTP journey (SMS code, read outbox, one-time password, app login), "
              f"{ROUNDS} rounds, {sandbox.runtime.store.dialect}:")
        print(f"  journey  median {wall:8.2f} ms wall  {cpu:8.2f} ms CPU")
        print(f"  floor    median {floor_wall:8.2f} ms wall  {floor_cpu:8.2f} ms CPU"
              "  (GET /healthz, same server)")
        print(f"  ratio    {wall / floor_wall:8.1f}x wall  {cpu / max(floor_cpu, 1e-6):8.1f}x CPU"
              "  (4 calls by the client + 1 Seller Center → app)")
        line(otp_journey_wall_median_ms=wall, floor_ms=floor_wall, ratio=wall / floor_wall,
             target="<=8")
        line(otp_journey_cpu_median_ms=cpu, floor_cpu_ms=floor_cpu,
             ratio=cpu / max(floor_cpu, 1e-6), target="<=8")
        floor_http.close()
        world.delete()
    finally:
        sandbox.stop()


if __name__ == "__main__":
    main()
