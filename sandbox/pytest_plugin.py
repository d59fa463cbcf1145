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


MARKER_OPTIONS = ("frozen", "seed", "rules", "settings", "now")


def world_options(options: dict[str, Any]) -> dict[str, Any]:
    """`create_world` keyword arguments from the `sandbox_world` marker's: frozen (default True),
    seed, rules, settings, and now (an instant: the world starts frozen there)."""
    if unknown := sorted(set(options) - set(MARKER_OPTIONS)):
        raise TypeError(f"sandbox_world marker: unknown option(s) {unknown}; known: "
                        f"{list(MARKER_OPTIONS)}")
    frozen = True if options.get("now") else options.get("frozen", True)
    return {"frozen": frozen, "seed": options.get("seed"), "rules": options.get("rules"),
            "settings": options.get("settings"), "now": options.get("now")}


@pytest.fixture
def sandbox_world(sandbox: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh world for this test, its clock frozen (move it with world.clock.advance);
    deleted afterwards. Mark a test `@pytest.mark.sandbox_world(frozen=False)` for real time,
    `(rules={"F1": {"hours": 1}}, settings={...}, now="2026-01-01T00:00:00Z")` for its rules,
    settings and start instant."""
    marker = request.node.get_closest_marker("sandbox_world")
    options = world_options(dict(marker.kwargs) if marker else {})
    name = re.sub(r"[^A-Za-z0-9 _.\-]", "_", request.node.name)[:99]
    world = sandbox.create_world(name="t" + name, **options)
    yield world
    world.delete()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sandbox_world(frozen=True, seed=None, rules=None, "
                                       "settings=None, now=None): options for the sandbox_world "
                                       "fixture (rules and settings as the world's PATCH bodies; "
                                       "now: the instant its frozen clock starts at)")
