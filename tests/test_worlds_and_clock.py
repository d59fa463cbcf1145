"""Worlds isolate everything; each has its own clock; due jobs fire before `advance` returns."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from sandbox.client import SandboxAPIError
from sandbox.kernel import jobs
from sandbox.kernel.clock import parse_instant
from sandbox.kernel.models import Job
from sandbox.kernel.store import Base


def rows_of(runtime, world_id):
    """How many rows each table holds for this world (request-log rows waiting in their
    batch written first)."""
    runtime.request_log.flush()
    counts = {}
    with runtime.session() as session:
        for table in Base.metadata.sorted_tables:
            if "world_id" in table.c:
                n = len(session.execute(select(table).where(table.c.world_id == world_id)).all())
                if n:
                    counts[table.name] = n
    return counts


def populate(world):
    shop = world.create_shop(name="Acme")
    alice = world.create_account(username="alice", age=30)
    link = shop.seller.start_official_link()
    alice.app.scan(link.qr_url).authorize()
    link.wait_until("ready").confirm()


def test_world_create_returns_its_id_name_and_clock(sandbox):
    world = sandbox.create_world("named")
    try:
        assert world.name == "named" and world.id.startswith("w_")
        assert world.data["clock"]["frozen"] is False
        assert sandbox.world(world.id).id == world.id
    finally:
        world.delete()


def test_deleting_a_world_removes_its_rows_and_leaves_others_untouched(sandbox):
    keep, doomed = sandbox.create_world("keep"), sandbox.create_world("doomed")
    try:
        populate(keep)
        populate(doomed)
        runtime = sandbox.runtime
        kept_before = rows_of(runtime, keep.id)
        assert rows_of(runtime, doomed.id)
        doomed.delete()
        assert rows_of(runtime, doomed.id) == {}
        assert rows_of(runtime, keep.id) == kept_before
        with pytest.raises(SandboxAPIError) as err:
            sandbox.world(doomed.id)
        assert (err.value.status, err.value.code) == (404, "WORLD_NOT_FOUND")
    finally:
        keep.delete()


def test_same_usernames_live_apart_in_two_worlds(sandbox, world):
    other = sandbox.create_world("other", frozen=True)
    try:
        a = world.create_account(username="alice", age=30)
        b = other.create_account(username="alice", age=30)
        assert a.open_id != b.open_id
    finally:
        other.delete()


def test_a_frozen_clock_stands_still_and_advances_exactly(world):
    start = world.clock.now()
    assert world.clock.now() == start
    result = world.clock.advance("PT1H30M")
    assert parse_instant(result.now) - parse_instant(start) == timedelta(hours=1, minutes=30)
    result = world.clock.advance(30)
    assert parse_instant(result.now) - parse_instant(start) == timedelta(hours=1, minutes=30,
                                                                        seconds=30)
    assert world.clock.advance(days=15).frozen is True


def test_each_world_has_its_own_clock(sandbox, world):
    other = sandbox.create_world("other", frozen=True)
    try:
        before = other.clock.now()
        world.clock.advance(days=3)
        assert other.clock.now() == before
    finally:
        other.delete()


def test_a_real_time_clock_can_be_frozen_and_unfrozen(sandbox):
    world = sandbox.create_world("live")
    try:
        frozen = world.clock.freeze()
        assert frozen["frozen"] is True
        assert world.clock.now() == frozen["now"]
        assert world.clock.unfreeze()["frozen"] is False
    finally:
        world.delete()


def test_a_world_can_start_at_a_chosen_instant(sandbox):
    world = sandbox.create_world("dated", now="2026-01-01T00:00:00Z")
    try:
        assert world.clock.now() == "2026-01-01T00:00:00Z"
        assert world.clock.set("2026-03-01T12:00:00Z").now == "2026-03-01T12:00:00Z"
        with pytest.raises(SandboxAPIError) as err:
            world.clock.set("2025-12-31T00:00:00Z")
        assert err.value.code == "CLOCK_BACKWARDS"
    finally:
        world.delete()


def test_advance_fires_due_jobs_in_time_order_at_their_own_instants(sandbox, world, app_http):
    client = world.create_client(redirect_uris=["https://p.example/cb"], scopes="user.info.basic")
    tokens = []
    for _ in range(3):
        resp = app_http.post("/v2/oauth/get_qrcode/", data={"client_key": client["client_key"],
                                                            "scope": "user.info.basic"})
        tokens.append(resp.json()["token"])
        world.clock.advance(10)
    start = parse_instant(world.clock.now())
    result = world.clock.advance(minutes=10)
    assert [e["type"] for e in result.fired] == ["qr.expired"] * 3
    assert [e["subject"] for e in result.fired] == tokens
    instants = [parse_instant(e["at"]) for e in result.fired]
    assert instants == sorted(instants)
    # Each fired at its ticket's expiry (created + 120 s), not at the end of the advance.
    assert instants[0] == start - timedelta(seconds=30) + timedelta(seconds=120)
    assert instants[2] - instants[0] == timedelta(seconds=20)


def test_the_ticker_fires_due_jobs_of_real_time_worlds(sandbox):
    runtime = sandbox.runtime
    world = sandbox.create_world("ticking")
    try:
        with runtime.session() as session:
            now = runtime.now(session, world.id)
            jobs.schedule(session, world.id, "qr.expire", now - timedelta(seconds=1),
                          "no-such-ticket")
            session.commit()
        runtime.tick()
        with runtime.session() as session:
            pending = session.scalars(select(Job).where(Job.world_id == world.id,
                                                        Job.fired_at.is_(None))).all()
        assert pending == []
    finally:
        world.delete()


def test_events_filter_by_after_and_type(world):
    world.create_account(username="a1", age=30)
    world.create_account(username="a2", age=30)
    everything = world.events()
    seqs = [e["seq"] for e in everything]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    created = world.events(type="account.created")
    assert [e["data"]["username"] for e in created] == ["a1", "a2"]
    assert world.events(after=created[0]["seq"], type="account.") == created[1:]


def test_events_wait_returns_what_arrives_while_it_waits(world):
    last = world.events()[-1]["seq"]
    result = {}

    def waiter():
        result["events"] = world.events(after=last, type="account.created", wait=30)

    thread = threading.Thread(target=waiter)
    thread.start()
    world.create_account(username="late", age=30)
    thread.join(timeout=30)
    assert [e["data"]["username"] for e in result["events"]] == ["late"]


def test_world_rows_are_scoped_so_a_seller_token_only_sees_its_world(sandbox, world):
    other = sandbox.create_world("other", frozen=True)
    try:
        shop = other.create_shop(name="Elsewhere")
        with pytest.raises(SandboxAPIError) as err:
            world.sandbox.control("GET", f"/worlds/{world.id}/shops/{shop.id}")
        assert err.value.code == "SHOP_NOT_FOUND"
    finally:
        other.delete()
