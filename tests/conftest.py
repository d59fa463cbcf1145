"""Shared fixtures: the plugin gives `sandbox` and `sandbox_world`; these add the rest."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import httpx
import pytest

pytest_plugins = ["pytester"]

@pytest.fixture
def world(sandbox_world):
    """Short name: a fresh world whose clock is frozen."""
    return sandbox_world


@pytest.fixture
def app_http(sandbox) -> Iterator[httpx.Client]:
    """A raw HTTP client of the fake TikTok app, for its wire formats."""
    with httpx.Client(base_url=sandbox.app_url, timeout=30) as client:
        yield client


@pytest.fixture
def control_http(sandbox) -> Iterator[httpx.Client]:
    """A raw HTTP client of the sandbox (control plane and actor APIs)."""
    with httpx.Client(base_url=sandbox.url, timeout=30) as client:
        yield client


@pytest.fixture
def no_big_numbers(request, sandbox, control_http, app_http):
    """Checked after the test: no JSON answer to the sandbox client, `control_http` or
    `app_http`, nor any webhook the test's world queued, holds a number above 2**53 - 1
    (TikTok's ids are strings; tests/json_numbers.py). Modules opt in with
    `pytestmark = pytest.mark.usefixtures("no_big_numbers")`."""
    from json_numbers import JsonAnswers, assert_no_big_numbers, webhook_payloads

    # Set up first, so the world is still there when this fixture checks its webhooks.
    world = (request.getfixturevalue("sandbox_world")
             if "sandbox_world" in request.fixturenames else None)
    answers = JsonAnswers()
    with answers.watching(sandbox._pool, control_http, app_http):
        yield answers
    answers.check()
    if world is not None:
        for where, body in webhook_payloads(world.deliveries()):
            assert_no_big_numbers(body, where)


CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium's own connections are refused by a closed
# network, many at a time.
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium through Playwright (a downloaded browser cannot be had here). Skips
    when it is missing, unless TIKTOK_SANDBOX_REQUIRE_BROWSER=1 (CI) makes that a failure."""
    if not shutil.which(CHROMIUM):
        if os.environ.get("TIKTOK_SANDBOX_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is required (TIKTOK_SANDBOX_REQUIRE_BROWSER=1)")
        pytest.skip(f"{CHROMIUM} is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def receiver():
    """A live HTTP endpoint that records the webhooks it receives."""
    from receiver import start_receiver

    rec, server = start_receiver()
    yield rec
    server.shutdown()
