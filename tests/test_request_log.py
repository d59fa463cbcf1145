"""The request log (sandbox extension, issue 14): every request to a world's faces, with its
log id, face, method, path, status, error code and rule, and the fault that answered it."""

from __future__ import annotations

import threading

import pytest
from shop_support import signed, tokens

from sandbox.client import SandboxAPIError

SHOPS = "/authorization/202309/shops"


def test_D1_refusal_is_logged_with_its_code_and_rule(world):
    shop = world.create_shop(name="Acme")
    with pytest.raises(SandboxAPIError):
        shop.seller.start_official_link(agreed=False)
    [row] = world.requests(status=422)
    assert row["face"] == "actor" and row["method"] == "POST"
    assert row["path"].startswith("/api/v1/") and row["status"] == 422
    assert (row["code"], row["rule"]) == ("AGREEMENT_REQUIRED", "D1")
    assert len(row["log_id"]) == 34 and row["request_id"] == row["log_id"]
    assert row["fault_id"] is None


def test_control_plane_requests_are_logged_but_not_the_log_itself(world):
    world.create_account(username="alice")
    world.requests()
    paths = [(r["face"], r["method"], r["path"]) for r in world.requests()]
    assert ("control", "POST", f"/_sandbox/v1/worlds/{world.id}/accounts") in paths
    assert not any(p.endswith("/requests") for _, _, p in paths)


def test_open_api_refusal_answered_with_http_200_is_an_error_row(world, control_http):
    app = world.create_client(kind="shop_app", name="ERP", redirect_uris=["https://erp.x/"])
    shop = world.create_shop(name="Acme", market="US")
    data = tokens(control_http, shop, app)
    bad = signed(control_http, world, app, SHOPS, data["access_token"], sign="0" * 64)
    [row] = world.requests(status=bad.status_code, after=0)[-1:]
    assert row["face"] == "open_api" and row["code"] == "TTS_106001"
    assert row["log_id"] == bad.json()["request_id"] and row["key"] == app["app_key"]
    errors = world.requests(status="error")
    assert errors and all(r["code"] for r in errors)
    assert [r["seq"] for r in world.requests(status="2xx")] == sorted(
        r["seq"] for r in world.requests(status="2xx"))


def test_a_login_kit_call_with_only_an_access_token_names_its_client(sandbox, world,
                                                                      app_http):
    """The readiness check tells apps apart by the key in each row: a call that presents
    only `Authorization: Bearer act.…` names the client the token was issued to."""
    client = world.create_client(name="My app", redirect_uris=["https://app.example/cb"],
                                 scopes="user.info.basic")
    alice = world.create_account(username="alice", age=30)
    url = (f"{sandbox.app_url}/v2/auth/authorize/?client_key={client['client_key']}"
           "&response_type=code&scope=user.info.basic&redirect_uri=https://app.example/cb")
    code = alice.app.approve(url).split("code=")[1].split("&")[0]
    token = app_http.post("/v2/oauth/token/", data={
        "client_key": client["client_key"], "client_secret": client["client_secret"],
        "code": code, "grant_type": "authorization_code",
        "redirect_uri": "https://app.example/cb"}).json()["access_token"]
    after = world.requests()[-1]["seq"]
    assert app_http.get("/v2/user/info/", params={"fields": "open_id"},
                        headers={"Authorization": f"Bearer {token}"}).status_code == 200
    [row] = [r for r in world.requests(after=after) if r["path"] == "/v2/user/info/"]
    assert row["key"] == client["client_key"]


def test_a_faulted_request_names_its_fault(world, control_http):
    app = world.create_client(kind="shop_app", name="ERP", redirect_uris=["https://erp.x/"])
    fault = world.faults.add({"app_key": app["app_key"]}, tiktok_error=36009002)
    resp = control_http.get("/api/v2/token/get", params={"app_key": app["app_key"]})
    assert resp.status_code == 429
    [row] = world.requests(status=429)
    assert row["fault_id"] == fault["id"] and row["code"] == "TTS_36009002"


def test_rows_are_world_scoped_and_go_with_their_world(sandbox, world):
    other = sandbox.create_world()
    other.create_account(username="bob")
    assert all(f"/worlds/{other.id}/" not in r["path"] for r in world.requests())
    assert other.requests()
    runtime = sandbox.runtime
    other.delete()
    from sqlalchemy import func, select

    from sandbox.kernel.request_log import RequestLogEntry

    runtime.request_log.flush()  # rows of the deleted world still waiting: dropped, not written
    with runtime.session() as session:
        left = session.scalar(select(func.count()).select_from(RequestLogEntry)
                              .where(RequestLogEntry.world_id == other.id))
    assert left == 0


def test_wait_long_polls_for_the_next_request(world):
    last = max([r["seq"] for r in world.requests()], default=0)
    got: list = []
    poll = threading.Thread(target=lambda: got.extend(world.requests(after=last, wait=10)))
    poll.start()
    world.create_account(username="carol")
    poll.join(timeout=20)
    assert got and got[0]["path"].endswith("/accounts")


@pytest.mark.parametrize("query", ["status=abc", "status=6xx", "after=-1", "wait=x"])
def test_bad_filters_are_400s(world, control_http, query):
    resp = control_http.get(f"/_sandbox/v1/worlds/{world.id}/requests?{query}")
    assert resp.status_code == 400 and resp.json()["error"]["code"] == "INVALID_PARAMETER"


def test_unknown_world_is_a_404(control_http):
    resp = control_http.get("/_sandbox/v1/worlds/nope/requests")
    assert resp.status_code == 404 and resp.json()["error"]["code"] == "WORLD_NOT_FOUND"


def _row(world_id: str, path: str) -> dict:
    from datetime import datetime

    return {"world_id": world_id, "log_id": "x" * 34, "at": datetime(2026, 1, 1), "face": "actor",
            "method": "GET", "path": path, "status": 200, "code": None, "rule": None,
            "fault_id": None, "key": None, "message": None, "details": None}


def _paths(runtime, world_id: str) -> list[str]:
    from sqlalchemy import select

    from sandbox.kernel.request_log import RequestLogEntry

    with runtime.session() as session:
        return list(session.scalars(select(RequestLogEntry.path).where(
            RequestLogEntry.world_id == world_id).order_by(RequestLogEntry.id)))


def test_a_batch_with_rows_of_a_deleted_world_keeps_the_other_worlds_rows(sandbox):
    runtime = sandbox.runtime
    keep, doomed = sandbox.create_world(), sandbox.create_world()
    runtime.request_log.flush()
    doomed.delete()
    for i in range(3):  # interleaved, as requests of two worlds arrive
        runtime.request_log.add(_row(keep.id, f"/keep/{i}"))
        runtime.request_log.add(_row(doomed.id, f"/doomed/{i}"))
    assert runtime.request_log.flush() == 3
    assert _paths(runtime, keep.id)[-3:] == ["/keep/0", "/keep/1", "/keep/2"]
    assert _paths(runtime, doomed.id) == []


def test_rows_reach_the_database_without_a_read_in_arrival_order(sandbox):
    """The writer's thread writes a batch `request_log_flush_seconds` after its first row, so
    readers in other processes (other workers) see it without this process reading the log."""
    runtime, world = sandbox.runtime, sandbox.create_world()
    for i in range(5):
        runtime.request_log.add(_row(world.id, f"/p/{i}"))
    # Woken by the batch's commit in this process (it names the world); bounded by `wait`,
    # never a timing assertion.
    runtime.poll(world.id, lambda _s: [1] if "/p/4" in _paths(runtime, world.id) else [], 20)
    assert _paths(runtime, world.id)[-5:] == [f"/p/{i}" for i in range(5)]


def test_closing_the_runtime_writes_what_waits():
    from sandbox.diagnostics.faults import DIAGNOSTIC_TABLES
    from sandbox.kernel.runtime import Runtime
    from sandbox.kernel.settings import Settings
    from sandbox.kernel.tables import KERNEL_TABLES
    from sandbox.kernel.worlds import create_world

    runtime = Runtime(Settings(db="memory", request_log_flush_seconds=3600))
    runtime.store.create_tables(KERNEL_TABLES + DIAGNOSTIC_TABLES)
    world = create_world(runtime, "w")
    runtime.request_log.add(_row(world.id, "/last"))
    runtime.request_log.close()  # as Runtime.close does, before the store goes
    assert _paths(runtime, world.id) == ["/last"]
    runtime.close()


def test_a_world_recreated_with_its_id_never_inherits_the_deleted_worlds_rows(sandbox):
    """Rows still waiting in the batch are written before the world goes, so they go with it."""
    world = sandbox.create_world(world_id="w_reborn_log")
    world.create_account(username="alice")  # logged, and waiting in the batch
    world.delete()
    reborn = sandbox.create_world(world_id="w_reborn_log")
    assert not any("/accounts" in r["path"] for r in reborn.requests())


def test_a_batch_the_database_refuses_waits_for_the_next_try():
    """A refusal that is not a deleted world's (here: the table is not there yet) keeps the rows
    for the next batch instead of dropping them."""
    from sandbox.kernel.request_log import RequestLogEntry, RequestLogWriter
    from sandbox.kernel.store import Store, resolve_db_url

    store = Store(resolve_db_url("memory", ".tiktok-sandbox"))
    writer = RequestLogWriter(store.sessions, interval=3600)
    from sandbox.kernel.models import World

    with store.sessions() as session:  # the writer's rows name a world: make one, no log table
        store.create_tables([World])
        session.add(World(id="w_retry", name="r", created_at=_row("w", "/")["at"],
                          clock_offset_s=0, event_seq=0, settings={}))
        session.commit()
    writer.add(_row("w_retry", "/first"))
    assert writer.flush() == 0  # no request_log table: kept, not dropped
    store.create_tables([RequestLogEntry])
    writer.add(_row("w_retry", "/second"))
    assert writer.flush() == 2
    writer.close()
    with store.sessions() as session:
        from sqlalchemy import select

        assert list(session.scalars(select(RequestLogEntry.path).order_by(
            RequestLogEntry.id))) == ["/first", "/second"]
    store.dispose()
