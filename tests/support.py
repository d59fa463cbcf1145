"""Helpers tests import: the suite's database URL and a `serve` subprocess."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

SERVE = [sys.executable, "-m", "sandbox.cli", "serve"]


def suite_database_url() -> str:
    """The database the suite runs on: TIKTOK_SANDBOX_DB (CI: PostgreSQL) or a new SQLite file."""
    url = os.environ.get("TIKTOK_SANDBOX_DB")
    if url:
        return url
    return f"sqlite:///{os.path.join(tempfile.mkdtemp(prefix='sandbox-test-'), 'db.sqlite')}"


@dataclass
class Served:
    process: subprocess.Popen
    seller_url: str
    app_url: str


@contextmanager
def serve_process(db_url: str, *extra: str) -> Iterator[Served]:
    """`tiktok-sandbox serve` in a subprocess on ephemeral ports; URLs read from its banner."""
    proc = subprocess.Popen([*SERVE, "--port", "0", "--db", db_url, *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = []
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)
            if "control plane" in line:
                break
        banner = "".join(lines)
        seller = re.search(r"Seller Center:\s+(http://\S+?)/\s", banner)
        app = re.search(r"TikTok app \(phone\):\s+(http://\S+?)/phone/", banner)
        if not (seller and app):
            proc.kill()
            errors = proc.stderr.read() if proc.stderr else ""
            raise RuntimeError(f"serve did not start: {banner}{errors}")
        yield Served(proc, seller.group(1), app.group(1))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
