"""`tiktok-sandbox serve` as a real process: the DESIGN §7 story over real HTTP, and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import httpx
import pytest
from support import serve_process, suite_database_url

from sandbox.client import Sandbox


@pytest.fixture(scope="module")
def served():
    """Seller Center reaches the fake app over a real socket (--transport http)."""
    with serve_process(suite_database_url(), "--transport", "http") as proc:
        yield proc


def cli(served, *args):
    out = subprocess.run([sys.executable, "-m", "sandbox.cli", *args[:1], "--url",
                          served.seller_url, *args[1:]], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_the_story_runs_against_a_running_serve_over_real_http(served):
    with Sandbox(served.seller_url) as sandbox:
        world = sandbox.create_world()
        try:
            shop = world.create_shop(name="Acme Official", market="US")
            alice = world.create_account(username="alice", age=27, region="US")
            link = shop.seller.start_official_link()
            alice.app.scan(link.qr_url).authorize()
            link.wait_until("ready").confirm()
            result = world.clock.advance(hours=24)
            assert link.status == "linked"
            assert result.now > world.data["clock"]["now"]
            assert [lk["open_id"] for lk in shop.links()] == [alice.open_id]
        finally:
            world.delete()


def test_serve_seeds_a_demo_world_with_a_persona_per_refusal(served):
    with Sandbox(served.seller_url) as sandbox:
        demo = sandbox.world("demo")
        usernames = {login["username"] for login in demo.data["logins"]["app"]}
        assert {"alice", "teen_tom", "uk_ursula", "flagged_fred", "revoked_rita", "linked_lena",
                "pending_paul"} <= usernames
        assert demo.data["logins"]["seller"][0]["email"] == "seller@acme.test"


def test_both_services_answer_their_landing_pages(served):
    assert httpx.get(served.seller_url + "/").status_code == 200
    assert httpx.get(served.app_url + "/phone/login").status_code == 200
    assert httpx.get(served.seller_url + "/openapi.json").json()["openapi"].startswith("3.")


def test_cli_manages_worlds_and_clocks(served):
    created = json.loads(cli(served, "world", "create", "--name", "from-cli", "--frozen"))
    world_id = created["id"]
    assert created["clock"]["frozen"] is True
    listed = json.loads(cli(served, "world", "list"))
    assert world_id in {w["id"] for w in listed}
    before = json.loads(cli(served, "clock", "show", world_id))["now"]
    advanced = json.loads(cli(served, "clock", "advance", world_id, "PT24H"))
    assert advanced["now"] > before and advanced["fired"] == []
    assert json.loads(cli(served, "clock", "freeze", world_id, "--off"))["frozen"] is False
    assert cli(served, "world", "delete", world_id).strip() == f"deleted {world_id}"
    assert world_id not in {w["id"] for w in json.loads(cli(served, "world", "list"))}


def test_cli_reports_api_errors_without_a_traceback(served):
    out = subprocess.run([sys.executable, "-m", "sandbox.cli", "clock", "--url",
                          served.seller_url, "show", "no-such-world"], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 1
    assert "WORLD_NOT_FOUND" in out.stderr and "Traceback" not in out.stderr


def test_the_services_run_apart_on_one_database_and_advance_fires_the_apps_jobs():
    """DESIGN §1: each service can be served alone against the same database; Seller Center
    then reaches the app over a real socket, and `advance` still fires the app's jobs."""
    db = suite_database_url()
    with serve_process(db, "--only", "app", "--no-demo") as app_proc:
        with serve_process(db, "--only", "seller", "--app-url", app_proc.app_url,
                           "--no-demo") as seller_proc, Sandbox(seller_proc.seller_url) as sandbox:
            world = sandbox.create_world("apart", frozen=True)
            try:
                shop = world.create_shop(name="Acme Official")
                alice = world.create_account(username="alice", age=27)
                assert sandbox.app_url == app_proc.app_url
                link = shop.seller.start_official_link()
                assert link.qr_url.startswith(app_proc.app_url)
                alice.app.scan(link.qr_url).authorize()
                assert link.wait_until("ready").confirm().status == "linked"
                expiring = world.create_shop(name="Second").seller.start_official_link()
                fired = world.clock.advance(minutes=2).fired
                assert "qr.expired" in [e["type"] for e in fired]
                assert expiring.refresh().status == "expired"
            finally:
                world.delete()
