"""`serve` cold start until both services answer (target ≤ 1 s) and idle RSS (target ≤ 120 MiB),
against a floor measured in the same run: a bare Flask app on waitress started the same way."""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time

import httpx

sys.path.insert(0, os.path.dirname(__file__))
from common import line, rss_mib  # noqa: E402

BARE = """
import flask, waitress
app = flask.Flask("bare")
app.get("/healthz")(lambda: {"ok": True})
waitress.serve(app, host="127.0.0.1", port=int(__import__("sys").argv[1]), threads=16,
               _quiet=True)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_answers(urls: list[str], deadline: float) -> None:
    pending = list(urls)
    with httpx.Client(timeout=1) as http:
        while pending and time.perf_counter() < deadline:
            try:
                if http.get(pending[0]).status_code == 200:
                    pending.pop(0)
                    continue
            except httpx.HTTPError:
                pass
            time.sleep(0.005)  # polling an external process: the only way to see it come up
    if pending:
        raise SystemExit(f"did not answer: {pending}")


def cold_start(cmd: list[str], urls: list[str]) -> tuple[float, float]:
    """Seconds until every URL answers 200, and RSS (MiB) once idle for 1 s."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_answers(urls, t0 + 30)
        elapsed = time.perf_counter() - t0
        time.sleep(1.0)
        return elapsed, rss_mib(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--iterations", type=int, default=5)
    args = parser.parse_args()
    serve, bare = [], []
    for _ in range(args.iterations):
        sp, ap, bp = free_port(), free_port(), free_port()
        serve.append(cold_start(
            [sys.executable, "-m", "sandbox.cli", "serve", "--port", str(sp), "--app-port",
             str(ap), "--db", "memory"],
            [f"http://127.0.0.1:{sp}/healthz", f"http://127.0.0.1:{ap}/healthz"]))
        bare.append(cold_start([sys.executable, "-c", BARE, str(bp)],
                               [f"http://127.0.0.1:{bp}/healthz"]))
    start_s = statistics.median(s for s, _ in serve)
    bare_s = statistics.median(s for s, _ in bare)
    rss = statistics.median(r for _, r in serve)
    bare_rss = statistics.median(r for _, r in bare)
    print(f"{args.iterations} cold starts each (serve seeds the demo world)")
    line(serve_cold_start_s=start_s, bare_flask_cold_start_s=bare_s, ratio=start_s / bare_s,
         target="<=1s")
    line(serve_idle_rss_mib=rss, bare_flask_idle_rss_mib=bare_rss, ratio=rss / bare_rss,
         target="<=120MiB")


if __name__ == "__main__":
    main()
