"""Helpers tests import: the suite's database URL and a `serve` subprocess."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

SERVE = [sys.executable, "-m", "sandbox.cli", "serve"]
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_token(page: str) -> str:
    """The CSRF token of a page's forms (every form of a page carries the same one)."""
    found = _CSRF.search(page)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


def submit_form(http, page: str, to: str | None = None, **fields: str):
    """Post a form the way a browser does: open the page (same cookie jar), then post its
    fields with the page's CSRF token to `to` (default: the page itself)."""
    shown = http.get(page)
    return http.post(to or page, data={**fields, "csrf_token": csrf_token(shown.text)})


def refused_form(http, page: str, to: str | None = None, **fields: str) -> str:
    """Post a form that is refused: the answer is a redirect (POST → redirect → GET, never a
    page at the POST address) to a page whose GET shows the refusal once. Returns that page."""
    resp = submit_form(http, page, to, **fields)
    assert resp.status_code in (302, 303), (resp.status_code, resp.text[:300])
    shown = http.get(resp.headers["location"])
    assert shown.status_code == 200, shown.text[:300]
    return shown.text


def browser_seller(http, world_id: str, email: str, password: str):
    """Log a browser-like httpx client into Seller Center through its login page."""
    resp = submit_form(http, f"/seller/login?world={world_id}", to="/seller/login", world=world_id,
                       email=email, password=password)
    assert resp.status_code == 302, resp.text[:300]
    return http


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
def serve_process(db_url: str | None, *extra: str, command: Sequence[str] = SERVE,
                  cwd: str | None = None, env: dict[str, str] | None = None) -> Iterator[Served]:
    """`tiktok-sandbox serve` (or `command`) in a subprocess on ephemeral ports; URLs read from
    its banner. `db_url` None: serve's own default database, under `cwd`."""
    database = ["--db", db_url] if db_url is not None else []
    proc = subprocess.Popen([*command, "--port", "0", *database, *extra], cwd=cwd, env=env,
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


def wait_for(check, what: str, deadline_s: float = 30.0):
    """Ask `check()` until it returns something truthy (no sleeps: each ask is a request)."""
    deadline = time.monotonic() + deadline_s
    while True:
        got = check()
        if got or time.monotonic() > deadline:
            assert got, f"timed out waiting for {what}"
            return got
