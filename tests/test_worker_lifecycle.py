"""`serve --workers 2` on PostgreSQL: the log row an answer names is found at once by any worker
(explain), and the workers die with their master — even by `kill -9`, with requests and long
polls in flight — so a restarted server binds the same ports at once."""

from __future__ import annotations

import os
import select
import signal
import threading
from urllib.parse import urlparse

import httpx
import pytest
from support import serve_process, suite_database_url

from sandbox.client import Sandbox

PG_URL = suite_database_url()
pytestmark = pytest.mark.skipif(not PG_URL.startswith("postgresql"),
                                reason="needs TIKTOK_SANDBOX_DB=postgresql+psycopg://...")


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def test_explain_finds_at_once_a_request_another_worker_answered():
    with serve_process(PG_URL, "--no-demo", "--workers", "2") as server:
        sandbox = Sandbox(server.seller_url)
        world = sandbox.create_world("explained")
        base = f"{server.seller_url}/_sandbox/v1/worlds/{world.id}"
        explained = 0
        for _ in range(50):  # a new connection each: the requests spread over both workers
            with httpx.Client() as http:
                refused = http.post(f"{base}/shops", json={"name": "x", "market": "XX"})
            assert refused.status_code == 400
            with httpx.Client() as http:
                answer = http.get(f"{base}/explain",
                                  params={"log_id": refused.headers["X-Tt-Logid"]})
            explained += answer.status_code == 200
        assert explained == 50
        world.delete()
        sandbox.close()


def test_workers_die_with_their_master_under_load_and_the_ports_bind_again_at_once():
    with serve_process(PG_URL, "--no-demo", "--workers", "2") as server:
        master = server.process.pid
        workers = _workers(server.seller_url, master)
        sandbox = Sandbox(server.seller_url)
        world = sandbox.create_world("killed")
        polls = [threading.Thread(target=_poll, args=(server.seller_url, world.id), daemon=True)
                 for _ in range(8)]
        for poll in polls:
            poll.start()
        _until_held(server.seller_url, 1)
        watchers = [os.pidfd_open(pid) for pid in workers]
        os.kill(master, signal.SIGKILL)
        try:
            for watcher, pid in zip(watchers, workers, strict=True):
                # PR_SET_PDEATHSIG kills at once; without it a worker lingers at least the
                # graceful timeout (10 s) while its long polls are held.
                ready, _, _ = select.select([watcher], [], [], 5.0)
                assert ready, f"worker {pid} outlived its master"
        finally:
            for watcher in watchers:
                os.close(watcher)
        seller_port, app_port = (urlparse(u).port for u in (server.seller_url, server.app_url))
    with serve_process(PG_URL, "--no-demo", "--workers", "2", "--port", str(seller_port),
                       "--app-port", str(app_port)) as again:
        assert httpx.get(f"{again.seller_url}/healthz").json()["ok"] is True
        Sandbox(again.seller_url).world(world.id).delete()


def _workers(seller_url: str, master: int) -> list[int]:
    """The master's two workers, once both have started (each look follows a request)."""
    for _ in range(10_000):
        httpx.get(f"{seller_url}/healthz")
        if len(found := _children(master)) == 2:
            return found
    raise AssertionError(f"no two workers under {master}")


def _poll(seller_url: str, world_id: str) -> None:
    try:
        httpx.get(f"{seller_url}/_sandbox/v1/worlds/{world_id}/events",
                  params={"after": 10**9, "wait": 60}, timeout=70)
    except httpx.HTTPError:
        pass  # the server was killed under it


def _until_held(seller_url: str, count: int) -> None:
    """Ask the workers (either may answer) until one holds `count` waits (each ask a request)."""
    for _ in range(10_000):
        with httpx.Client() as http:
            if http.get(f"{seller_url}/healthz").json()["held_waits"] >= count:
                return
    raise AssertionError("no worker held a wait")
