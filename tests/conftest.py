"""Shared fixtures: the plugin gives `sandbox` and `sandbox_world`; these add the rest."""

from __future__ import annotations

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
def receiver():
    """A live HTTP endpoint that records the webhooks it receives."""
    from receiver import start_receiver

    rec, server = start_receiver()
    yield rec
    server.shutdown()
