"""The world-clock widget on every page, its presenter controls, and the demo that never runs out."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import datetime
from urllib.parse import urlsplit

import httpx
import pytest
from support import browser_seller, csrf_token, submit_form

from sandbox.presenter.world_clock import human_time


def attr(page: str, name: str) -> str | None:
    """An attribute of the widget's element, or None."""
    found = re.search(rf'id="world-clock"[^>]*\s{name}="([^"]*)"', page)
    return html.unescape(found.group(1)) if found else None


def shown_time(world) -> str:
    return human_time(datetime.fromisoformat(world.clock.now().replace("Z", "+00:00")))


@pytest.fixture
def seller_page(sandbox, world) -> Iterator[tuple[httpx.Client, object]]:
    shop = world.create_shop(name="Acme")
    creds = shop.data["seller"]
    with httpx.Client(base_url=sandbox.url, timeout=30) as http:
        browser_seller(http, world.id, creds["email"], creds["password"])
        yield http, shop


def test_human_time_reads_like_a_calendar():
    assert human_time(datetime.fromisoformat("2026-12-02T14:05:59+00:00")) == "2 Dec 2026 14:05 UTC"


def test_seller_center_pages_show_the_world_time_and_the_state_endpoint(seller_page, world):
    http, _shop = seller_page
    page = http.get("/seller/account/linked-accounts").text
    assert 'id="world-clock"' in page and shown_time(world) in page
    assert attr(page, "data-frozen") == "true" and 'id="world-clock-controls"' in page
    state = http.get(attr(page, "data-state-url")).json()
    assert state["world"] == world.id and state["frozen"] is True
    assert http.get("/world-clock").json()["now"] == state["now"]  # the caller's world
    assert http.get("/world-clock?world=no-such").status_code == 404
    # Operators also get the world's timeline (requests, events, webhooks, clock moves).
    timeline = re.search(r'id="world-clock-timeline" href="([^"]*)"', page).group(1)
    assert urlsplit(timeline).path == f"/worlds/{world.id}/timeline"
    assert http.get(urlsplit(timeline).path).status_code == 200


def test_an_operator_advance_from_the_page_moves_the_clock_and_lists_what_fired(seller_page, world):
    http, shop = seller_page
    shop.seller.create_organization_account()
    page = http.get("/seller/account/linked-accounts").text
    before = world.clock.now()
    moved = http.post(attr(page, "data-control-url"), json={"advance": "PT1H"})
    assert moved.status_code == 200, moved.text
    body = moved.json()
    assert body["now"] > before and body["fired_count"] >= 1
    fired = {e["type"] for e in body["fired"]}
    assert "org_account.created" in fired
    assert fired <= {e["type"] for e in world.events()}
    assert shown_time(world) in http.get("/seller/account/linked-accounts").text
    assert http.post(attr(page, "data-control-url"), json={"advance": 5400}).json()["fired_count"] == 0
    frozen = http.post(attr(page, "data-control-url"), json={"freeze": False}).json()
    assert frozen["frozen"] is False


def test_a_partner_center_invitation_expiring_on_the_way_is_listed_in_words(world):
    """I4: `invitation_hours` (72) after sending, the second +48 h expires the invitation on
    both sides; the move lists both changes (the answer once said nothing fell due)."""
    mcn = world.create_partner("Star MCN", kind="mcn")
    world.create_account("bob", age=30, region="US")
    invitation = mcn.center.invite_creator("bob")
    first = world.clock.advance("PT48H")
    assert not [e for e in first.fired if "invitation" in e["type"]]
    second = world.clock.advance("PT48H")
    assert {"partner.invitation_expired", "app.invitation_expired"} <= {
        e["type"] for e in second.fired}
    assert second.fired_count == len(second.changes) >= 2
    assert "Partner Center invitation to @bob expired (rule I4)" in second.changes
    assert "Invitation from Star MCN expired in the creator's TikTok inbox" in second.changes
    # the app agrees when asked once more: the invitation stays expired, nothing else happens
    assert invitation.refresh().status == "expired"
    assert [e["type"] for e in world.events(type="partner.") if "invitation" in e["type"]] == [
        "partner.invitation_sent", "partner.invitation_expired"]


def test_an_invitation_accepted_just_before_the_clock_expired_it_still_binds(world):
    mcn = world.create_partner("Star MCN", kind="mcn")
    bob = world.create_account("bob", age=30, region="US")
    invitation = mcn.center.invite_creator("bob")
    world.clock.advance("PT71H")
    bob.app.inbox()[0].accept()  # Partner Center has not asked since
    world.clock.advance("PT2H")
    assert invitation.refresh().status == "accepted" and invitation.data["bound"] is True


def test_many_changes_are_counted_per_kind():
    from sandbox.presenter.changes import describe, summarize

    events = [{"type": "qr.expired", "subject": f"t{i}", "data": {}} for i in range(10)]
    assert summarize(events[:2], 2) == ["QR code t0 expired", "QR code t1 expired"]
    assert summarize(events, 12) == ["QR code: expired ×10",
                                     "… and 2 more (in the world's event log)"]
    assert describe({"type": "shop.renamed", "subject": "s1", "data": {}}) == "Shop: renamed (s1)"
    # a wording whose facts are missing falls back to the kind
    assert describe({"type": "invitation.expired", "subject": "iv", "data": {}}) == (
        "Seller Center invitation: expired (iv)")


def test_no_widget_without_a_logged_in_world(control_http):
    assert 'id="world-clock"' not in control_http.get("/").text


def test_the_phone_shows_the_world_time_and_moves_it_through_its_own_endpoint(
        sandbox, world, app_http):
    world.create_account("clocky", password="pw-clocky")
    resp = submit_form(app_http, f"/phone/login?world={world.id}", to="/phone/login",
                       world=world.id, username="clocky", password="pw-clocky")
    assert resp.status_code == 302, resp.text[:300]
    page = app_http.get("/phone/").text
    assert shown_time(world) in page and attr(page, "data-control-url") == "/phone/world-clock"
    assert app_http.get("/phone/world-clock").json()["world"] == world.id
    before = world.clock.now()
    refused = app_http.post("/phone/world-clock", json={"advance": "PT2M"})
    assert refused.status_code == 403  # no CSRF token
    moved = app_http.post("/phone/world-clock", json={"advance": "PT2M"},
                          headers={"X-CSRFToken": attr(page, "data-csrf")})
    assert moved.status_code == 200, moved.text
    assert moved.json()["now"] > before and world.clock.now() == moved.json()["now"]
    assert "fired_count" in moved.json()
    bad = app_http.post("/phone/world-clock", json={"advance": "soon"},
                        headers={"X-CSRFToken": attr(page, "data-csrf")})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "INVALID_DURATION"


def beyond_loopback(client):
    """A Flask test client calling from 10.0.0.9 (the control plane wants its token there)."""
    client.environ_base["REMOTE_ADDR"] = "10.0.0.9"
    return client


@pytest.fixture
def apps():
    """Both apps on a fresh runtime, reached through Flask's test clients."""
    from fake_tiktok_app.app import create_app as create_fake_app
    from sandbox.app import create_app
    from sandbox.kernel.runtime import Runtime
    from sandbox.kernel.settings import Settings

    runtime = Runtime(Settings(db="memory", seed_demo=False))
    yield create_app(runtime=runtime), create_fake_app(runtime=runtime)
    runtime.close()


def test_beyond_loopback_the_clock_shows_without_controls(apps):
    seller, fake = apps
    operator = seller.test_client()
    world_id = operator.post("/_sandbox/v1/worlds", json={}).get_json()["id"]
    shop = operator.post(f"/_sandbox/v1/worlds/{world_id}/shops", json={"name": "Far"}).get_json()
    operator.post(f"/_sandbox/v1/worlds/{world_id}/accounts",
                  json={"username": "faraway", "region": "US", "password": "pw-far"})
    far = beyond_loopback(seller.test_client())
    login = far.get(f"/seller/login?world={world_id}").text
    far.post("/seller/login", data={"world": world_id, "email": shop["seller"]["email"],
                                    "password": shop["seller"]["password"],
                                    "csrf_token": csrf_token(login)})
    page = far.get("/seller/account/linked-accounts").get_data(as_text=True)
    assert 'id="world-clock"' in page and "world-clock-controls" not in page
    assert "world-clock-timeline" not in page
    assert attr(page, "data-control-url") is None
    assert far.post(f"/_sandbox/v1/worlds/{world_id}/clock", json={"advance": 60}).status_code == 403
    assert "reset-demo" not in far.get("/").get_data(as_text=True)
    phone = beyond_loopback(fake.test_client())
    login = phone.get(f"/phone/login?world={world_id}").get_data(as_text=True)
    phone.post("/phone/login", data={"world": world_id, "username": "faraway",
                                     "password": "pw-far", "csrf_token": csrf_token(login)})
    page = phone.get("/phone/").get_data(as_text=True)
    assert 'id="world-clock"' in page and "world-clock-controls" not in page
    refused = phone.post("/phone/world-clock", json={"advance": 60},
                         headers={"X-CSRFToken": csrf_token(login)})
    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "CONTROL_TOKEN_REQUIRED"
    assert "reset-demo" not in phone.get("/").get_data(as_text=True)


@pytest.fixture(scope="module")
def own_sandbox():
    """A sandbox of this module's own: resetting demo must not touch the suite's worlds."""
    from sandbox.client import Sandbox

    local = Sandbox.local(ticker=False)
    yield local
    local.close()


def test_reset_demo_on_the_landing_page_recreates_the_demo_world(own_sandbox):
    own_sandbox.reset_demo()
    demo = own_sandbox.world("demo")
    old_links = {link["id"] for link in demo.links()}
    assert old_links  # the seed links linked_lena to Other Shop
    extra = demo.create_shop(name="Leftover")
    with httpx.Client(base_url=own_sandbox.url, timeout=30) as http:
        landing = http.get("/").text
        assert 'id="reset-demo"' in landing and 'id="new-demo"' in landing
        resp = submit_form(http, "/", to="/demo/reset")
        assert resp.status_code == 302 and resp.headers["location"].endswith("/worlds/demo/open")
        assert http.post("/demo/reset").status_code == 403  # no CSRF token: nothing happens
        demo = own_sandbox.world("demo")
        assert demo.links() and not old_links & {link["id"] for link in demo.links()}
        with pytest.raises(Exception, match="SHOP_NOT_FOUND|not found"):
            extra.refresh()
        resp = submit_form(http, "/", to="/demo/new")
        assert resp.status_code == 302
        new_id = resp.headers["location"].split("/worlds/")[1].split("/")[0]
        assert new_id != "demo" and own_sandbox.world(new_id).links()


def test_reset_demo_on_the_phone_landing_page(own_sandbox):
    with httpx.Client(base_url=own_sandbox.app_url, timeout=30) as http:
        before = {link["id"] for link in own_sandbox.reset_demo().links()}
        resp = submit_form(http, "/", to="/demo/reset")
        assert resp.status_code == 302 and "/worlds/demo/open" in resp.headers["location"]
        assert not before & {link["id"] for link in own_sandbox.world("demo").links()}
        resp = submit_form(http, "/", to="/demo/new")
        assert resp.status_code == 302 and "/worlds/demo-" in resp.headers["location"]


def test_cli_demo_reset(own_sandbox, capsys):
    from sandbox.cli import main

    assert main(["demo", "--url", own_sandbox.url, "reset"]) == 0
    assert '"id": "demo"' in capsys.readouterr().out
    first = {link["id"] for link in own_sandbox.world("demo").links()}
    assert main(["demo", "reset", "--url", own_sandbox.url]) == 0
    assert not first & {link["id"] for link in own_sandbox.world("demo").links()}
