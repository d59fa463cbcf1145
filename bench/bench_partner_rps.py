"""Partner-face throughput under `serve`: token client_credentials and a signed Open API call vs /healthz.

Starts `tiktok-sandbox serve --port 0 --db memory --no-demo` in a subprocess, sets up a world
through the control plane, then drives each endpoint with a load generator in another process
(wrk when installed, else a multi-threaded httpx loop) and reads the server's CPU time from
/proc. Prints requests/s, CPU µs per request and the ratio to the bare endpoint; asserts nothing.

    python bench/bench_partner_rps.py [--seconds 5] [--connections 16]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from urllib.parse import parse_qs, urlencode, urlparse

import httpx

sys.path.insert(0, os.path.dirname(__file__))
from common import proc_cpu_seconds, start_serve  # noqa: E402

from sandbox.client import Sandbox  # noqa: E402
from sandbox.domain.signing import sign  # noqa: E402


def setup(seller_url: str) -> dict[str, str]:
    """A world with a Login Kit client and an authorized shop app; returns what the load needs."""
    sandbox = Sandbox(seller_url)
    world = sandbox.create_world(name="bench")
    client = world.create_client(name="bench", redirect_uris=["https://bench.example/cb"])
    app = world.create_client(kind="shop_app", name="bench",
                              redirect_url="https://bench.example/shop")
    shop = world.create_shop(name="Bench shop", market="US")
    code = parse_qs(urlparse(shop.seller.approve(app["authorize_url"])).query)["code"][0]
    token = httpx.get(f"{seller_url}/api/v2/token/get", params={
        "app_key": app["app_key"], "app_secret": app["app_secret"], "auth_code": code,
        "grant_type": "authorized_code"}).json()["data"]["access_token"]
    now = sandbox.world(world.id).data["clock"]["now"]
    ts = str(int(time.mktime(time.strptime(now[:19], "%Y-%m-%dT%H:%M:%S")) - time.timezone))
    path = "/authorization/202309/shops"
    query = {"app_key": app["app_key"], "timestamp": ts}
    query["sign"] = sign(app["app_secret"], path, query)
    return {"client_key": client["client_key"], "client_secret": client["client_secret"],
            "shops_url": f"{seller_url}{path}?{urlencode(query)}", "access_token": token}


def wrk(url: str, seconds: int, connections: int, method: str = "GET", body: str = "",
        headers: dict[str, str] | None = None) -> int:
    """Run wrk; return the number of completed requests (non-2xx are reported, not counted)."""
    script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    script.write(f"wrk.method = {json.dumps(method)}\nwrk.body = {json.dumps(body)}\n")
    for k, v in (headers or {}).items():
        script.write(f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}\n")
    script.close()
    out = subprocess.run(["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "-s",
                          script.name, url], capture_output=True, text=True).stdout
    os.unlink(script.name)
    total = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return total - (int(bad.group(1)) if bad else 0)


def httpx_load(url: str, seconds: int, connections: int, method: str = "GET", body: str = "",
               headers: dict[str, str] | None = None) -> int:
    """Fallback load generator: a subprocess with `connections` threads looping on httpx."""
    code = f"""
import httpx, threading, time
stop = time.monotonic() + {seconds}
counts = []
def run():
    n = 0
    with httpx.Client(timeout=10) as c:
        while time.monotonic() < stop:
            r = c.request({method!r}, {url!r}, content={body!r}.encode() or None, headers={headers or {}!r})
            n += r.status_code < 400
    counts.append(n)
ts = [threading.Thread(target=run) for _ in range({connections})]
[t.start() for t in ts]; [t.join() for t in ts]
print(sum(counts))
"""
    return int(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout)


def measure(pid: int, seconds: int, connections: int, **request: object) -> tuple[float, float]:
    load = wrk if shutil.which("wrk") else httpx_load
    before = proc_cpu_seconds(pid)
    count = load(seconds=seconds, connections=connections, **request)  # type: ignore[arg-type]
    cpu = proc_cpu_seconds(pid) - before
    return count / seconds, (cpu / count * 1e6) if count else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3,
                        help="alternate the cases this many times (fair on a busy machine)")
    args = parser.parse_args()
    served = start_serve("--db", "memory", "--no-demo")
    proc, seller_url, app_url = served.proc, served.seller_url, served.app_url
    try:
        ctx = setup(seller_url)
        form = urlencode({"client_key": ctx["client_key"], "client_secret": ctx["client_secret"],
                          "grant_type": "client_credentials"})
        cases = [
            ("bare GET /healthz (sandbox port)", {"url": f"{seller_url}/healthz"}),
            ("POST /v2/oauth/token/ client_credentials",
             {"url": f"{app_url}/v2/oauth/token/", "method": "POST", "body": form,
              "headers": {"Content-Type": "application/x-www-form-urlencoded"}}),
            ("signed GET /authorization/202309/shops",
             {"url": ctx["shops_url"], "headers": {"x-tts-access-token": ctx["access_token"]}}),
        ]
        print(f"load generator: {'wrk' if shutil.which('wrk') else 'httpx threads'}, "
              f"{args.connections} connections, {args.seconds}s per case, {args.rounds} rounds "
              "(medians; each ratio is taken within its round)")
        results: dict[str, list[tuple[float, float, float]]] = {name: [] for name, _ in cases}
        for _ in range(args.rounds):
            base = None
            for name, request in cases:
                rps, cpu_us = measure(proc.pid, args.seconds, args.connections, **request)
                base = base or rps
                results[name].append((rps, cpu_us, rps / base))
        for name, rows in results.items():
            rps, cpu_us, ratio = (statistics.median(col) for col in zip(*rows, strict=True))
            print(f"{name:45s} {rps:9.0f} req/s  {cpu_us:8.0f} CPU µs/req  "
                  f"ratio to bare {ratio:5.2f}")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    main()
