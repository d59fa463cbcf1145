"""Shared bench helpers: medians, a `serve` subprocess, and a process's CPU time from /proc."""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

CLK_TCK = os.sysconf("SC_CLK_TCK")


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def timed(fn: Callable[[], object], n: int) -> tuple[list[float], list[float]]:
    """Wall and process-CPU seconds of `n` calls of `fn` (CPU covers every thread here)."""
    wall, cpu = [], []
    for _ in range(n):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - w0)
        cpu.append(time.process_time() - c0)
    return wall, cpu


def proc_cpu_seconds(pid: int) -> float:
    """utime + stime of another process, from /proc/<pid>/stat."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


@dataclass
class Serve:
    proc: subprocess.Popen
    seller_url: str
    app_url: str

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def start_serve(*args: str) -> Serve:
    """`tiktok-sandbox serve --port 0 …` in a subprocess; URLs parsed from its banner."""
    proc = subprocess.Popen([sys.executable, "-m", "sandbox.cli", "serve", "--port", "0", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    banner = ""
    assert proc.stdout is not None
    for line in proc.stdout:
        banner += line
        if "control plane" in line:
            break
    seller = re.search(r"Seller Center:\s+(http://\S+?)/\s", banner)
    app = re.search(r"TikTok app \(phone\):\s+(http://\S+?)/phone/", banner)
    if not (seller and app):
        proc.kill()
        raise SystemExit(f"serve did not start:\n{banner}")
    return Serve(proc, seller.group(1), app.group(1))


def line(**figures: object) -> None:
    """One summary line: name=value pairs, floats to 2 decimals."""
    print(" ".join(f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}"
                   for k, v in figures.items()), flush=True)
