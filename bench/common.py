"""Shared bench helpers: medians, CPU meters, a bare Flask floor, a `serve` subprocess, output.

Figures are printed, never asserted. Every script compares against a floor measured in the same
run, so the ratios mean something on any machine."""

from __future__ import annotations

import glob
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

CLK_TCK = os.sysconf("SC_CLK_TCK")
BARE_PATH = "/_bench/bare"


def median_ms(samples: Iterable[float]) -> float:
    """Median of samples in seconds, in milliseconds."""
    return statistics.median(samples) * 1000


def timed(fn: Callable[[], object], n: int) -> list[float]:
    """Wall seconds of each of `n` calls of `fn`."""
    wall = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        wall.append(time.perf_counter() - t0)
    return wall


def proc_cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) of another process.

    Sums the per-thread `/proc/<pid>/task/*/schedstat` run times (nanoseconds), because
    `/proc/<pid>/stat` counts in clock ticks (10 ms), too coarse for one request. Threads that
    exit between two reads take their time with them; the servers here keep their threads.
    Falls back to utime + stime when the kernel has no schedstat."""
    total, found = 0, False
    for path in glob.glob(f"/proc/{pid}/task/*/schedstat"):
        try:
            with open(path) as f:
                total += int(f.read().split()[0])
            found = True
        except (OSError, ValueError, IndexError):
            continue  # the thread exited between glob and open
    if found:
        return total / 1e9
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


class ServerCpu:
    """CPU seconds spent by the server: another process (`pid`), or, when the server runs in
    this process, every thread but the calling (client) thread: process CPU minus this thread's."""

    def __init__(self, pid: int | None = None) -> None:
        self.pid = pid

    def read(self) -> float:
        if self.pid is not None:
            return proc_cpu_seconds(self.pid)
        return time.process_time() - time.thread_time()


def rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for row in f:
            if row.startswith("VmRSS:"):
                return int(row.split()[1]) / 1024
    return float("nan")


def bare_flask_app() -> Any:
    """The floor: a Flask app with one view that returns "ok"."""
    import flask

    app = flask.Flask("bench_bare")
    app.add_url_rule(BARE_PATH, "bare", lambda: "ok")
    return app


def mount_bare(server: Any) -> None:
    """Serve the bare Flask app at BARE_PATH on an in-process waitress `server`, in front of
    the app it already serves: same sockets, same worker threads, same dispatcher. (It skips
    waitress's proxy-header middleware, a few microseconds, which only makes the floor lower.)"""
    bare, inner = bare_flask_app(), server.application

    def dispatch(environ: dict[str, Any], start_response: Any) -> Any:
        app = bare if environ.get("PATH_INFO") == BARE_PATH else inner
        return app(environ, start_response)

    server.application = dispatch


def serve_command() -> list[str]:
    """`tiktok-sandbox` as installed beside this interpreter, else `python -m sandbox.cli`."""
    script = os.path.join(os.path.dirname(sys.executable), "tiktok-sandbox")
    if os.path.exists(script):
        return [script]
    found = shutil.which("tiktok-sandbox")
    return [found] if found else [sys.executable, "-m", "sandbox.cli"]


@dataclass
class Serve:
    proc: subprocess.Popen[str]
    seller_url: str
    app_url: str

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def start_serve(*args: str) -> Serve:
    """`tiktok-sandbox serve --port 0 …` in a subprocess; URLs parsed from its banner."""
    proc = subprocess.Popen([*serve_command(), "serve", "--port", "0", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    banner = ""
    assert proc.stdout is not None
    for row in proc.stdout:
        banner += row
        if "control plane" in row:
            break
    seller = re.search(r"Seller Center:\s+(http://\S+?)/\s", banner)
    app = re.search(r"TikTok app \(phone\):\s+(http://\S+?)/phone/", banner)
    if not (seller and app):
        proc.kill()
        raise SystemExit(f"serve did not start:\n{banner}")
    return Serve(proc, seller.group(1), app.group(1))


def table(headers: list[str], rows: list[list[object]]) -> None:
    """A compact fixed-width table; floats to 2 decimals."""
    cells = [[f"{c:.2f}" if isinstance(c, float) else str(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    for row in cells:
        print("  ".join(c.rjust(w) if i else c.ljust(w)
                        for i, (c, w) in enumerate(zip(row, widths, strict=True))))


def _pair(key: str, value: object) -> str:
    if isinstance(value, float):
        return f"{key}={value:.1f}" if key.endswith("ratio") else f"{key}={value:.2f}"
    text = str(value)
    return f"{key}{text}" if text.startswith(("<", ">")) else f"{key}={text}"


def line(**figures: object) -> None:
    """One summary line of name=value pairs: floats to 2 decimals, ratios to 1; a value that
    starts with a comparison prints as a bound (`target="<=20"` → `target<=20`)."""
    print(" ".join(_pair(k, v) for k, v in figures.items()), flush=True)
