"""A served sandbox nothing can starve or swell: 200 held long polls leave `/healthz` and a whole
link flow answering (waits beyond `held_waits_max` answer at once, declined, and the client asks
again); a body over `max_request_bytes` is a 413 in each face's shape before it is read."""

from __future__ import annotations

import json
import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

import httpx
import pytest
from support import serve_process, suite_database_url, wait_for

from sandbox.client import Sandbox

POLLS = 200
HELD_MAX = 150  # below POLLS, so the test sees both held and declined waits


@pytest.fixture(scope="module")
def served():
    with serve_process(suite_database_url(), "--no-demo", "--set",
                       f"held_waits_max={HELD_MAX}") as server:
        yield server


def test_200_held_long_polls_leave_healthz_and_a_link_flow_answering(served):
    sandbox = Sandbox(served.seller_url)
    waited, busy = sandbox.create_world("polled"), sandbox.create_world("busy")
    after = max([e["seq"] for e in waited.events()] or [0])
    url = f"{served.seller_url}/_sandbox/v1/worlds/{waited.id}/events"
    answers: list[httpx.Response] = []
    lock = threading.Lock()

    def poll(_i: int) -> None:
        with httpx.Client(timeout=120) as http:
            resp = http.get(url, params={"after": after, "wait": 60})
        with lock:
            answers.append(resp)

    def declined() -> int:
        with lock:
            return sum(1 for r in answers if r.headers.get("X-Sandbox-Wait") == "declined")

    pool = ThreadPoolExecutor(max_workers=POLLS)
    try:
        futures = [pool.submit(poll, i) for i in range(POLLS)]
        health = httpx.Client(timeout=10)
        wait_for(lambda: health.get(f"{served.seller_url}/healthz").json()["held_waits"] == HELD_MAX,
               f"{HELD_MAX} held waits")
        wait_for(lambda: declined() == POLLS - HELD_MAX, "the waits beyond the ceiling declined")
        assert health.get(f"{served.seller_url}/healthz").json()["ok"] is True

        # A whole link flow through both services while the polls are held.
        shop = busy.create_shop(name="Acme Official", market="US")
        alice = busy.create_account(username="alice", age=27, region="US")
        link = shop.seller.start_official_link()
        alice.app.scan(link.qr_url).authorize()
        assert link.wait_until("ready").confirm().status == "linked"

        waited.create_account(username="wakes_them", age=30, region="US")  # an event: they answer
        for future in futures:
            future.result(timeout=60)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    assert len(answers) == POLLS and all(r.status_code == 200 for r in answers)
    held = [r for r in answers if r.headers.get("X-Sandbox-Wait") != "declined"]
    assert len(held) == HELD_MAX and all(r.json()["events"] for r in held)
    assert all(r.json()["events"] == [] and r.headers["Retry-After"] == "1"
               for r in answers if r not in held)
    waited.delete()
    busy.delete()
    sandbox.close()


def test_the_clients_waits_ask_again_when_the_sandbox_declines_to_hold_them():
    with serve_process(suite_database_url(), "--no-demo", "--set", "held_waits_max=0") as server:
        sandbox = Sandbox(server.seller_url)
        world = sandbox.create_world("declines")
        after = max([e["seq"] for e in world.events()] or [0])
        raw = httpx.get(f"{server.seller_url}/_sandbox/v1/worlds/{world.id}/events",
                        params={"after": after, "wait": 30})
        assert (raw.headers["X-Sandbox-Wait"], raw.json()["events"]) == ("declined", [])
        found: list = []
        declined = threading.Event()
        sandbox._pool.event_hooks["response"].append(
            lambda resp: declined.set() if resp.headers.get("X-Sandbox-Wait") else None)
        waiter = threading.Thread(target=lambda: found.extend(world.events(after=after, wait=30)))
        waiter.start()
        assert declined.wait(30)  # the client was declined once: what follows is its retry
        world.create_account(username="late", age=30, region="US")
        waiter.join(timeout=60)
        assert [e["type"] for e in found][:1] == ["account.created"]
        world.delete()
        sandbox.close()


def _raw(url: str, request: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send `request` on a socket and read the answer (the body is never sent)."""
    parts = urlparse(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=15) as sock:
        sock.sendall(request)
        data = b""
        while b"\r\n\r\n" not in data or len(data.split(b"\r\n\r\n", 1)[1]) < _length(data):
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), headers, body


def _length(data: bytes) -> int:
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").lower()
    for line in head.split("\r\n"):
        if line.startswith("content-length:"):
            return int(line.split(":")[1])
    return 0


TOO_LARGE = 64 * 1024 * 1024


@pytest.mark.parametrize(("service", "path", "shape"), [
    ("seller", "/_sandbox/v1/worlds", "sandbox"),                        # control plane
    ("seller", "/api/v1/seller/login", "sandbox"),                       # actor API
    ("seller", "/api/v2/token/get", "tiktok"),                           # Open API host
    ("seller", "/seller/login", "html"),                                 # pages
    ("app", "/v2/oauth/get_qrcode/", "login_kit"),                       # Login Kit
    ("app", "/v2/oauth/token/", "login_kit"),
])
def test_a_body_over_the_limit_is_a_413_in_the_faces_shape_before_it_is_read(
        served, service, path, shape):
    base = served.seller_url if service == "seller" else served.app_url
    host = urlparse(base).netloc
    head = (f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {TOO_LARGE}\r\n\r\n").encode()
    status, headers, body = _raw(base, head)  # answered though not one byte of body was sent
    text = body.decode()
    if shape == "html":
        assert status == 413 and "text/html" in headers["Content-Type"]
    elif shape == "sandbox":
        assert (status, json.loads(text)["error"]["code"]) == (413, "REQUEST_ENTITY_TOO_LARGE")
        assert "max_request_bytes" in json.loads(text)["error"]["message"]
    else:
        assert "application/json" in headers["Content-Type"], text
        assert "max_request_bytes" in text or "too large" in text.lower(), text


def test_a_body_at_the_limit_is_read_and_a_chunked_one_over_it_refused(served):
    url = f"{served.seller_url}/_sandbox/v1/worlds"
    at_limit = b'{"name": "' + b"x" * (1024 * 1024 - 12) + b'"}'
    assert len(at_limit) == 1024 * 1024
    resp = httpx.post(url, content=at_limit, headers={"Content-Type": "application/json"})
    assert resp.status_code == 400  # read and validated: the name is too long, not the body

    def chunks():
        for _ in range(40):
            yield b" " * 65536

    resp = httpx.post(url, content=chunks(), headers={"Content-Type": "application/json"})
    assert resp.status_code == 413


def test_rss_does_not_grow_with_refused_bodies(served):
    def rss_kib() -> int:
        with open(f"/proc/{served.process.pid}/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))

    base = served.seller_url
    host = urlparse(base).netloc
    head = (f"POST /_sandbox/v1/worlds HTTP/1.1\r\nHost: {host}\r\nContent-Type: "
            f"application/json\r\nContent-Length: {TOO_LARGE}\r\n\r\n").encode()
    _raw(base, head)
    before = rss_kib()
    for _ in range(5):
        assert _raw(base, head + b"x" * 65536)[0] == 413
    assert rss_kib() - before < 16 * 1024  # 5 x 64 MB bodies would add 320 MB


def test_an_absurd_query_string_is_refused_by_the_server(served):
    host = urlparse(served.seller_url).netloc
    request = f"GET /healthz?q={'x' * 100_000} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
    assert _raw(served.seller_url, request)[0] == 431  # max_header_bytes: line + headers
    assert httpx.get(f"{served.seller_url}/healthz", params={"q": "x" * 8000}).status_code == 200
