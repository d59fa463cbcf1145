"""Fork and snapshot worlds (issue 14, item 1): isolation both ways, keys that never work in two
worlds, snapshot → load round trips, and bad bundles refused with nothing written."""

from __future__ import annotations

import copy
import json

import pytest
from shop_support import REDIRECT, authorize, signed, token_get
from sqlalchemy import func, select

from sandbox.client import SandboxAPIError
from sandbox.snapshots import copying

SHOPS = "/authorization/202309/shops"


def _counts(sandbox, world_id: str) -> dict[str, int]:
    sandbox.runtime.request_log.flush()  # request-log rows still waiting in their batch
    with sandbox.runtime.session() as session:
        return {t.name: session.scalar(select(func.count()).select_from(t).where(
            t.c.world_id == world_id)) for t in copying.world_tables()}


def _total_rows(sandbox, world_id: str | None = None) -> int:
    sandbox.runtime.request_log.flush()
    with sandbox.runtime.session() as session:
        return sum(session.scalar(select(func.count()).select_from(t).where(
            *([t.c.world_id == world_id] if world_id else [])))
            for t in copying.world_tables())


def _mapped(value, keys: dict[str, str]):
    """`value` with every old key replaced by its new one (exact, and inside longer strings)."""
    if isinstance(value, dict):
        return {_mapped(k, keys): _mapped(v, keys) for k, v in value.items()}
    if isinstance(value, list):
        return [_mapped(v, keys) for v in value]
    if isinstance(value, str):
        if value in keys:
            return keys[value]
        for old in sorted((k for k in keys if len(k) >= copying.SUBSTRING_MIN), key=len,
                          reverse=True):
            value = value.replace(old, keys[old])
    return value


def _same_rows(source: dict, copied: dict, keys: dict[str, str]) -> None:
    """Bundles equal modulo the world id and re-issued keys (the copy's last event is its
    world.forked / world.loaded, the only row it adds)."""
    src, dst = _mapped(source["tables"], keys), copy.deepcopy(copied["tables"])
    src = json.loads(json.dumps(src).replace(json.dumps(source["world"]["id"]),
                                             json.dumps(copied["world"]["id"])))
    last = dst["events"].pop()
    assert last["type"] in ("world.forked", "world.loaded")
    assert set(src) == set(dst) == {t.name for t in copying.world_tables()}
    for name in src:  # rows in key order, and the keys are new: compare as sorted lists
        assert sorted(map(json.dumps, src[name])) == sorted(map(json.dumps, dst[name])), name
    assert copied["world"]["event_seq"] == source["world"]["event_seq"] + 1
    assert copied["world"]["settings"] == _mapped(source["world"]["settings"], keys)


@pytest.fixture
def busy(sandbox, world, control_http):
    """A world with rows in many tables: the demo cast's shape, a shop app authorized with
    tokens (lifecycle jobs), an account and an SMS."""
    shop = world.create_shop(name="Acme Official", market="US", phone="+12025550100")
    world.create_account(username="alice", age=27, region="US", phone="+12025550101")
    world.create_client(kind="login_kit", name="Login app", redirect_uris=[REDIRECT])
    app = world.create_client(kind="shop_app", name="Acme ERP", redirect_url=REDIRECT)
    body = token_get(control_http, app, authorize(shop, app)["code"]).json()
    assert body["code"] == 0, body
    return {"shop": shop, "app": app, "token": body["data"]["access_token"]}


def test_fork_copies_every_world_scoped_row_of_both_apps(sandbox, world, busy):
    before = _counts(sandbox, world.id)
    fork = sandbox.fork_world(world)
    after = _counts(sandbox, fork.id)
    assert after == {**before, "events": before["events"] + 1}
    # the copy is generic: every table with a world_id, of the kernel and of both apps
    assert {"sc_shops", "tt_accounts", "oa_tokens", "jobs", "events"} <= {
        name for name, n in before.items() if n}
    _same_rows(sandbox.snapshot(world), sandbox.snapshot(fork), fork.keys)
    assert fork.clock.now() == world.clock.now() and fork.clock.get()["frozen"]


def test_every_integer_reference_is_declared(sandbox):
    """A column ending in _id that holds another table's integer id must say which table
    (a foreign key or info refers_to), or a fork would point it at the source's row."""
    for table in copying.world_tables():
        for col in table.c:
            if (col.name.endswith("_id") and str(col.type) == "INTEGER"
                    and not col.primary_key and not col.foreign_keys):
                assert "refers_to" in col.info, f"{table.name}.{col.name}"


def test_a_write_in_the_fork_is_invisible_in_the_source_and_back(sandbox, world, busy):
    alice = next(a for a in world.sandbox.control("GET", f"/worlds/{world.id}/accounts")[
        "accounts"] if a["username"] == "alice")
    fork = sandbox.fork_world(world)
    forked_alice = fork.account(fork.keys[alice["open_id"]])
    forked_alice.update(nickname="Fork Alice")
    assert world.account(alice["open_id"]).refresh()["nickname"] != "Fork Alice"
    world.account(alice["open_id"]).update(followers=99)
    assert forked_alice.refresh()["followers"] != 99
    fork.create_shop(name="Only In Fork")
    assert "Only In Fork" not in [s["name"] for s in sandbox.control(
        "GET", f"/worlds/{world.id}/shops")["shops"]]
    with pytest.raises(SandboxAPIError) as exc:  # the source's open_id is unknown in the fork
        fork.account(alice["open_id"])
    assert exc.value.code == "ACCOUNT_NOT_FOUND"


def test_keys_of_the_source_fail_in_the_fork_and_back(sandbox, world, control_http, busy):
    app, token = busy["app"], busy["token"]
    fork = sandbox.fork_world(world)
    keys = fork.keys
    forked = {**app, "app_key": keys[app["app_key"]], "app_secret": keys[app["app_secret"]]}
    assert forked["app_key"] != app["app_key"] and forked["app_secret"] != app["app_secret"]
    mine = signed(control_http, fork, forked, SHOPS, keys[token]).json()
    assert mine["code"] == 0 and mine["data"]["shops"][0]["id"] == keys[busy["shop"].id]
    theirs = signed(control_http, world, app, SHOPS, token).json()
    assert theirs["code"] == 0 and theirs["data"]["shops"][0]["id"] == busy["shop"].id
    for caller, tok in ((forked, token), (app, keys[token]),
                        ({**forked, "app_secret": app["app_secret"]}, keys[token]),
                        ({**app, "app_secret": forked["app_secret"]}, token)):
        assert signed(control_http, world, caller, SHOPS, tok).json()["code"] != 0
    # no key or secret of the source appears anywhere in the fork's rows
    text = json.dumps(sandbox.snapshot(fork))
    assert not [old for old in keys if len(old) >= 8 and old in text]


def test_fork_jobs_fire_on_the_forks_clock_only(sandbox, world, busy):
    """The shop authorization's 365-day lifecycle jobs were copied with their subjects
    pointing at the fork's authorization (integer ids remapped)."""
    fork = sandbox.fork_world(world)
    fork.clock.advance(days=366)
    expired = fork.events(type="shop_app.authorization_expired")
    assert [e["subject"] for e in expired] == [fork.keys[busy["app"]["app_key"]]]
    assert world.events(type="shop_app.authorization_expired") == []


def test_snapshot_load_round_trip_is_equal(sandbox, world, busy):
    bundle = sandbox.snapshot(world)
    assert bundle["format_version"] == 1 and bundle["world"]["id"] == world.id
    loaded = sandbox.load_snapshot(json.loads(json.dumps(bundle)), name="Loaded")
    assert loaded.name == "Loaded" and loaded.id != world.id
    _same_rows(bundle, sandbox.snapshot(loaded), loaded.keys)
    assert loaded.clock.now() == world.clock.now()
    # loading the same bundle twice gives two worlds with keys of their own
    again = sandbox.load_snapshot(bundle)
    assert set(again.keys.values()).isdisjoint(loaded.keys.values())


def _refused(control_http, body) -> dict:
    resp = control_http.post("/_sandbox/v1/worlds", json=body)
    assert resp.status_code == 400, resp.text
    return resp.json()["error"]


def test_bad_bundles_are_refused_and_write_nothing(sandbox, world, control_http, busy):
    good = sandbox.snapshot(world)
    bad_version = {**good, "format_version": 99}
    unknown_table = {**good, "tables": {**good["tables"], "nope": []}}
    unknown_column = copy.deepcopy(good)
    unknown_column["tables"]["sc_shops"][0]["colour"] = "red"
    bad_type = copy.deepcopy(good)
    bad_type["tables"]["tt_accounts"][0]["followers"] = "many"
    duplicate = copy.deepcopy(good)  # the last row breaks a unique key, after others went in
    duplicate["tables"]["tt_accounts"].append(duplicate["tables"]["tt_accounts"][0])
    for bundle, code in ((bad_version, "SNAPSHOT_VERSION_UNSUPPORTED"),
                         (unknown_table, "SNAPSHOT_UNKNOWN_TABLE"),
                         (unknown_column, "SNAPSHOT_UNKNOWN_COLUMN"),
                         (bad_type, "SNAPSHOT_INVALID"), (duplicate, "SNAPSHOT_INVALID"),
                         ({"format_version": 1}, "SNAPSHOT_INVALID"), ([], "SNAPSHOT_INVALID")):
        assert _refused(control_http, {"snapshot": bundle, "id": "never-made"})["code"] == code
    # Nothing of the refused loads exists (counted by the world they named, so other tests
    # writing to a shared database meanwhile do not matter).
    assert control_http.get("/_sandbox/v1/worlds/never-made").status_code == 404
    assert _total_rows(sandbox, "never-made") == 0


def test_fork_refusals(sandbox, world, control_http):
    assert control_http.post("/_sandbox/v1/worlds", json={"from_world": "no-such"}
                             ).status_code == 404
    for body in ({"from_world": world.id, "seed": "demo"},
                 {"from_world": world.id, "snapshot": {}}):
        assert _refused(control_http, body)["code"] == "WORLD_SOURCE_AMBIGUOUS"
    assert _refused(control_http, {"from_world": world.id, "id": "Bad Id"})["code"] == \
        "INVALID_WORLD_ID"
    fork = sandbox.fork_world(world, world_id=f"{world.id}-copy")
    assert fork.id == f"{world.id}-copy"
    resp = control_http.post("/_sandbox/v1/worlds", json={"from_world": world.id, "id": fork.id})
    assert resp.status_code == 409 and resp.json()["error"]["code"] == "WORLD_EXISTS"


def test_demo_world_forks(sandbox):
    demo = sandbox.create_world("Demo copy source", seed="demo")
    fork = demo.fork()
    counts = _counts(sandbox, demo.id)
    assert _counts(sandbox, fork.id) == {**counts, "events": counts["events"] + 1}
    logins = sandbox.world(fork.id).data["logins"]
    assert logins == sandbox.world(demo.id).data["logins"]  # same people, same passwords


def test_cli_world_fork_snapshot_and_load(sandbox, world, tmp_path, capsys):
    from sandbox.cli import main

    assert main(["world", "--url", sandbox.url, "fork", world.id]) == 0
    forked = json.loads(capsys.readouterr().out)
    assert forked["from_world"] == world.id
    out = tmp_path / "bundle.json"
    assert main(["world", "--url", sandbox.url, "snapshot", world.id, "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["world", "--url", sandbox.url, "load", str(out), "--name", "From file"]) == 0
    assert json.loads(capsys.readouterr().out)["name"] == "From file"


def test_a_bundle_without_its_world_id_still_loads_equal(sandbox, world, busy):
    bundle = sandbox.snapshot(world)
    anonymous = {**bundle, "world": {k: v for k, v in bundle["world"].items() if k != "id"}}
    loaded = sandbox.load_snapshot(anonymous)
    copied = sandbox.snapshot(loaded)
    assert {k: len(v) for k, v in copied["tables"].items()} == {
        k: len(v) + (k == "events") for k, v in bundle["tables"].items()}
    blanks = [e for e in bundle["tables"]["events"] if e["subject"] == ""]
    assert len(blanks) == len([e for e in copied["tables"]["events"] if e["subject"] == ""])
