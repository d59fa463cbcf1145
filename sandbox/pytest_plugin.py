"""pytest plugin (entry point pytest11): `sandbox` per session, `sandbox_world` per test.

Imports pytest only; the sandbox itself is imported inside the fixtures, so installing the
package costs other projects' test runs nothing."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("tiktok-sandbox")
    group.addoption("--sandbox-url", default=os.environ.get("TIKTOK_SANDBOX_URL"),
                    help="use a running sandbox instead of starting one in-process")
    group.addoption("--sandbox-db", default=os.environ.get("TIKTOK_SANDBOX_DB"),
                    help="database URL for the in-process sandbox (default: throwaway SQLite)")


@pytest.fixture(scope="session")
def sandbox(request: pytest.FixtureRequest) -> Iterator[Any]:
    """One sandbox for the session: in-process on ephemeral ports, or --sandbox-url."""
    from sandbox.client import Sandbox

    url = request.config.getoption("--sandbox-url")
    if url:
        client = Sandbox(url)
        yield client
        client.close()
        return
    db = request.config.getoption("--sandbox-db") or "memory"
    local = Sandbox.local(db=db)
    yield local
    local.stop()


@pytest.fixture
def sandbox_world(sandbox: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh world for this test, its clock frozen (move it with world.clock.advance);
    deleted afterwards. Mark a test `@pytest.mark.sandbox_world(frozen=False)` for real time."""
    marker = request.node.get_closest_marker("sandbox_world")
    options = dict(marker.kwargs) if marker else {}
    name = re.sub(r"[^A-Za-z0-9 _.\-]", "_", request.node.name)[:99]
    world = sandbox.create_world(name="t" + name, frozen=options.get("frozen", True),
                                 seed=options.get("seed"))
    yield world
    world.delete()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sandbox_world(frozen=True, seed=None): options for the "
                                       "sandbox_world fixture")
