"""`tiktok-sandbox serve` cold start until both services answer `/healthz` (target ≤ 400 ms), and
its idle RSS (VmRSS, target ≤ 80 MiB), against a floor measured in the same run: a bare Flask
app (`return "ok"`) on waitress started the same way (`python -c …`), so the ratio says how much
the sandbox adds to Python + Flask + waitress.

Each iteration starts `serve` on a fresh database (default: a new SQLite file in a temp dir, the
kind `serve` uses by default) with the demo world seeded as plain `serve` does (`--no-demo` to
skip it). The two commands alternate, so a busy machine slows both alike.

The warm-up start runs without PYTHONDONTWRITEBYTECODE, so the `.pyc` files of every module
`serve` imports exist (as after `make setup`, which byte-compiles the project); otherwise each
start would compile the project from source (~350 ms) and the figure would measure that.

    python bench/bench_serve.py [--iterations 5] [--db memory|URL] [--no-demo] [--idle 1.0]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

import httpx

sys.path.insert(0, os.path.dirname(__file__))
from common import line, rss_mib, serve_command, table  # noqa: E402

BARE = """
import sys, flask, waitress
app = flask.Flask("bare")
app.add_url_rule("/healthz", "bare", lambda: "ok")
waitress.serve(app, host="127.0.0.1", port=int(sys.argv[1]), threads=16, _quiet=True)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_answers(proc: subprocess.Popen[bytes], urls: list[str], deadline: float) -> None:
    """Poll each URL until it answers 200 (another process coming up: polling is the only way)."""
    pending = list(urls)
    with httpx.Client(timeout=1) as http:
        while pending:
            if proc.poll() is not None:
                raise SystemExit(f"{proc.args!r} exited with {proc.returncode}")
            if time.perf_counter() > deadline:
                raise SystemExit(f"did not answer in time: {pending}")
            try:
                if http.get(pending[0]).status_code == 200:
                    pending.pop(0)
                    continue
            except httpx.HTTPError:
                pass
            time.sleep(0.002)


def cold_start(cmd: list[str], urls: list[str], idle: float,
               env: dict[str, str] | None = None) -> tuple[float, float]:
    """Seconds from spawn until every URL answers 200, and VmRSS (MiB) after `idle` seconds."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        wait_until_answers(proc, urls, t0 + 30)
        elapsed = time.perf_counter() - t0
        time.sleep(idle)  # idle: let start-up garbage settle, as a presenter's sandbox would
        return elapsed, rss_mib(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def start_serve(db: str | None, demo: bool, idle: float,
                env: dict[str, str] | None = None) -> tuple[float, float]:
    seller, app = free_port(), free_port()
    tmp = tempfile.mkdtemp(prefix="bench-serve-")
    cmd = [*serve_command(), "serve", "--port", str(seller), "--app-port", str(app),
           "--db", db or f"sqlite:///{tmp}/sandbox.db", *([] if demo else ["--no-demo"])]
    try:
        return cold_start(cmd, [f"http://127.0.0.1:{seller}/healthz",
                                f"http://127.0.0.1:{app}/healthz"], idle, env)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def start_bare(idle: float) -> tuple[float, float]:
    port = free_port()
    return cold_start([sys.executable, "-c", BARE, str(port)],
                      [f"http://127.0.0.1:{port}/healthz"], idle)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--iterations", type=int, default=5)
    parser.add_argument("--db", default=None,
                        help="SQLAlchemy URL or 'memory' (default: a new temp SQLite file each)")
    parser.add_argument("--no-demo", action="store_true", help="serve --no-demo")
    parser.add_argument("--idle", type=float, default=1.0, help="seconds idle before reading RSS")
    args = parser.parse_args()
    # Warm-up: OS page cache, and .pyc files (written here even under PYTHONDONTWRITEBYTECODE).
    writes_pycs = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start_serve(args.db, not args.no_demo, 0, writes_pycs)
    start_bare(0)
    serve: list[tuple[float, float]] = []
    bare: list[tuple[float, float]] = []
    for i in range(args.iterations):
        runs = [lambda: serve.append(start_serve(args.db, not args.no_demo, args.idle)),
                lambda: bare.append(start_bare(args.idle))]
        for run in runs if i % 2 == 0 else runs[::-1]:
            run()
    s_start, s_rss = (statistics.median(col) for col in zip(*serve, strict=True))
    b_start, b_rss = (statistics.median(col) for col in zip(*bare, strict=True))
    print(f"{args.iterations} cold starts each (alternating), after one warm-up (.pyc files written); "
          f"db={args.db or 'new temp SQLite file'}; demo world {'no' if args.no_demo else 'seeded'}; "
          f"RSS after {args.idle:.1f} s idle; load average {os.getloadavg()[0]:.2f}")
    table(["process", "cold_start_ms", "idle_rss_mib"],
          [["tiktok-sandbox serve (2 ports)", s_start * 1000, s_rss],
           ["bare Flask on waitress (1 port)", b_start * 1000, b_rss],
           ["ratio", s_start / b_start, s_rss / b_rss]])
    line(serve_cold_start_median_ms=s_start * 1000, floor_ms=b_start * 1000,
         ratio=s_start / b_start, target="<=400")
    line(serve_idle_rss_median_mib=s_rss, floor_mib=b_rss, ratio=s_rss / b_rss, target="<=80")


if __name__ == "__main__":
    main()
