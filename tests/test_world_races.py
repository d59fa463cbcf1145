"""Worlds and clocks under concurrency: deletes remove every row, clock moves take turns, racing
creators and deleters get one success and clean refusals (SQLite and PostgreSQL, threads and
processes)."""

from __future__ import annotations

import secrets
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import func, select, text
from support import serve_process, suite_database_url

from sandbox.client import Sandbox
from sandbox.kernel import jobs
from sandbox.kernel.clock import parse_instant
from sandbox.kernel.store import Base

MARK = "test.mark"


def _parallel(n, fn):
    barrier = threading.Barrier(n)

    def run(i):
        barrier.wait()
        return fn(i)

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(run, range(n)))


def _rows_of(runtime, world_id):
    with runtime.session() as session:
        return {t.name: n for t in Base.metadata.sorted_tables if "world_id" in t.c
                if (n := session.scalar(select(func.count()).select_from(t)
                                        .where(t.c.world_id == world_id)))}


def _mark_job(session, job, now):
    from sandbox.kernel.events import append_event

    append_event(session, job.world_id, now, "test.fired", job.subject, {})


@pytest.fixture
def marks(sandbox):
    """A job kind that only appends an event naming itself, to count firings."""
    sandbox.runtime.register_job(MARK, _mark_job)

    def schedule(world, offsets):
        runtime = sandbox.runtime
        with runtime.session() as session:
            now = runtime.now(session, world.id)
            for i, offset in enumerate(offsets):
                jobs.schedule(session, world.id, MARK, now + offset, f"job-{i}")
            session.commit()
    return schedule


def test_deleting_a_world_while_writers_add_shops_leaves_no_row_and_later_writes_are_404(
        sandbox):
    wid = f"race-{secrets.token_hex(4)}"  # an id chosen by the caller, re-used below
    sandbox.create_world("race", world_id=wid, frozen=True)
    statuses: list[int] = []
    enough = threading.Event()
    lock = threading.Lock()

    def writer(i):
        with httpx.Client(base_url=sandbox.url, timeout=30) as http:
            while True:
                resp = http.post(f"/_sandbox/v1/worlds/{wid}/shops", json={"name": f"Shop {i}"})
                code = resp.status_code
                if code not in (201, 404):
                    print("UNEXPECTED", code, resp.text)
                with lock:
                    statuses.append(code)
                    if statuses.count(201) >= 8:
                        enough.set()
                if code == 404:
                    return

    with ThreadPoolExecutor(max_workers=6) as pool:
        futures = [pool.submit(writer, i) for i in range(6)]
        enough.wait(60)
        deleted = httpx.delete(f"{sandbox.url}/_sandbox/v1/worlds/{wid}", timeout=30)
        for f in futures:
            f.result()
    assert deleted.status_code == 204
    assert set(statuses) == {201, 404}, statuses  # no 500, and every writer ended with a 404
    assert _rows_of(sandbox.runtime, wid) == {}

    again = sandbox.create_world("race again", world_id=wid, frozen=True)
    try:
        assert sandbox.control("GET", f"/worlds/{wid}/shops")["shops"] == []
        fresh = [e["seq"] for e in again.events()]
        assert fresh == list(range(1, len(fresh) + 1))  # a new world's log, nothing inherited
        again.create_shop(name="After")  # its event sequence starts afresh: no collision
        assert [e["seq"] for e in again.events()] == list(range(1, len(fresh) + 2))
    finally:
        again.delete()


def test_ten_parallel_advances_add_up_and_fire_every_job_once_each_reporting_its_own(
        sandbox, marks):
    world = sandbox.create_world("advances", frozen=True)
    try:
        start = parse_instant(world.clock.now())
        marks(world, [timedelta(hours=h, minutes=30) for h in range(60)])
        results = _parallel(10, lambda _i: world.clock.advance("PT6H"))
        assert parse_instant(world.clock.now()) == start + timedelta(hours=60)
        reported = [e["subject"] for r in results for e in r.fired]
        assert sorted(reported) == sorted(f"job-{i}" for i in range(60))  # each once, by one
        fired = world.events(type="test.fired")
        assert len(fired) == 60
        # Taking turns, each advance fired the 6 jobs of its own 6 hours, in time order.
        assert sorted(len(r.fired) for r in results) == [6] * 10
        instants = [parse_instant(e["at"]) for e in fired]
        assert instants == sorted(instants)
    finally:
        world.delete()


def test_twenty_parallel_creates_of_one_id_give_one_201_and_nineteen_409(sandbox):
    wid = f"dup-{secrets.token_hex(4)}"

    def create(_i):
        return httpx.post(f"{sandbox.url}/_sandbox/v1/worlds", json={"id": wid},
                          timeout=30).status_code

    try:
        codes = _parallel(20, create)
        assert sorted(codes) == [201] + [409] * 19
    finally:
        httpx.delete(f"{sandbox.url}/_sandbox/v1/worlds/{wid}", timeout=30)


def test_ten_parallel_deletes_of_one_world_give_one_204_and_nine_404(sandbox):
    world = sandbox.create_world("deleted ten times")
    world.create_shop(name="Acme")

    def delete(_i):
        return httpx.delete(f"{sandbox.url}/_sandbox/v1/worlds/{world.id}",
                            timeout=30).status_code

    assert sorted(_parallel(10, delete)) == [204] + [404] * 9
    assert _rows_of(sandbox.runtime, world.id) == {}


def test_a_move_that_fires_more_than_500_events_says_how_many_and_that_the_list_is_cut(
        sandbox, marks):
    world = sandbox.create_world("many", frozen=True)
    try:
        marks(world, [timedelta(seconds=i + 1) for i in range(520)])
        result = world.clock.advance("PT1H")
        moved = result.raw
        assert (result.fired_count, moved["jobs_fired"]) == (520, 520)
        assert result.fired_truncated is True and len(result.fired) == 500
        small = world.clock.advance("PT1H").raw
        assert (small["fired_count"], small["fired_truncated"], small["fired"]) == (0, False, [])
    finally:
        world.delete()


def test_writes_to_a_deleted_world_are_404_in_every_face(sandbox):
    world = sandbox.create_world("gone")
    world.delete()
    for path, body in (("shops", {"name": "x"}), ("clock", {"advance": 1}),
                       ("accounts", {"username": "x", "age": 30, "region": "US"})):
        resp = httpx.post(f"{sandbox.url}/_sandbox/v1/worlds/{world.id}/{path}", json=body)
        assert resp.status_code == 404 and resp.json()["error"]["code"] == "WORLD_NOT_FOUND"


@pytest.mark.slow
def test_advances_through_two_serve_processes_on_one_database_take_turns():
    db = suite_database_url()
    with serve_process(db, "--no-demo") as one, serve_process(db, "--no-demo") as two:
        sandbox = Sandbox(one.seller_url)
        world = sandbox.create_world("two-process clock", frozen=True)
        try:
            client = world.create_client(redirect_uris=["https://p.example/cb"],
                                         scopes="user.info.basic")
            tokens = [httpx.post(f"{one.app_url}/v2/oauth/get_qrcode/", data={
                "client_key": client["client_key"], "scope": "user.info.basic"}).json()["token"]
                for _ in range(10)]
            start = parse_instant(world.clock.now())

            def advance(i):
                base = (one if i % 2 else two).seller_url
                resp = httpx.post(f"{base}/_sandbox/v1/worlds/{world.id}/clock",
                                  json={"advance": "PT6H"}, timeout=60)
                return resp.status_code, resp.json()

            results = _parallel(10, advance)
            assert {status for status, _ in results} == {200}
            assert parse_instant(world.clock.now()) == start + timedelta(hours=60)
            reported = [e["subject"] for _, body in results for e in body["fired"]]
            assert sorted(reported) == sorted(tokens)  # every expiry fired once, reported once
            assert len(world.events(type="qr.expired")) == 10
        finally:
            world.delete()
            sandbox.close()


def test_the_world_lock_is_one_per_world_and_excludes_other_holders(sandbox):
    locks = sandbox.runtime.store.world_locks
    with locks.hold("w-a"):
        with locks.try_hold("w-a") as second, locks.try_hold("w-b") as other:
            assert (second, other) == (False, True)
    with locks.try_hold("w-a") as again:
        assert again is True
    if sandbox.runtime.store.dialect == "postgresql":  # released, not left to the connection
        with sandbox.runtime.session() as session:
            held = session.scalar(text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                                       " AND pid = pg_backend_pid()"))
            assert held == 0
